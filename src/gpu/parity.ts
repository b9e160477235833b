/**
 * Comparisons of GPU results with the float64 CPU reference, used by the
 * self-test (and by the test suites) to measure deviations.
 */
import { embeddingLength, forEachSubset, orthonormalBasis } from '../grassmannian/index.js';
import type { SubsetEmbeddings } from '../grassmannian/index.js';
import type { NeighbourLists } from '../clustering/eps-neighbours.js';
import { embeddingTolerance } from './tolerances.js';

/** Deviation of GPU embeddings from the CPU reference. */
export interface EmbeddingDeviation {
  /** Largest |Δ|/(1 + |x|) over subsets with κ ≤ WELL_CONDITIONED_KAPPA. */
  wellConditioned: number;
  /** Largest |Δ|/κ over subsets with κ > WELL_CONDITIONED_KAPPA (0 if none); allowed: 4·ε₃₂. */
  perKappa: number;
  /** Largest |Δ| / embeddingTolerance(x, κ) over all subsets whose ranks agree (≤ 1 passes). */
  worstRatio: number;
  /** Subsets whose GPU and CPU ranks differ. */
  rankMismatches: number;
  /** Subsets compared. */
  subsets: number;
  /** Subsets with κ > WELL_CONDITIONED_KAPPA. */
  illConditioned: number;
}

/** Condition number above which a subset counts as nearly dependent. */
export const WELL_CONDITIONED_KAPPA = 100;

/**
 * Compares GPU embeddings (float32) with the CPU reference for the subsets of
 * lex ranks start .. start+count−1, computing each subset's κ = σ₁/σ_r from
 * the CPU singular values (r = the CPU rank).
 *
 * @param W Feature-major n×m weights given to both paths.
 * @param m Hidden dimension.
 * @param n Number of features.
 * @param k Subset size.
 * @param start First lex rank.
 * @param gpu GPU result for the range.
 * @param cpu CPU result (embedSubsets) for the same range.
 * @param tol Absolute rank tolerance the CPU path used (undefined = its default).
 */
export function compareEmbeddings(
  W: Float64Array,
  m: number,
  n: number,
  k: number,
  start: number,
  gpu: { embeddings: Float32Array; ranks: Uint8Array },
  cpu: SubsetEmbeddings,
  tol?: number,
): EmbeddingDeviation {
  const L = embeddingLength(m);
  const count = cpu.ranks.length;
  const dev: EmbeddingDeviation = {
    wellConditioned: 0,
    perKappa: 0,
    worstRatio: 0,
    rankMismatches: 0,
    subsets: count,
    illConditioned: 0,
  };
  forEachSubset(n, k, start, count, (subset, rank) => {
    const s = rank - start;
    if (gpu.ranks[s] !== cpu.ranks[s]) {
      dev.rankMismatches++;
      return;
    }
    const { singularValues, rank: r } = orthonormalBasis(W, m, subset, tol);
    const kappa = r > 0 ? singularValues[0] / singularValues[r - 1] : 1;
    const ill = kappa > WELL_CONDITIONED_KAPPA;
    if (ill) dev.illConditioned++;
    for (let e = 0; e < L; e++) {
      const x = cpu.embeddings[s * L + e];
      const d = Math.abs(gpu.embeddings[s * L + e] - x);
      if (ill) dev.perKappa = Math.max(dev.perKappa, d / kappa);
      else dev.wellConditioned = Math.max(dev.wellConditioned, d / (1 + Math.abs(x)));
      dev.worstRatio = Math.max(dev.worstRatio, d / embeddingTolerance(x, kappa));
    }
  });
  return dev;
}

/**
 * Number of positions where two CSR neighbour lists differ (offsets and
 * entries); 0 means identical.
 */
export function neighbourListDifferences(a: NeighbourLists, b: NeighbourLists): number {
  let diff = Math.abs(a.offsets.length - b.offsets.length) + Math.abs(a.neighbours.length - b.neighbours.length);
  for (let i = 0; i < Math.min(a.offsets.length, b.offsets.length); i++) if (a.offsets[i] !== b.offsets[i]) diff++;
  for (let i = 0; i < Math.min(a.neighbours.length, b.neighbours.length); i++) if (a.neighbours[i] !== b.neighbours[i]) diff++;
  return diff;
}
