/**
 * Unit directions Ŵ_i = W_i/‖W_i‖ of selected features, packed feature-major.
 * Geometry (angles, ranks, polytope shapes) is read from directions so that a
 * positive rescaling of any feature changes nothing.
 *
 * @param W - Feature-major n×m values: W[i*m + r] is coordinate r of feature i.
 * @param m - Hidden dimension.
 * @param features - Indices of the features to take, in the order wanted.
 * @returns features.length×m feature-major array; a zero feature stays zero.
 */
export function unitDirections(W: Float32Array | Float64Array, m: number, features: readonly number[]): Float64Array {
  const out = new Float64Array(features.length * m);
  features.forEach((f, a) => {
    let s = 0;
    for (let r = 0; r < m; r++) s += W[f * m + r] * W[f * m + r];
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let r = 0; r < m; r++) out[a * m + r] = W[f * m + r] * inv;
  });
  return out;
}

/**
 * The selected features' rows as float64, packed feature-major: a candidate
 * set's exact (float64) work reads this small copy, whatever W's storage.
 *
 * @param W - Feature-major n×m values.
 * @param m - Hidden dimension.
 * @param features - Indices of the features to take, in the order wanted.
 * @returns features.length×m values.
 */
export function featureRows(W: Float32Array | Float64Array, m: number, features: readonly number[]): Float64Array {
  return copyRows(W, m, features, new Float64Array(features.length * m));
}

/**
 * Copy the selected features' rows into `out` (features.length×m, packed feature-major).
 *
 * @param W - Feature-major n×m values.
 * @param m - Hidden dimension.
 * @param features - Indices of the features to take, in the order wanted.
 * @param out - Destination (float32 keeps a float32 W's values exactly).
 * @returns out.
 */
export function copyRows<T extends Float32Array | Float64Array>(W: Float32Array | Float64Array, m: number, features: readonly number[], out: T): T {
  features.forEach((f, a) => out.set(W.subarray(f * m, f * m + m), a * m));
  return out;
}
