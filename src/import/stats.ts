import type { Tensor } from './tensor.js';

/** Summary statistics of a tensor's values, as `tegum inspect` shows them. */
export interface TensorStats {
  /** Smallest finite value (NaN when there is none). */
  min: number;
  /** Largest finite value (NaN when there is none). */
  max: number;
  /** Mean of the finite values (NaN when there is none). */
  mean: number;
  /** Population standard deviation (ddof = 0, numpy's default) of the finite values (NaN when there is none). */
  std: number;
  /** Frobenius norm, sqrt(Σ x²) over the finite values (0 when there is none). */
  frobenius: number;
  /** Number of NaN values. */
  nan: number;
  /** Number of +Infinity and -Infinity values. */
  inf: number;
}

/**
 * Statistics over the finite values of a tensor, with counts of the
 * non-finite ones. Values are scaled by a power of two near the largest
 * magnitude (exact, so nothing is lost) before summing squares, so neither
 * the standard deviation nor the norm overflows for values near 1e308; the
 * standard deviation uses two passes (mean first), so it does not cancel.
 *
 * @param t The tensor.
 * @returns min, max, mean, std (ddof = 0), Frobenius norm, and NaN / ±Inf counts.
 */
export function tensorStats(t: Tensor): TensorStats {
  const x = t.data;
  let min = Infinity;
  let max = -Infinity;
  let finite = 0;
  let nan = 0;
  let inf = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (Number.isNaN(v)) nan++;
    else if (v === Infinity || v === -Infinity) inf++;
    else {
      finite++;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (finite === 0) return { min: NaN, max: NaN, mean: NaN, std: NaN, frobenius: 0, nan, inf };
  const largest = Math.max(Math.abs(min), Math.abs(max));
  if (largest === 0) return { min, max, mean: 0, std: 0, frobenius: 0, nan, inf };
  const scale = powerOfTwoBelow(largest);
  let scaledSum = 0;
  let scaledSquares = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] / scale;
    if (Number.isFinite(v)) {
      scaledSum += v;
      scaledSquares += v * v;
    }
  }
  const scaledMean = scaledSum / finite;
  let scaledDeviations = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] / scale;
    if (Number.isFinite(v)) scaledDeviations += (v - scaledMean) * (v - scaledMean);
  }
  return {
    min,
    max,
    mean: scaledMean * scale,
    std: Math.sqrt(scaledDeviations / finite) * scale,
    frobenius: Math.sqrt(scaledSquares) * scale,
    nan,
    inf,
  };
}

/**
 * The largest power of two not above x (x > 0 finite): dividing by it is
 * exact, and scaled values lie in (-2, 2). Math.log2 can round up near a
 * power of two (log2 of the largest double is 1024), hence the correction.
 */
function powerOfTwoBelow(x: number): number {
  let e = Math.floor(Math.log2(x));
  while (e > -1074 && 2 ** e > x) e--;
  while (e < 1023 && 2 ** (e + 1) <= x) e++;
  return 2 ** e;
}
