/**
 * Euclidean norm of every feature direction, overflow- and underflow-free:
 * each row is scaled by its largest |x| before squaring (the LAPACK dnrm2
 * idea), so |x| ≈ 1e200 gives a finite norm instead of Infinity and a row of
 * subnormals a non-zero one instead of 0.
 *
 * @param W - Feature-major n×m values: W[i*m + r] is coordinate r of feature i.
 * @param m - Hidden dimension (length of each feature vector).
 * @param n - Number of features.
 * @returns Length-n array, entry i = ‖W_i‖.
 */
export function featureNorms(W: Float32Array | Float64Array, m: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let scale = 0;
    for (let r = 0; r < m; r++) scale = Math.max(scale, Math.abs(W[i * m + r]));
    if (scale === 0) continue;
    let s = 0;
    for (let r = 0; r < m; r++) {
      const x = W[i * m + r] / scale;
      s += x * x;
    }
    out[i] = scale * Math.sqrt(s);
  }
  return out;
}
