/**
 * Identities every real arrangement's counts satisfy; a count that violates one is not a
 * count (it comes from an inconsistent numerical poset), and is reported as an error
 * instead of a number. For an essential factor of rank r with n distinct hyperplanes and
 * χ(t) = Σ_k c_k t^{r−k} (Zaslavsky 1975; Stanley, "An introduction to hyperplane
 * arrangements", 2007, Lecture 2 for the counts and Whitney's theorem, Lecture 4 for broken circuits):
 *  - c_0 = 1 and c_1 = −n (every hyperplane is a rank-1 flat with μ = −1);
 *  - the coefficients alternate strictly, (−1)^k c_k > 0 for k ≤ r, and |c_k| ≤ C(n, k)
 *    (|c_k| counts the k-sets without broken circuits);
 *  - regions = (−1)^r χ(−1) = Σ_k |c_k| ≥ bounded = (−1)^r χ(1) ≥ 0, and a central factor has
 *    no bounded region (χ(1) = 0);
 *  - Euler characteristic: the faces f_j satisfy Σ_j (−1)^j f_j = (−1)^r, and f_r = regions.
 */
import { binomial, evaluate } from './polynomial.js';

/** Outcome of {@link checkFactor}: the identities checked and those that failed (with values). */
export interface FactorCheck {
  checked: string[];
  failed: string[];
}

/**
 * @param chiAsc - χ in ascending degree (length r+1).
 * @param r - the factor's rank (essential dimension).
 * @param n - its distinct hyperplanes.
 * @param central - whether they share a point.
 * @param faces - f_0..f_r, or null when not computed (the Euler check is then skipped).
 */
export function checkFactor(chiAsc: bigint[], r: number, n: number, central: boolean, faces: bigint[] | null): FactorCheck {
  const checked: string[] = [];
  const failed: string[] = [];
  const check = (name: string, ok: boolean, detail: () => string): void => {
    checked.push(name);
    if (!ok) failed.push(`${name} fails (${detail()})`);
  };
  const c = [...chiAsc].reverse();
  const sign = (k: number): bigint => (k % 2 === 0 ? 1n : -1n);
  const abs = (x: bigint): bigint => (x < 0n ? -x : x);
  const regions = sign(r) * evaluate(chiAsc, -1n);
  const bounded = sign(r) * evaluate(chiAsc, 1n);
  check('χ is monic of degree rank', c.length === r + 1 && c[0] === 1n, () => `χ = ${c.join(', ')}`);
  if (r >= 1) check('c₁ = −(hyperplanes)', c[1] === -BigInt(n), () => `c₁ = ${c[1]}, ${n} hyperplanes`);
  check(
    'coefficients alternate in sign',
    c.every((x, k) => sign(k) * x > 0n),
    () => `χ = ${c.join(', ')}`,
  );
  check(
    '|c_k| ≤ C(n, k)',
    c.every((x, k) => abs(x) <= binomial(n, k)),
    () => `χ = ${c.join(', ')}, n = ${n}`,
  );
  check('regions = Σ|c_k|', regions === c.reduce((s, x) => s + abs(x), 0n), () => `regions ${regions}`);
  check('regions ≥ bounded ≥ 0', regions >= bounded && bounded >= 0n && regions >= 1n, () => `regions ${regions}, bounded ${bounded}`);
  if (central && r >= 1) check('central: no bounded region', bounded === 0n, () => `bounded ${bounded}`);
  if (faces !== null) {
    const euler = faces.reduce((s, f, j) => s + sign(j) * f, 0n);
    check('Euler characteristic Σ(−1)^j f_j = (−1)^rank', euler === sign(r), () => `faces ${faces.join(', ')}`);
    check('f_rank = regions', faces[r] === regions, () => `f_${r} = ${faces[r]}, regions ${regions}`);
  }
  return { checked, failed };
}
