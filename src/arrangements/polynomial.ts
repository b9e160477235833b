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

/** Binomial coefficient C(n, k) (0 outside 0 ≤ k ≤ n). */
export function binomial(n: number, k: number): bigint {
  if (k < 0 || n < 0 || k > n) return 0n;
  let c = 1n;
  const kk = Math.min(k, n - k);
  for (let i = 0; i < kk; i++) c = (c * BigInt(n - i)) / BigInt(i + 1);
  return c;
}
