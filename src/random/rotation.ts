import { gaussian } from './gaussian.js';
import type { Rng } from './uniform.js';

/**
 * Haar-random rotation of R^m (row-major m×m orthogonal matrix): Gram–Schmidt
 * QR of a Gaussian matrix with R's diagonal made positive (Mezzadri 2007),
 * orthogonalised twice for accuracy. Its determinant may be ±1 (Haar on O(m)).
 *
 * @param m - Dimension.
 * @param rng - Uniform generator.
 */
export function randomRotation(m: number, rng: Rng): Float64Array {
  const Q = new Float64Array(m * m);
  for (let i = 0; i < m * m; i++) Q[i] = gaussian(rng);
  // Columns of Q are orthonormalised in turn; a column is Q[r*m + c] over r.
  for (let c = 0; c < m; c++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < c; p++) {
        let dot = 0;
        for (let r = 0; r < m; r++) dot += Q[r * m + p] * Q[r * m + c];
        for (let r = 0; r < m; r++) Q[r * m + c] -= dot * Q[r * m + p];
      }
    }
    let len = 0;
    for (let r = 0; r < m; r++) len += Q[r * m + c] * Q[r * m + c];
    len = Math.sqrt(len);
    for (let r = 0; r < m; r++) Q[r * m + c] /= len;
  }
  return Q;
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
