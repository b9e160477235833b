/**
 * Face counts (the f-vector) of an arrangement, for the Euler-characteristic check.
 * Zaslavsky (1975): the faces of dimension j are the regions of the restrictions A^X to
 * the flats X of dimension j, and A^X has Σ_{Y ≥ X} |μ(X, Y)| regions. The faces
 * partition R^r into open cells, so Σ_j (−1)^j f_j = (−1)^r (Euler characteristic with
 * compact supports), which holds exactly when every interval's Möbius values alternate
 * in sign as a real arrangement's must.
 */
import type { CoveredFlat } from './mobius.js';
import { binomial } from './polynomial.js';

/**
 * f_0..f_r of a general-position factor from the closed forms: the j-flats are the
 * intersections of r−j hyperplanes, and the restriction to one is again in general position
 * with n−r+j hyperplanes in dimension j (affine: Σ_{i≤j} C(N, i) regions; central, j ≥ 1:
 * Cover's 2·Σ_{i<j} C(N−1, i); the central point itself is one 0-face).
 *
 * @param n - hyperplanes; @param r - rank; @param central - all through one point.
 */
export function genericFaces(n: number, r: number, central: boolean): bigint[] {
  return Array.from({ length: r + 1 }, (_, j) => {
    const N = n - r + j;
    if (central && j === 0) return 1n;
    let regions = 0n;
    if (central) for (let i = 0; i < j; i++) regions += 2n * binomial(N - 1, i);
    else for (let i = 0; i <= j; i++) regions += binomial(N, i);
    return binomial(n, r - j) * regions;
  });
}

/**
 * f_0..f_r from the intersection poset, or null when that would take more than `budget`
 * steps (every interval [X, Y] is walked once per Y).
 *
 * @param flats - the poset, flats[0] the whole space, in non-decreasing rank.
 * @param r - the essential dimension.
 * @param budget - most steps to spend.
 */
export function posetFaces(flats: CoveredFlat[], r: number, budget: number): bigint[] | null {
  const above = flats.map(() => [] as number[]);
  flats.forEach((f, y) => f.below.forEach((x) => above[x].push(y)));
  const faces = new Array<bigint>(r + 1).fill(0n);
  const inUp = new Int32Array(flats.length).fill(-1);
  const seen = new Int32Array(flats.length).fill(-1);
  const mu = new Array<bigint>(flats.length).fill(0n);
  let work = 0;
  let stamp = 0;
  for (let x = 0; x < flats.length; x++) {
    const up = [x];
    inUp[x] = x;
    for (let k = 0; k < up.length; k++) {
      for (const y of above[up[k]]) {
        if (inUp[y] !== x) {
          inUp[y] = x;
          up.push(y);
        }
      }
    }
    // Flat indices are in rank order, so ascending index lists every Y after all of [X, Y).
    up.sort((a, b) => a - b);
    mu[x] = 1n;
    let regions = 1n;
    for (const y of up) {
      if (y === x) continue;
      stamp++;
      let sum = 0n;
      const stack = [...flats[y].below];
      for (const z of stack) seen[z] = stamp;
      while (stack.length > 0) {
        const z = stack.pop() as number;
        if (inUp[z] !== x) continue;
        sum += mu[z];
        if (++work > budget) return null;
        for (const u of flats[z].below) {
          if (seen[u] !== stamp) {
            seen[u] = stamp;
            stack.push(u);
          }
        }
      }
      mu[y] = -sum;
      regions += mu[y] < 0n ? -mu[y] : mu[y];
    }
    faces[r - flats[x].rank] += regions;
  }
  return faces;
}
