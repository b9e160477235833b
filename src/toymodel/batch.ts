import type { Xoshiro128ss } from '../random/xoshiro128ss.js';

/**
 * A batch of Toy Models inputs in compressed sparse rows: at small p most
 * features are 0, and the trainer's cost follows the active entries.
 */
export interface SparseBatch {
  /** Samples in the batch. */
  size: number;
  /** Features per sample (n). */
  n: number;
  /** Row pointers: sample s's active entries are start[s] .. start[s + 1] − 1. */
  start: Int32Array;
  /** Feature index of each active entry, increasing within a sample. */
  feature: Int32Array;
  /** Value of each active entry, in (0, 1) (almost surely non-zero). */
  value: Float64Array;
}

/** Below this p the sampler jumps between active entries instead of visiting every one. */
const GEOMETRIC_BELOW = 0.1;

/**
 * Allocate a batch buffer for `size` samples of `n` features.
 *
 * @param size - Samples per batch.
 * @param n - Features per sample.
 */
export function allocateBatch(size: number, n: number): SparseBatch {
  return { size, n, start: new Int32Array(size + 1), feature: new Int32Array(size * n), value: new Float64Array(size * n) };
}

/**
 * Fill `batch` with fresh samples: every feature independently uniform on
 * [0, 1) with probability p, else 0 (the Toy Models data, p = 1 − S).
 *
 * Two exact samplers of the same distribution, chosen by cost:
 * - p ≥ 0.1: one draw u per entry; active when u < p, with value u / p
 *   (given u < p, u / p is uniform on [0, 1)).
 * - p < 0.1: the gaps between active entries of the flattened batch are
 *   geometric, ⌊ln(1 − u) / ln(1 − p)⌋ (inverse CDF), so only active entries
 *   cost draws.
 *
 * @param batch - Buffer from allocateBatch, overwritten.
 * @param p - Probability that a feature is active, in (0, 1].
 * @param rng - The run's generator (a class, not a function, for speed: see Xoshiro128ss).
 */
export function sampleBatch(batch: SparseBatch, p: number, rng: Xoshiro128ss): void {
  const { size, n, start, feature, value } = batch;
  let k = 0;
  if (p >= GEOMETRIC_BELOW) {
    const invP = 1 / p;
    for (let s = 0; s < size; s++) {
      start[s] = k;
      for (let i = 0; i < n; i++) {
        // Branch-free: the slot is written always and kept when u < p (p = 0.3 would mispredict often).
        const u = rng.next();
        feature[k] = i;
        value[k] = u * invP;
        k += u < p ? 1 : 0;
      }
    }
    start[size] = k;
    return;
  }
  const invLogQ = 1 / Math.log1p(-p);
  const total = size * n;
  let s = 0;
  start[0] = 0;
  for (let pos = Math.floor(Math.log1p(-rng.next()) * invLogQ); pos < total; pos += 1 + Math.floor(Math.log1p(-rng.next()) * invLogQ)) {
    const row = Math.floor(pos / n);
    while (s < row) start[++s] = k;
    feature[k] = pos - row * n;
    value[k++] = rng.next();
  }
  while (s < size) start[++s] = k;
}
