/**
 * Bottleneck distance between persistence diagrams: the smallest ε such that the bars can
 * be matched one-to-one, each matched pair within ε in both birth and death (L∞), and
 * every unmatched bar within ε of the diagonal, i.e. (death − birth)/2 ≤ ε.
 */
import type { PersistencePair } from './types.js';

/**
 * Exact bottleneck distance (the same convention as gudhi.bottleneck_distance).
 *
 * Infinite bars match only infinite bars: if the two diagrams have different numbers the
 * distance is Infinity, otherwise their sorted births are paired. For the finite bars the
 * answer is one of the O(|a|·|b|) candidate distances; a binary search over them asks whether
 * a bipartite matching exists that covers every bar farther than ε from the diagonal (the
 * bars left over go to the diagonal, where any two projections pair up).
 *
 * @param a - one diagram's bars.
 * @param b - the other's.
 * @returns the distance, 0 for two empty diagrams.
 */
export function bottleneckDistance(a: PersistencePair[], b: PersistencePair[]): number {
  const essentialA = a
    .filter((p) => p.death === Infinity)
    .map((p) => p.birth)
    .sort((x, y) => x - y);
  const essentialB = b
    .filter((p) => p.death === Infinity)
    .map((p) => p.birth)
    .sort((x, y) => x - y);
  if (essentialA.length !== essentialB.length) return Infinity;
  let essential = 0;
  essentialA.forEach((birth, k) => (essential = Math.max(essential, Math.abs(birth - essentialB[k]))));

  const A = a.filter((p) => p.death !== Infinity);
  const B = b.filter((p) => p.death !== Infinity);
  const half = (p: PersistencePair): number => (p.death - p.birth) / 2;
  const cost = (p: PersistencePair, q: PersistencePair): number => Math.max(Math.abs(p.birth - q.birth), Math.abs(p.death - q.death));
  const candidates = [0, ...A.map(half), ...B.map(half)];
  for (const p of A) for (const q of B) candidates.push(cost(p, q));
  const sorted = Float64Array.from(candidates).sort();
  let lo = 0;
  let hi = sorted.length - 1;
  // The largest candidate always works: every bar can go to the diagonal.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matchable(A, B, sorted[mid], half, cost)) hi = mid;
    else lo = mid + 1;
  }
  return Math.max(essential, sorted[lo]);
}

/** Whether A and B can be matched within eps, bars far from the diagonal all matched. */
function matchable(
  A: PersistencePair[],
  B: PersistencePair[],
  eps: number,
  half: (p: PersistencePair) => number,
  cost: (p: PersistencePair, q: PersistencePair) => number,
): boolean {
  // A matching covering the long bars of A and one covering the long bars of B combine into
  // one covering both (Mendelsohn–Dulmage), so the two sides are checked separately.
  return covers(A, B, eps, half, cost) && covers(B, A, eps, half, cost);
}

/** Whether every bar of `from` farther than eps from the diagonal matches a distinct bar of `to` within eps (Kuhn's augmenting paths). */
function covers(
  from: PersistencePair[],
  to: PersistencePair[],
  eps: number,
  half: (p: PersistencePair) => number,
  cost: (p: PersistencePair, q: PersistencePair) => number,
): boolean {
  const long = from.filter((p) => half(p) > eps);
  if (long.length > to.length) return false;
  const adjacency = long.map((p) => to.flatMap((q, k) => (cost(p, q) <= eps ? [k] : [])));
  const owner = new Int32Array(to.length).fill(-1);
  const augment = (i: number, seen: Uint8Array): boolean => {
    for (const k of adjacency[i]) {
      if (seen[k]) continue;
      seen[k] = 1;
      if (owner[k] < 0 || augment(owner[k], seen)) {
        owner[k] = i;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < long.length; i++) if (!augment(i, new Uint8Array(to.length))) return false;
  return true;
}
