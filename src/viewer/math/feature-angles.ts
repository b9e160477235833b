/**
 * What the detail panel says about one feature: its inner products and
 * angles with the other represented features, strongest interference first.
 * These are read off W (display, not analysis); bundles and labels come from
 * the Report.
 */

/** One neighbour of a feature. */
export interface Neighbour {
  index: number;
  /** W_i · W_j. */
  dot: number;
  /** cos ∠(W_i, W_j). */
  cos: number;
  /** The angle in degrees, in [0, 180]. */
  degrees: number;
}

/**
 * Neighbours of feature `i` among `others`, sorted by |cos| descending.
 *
 * @param W Feature-major weights.
 * @param m Hidden dimension.
 * @param i The feature.
 * @param others Candidate neighbours (i itself and zero vectors are skipped).
 * @param limit At most this many are returned.
 */
export function neighboursOf(W: Float64Array, m: number, i: number, others: readonly number[], limit: number): Neighbour[] {
  const ni = norm(W, m, i);
  const out: Neighbour[] = [];
  for (const j of others) {
    if (j === i) continue;
    const nj = norm(W, m, j);
    if (ni === 0 || nj === 0) continue;
    let dot = 0;
    for (let r = 0; r < m; r++) dot += W[i * m + r] * W[j * m + r];
    const cos = Math.max(-1, Math.min(1, dot / (ni * nj)));
    out.push({ index: j, dot, cos, degrees: (Math.acos(cos) * 180) / Math.PI });
  }
  return out.sort((a, b) => Math.abs(b.cos) - Math.abs(a.cos)).slice(0, limit);
}

/**
 * The smallest and largest angle (degrees) between distinct features of a set:
 * for a regular polytope the smallest is its edge angle (72° for a pentagon,
 * ≈109.47° for a tetrahedron, 180° for a digon). O(k²·m) time, O(k·m) memory:
 * the page calls it on the main thread only for small sets and otherwise in a
 * Worker (src/viewer/workers/angle-worker.ts).
 *
 * @param W Feature-major weights.
 * @param m Hidden dimension.
 * @param features The set (zero vectors are skipped).
 * @returns null for fewer than two non-zero features.
 */
export function angleRange(W: Float64Array, m: number, features: readonly number[]): { min: number; max: number } | null {
  const units: Float64Array[] = [];
  for (const f of features) {
    const n = norm(W, m, f);
    if (n > 0) units.push(Float64Array.from(W.subarray(f * m, f * m + m), (x) => x / n));
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let a = 0; a < units.length; a++) {
    const u = units[a];
    for (let b = a + 1; b < units.length; b++) {
      const v = units[b];
      let dot = 0;
      for (let r = 0; r < m; r++) dot += u[r] * v[r];
      if (dot < lo) lo = dot;
      if (dot > hi) hi = dot;
    }
  }
  if (lo === Infinity) return null;
  // The largest cosine is the smallest angle.
  const degrees = (c: number): number => (Math.acos(Math.max(-1, Math.min(1, c))) * 180) / Math.PI;
  return { min: degrees(hi), max: degrees(lo) };
}

function norm(W: Float64Array, m: number, i: number): number {
  let s = 0;
  for (let r = 0; r < m; r++) s += W[i * m + r] ** 2;
  return Math.sqrt(s);
}
