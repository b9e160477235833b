/**
 * Trained toy models put learned features at norm ≈ 1 and leave the rest far
 * below, but the unlearned tail is not always a clean ×10 drop (at p = 0.01 in
 * the n = 20, m = 5 sweep the norms run 1.04, 0.29, 0.21, …): a ×3 jump
 * already separates them, while norms of random Gaussian directions never jump
 * by ×3 between neighbours.
 */
export const MIN_GAP_RATIO = 3;

/** Options for {@link representedThreshold}. */
export interface RepresentedOptions {
  /** Use this norm threshold instead of choosing one (features with norm ≤ it are unrepresented). */
  threshold?: number;
  /** Smallest ratio between the two sides of a norm gap for it to count as the learned/not-learned cut. Default 3 (see MIN_GAP_RATIO). */
  minGapRatio?: number;
  /** Norms at or below this fraction of the largest norm are zero in all but rounding. Default 1e-6. */
  zeroRelative?: number;
}

/** A chosen norm threshold and why. */
export interface RepresentedThreshold {
  /** Features with norm > threshold are represented. */
  threshold: number;
  /** One line saying how the value was chosen. */
  rationale: string;
}

/**
 * Norm threshold between features a model did not learn and those it represents.
 *
 * Trained toy models leave unlearned features at ~1e-3..1e-2 of the learned
 * norms (~1), so the sorted norms show one wide multiplicative gap. Norms at or
 * below zeroRelative·max are set aside as zero; among the rest, the widest
 * gap between consecutive sorted norms (as a ratio) is the cut when its ratio is
 * ≥ minGapRatio, placed at the gap's geometric middle. Without such a gap every
 * non-zero feature is represented (threshold = zeroRelative·max). Everything is
 * relative to the largest norm, so a positive rescaling of W changes nothing.
 *
 * @param norms - Feature norms ‖W_i‖ (see featureNorms).
 * @param opts - Override and tuning parameters.
 * @returns The threshold and its rationale.
 */
export function representedThreshold(norms: Float64Array, opts: RepresentedOptions = {}): RepresentedThreshold {
  if (opts.threshold !== undefined) {
    return { threshold: opts.threshold, rationale: `given: features with norm ≤ ${opts.threshold} are unrepresented` };
  }
  const minGapRatio = opts.minGapRatio ?? MIN_GAP_RATIO;
  const zeroRelative = opts.zeroRelative ?? 1e-6;
  let max = 0;
  for (const x of norms) max = Math.max(max, x);
  const zero = zeroRelative * max;
  if (max === 0) return { threshold: 0, rationale: 'every feature has norm 0: none is represented' };
  const live = Array.from(norms)
    .filter((x) => x > zero)
    .sort((a, b) => a - b);
  let bestRatio = 1;
  let cut = zero;
  for (let k = 0; k + 1 < live.length; k++) {
    const ratio = live[k + 1] / live[k];
    if (ratio > bestRatio) {
      bestRatio = ratio;
      cut = Math.sqrt(live[k] * live[k + 1]);
    }
  }
  if (bestRatio >= minGapRatio) {
    return {
      threshold: cut,
      rationale: `widest gap in the sorted norms is ×${fmt(bestRatio)} (≥ ×${minGapRatio}); cut at its geometric middle ${fmt(cut)} (${fmt(cut / max)} of the largest norm)`,
    };
  }
  return {
    threshold: zero,
    rationale: `no gap of ×${minGapRatio} or more in the sorted norms (widest ×${fmt(bestRatio)}): every feature above ${zeroRelative} of the largest norm is represented`,
  };
}

function fmt(x: number): string {
  return Number(x.toPrecision(3)).toString();
}
