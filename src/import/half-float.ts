/**
 * Exact decoding of the two 16-bit float formats to float64. Every float16
 * and bfloat16 value is representable in float64, so these are exact.
 */

/**
 * Value of an IEEE 754 binary16 bit pattern.
 *
 * @param bits The 16 bits as an unsigned integer.
 * @returns The exact value (signed zeros, subnormals, ±Infinity and NaN kept).
 */
export function float16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24; // subnormal: 0.f × 2^-14
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1024 + fraction) * 2 ** (exponent - 25); // 1.f × 2^(e-15)
}

const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/**
 * Value of a bfloat16 bit pattern: the upper half of a float32.
 *
 * @param bits The 16 bits as an unsigned integer.
 * @returns The exact value.
 */
export function bfloat16ToNumber(bits: number): number {
  scratchBits[0] = bits << 16;
  return scratch[0];
}
