/**
 * The Hough step of the talk (Pfeifle 2022, "How to cluster k-planes"): embed
 * the span of every k-subset of feature directions as its orthogonal projector,
 * cluster the projectors with DBSCAN, and keep the k-planes that hold more than
 * k features, after discarding pyramids.
 *
 * Subsets are enumerated within each bundle (tegum factor) only. That is exact
 * for what is reported: a plane holding features of two mutually orthogonal
 * bundles is the direct sum of planes inside each, so it would be a pyramid or
 * a tegum product the decomposition already names.
 */
import { binomial, embeddingLength } from '../grassmannian/index.js';
import type { SubsetEmbeddings } from '../grassmannian/index.js';
import { unrankSubset } from '../grassmannian/index.js';
import { dbscan } from './dbscan.js';
import { chooseEps } from './eps.js';
import { epsNeighbours } from './neighbours.js';
import { numericalRank, rowSpectrum, unitDirections } from '../features/index.js';

/** Embeds all k-subsets of nb unit directions (feature-major nb×m); CPU or WebGPU. */
export type SubsetEmbedder = (U: Float64Array, m: number, nb: number, k: number, tol: number) => Promise<SubsetEmbeddings>;

/** Parameters of {@link findPlanes}, each documented as it appears in the report's params. */
export interface PlaneSearchParams {
  /** maxK: largest subset size embedded (k = 1 … maxK, and never beyond a bundle's dimension). */
  maxK: number;
  /** minSamples: DBSCAN min_samples, the subset itself included (scikit-learn semantics). */
  minSamples: number;
  /** eps: DBSCAN radius in Frobenius distance between projectors; undefined = chosen per k from the data. */
  eps?: number;
  /**
   * rankTolerance: singular values of a subset's unit directions at or below this
   * make it rank-deficient (it then spans a lower-dimensional plane and is not a
   * k-plane). Tied to the interference noise floor: directions that differ by
   * less than the noise are the same direction.
   */
  rankTolerance: number;
  /**
   * maxSubsets: at most this many k-subsets are embedded per bundle and k; a
   * larger level is skipped and said so (the neighbour search is quadratic in it).
   */
  maxSubsets: number;
}

/** A k-plane found by the Hough step. */
export interface FoundPlane {
  dimension: number;
  features: number[];
  subsets: number;
}

export interface PlaneSearchResult {
  planes: FoundPlane[];
  /** eps used for each k (key "k=2"), with how it was chosen. */
  eps: Record<string, { value: number; source: 'auto' | 'user'; rationale: string }>;
  subsetsEmbedded: number;
  /** Levels not searched, one line each (budget exceeded). */
  skipped: string[];
}

/**
 * Find the k-planes holding more than k features.
 *
 * @param W - Feature-major n×m weights.
 * @param m - Hidden dimension.
 * @param bundles - Represented feature indices of each bundle, with the bundle's dimension.
 * @param params - See {@link PlaneSearchParams}.
 * @param embed - The subset embedder (CPU reference or WebGPU kernel).
 */
