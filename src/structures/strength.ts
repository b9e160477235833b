/**
 * Strong and weak features. Trained models leave a tail of features at 5–30 %
 * of the learned norm that interfere with the learned ones (Toy Models at
 * n = 200, m = 20; a pentagon with weak "riders" parallel to its vertices).
 * Counted as members, they turn every polytope they touch into `irregular`;
 * dropped, they vanish from the report. So they are named: a represented
 * feature is weak when some feature it interferes with (same candidate group)
 * is more than 1/WEAK_RATIO times stronger, and it rides on the stronger
 * feature it is most aligned with, provided the group's norms jump at that
 * cut (a cluster of learned features above a tail). Weak features never enter a structure.
 *
 * The comparison is local, not against the global largest norm: dictionary
 * features of very different norms that never interfere are all strong, and
 * a weak feature alone in its own dimension stays a (dedicated) strong one.
 */

/** A feature is weak when a feature of its group has more than 1/WEAK_RATIO times its norm (0.5: the Toy Models "learned" cut of norm > ½ max). */
export const WEAK_RATIO = 0.5;

/** Smallest jump in the sorted norms at the weak cut for it to count (see weakCut). */
export const WEAK_GAP = 1.5;

/** A weak feature rides on its partner when |cos| ≥ this (nearly parallel or antiparallel; random directions in R^m, m ≥ 10, essentially never are). */
export const RIDER_COS = 0.9;

/** One weak feature and the strong feature it is most aligned with. */
export interface WeakFeature {
  index: number;
  norm: number;
  /** The strong feature with the largest |cos| to it, when that |cos| ≥ RIDER_COS; else null. */
  ridesOn: number | null;
  /** cos to that feature (signed), or to the most aligned strong feature of its group when it rides on none; null without any. */
  cos: number | null;
}

/** The split of the represented features. */
export interface StrengthSplit {
  strong: number[];
  weak: WeakFeature[];
}

/**
 * Split represented features into strong and weak.
 *
 * @param W - Feature-major n×m weights.
 * @param m - Hidden dimension.
 * @param norms - ‖W_i‖ of every feature.
 * @param groups - Candidate groups over the represented features (features that interfere; every represented feature in exactly one).
 * @returns Strong features (ascending) and the weak ones with their partners.
 */
export function splitStrength(W: Float32Array | Float64Array, m: number, norms: Float64Array, groups: readonly (readonly number[])[]): StrengthSplit {
  const strong: number[] = [];
  const weak: WeakFeature[] = [];
  for (const g of groups) {
    const cut = weakCut(g.map((f) => norms[f]));
    const strongHere = g.filter((f) => norms[f] >= cut);
    strong.push(...strongHere);
    for (const f of g) {
      if (norms[f] >= cut) continue;
      let best = -1;
      let bestCos = 0;
      for (const s of strongHere) {
        const c = cosine(W, m, f, s, norms);
        if (best < 0 || Math.abs(c) > Math.abs(bestCos)) {
          best = s;
          bestCos = c;
        }
      }
      weak.push({
        index: f,
        norm: norms[f],
        ridesOn: best >= 0 && Math.abs(bestCos) >= RIDER_COS ? best : null,
        cos: best >= 0 ? bestCos : null,
      });
    }
  }
  strong.sort((a, b) => a - b);
  weak.sort((a, b) => a.index - b.index);
  return { strong, weak };
}

/**
 * The norm below which a group's features are weak: WEAK_RATIO of its largest,
 * but only where the sorted norms jump there by at least ×WEAK_GAP (the
 * strongest below the cut vs the weakest above it). Trained models show such a
 * jump between the learned cluster (≈ 1) and the tail (≲ 0.5); directions with
 * continuously spread norms (a Gaussian W, whose norms follow a χ law) have none,
 * and none of them is weak. Returns 0 when nothing is weak.
 */
function weakCut(groupNorms: number[]): number {
  const sorted = [...groupNorms].sort((a, b) => b - a);
  const k = sorted.findIndex((x) => x < WEAK_RATIO * sorted[0]);
  if (k <= 0 || sorted[k - 1] < WEAK_GAP * sorted[k]) return 0;
  return WEAK_RATIO * sorted[0];
}

function cosine(W: Float32Array | Float64Array, m: number, a: number, b: number, norms: Float64Array): number {
  let s = 0;
  for (let r = 0; r < m; r++) s += W[a * m + r] * W[b * m + r];
  return s / (norms[a] * norms[b]);
}
