/**
 * Gram matrix G = W Wᵀ of the feature vectors (G[i*n + j] = W_i·W_j), float64,
 * plain CPU. This is the reference the GPU kernels are checked against.
 *
 * @param W - Feature-major n×m values: W[i*m + r] is coordinate r of feature i.
 * @param m - Hidden dimension.
 * @param n - Number of features.
 * @returns Row-major n×n symmetric matrix.
 */
export function gram(W: Float64Array, m: number, n: number): Float64Array {
  const G = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += W[i * m + r] * W[j * m + r];
      G[i * n + j] = s;
      G[j * n + i] = s;
    }
  }
  return G;
}
