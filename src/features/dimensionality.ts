import { triangularFactor } from './triangular.js';

/**
 * Feature dimensionality (Toy Models of Superposition, Elhage et al. 2022):
 * D_i = ‖W_i‖² / Σ_j (Ŵ_i·W_j)², j running over all features including i.
 * Since Ŵ_i = W_i/‖W_i‖ this equals ‖W_i‖⁴ / Σ_j (W_i·W_j)². D_i = 1 for a
 * dedicated dimension, 1/2 for an antipodal pair, 2/5 for a pentagon; D_i = 0
 * for a zero feature by convention.
 *
 * The n×n Gram matrix is never stored. Σ_j (W_i·W_j)² = ‖W W_iᵀ‖² = ‖R W_iᵀ‖²
 * with R the m×m triangular factor of W = QR (see triangularFactor), so for
 * n > m the cost is O(n m²) time and O(n m) memory; for n ≤ m the Gram rows
 * are computed one at a time (O(n² m) time, O(n) memory), the cheaper way there.
 *
 * @param W - Feature-major n×m values: W[i*m + r] is coordinate r of feature i.
 * @param m - Hidden dimension.
 * @param n - Number of features.
 * @returns Length-n array of D_i.
 */
export function dimensionality(W: Float64Array, m: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const R = n > m ? triangularFactor(W, n, m) : null;
  for (let i = 0; i < n; i++) {
    const wi = i * m;
    let sq = 0;
    for (let r = 0; r < m; r++) sq += W[wi + r] * W[wi + r];
    if (sq === 0) continue;
    let denom = 0;
    if (R) {
      for (let r = 0; r < m; r++) {
        let s = 0;
        for (let c = r; c < m; c++) s += R[r * m + c] * W[wi + c];
        denom += s * s;
      }
    } else {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let r = 0; r < m; r++) s += W[wi + r] * W[j * m + r];
        denom += s * s;
      }
    }
    out[i] = (sq * sq) / denom;
  }
  return out;
}
