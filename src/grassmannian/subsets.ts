/**
 * k-subsets of feature indices, numbered in lexicographic order.
 *
 * Rank r of a subset is its position in the list that Python's
 * `itertools.combinations(range(n), k)` produces: {0,1,2}, {0,1,3}, …,
 * {n−3,n−2,n−1}. Subsets are always written with ascending indices.
 * Lex rank is computed through the combinatorial number system (colex rank of
 * the mirrored subset {n−1−s}), see Knuth, TAOCP 4A §7.2.1.3.
 */

/** Largest integer a float64 holds exactly (2^53 − 1). */
const MAX_EXACT = Number.MAX_SAFE_INTEGER;

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * C(n, k), or Infinity when it exceeds 2^53 − 1. Multiplies up C(n, i) for
 * i = 1..min(k, n−k) dividing out gcd first, so every intermediate product is
 * a binomial no larger than the result and stays exact.
 */
function binomialOrInfinity(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  const kk = Math.min(k, n - k);
  let r = 1;
  for (let i = 1; i <= kk; i++) {
    const g = gcd(r, i);
    r = (r / g) * ((n - kk + i) / (i / g));
    if (r > MAX_EXACT) return Infinity;
  }
  return r;
}

function checkCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

/**
 * Binomial coefficient C(n, k) = number of k-subsets of n features.
 *
 * @param n - Size of the ground set (non-negative integer).
 * @param k - Subset size (non-negative integer); C(n, k) = 0 for k > n.
 * @returns C(n, k), exact.
 * @throws RangeError if C(n, k) ≥ 2^53 (not exactly representable) or the
 *   arguments are not non-negative integers.
 */
export function binomial(n: number, k: number): number {
  checkCount(n, 'n');
  checkCount(k, 'k');
  const r = binomialOrInfinity(n, k);
  if (r === Infinity) throw new RangeError(`C(${n}, ${k}) exceeds 2^53`);
  return r;
}

/**
 * The subset of lexicographic rank `rank` among all k-subsets of {0..n−1}.
 *
 * @param rank - Lex rank, 0 ≤ rank < C(n, k) (itertools.combinations order).
 * @param n - Number of features.
 * @param k - Subset size.
 * @param out - Optional array of length ≥ k to write into (avoids allocation).
 * @returns `out` (or a new Uint32Array(k)) holding the ascending indices.
 * @throws RangeError if rank is out of range.
 */
export function unrankSubset(rank: number, n: number, k: number, out?: Uint32Array): Uint32Array {
  const total = binomial(n, k);
  checkCount(rank, 'rank');
  if (rank >= total) throw new RangeError(`rank ${rank} ≥ C(${n}, ${k}) = ${total}`);
  const s = out ?? new Uint32Array(k);
  if (s.length < k) throw new RangeError(`out has length ${s.length} < k = ${k}`);
  // Colex unrank of the mirrored rank: greedily the largest c with C(c, i) ≤ r.
  let r = total - 1 - rank;
  for (let i = k; i >= 1; i--) {
    let lo = i - 1; // C(i−1, i) = 0 ≤ r always holds
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (binomialOrInfinity(mid, i) <= r) lo = mid;
      else hi = mid - 1;
    }
    r -= binomialOrInfinity(lo, i);
    // Mirrored element t_{i−1} = lo becomes s_{k−i} = n−1−lo.
    s[k - i] = n - 1 - lo;
  }
  return s;
}

/**
 * Lexicographic rank of a subset; inverse of {@link unrankSubset}.
 *
 * @param subset - Strictly ascending feature indices in [0, n).
 * @param n - Number of features.
 * @returns The rank in itertools.combinations(range(n), subset.length) order.
 * @throws RangeError if the subset is not strictly ascending within [0, n).
 */
export function rankSubset(subset: ArrayLike<number>, n: number): number {
  const k = subset.length;
  const total = binomial(n, k);
  let colex = 0;
  for (let i = 0; i < k; i++) {
    const v = subset[i];
    if (!Number.isInteger(v) || v < 0 || v >= n || (i > 0 && v <= subset[i - 1])) {
      throw new RangeError(`subset must be strictly ascending indices in [0, ${n})`);
    }
    colex += binomialOrInfinity(n - 1 - v, k - i);
  }
  return total - 1 - colex;
}

/**
 * Visits `count` consecutive k-subsets starting at lex rank `start`. Only the
 * first subset is unranked; the rest follow by the lex successor step
 * (increment the rightmost index that can grow, reset the tail), O(1)
 * amortised per subset.
 *
 * @param n - Number of features (or of `universe` entries when it is given).
 * @param k - Subset size.
 * @param start - Rank of the first subset visited.
 * @param count - Number of subsets to visit; start + count ≤ C(n, k).
 * @param fn - Called with (subset, rank). The array is reused between calls:
 *   copy it if you keep it. With `universe` it holds the mapped global indices.
 * @param universe - Optional feature list of length n: enumerates the
 *   k-subsets of these features, passing universe[local[i]] instead of local
 *   indices (ranks stay local ranks over C(n, k)).
 */
export function forEachSubset(
  n: number,
  k: number,
  start: number,
  count: number,
  fn: (subset: Uint32Array, rank: number) => void,
  universe?: ArrayLike<number>,
): void {
  checkCount(count, 'count');
  if (count === 0) return;
  const total = binomial(n, k);
  if (start + count > total) {
    throw new RangeError(`start + count = ${start + count} > C(${n}, ${k}) = ${total}`);
  }
  if (universe !== undefined && universe.length !== n) {
    throw new RangeError(`universe has ${universe.length} entries, expected n = ${n}`);
  }
  const s = unrankSubset(start, n, k);
  const mapped = universe === undefined ? s : new Uint32Array(k);
  for (let c = 0; ; c++) {
    if (universe !== undefined) mapSubset(s, universe, mapped);
    fn(mapped, start + c);
    if (c + 1 === count) return;
    let i = k - 1;
    while (s[i] === n - k + i) i--;
    s[i]++;
    for (let j = i + 1; j < k; j++) s[j] = s[j - 1] + 1;
  }
}

/**
 * Maps a subset of local positions to global feature indices.
 *
 * @param local - Ascending positions into `universe`.
 * @param universe - Global feature indices (ascending if the result must be).
 * @param out - Optional output of length ≥ local.length.
 * @returns out[i] = universe[local[i]].
 */
export function mapSubset(local: ArrayLike<number>, universe: ArrayLike<number>, out?: Uint32Array): Uint32Array {
  const res = out ?? new Uint32Array(local.length);
  for (let i = 0; i < local.length; i++) res[i] = universe[local[i]];
  return res;
}

/**
 * All k-subsets of a given feature set, as global indices, in lex order of
 * their positions in `features` (for small sets such as one tegum factor).
 *
 * @param features - The feature indices to choose from (ascending input gives
 *   ascending subsets).
 * @param k - Subset size.
 * @returns C(features.length, k) fresh arrays.
 */
export function subsetsOf(features: ArrayLike<number>, k: number): Uint32Array[] {
  const n = features.length;
  const res: Uint32Array[] = [];
  forEachSubset(n, k, 0, binomial(n, k), (s) => res.push(s.slice()), features);
  return res;
}
