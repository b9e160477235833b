/**
 * The intersection poset in floating point with a relative tolerance: the same
 * construction as the exact one (see intersection-poset.ts: coned vectors, covers of a
 * flat Y found by grouping the other vectors' residues modulo span(Y)), but a vector
 * belongs to a span when its relative residual is a relation for the incidence judge
 * (incidence.ts: geometric tolerance, ambiguous residuals settled in exact arithmetic). It
 * sees degeneracies with irrational coefficients (a square antiprism's quadruple points)
 * that rounding to fractions cannot.
 */
import { norm, residual, dot } from './float-vectors.js';
import type { IncidenceJudge } from './incidence.js';
import { characteristicFromCovers, type PosetResult } from './mobius.js';

interface Flat {
  members: number[];
  /** Orthonormal basis of the span of the members' vectors. */
  basis: Float64Array[];
  /** Members whose vectors the basis was built from, in order (for exact confirmation). */
  pivots: number[];
  below: number[];
  rank: number;
}

/** Component of v orthogonal to the unit vector q. */
function offLine(v: Float64Array, q: Float64Array): number {
  const d = dot(v, q);
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - d * q[i]) ** 2;
  return Math.sqrt(s);
}

/**
 * Groups the residues that lie on one line: g joins f's group when v_g lies in
 * span(Y ∪ {v_f}) for the judge (relative residual ‖res_g off the line of res_f‖/‖v_g‖).
 * Comparing all pairs would cost n² per flat; parallel residues have nearly equal |⟨r̂, z⟩|
 * for a fixed unit z, so after sorting by that key only neighbours within the largest
 * angle the judge could still call a relation need comparing.
 *
 * @param res - residues modulo span(Y), null for members of Y.
 * @param norms - norms of the original vectors.
 * @param pivots - the vectors Y's basis was built from.
 * @param judge - incidence decisions.
 */
function groupParallel(
  res: (Float64Array | null)[],
  norms: number[],
  pivots: number[],
  judge: IncidenceJudge,
): { members: number[]; first: number; q: Float64Array }[] {
  const items: { i: number; r: Float64Array; q: Float64Array; key: number; angle: number }[] = [];
  const dim = res.find((r) => r !== null)?.length ?? 0;
  const z = Float64Array.from({ length: dim }, (_, k) => Z[k % Z.length]);
  const zn = norm(z);
  res.forEach((r, i) => {
    if (r === null) return;
    const nr = norm(r);
    // In span(Y): Y's closure should have caught it; leave it out.
    if (judge.dependent(nr / norms[i], [...pivots, i])) return;
    const q = r.map((x) => x / nr);
    // |key_f − key_g| ≤ ‖q_f ∓ q_g‖ ≤ 2·(sine of their angle) for angles ≤ π/2.
    items.push({ i, r, q, key: Math.abs(dot(q, z)) / zn, angle: Math.min(1, (judge.upper * norms[i]) / nr) });
  });
  items.sort((a, b) => a.key - b.key);
  const window = 2 * Math.max(0, ...items.map((t) => t.angle));
  const done = new Uint8Array(items.length);
  const groups: { members: number[]; first: number; q: Float64Array }[] = [];
  for (let a = 0; a < items.length; a++) {
    if (done[a]) continue;
    const f = items[a];
    const members = [f.i];
    done[a] = 1;
    for (let c = a + 1; c < items.length && items[c].key - f.key <= window; c++) {
      if (!done[c] && judge.dependent(offLine(items[c].r, f.q) / norms[items[c].i], [...pivots, f.i, items[c].i])) {
        members.push(items[c].i);
        done[c] = 1;
      }
    }
    groups.push({ members: members.sort((x, y) => x - y), first: f.i, q: f.q });
  }
  return groups;
}

/** A fixed direction with irrational, distinct entries (tiled to any length) for the sort key. */
const Z = [0.7548776662, -0.569840291, 0.3247179572, 0.1861209718, -0.4142135624, 0.2360679775, -0.6180339887, 0.4494897428];

/**
 * @param vectors - per hyperplane, its coned vector of length r+1 (last entry: offset);
 *   the hyperplanes must be distinct.
 * @param r - rank of the normals (the essential dimension).
 * @param maxFlats - give up once more than this many flats exist.
 * @param judge - incidence decisions about `vectors` (its infinity index stands for e_∞).
 */
export function numericPosetCharacteristicPolynomial(vectors: Float64Array[], r: number, maxFlats: number, judge: IncidenceJudge): PosetResult {
  const n = vectors.length;
  const infinity = new Float64Array(r + 1);
  infinity[r] = 1;
  const norms = vectors.map(norm);
  const flats: Flat[] = [{ members: [], basis: [], pivots: [], below: [], rank: 0 }];
  let level = [0];
  for (let k = 1; k <= r && level.length > 0; k++) {
    const byKey = new Map<string, number>();
    const next: number[] = [];
    for (const y of level) {
      const Y = flats[y];
      const inY = new Uint8Array(n);
      for (const i of Y.members) inY[i] = 1;
      const res = vectors.map((v, i) => (inY[i] ? null : residual(Y.basis, v)));
      const infRes = residual(Y.basis, infinity);
      const groups = groupParallel(res, norms, Y.pivots, judge);
      for (const { members: group, first, q } of groups) {
        // e_∞ in the span (‖e_∞‖ = 1): Y ∩ H_f = ∅.
        if (judge.dependent(offLine(infRes, q), [...Y.pivots, first, judge.infinity])) continue;
        const members = [...Y.members, ...group].sort((a, c) => a - c);
        const key = members.join(',');
        let x = byKey.get(key);
        if (x === undefined) {
          if (flats.length >= maxFlats) return { capped: true, flats: flats.length };
          x = flats.length;
          flats.push({ members, basis: [...Y.basis, q], pivots: [...Y.pivots, first], below: [], rank: k });
          byKey.set(key, x);
          next.push(x);
        }
        flats[x].below.push(y);
      }
    }
    level = next;
  }
  return { chi: characteristicFromCovers(flats, r), flats: flats.length, covers: flats };
}
