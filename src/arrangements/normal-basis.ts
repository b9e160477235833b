/**
 * Coordinates of the normals in a basis chosen from the normals themselves. In the
 * coordinates y_k = ⟨w_{B_k}, h⟩ hyperplane j reads Σ_k c_jk y_k + b_j = 0, whatever the
 * rotation of the hidden space; and relations such as w₃ = w₁ + w₂ show as small
 * rational coefficients, where the raw coordinates (irrational after a rotation) would
 * hide them.
 */
import { dot, norm } from './float-vectors.js';

/** Normals in a basis of normals. */
export interface NormalCoordinates {
  /** Indices (into the input list) of the normals chosen as basis, in pivot order. */
  basis: number[];
  /** Per normal, its coefficients in that basis (exactly a unit vector for basis normals). */
  coefficients: Float64Array[];
}

/**
 * Picks a basis greedily by largest relative residual ‖w − proj w‖/‖w‖ (Gram–Schmidt
 * with column pivoting, which keeps the basis well conditioned), stops when every
 * relative residual is ≤ tol (the numerical rank), and solves each normal's
 * coefficients by least squares.
 *
 * @param normals - non-zero normals, all of one length m.
 * @param tol - relative residual under which a normal counts as in the span.
 */
export function normalCoordinates(normals: Float64Array[], tol: number): NormalCoordinates {
  const residual = normals.map((d) => Float64Array.from(d));
  const norms = normals.map(norm);
  const q: Float64Array[] = [];
  const basis: number[] = [];
  const chosen = new Set<number>();
  for (;;) {
    let best = -1;
    let bestRel = tol;
    residual.forEach((v, j) => {
      const rel = norm(v) / norms[j];
      if (!chosen.has(j) && rel > bestRel) {
        bestRel = rel;
        best = j;
      }
    });
    if (best < 0) break;
    const qk = Float64Array.from(residual[best]);
    // Re-orthogonalise once: a single Gram–Schmidt pass can lose orthogonality.
    for (const qi of q) axpy(qk, qi, -dot(qk, qi));
    scale(qk, 1 / norm(qk));
    q.push(qk);
    basis.push(best);
    chosen.add(best);
    for (const v of residual) axpy(v, qk, -dot(v, qk));
  }
  const r = basis.length;
  // R[i][k] = ⟨q_i, w_{B_k}⟩ is upper triangular: W_B = Q R.
  const R = q.map((qi) => basis.map((bk) => dot(qi, normals[bk])));
  const coefficients = normals.map((d, j) => {
    const c = new Float64Array(r);
    const pos = basis.indexOf(j);
    if (pos >= 0) {
      c[pos] = 1;
      return c;
    }
    const y = q.map((qi) => dot(qi, d));
    for (let i = r - 1; i >= 0; i--) {
      let s = y[i];
      for (let k = i + 1; k < r; k++) s -= R[i][k] * c[k];
      c[i] = s / R[i][i];
    }
    return c;
  });
  return { basis, coefficients };
}

function axpy(y: Float64Array, x: Float64Array, a: number): void {
  for (let i = 0; i < y.length; i++) y[i] += a * x[i];
}

function scale(y: Float64Array, a: number): void {
  for (let i = 0; i < y.length; i++) y[i] *= a;
}
