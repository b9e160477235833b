/**
 * Characteristic polynomials of arrangements in general position, in their
 * essential dimension r (Stanley, "An introduction to hyperplane arrangements",
 * 2007, Prop. 2.4 and §2.1): every set of at most r hyperplanes meets in a
 * flat of the expected dimension, so the intersection poset is a truncated
 * Boolean lattice and μ(S) = (−1)^|S|.
 */
import { binomial } from './polynomial.js';

/**
 * Affine general position (no r+1 hyperplanes share a point):
 * χ(t) = Σ_{k≤r} (−1)^k C(n,k) t^{r−k}; regions Σ_{k≤r} C(n,k), bounded C(n−1, r).
 *
 * @param n - number of hyperplanes.
 * @param r - essential dimension (rank of the normals), r ≤ n.
 * @returns χ in ascending degree.
 */
export function affineGenericChi(n: number, r: number): bigint[] {
  const p = new Array<bigint>(r + 1).fill(0n);
  for (let k = 0; k <= Math.min(n, r); k++) p[r - k] = (k % 2 === 0 ? 1n : -1n) * binomial(n, k);
  return p;
}

/**
 * Central general position (all hyperplanes through one point, every r normals
 * independent): the flats are the subsets of size < r plus the point, whose
 * Möbius value closes the alternating sum: μ = (−1)^r C(n−1, r−1).
 *
 * @param n - number of hyperplanes, n ≥ r ≥ 1.
 * @param r - rank of the normals.
 * @returns χ in ascending degree.
 */
export function centralGenericChi(n: number, r: number): bigint[] {
  const p = new Array<bigint>(r + 1).fill(0n);
  for (let k = 0; k < r; k++) p[r - k] = (k % 2 === 0 ? 1n : -1n) * binomial(n, k);
  p[0] = (r % 2 === 0 ? 1n : -1n) * binomial(n - 1, r - 1);
  return p;
}
