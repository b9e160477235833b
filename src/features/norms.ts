/**
 * Euclidean norm of every feature direction.
 *
 * @param W - Feature-major n×m values: W[i*m + r] is coordinate r of feature i.
 * @param m - Hidden dimension (length of each feature vector).
 * @param n - Number of features.
 * @returns Length-n array, entry i = ‖W_i‖.
 */
export function featureNorms(W: Float64Array, m: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let r = 0; r < m; r++) {
      const x = W[i * m + r];
      s += x * x;
    }
    out[i] = Math.sqrt(s);
  }
  return out;
}
