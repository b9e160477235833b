/** Deterministic subsets of long feature lists, for statistics the page estimates instead of computing in full. */

/** At most `limit` members, evenly spaced through the list (all of them when it is short). */
export function evenlySpaced(features: readonly number[], limit: number): number[] {
  if (features.length <= limit) return [...features];
  return Array.from({ length: limit }, (_, j) => features[Math.floor((j * features.length) / limit)]);
}
