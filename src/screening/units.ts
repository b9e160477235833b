/**
 * What callers do around a screening pass: unit-normalise W into float32
 * directions, pick the random-direction baseline threshold, and re-check the
 * kept pairs exactly in float64.
 */
import type { PairList } from './types.js';

/**
 * Feature-major float32 unit directions u_i = w_i / ‖w_i‖ (norm taken in
 * float64); zero rows stay zero. Allocated in shared memory where the runtime
 * has it, so the worker pool hands the same bytes to every worker (no copy).
 *
 * @param W Feature-major n×m weights, W[i·m + r].
 * @param n Features.
 * @param m Dimension.
 */
export function unitDirections(W: Float64Array | Float32Array, n: number, m: number): Float32Array {
  if (W.length < n * m) throw new RangeError(`W has ${W.length} values, expected n·m = ${n * m}`);
  const bytes = 4 * n * m;
  const units = new Float32Array(typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let r = 0; r < m; r++) s += W[i * m + r] * W[i * m + r];
    if (s === 0) continue;
    const inv = 1 / Math.sqrt(s);
    for (let r = 0; r < m; r++) units[i * m + r] = W[i * m + r] * inv;
  }
  return units;
}

/**
 * The scale of the largest |cos| among n random unit vectors in R^m:
 * sqrt(2 ln(n²) / m), the Gaussian tail bound over the n²/2 pairs (each cos
 * ≈ N(0, 1/m)); a threshold of about 1.1× this admits few random pairs.
 *
 * @param n Number of directions (≥ 2).
 * @param m Dimension (≥ 1).
 */
export function randomCosineTail(n: number, m: number): number {
  return Math.sqrt((2 * Math.log(Math.max(2, n) ** 2)) / Math.max(1, m));
}

/**
 * Exact cosines of a pair list's pairs from float64 weights: cos = w_i·w_j /
 * (‖w_i‖‖w_j‖), 0 when either row is zero. The float32 screen only proposes;
 * decisions near a threshold are taken on these.
 *
 * @param W Feature-major n×m weights (need not be normalised).
 * @param n Features.
 * @param m Dimension.
 * @param pairs The pairs to re-check.
 * @returns One float64 cosine per pair, aligned with pairs.i / pairs.j.
 */
export function recheckPairs(W: Float32Array | Float64Array, n: number, m: number, pairs: Pick<PairList, 'i' | 'j'>): Float64Array {
  if (W.length < n * m) throw new RangeError(`W has ${W.length} values, expected n·m = ${n * m}`);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let r = 0; r < m; r++) s += W[i * m + r] * W[i * m + r];
    norms[i] = Math.sqrt(s);
  }
  const out = new Float64Array(pairs.i.length);
  for (let p = 0; p < out.length; p++) {
    const i = pairs.i[p];
    const j = pairs.j[p];
    if (i >= n || j >= n) throw new RangeError(`pair (${i}, ${j}) outside ${n} features`);
    const d = norms[i] * norms[j];
    if (d === 0) continue;
    let s = 0;
    for (let r = 0; r < m; r++) s += W[i * m + r] * W[j * m + r];
    out[p] = s / d;
  }
  return out;
}