export async function findPlanes(
  W: Float64Array,
  m: number,
  bundles: { features: number[]; dimension: number }[],
  params: PlaneSearchParams,
  embed: SubsetEmbedder,
): Promise<PlaneSearchResult> {
  const eps: PlaneSearchResult['eps'] = {};
  const skipped: string[] = [];
  const planes: FoundPlane[] = [];
  let subsetsEmbedded = 0;
  const pooled = new Map<number, number[]>(); // k → pairwise-ish distances for the automatic eps

  // First pass: embed every level, so eps can be chosen from all bundles' distances at once.
  const levels: { bundle: number; k: number; embedded: SubsetEmbeddings; universe: number[] }[] = [];
  for (let b = 0; b < bundles.length; b++) {
    const { features, dimension } = bundles[b];
    const U = unitDirections(W, m, features);
    for (let k = 1; k <= Math.min(params.maxK, dimension); k++) {
      const count = binomial(features.length, k);
      if (count > params.maxSubsets) {
        skipped.push(`k=${k} in the bundle of features ${features[0]}…: ${count} subsets exceed maxSubsets ${params.maxSubsets}`);
        continue;
      }
      const embedded = await embed(U, m, features.length, k, params.rankTolerance);
      subsetsEmbedded += count;
      levels.push({ bundle: b, k, embedded, universe: features });
    }
  }
  const L = embeddingLength(m);
  for (const level of levels) {
    const d = nearestDistances(fullRank(level.embedded, level.k, L), L);
    pooled.set(level.k, (pooled.get(level.k) ?? []).concat(d));
  }
  for (const [k, distances] of [...pooled].sort((a, b) => a[0] - b[0])) {
    if (params.eps !== undefined) {
      eps[`k=${k}`] = { value: params.eps, source: 'user', rationale: 'given with --eps' };
    } else {
      // Ceiling at a quarter of the largest projector distance √(2k): distinct planes
      // among a bundle's subsets sit further apart than that, noisy copies of one plane closer.
      const choice = chooseEps(Float64Array.from(distances), { scale: Math.sqrt(2 * k), ceilingFraction: EPS_CEILING_FRACTION, minSamples: params.minSamples });
      eps[`k=${k}`] = { value: choice.eps, source: 'auto', rationale: choice.rationale };
    }
  }

  // Second pass: cluster each level, dropping pyramids over the level below.
  const rawByBundleLevel = new Map<string, number[][]>();
  for (const level of levels) {
    const { k, embedded, universe } = level;
    const points = fullRank(embedded, k, L);
    const count = points.length / L;
    const clusters: number[][] = [];
    const sizes: number[] = [];
    if (count >= params.minSamples) {
      const lists = epsNeighbours({ points: points.values, dim: L }, eps[`k=${k}`].value);
      const { labels, nClusters } = dbscan(lists, { minSamples: params.minSamples });
      const members = Array.from({ length: nClusters }, () => new Set<number>());
      const counts = new Array<number>(nClusters).fill(0);
      const subset = new Uint32Array(k);
      for (let p = 0; p < count; p++) {
        const c = labels[p];
        if (c < 0) continue;
        counts[c]++;
        unrankSubset(points.ranks[p], universe.length, k, subset);
        for (const local of subset) members[c].add(universe[local]);
      }
      for (let c = 0; c < nClusters; c++) {
        clusters.push([...members[c]].sort((a, b) => a - b));
        sizes.push(counts[c]);
      }
    }
    rawByBundleLevel.set(`${level.bundle}:${k}`, clusters);
    const below = rawByBundleLevel.get(`${level.bundle}:${k - 1}`) ?? [];
    const lines = rawByBundleLevel.get(`${level.bundle}:1`) ?? [];
    clusters.forEach((features, c) => {
      if (features.length <= k) return;
      if (!spansKPlane(W, m, features, k, params.rankTolerance)) return;
      if (isPyramid(features, below, lines)) return;
      const same = planes.find((p) => p.dimension === k && sameSet(p.features, features));
      if (same) same.subsets += sizes[c];
      else planes.push({ dimension: k, features, subsets: sizes[c] });
    });
  }
  planes.sort((a, b) => a.dimension - b.dimension || a.features[0] - b.features[0]);
  return { planes, eps, subsetsEmbedded, skipped };
}

/** The embeddings of full-rank subsets only, with their subset ranks (positions in lex order). */
function fullRank(embedded: SubsetEmbeddings, k: number, L: number): { values: Float64Array; ranks: number[]; length: number } {
  const ranks: number[] = [];
  embedded.ranks.forEach((r, i) => {
    if (r === k) ranks.push(i);
  });
  const values = new Float64Array(ranks.length * L);
  ranks.forEach((i, j) => values.set(embedded.embeddings.subarray(i * L, i * L + L), j * L));
  return { values, ranks, length: values.length };
}

/** Automatic eps stays below this fraction of √(2k), the largest projector distance. */
const EPS_CEILING_FRACTION = 0.25;

/** How many points per level contribute their nearest-neighbour distance to the automatic eps. */
const EPS_SAMPLE = 2000;

/**
 * Each point's distance to its nearest other point: the near-zero ones come
 * from subsets spanning the same plane, the rest from distinct planes, and
 * chooseEps looks for the gap between them.
 */
function nearestDistances(points: { values: Float64Array; length: number }, L: number): number[] {
  const count = points.length / L;
  const X = points.values;
  const out: number[] = [];
  // A deterministic stride sample bounds the cost at EPS_SAMPLE·count distance evaluations.
  const stride = Math.max(1, Math.ceil(count / EPS_SAMPLE));
  for (let i = 0; i < count; i += stride) {
    let best = Infinity;
    for (let j = 0; j < count; j++) {
      if (j === i) continue;
      let s = 0;
      for (let t = 0; t < L && s < best; t++) {
        const d = X[i * L + t] - X[j * L + t];
        s += d * d;
      }
      if (s < best) best = s;
    }
    if (best < Infinity) out.push(Math.sqrt(best));
  }
  return out;
}

/**
 * A pyramid (the talk: "discard pyramid clusters") is a (k−1)-plane's
 * features plus one apex: a single feature, or an antipodal pair (two
 * features on one line). Such a k-plane says nothing the lower plane did not.
 */
function isPyramid(features: number[], below: number[][], lines: number[][]): boolean {
  const set = new Set(features);
  return below.some((base) => {
    if (!base.every((f) => set.has(f))) return false;
    const apex = features.filter((f) => !base.includes(f));
    if (apex.length === 1) return true;
    return apex.length === 2 && lines.some((line) => line.includes(apex[0]) && line.includes(apex[1]));
  });
}

/**
 * DBSCAN chains nearby projectors, so a cluster's features are checked to lie
 * in one k-plane: the (k+1)-th singular value of their unit directions must be
 * noise (≤ rankTolerance·σ₁). Random W can put two unrelated subsets' planes
 * close together; this keeps such chance neighbours from being reported.
 */
function spansKPlane(W: Float64Array, m: number, features: number[], k: number, rankTolerance: number): boolean {
  const { singular } = rowSpectrum(unitDirections(W, m, features), features.length, m);
  return numericalRank(singular, rankTolerance) === k;
}

function sameSet(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
