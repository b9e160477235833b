/** Exact rationals for the arrangement's combinatorics: continued-fraction rounding of floats. */

/** A rational number num/den with den > 0 (not necessarily reduced). */
export interface Rational {
  num: bigint;
  den: bigint;
}

/** Continued-fraction terms beyond this cannot improve a float64 (its mantissa has 53 bits). */
const MAX_TERMS = 64;

/** Fractions with larger denominators are not "simple": such values go to a dyadic grid instead. */
export const MAX_SIMPLE_DENOMINATOR = 4096;

/**
 * A rational within `tol` of `x`: the first continued-fraction convergent p/q with
 * |x − p/q| ≤ tol when q ≤ {@link MAX_SIMPLE_DENOMINATOR}, else x rounded to the grid
 * 2^−k ≤ tol. Values within tol of 0 become exactly 0 and values within tol of a simple
 * fraction (1, −1/2, 2/3, …) become that fraction, so relations that hold up to rounding
 * in the input hold exactly afterwards; the dyadic grid keeps the other values' common
 * denominators (and so the exact arithmetic) small.
 *
 * @param x - a finite float.
 * @param tol - absolute tolerance in (0, 1).
 * @returns p/q with q > 0.
 */
export function rationalise(x: number, tol: number): Rational {
  const simple = continuedFraction(x, tol);
  if (simple.den <= BigInt(MAX_SIMPLE_DENOMINATOR)) return simple;
  const k = Math.ceil(-Math.log2(tol));
  return { num: BigInt(Math.round(x * 2 ** k)), den: 2n ** BigInt(k) };
}

/** The first continued-fraction convergent of x within tol. */
function continuedFraction(x: number, tol: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`cannot rationalise ${x}`);
  // Convergents h_k/k_k of x = [a0; a1, a2, …]: h_k = a_k h_{k−1} + h_{k−2}.
  let hPrev = 1n;
  let hPrev2 = 0n;
  let kPrev = 0n;
  let kPrev2 = 1n;
  let rest = x;
  for (let i = 0; i < MAX_TERMS; i++) {
    const a = Math.floor(rest);
    const ab = BigInt(a);
    const h = ab * hPrev + hPrev2;
    const k = ab * kPrev + kPrev2;
    if (Math.abs(x - Number(h) / Number(k)) <= tol) return { num: h, den: k };
    const frac = rest - a;
    if (frac === 0) return { num: h, den: k };
    rest = 1 / frac;
    if (!Number.isFinite(rest)) return { num: h, den: k };
    hPrev2 = hPrev;
    hPrev = h;
    kPrev2 = kPrev;
    kPrev = k;
  }
  return { num: hPrev, den: kPrev };
}
