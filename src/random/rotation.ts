import { gaussian } from './gaussian.js';
import type { Rng } from './uniform.js';

/**
 * Orthonormalises `count` vectors of R^m in place by modified Gram–Schmidt,
 * each projected out twice: one pass loses orthogonality on nearly dependent
 * Gaussian draws, two keep it at rounding level (Giraud et al. 2005).
 * Coordinate r of vector j is X[j·vectorStride + r·coordStride], so rows and
 * columns of one buffer are served alike.
 */
function orthonormalise(X: Float64Array, count: number, m: number, vectorStride: number, coordStride: number): void {
  for (let c = 0; c < count; c++) {
    const oc = c * vectorStride;
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < c; p++) {
        const op = p * vectorStride;
        let dot = 0;
        for (let r = 0; r < m; r++) dot += X[op + r * coordStride] * X[oc + r * coordStride];
        for (let r = 0; r < m; r++) X[oc + r * coordStride] -= dot * X[op + r * coordStride];
      }
    }
    let len = 0;
    for (let r = 0; r < m; r++) {
      const x = X[oc + r * coordStride];
      len += x * x;
    }
    len = Math.sqrt(len);
    for (let r = 0; r < m; r++) X[oc + r * coordStride] /= len;
  }
}

/**
 * Haar-random rotation of R^m (row-major m×m orthogonal matrix): Gram–Schmidt
 * QR of a Gaussian matrix, which leaves R's diagonal positive as Haar measure
 * needs (Mezzadri 2007). Its determinant may be ±1 (Haar on O(m)).
 *
 * @param m - Dimension.
 * @param rng - Uniform generator.
 */
export function randomRotation(m: number, rng: Rng): Float64Array {
  const Q = new Float64Array(m * m);
  for (let i = 0; i < m * m; i++) Q[i] = gaussian(rng);
  // The columns are orthonormalised, as they always were: committed test numbers depend on the sequence.
  orthonormalise(Q, m, m, 1, m);
  return Q;
}

/**
 * D Haar-random orthonormal vectors of R^m (row-major D×m): Gram–Schmidt on
 * Gaussian rows, O(D²m) where a full random rotation costs O(m³).
 *
 * @param m - Dimension.
 * @param D - Number of vectors (≤ m).
 * @param rng - Uniform generator.
 */
export function randomFrame(m: number, D: number, rng: Rng): Float64Array {
  const F = new Float64Array(D * m);
  for (let i = 0; i < D * m; i++) F[i] = gaussian(rng);
  orthonormalise(F, D, m, m, 1);
  return F;
}

/**
 * Rotate every feature: W'_i = Q W_i.
 *
 * @param W - Feature-major n×m values.
 * @param m - Hidden dimension.
 * @param Q - Row-major m×m matrix (e.g. from randomRotation).
 * @returns A new feature-major array.
 */
export function applyRotation(W: Float64Array, m: number, Q: Float64Array): Float64Array {
  const n = W.length / m;
  const out = new Float64Array(W.length);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < m; r++) {
      let s = 0;
      for (let c = 0; c < m; c++) s += Q[r * m + c] * W[i * m + c];
      out[i * m + r] = s;
    }
  }
  return out;
}
