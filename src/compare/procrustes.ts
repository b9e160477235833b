/**
 * Aligning two runs' hidden spaces. A toy model's hidden space is defined only
 * up to rotation (x' = ReLU(WᵀW x + b) is unchanged by W → RW), so two runs are
 * compared after the orthogonal Procrustes rotation that best maps one onto
 * the other (Schönemann 1966: R = UVᵀ from the SVD of B Aᵀ).
 */
import { Matrix, SVD } from 'ml-matrix';

/**
 * The rotation R (m×m, row-major) minimising ‖R A − B‖_F, where A and B are
 * feature-major n×m arrays (feature i of A maps onto feature i of B).
 *
 * @param A - Feature-major n×m weights of the run being aligned.
 * @param B - Feature-major n×m weights of the reference run.
 * @param m - Hidden dimension.
 */
export function procrustesRotation(A: Float64Array, B: Float64Array, m: number): Float64Array {
  const n = A.length / m;
  // M = B Aᵀ in the m×m hidden space: M[r][s] = Σ_i B_i[r] A_i[s].
  const M = Matrix.zeros(m, m);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < m; r++) {
      const b = B[i * m + r];
      if (b === 0) continue;
      for (let s = 0; s < m; s++) M.set(r, s, M.get(r, s) + b * A[i * m + s]);
    }
  }
  const svd = new SVD(M, { autoTranspose: true });
  const R = svd.leftSingularVectors.mmul(svd.rightSingularVectors.transpose());
  return Float64Array.from(R.to1DArray());
}

/** Apply a row-major m×m rotation to every feature: out_i = R a_i. */
export function rotateFeatures(A: Float64Array, m: number, R: Float64Array): Float64Array {
  const n = A.length / m;
  const out = new Float64Array(A.length);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < m; r++) {
      let s = 0;
      for (let c = 0; c < m; c++) s += R[r * m + c] * A[i * m + c];
      out[i * m + r] = s;
    }
  }
  return out;
}

/** ‖X − Y‖_F / ‖Y‖_F (0 when both vanish). */
export function relativeResidual(X: Float64Array, Y: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < X.length; i++) {
    num += (X[i] - Y[i]) ** 2;
    den += Y[i] ** 2;
  }
  return den > 0 ? Math.sqrt(num / den) : Math.sqrt(num);
}
