/** Möbius function of an intersection poset from its cover relations, and χ from it. */

/** Outcome of a poset computation: χ in the essential dimension r (ascending), or the flat count that stopped it. */
export type PosetResult = { chi: bigint[]; flats: number; covers: CoveredFlat[] } | { capped: true; flats: number };

/** A flat as the poset code stores it: its rank and the flats it covers. */
export interface CoveredFlat {
  rank: number;
  /** Indices of the flats one rank lower that it contains. */
  below: number[];
}

/**
 * χ(t) = Σ_X μ(X) t^{r − rank X} with μ(bottom) = 1 and μ(X) = −Σ_{Y<X} μ(Y), the sum
 * over everything below X, reached through the covers.
 *
 * @param flats - flats in non-decreasing rank order, flats[0] the whole space.
 * @param r - the essential dimension.
 * @returns χ in ascending degree.
 */
export function characteristicFromCovers(flats: CoveredFlat[], r: number): bigint[] {
  const mu: bigint[] = new Array<bigint>(flats.length).fill(0n);
  mu[0] = 1n;
  const mark = new Int32Array(flats.length).fill(-1);
  const chi: bigint[] = new Array<bigint>(r + 1).fill(0n);
  chi[r] = 1n;
  for (let x = 1; x < flats.length; x++) {
    let sum = 0n;
    const stack = [...flats[x].below];
    for (const y of stack) mark[y] = x;
    while (stack.length > 0) {
      const y = stack.pop() as number;
      sum += mu[y];
      for (const z of flats[y].below) {
        if (mark[z] !== x) {
          mark[z] = x;
          stack.push(z);
        }
      }
    }
    mu[x] = -sum;
    chi[r - flats[x].rank] += mu[x];
  }
  return chi;
}
