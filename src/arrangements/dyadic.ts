/**
 * Exact conversion of float64 vectors to integers. Every finite double is a dyadic
 * rational M·2^E (M an integer of at most 53 bits), so a vector of doubles, scaled by the
 * power of two that clears the smallest exponent, is an integer vector on exactly the same
 * line: exact arithmetic on it decides questions about the numbers as stored, with no
 * rounding at all. (mathjs' `fraction(x)` does not do this: it returns a nearby simple
 * fraction, 0.1 ↦ 1/10, not the double's exact value.)
 */
import { makePrimitive } from './integer-vectors.js';

const view = new DataView(new ArrayBuffer(8));

/** x = mantissa·2^exponent exactly (mantissa an integer; 0 for x = 0). */
function dyadic(x: number): { mantissa: bigint; exponent: number } {
  if (!Number.isFinite(x)) throw new RangeError(`cannot convert ${x} to an exact rational`);
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  // Normal numbers carry an implicit leading 1; subnormals have the smallest exponent.
  if (biased !== 0) mantissa |= 1n << 52n;
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  return { mantissa: hi >>> 31 ? -mantissa : mantissa, exponent };
}

/**
 * The primitive integer vector on the line of v, exactly (v's entries as stored).
 *
 * @param v - finite doubles.
 */
export function exactIntegerDirection(v: ArrayLike<number>): bigint[] {
  const parts = Array.from(v, dyadic);
  const least = Math.min(...parts.filter((p) => p.mantissa !== 0n).map((p) => p.exponent));
  return makePrimitive(parts.map((p) => (p.mantissa === 0n ? 0n : p.mantissa << BigInt(p.exponent - least))));
}
