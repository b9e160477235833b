/**
 * Integer polynomials as BigInt coefficient arrays in ascending degree
 * (p[d] is the coefficient of t^d). Characteristic polynomials are built and
 * multiplied here; the public result reverses them to highest degree first.
 */

/** Product of two polynomials. */
export function multiply(p: bigint[], q: bigint[]): bigint[] {
  const out: bigint[] = new Array<bigint>(p.length + q.length - 1).fill(0n);
  p.forEach((a, i) => q.forEach((b, j) => (out[i + j] += a * b)));
  return out;
}

/** p(t)·t^k. */
export function shift(p: bigint[], k: number): bigint[] {
  return [...new Array<bigint>(k).fill(0n), ...p];
}

/** p evaluated at the integer t (exact, Horner). */
export function evaluate(p: bigint[], t: bigint): bigint {
  let v = 0n;
  for (let d = p.length - 1; d >= 0; d--) v = v * t + p[d];
  return v;
}

/**
 * Binomial coefficient C(n, k) (0 outside 0 ≤ k ≤ n). Rows C(n, 0…k) are kept
 * as they are extended (C(n, i+1) = C(n, i)·(n−i)/(i+1)): face and region
 * counts sum C(n, i) over every i ≤ m, which from scratch costs O(m²) big
 * multiplications per sum (20 s for 16,384 hyperplanes in R^768).
 */
export function binomial(n: number, k: number): bigint {
  if (k < 0 || n < 0 || k > n) return 0n;
  const kk = Math.min(k, n - k);
  let row = pascalRows.get(n);
  if (!row) {
    if (pascalRows.size >= MAX_CACHED_ROWS) pascalRows.clear();
    row = [1n];
    pascalRows.set(n, row);
  }
  for (let i = row.length - 1; i < kk; i++) row.push((row[i] * BigInt(n - i)) / BigInt(i + 1));
  return row[kk];
}

/** Cached rows of Pascal's triangle by n (only the k ≤ n/2 half is needed). */
const pascalRows = new Map<number, bigint[]>();

/** Rows kept before the cache starts over (an analysis uses a handful of n). */
const MAX_CACHED_ROWS = 64;
