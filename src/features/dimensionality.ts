import { gram } from './gram.js';

/**
 * Feature dimensionality (Toy Models of Superposition, Elhage et al. 2022):
 * D_i = ‖W_i‖² / Σ_j (Ŵ_i·W_j)², j running over all features including i.
 * Since Ŵ_i = W_i/‖W_i‖ this equals ‖W_i‖⁴ / Σ_j (W_i·W_j)², which needs only
 * the Gram matrix. D_i = 1 for a dedicated dimension, 1/2 for an antipodal pair,
 * 2/5 for a pentagon; D_i = 0 for a zero feature by convention.
 *
 * @param W - Feature-major n×m values: W[i*m + r] is coordinate r of feature i.
 * @param m - Hidden dimension.
 * @param n - Number of features.
 * @returns Length-n array of D_i.
 */
export function dimensionality(W: Float64Array, m: number, n: number): Float64Array {
  const G = gram(W, m, n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const sq = G[i * n + i];
    if (sq === 0) continue;
    let denom = 0;
    for (let j = 0; j < n; j++) denom += G[i * n + j] * G[i * n + j];
    out[i] = (sq * sq) / denom;
  }
  return out;
}
