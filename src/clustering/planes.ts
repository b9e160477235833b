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
import { binomial, embeddingLength, forEachSubset, rankSubset } from '../grassmannian/index.js';
import type { SubsetEmbeddings } from '../grassmannian/index.js';
import { unrankSubset } from '../grassmannian/index.js';
import { dbscan } from './dbscan.js';
import { chooseEps, WEAK_GAP } from './eps.js';
import { epsNeighbours } from './eps-neighbours.js';
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
  /** An eps per k chosen elsewhere (e.g. pooled over many neighbourhoods of one group), with its rationale; used when `eps` is not given. */
  epsByK?: ReadonlyMap<number, { value: number; rationale: string }>;
  /**
   * rankTolerance: singular values of a subset's unit directions at or below this
   * make it rank-deficient (it then spans a lower-dimensional plane and is not a
   * k-plane). Tied to the interference noise floor: directions that differ by
   * less than the noise are the same direction.
   */
  rankTolerance: number;
  /**
   * spanDimension: how many dimensions a cluster's unit directions span, from
   * their singular values (descending); default: the count above
   * rankTolerance·σ₁. At dictionary scale a group's own spectral gap decides
   * below the tolerance (src/structures/dimension.ts), and planes are read the
   * same way as the groups they lie in.
   */
  spanDimension?: (singular: Float64Array) => number;
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
  /** eps used for each bundle and k (key "bundle 0, k=2"), with how it was chosen. */
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
 * @param onProgress - Called after each bundle and k with the fraction of subsets embedded so far.
 */
export async function findPlanes(
  W: Float64Array,
  m: number,
  bundles: { features: number[]; dimension: number }[],
  params: PlaneSearchParams,
  embed: SubsetEmbedder,
  onProgress?: (fraction: number, detail: string) => void,
): Promise<PlaneSearchResult> {
  const eps: PlaneSearchResult['eps'] = {};
  let total = 0;
  const L = embeddingLength(m);
  for (const { features, dimension } of bundles) {
    for (let k = 1; k <= Math.min(params.maxK, dimension); k++) {
      const count = binomial(features.length, k);
      if (count <= params.maxSubsets && count * L <= MAX_EMBEDDING_VALUES) total += count;
    }
  }
  const skipped: string[] = [];
  const planes: FoundPlane[] = [];
  let subsetsEmbedded = 0;
  for (let b = 0; b < bundles.length; b++) {
    const { features: universe, dimension } = bundles[b];
    const U = unitDirections(W, m, universe);
    const raw: number[][][] = []; // raw[k]: every DBSCAN cluster's features at level k, for the pyramid test
    for (let k = 1; k <= Math.min(params.maxK, dimension); k++) {
      raw[k] = [];
      const count = binomial(universe.length, k);
      if (count > params.maxSubsets) {
        skipped.push(`k=${k} in bundle ${b}: ${count} subsets exceed maxSubsets ${params.maxSubsets}`);
        continue;
      }
      if (count * L > MAX_EMBEDDING_VALUES) {
        skipped.push(`k=${k} in bundle ${b}: ${count} projectors of ${L} values exceed the memory budget (${MAX_EMBEDDING_VALUES} values)`);
        continue;
      }
      const embedded = await embed(U, m, universe.length, k, Math.max(params.rankTolerance, MIN_CONDITION));
      subsetsEmbedded += count;
      onProgress?.(subsetsEmbedded / total, `bundle ${b + 1}/${bundles.length}, k=${k}`);
      const points = fullRank(embedded, k, L);
      const levelEps = chooseLevelEps(points, k, L, params, k === 1 ? { U, m } : null);
      eps[`bundle ${b}, k=${k}`] = levelEps;
      for (const { features, subsets } of clusterLevel(points, k, L, universe, levelEps.value, params.minSamples)) {
        raw[k].push(features);
        if (features.length <= k) continue;
        if (!spansKPlane(W, m, features, k, params)) continue;
        if (2 * subsets < fullRankSubsetsWithin(features, universe, k, embedded.ranks)) continue;
        if (k > 1 && isPyramid(features, raw[k - 1] ?? [], raw[1] ?? [])) continue;
        planes.push({ dimension: k, features, subsets });
      }
    }
  }
  planes.sort((a, b) => a.dimension - b.dimension || a.features[0] - b.features[0]);
  return { planes, eps, subsetsEmbedded, skipped };
}

/**
 * eps for one bundle and k, from the gap between coinciding subsets (noise-level
 * distances) and distinct planes. Chosen per bundle because each bundle has its
 * own geometry: a heptagon's noisy copies of one plane and a square antiprism's
 * distinct but close planes must not share one threshold.
 */
function chooseLevelEps(
  points: FullRankPoints,
  k: number,
  L: number,
  params: PlaneSearchParams,
  lines: LineDirections | null,
): PlaneSearchResult['eps'][string] {
  if (params.eps !== undefined) return { value: params.eps, source: 'user', rationale: 'given with --eps' };
  const pooled = params.epsByK?.get(k);
  if (pooled) return { value: pooled.value, source: 'auto', rationale: pooled.rationale };
  // Ceiling at a quarter of the largest projector distance √(2k): distinct planes
  // among a bundle's subsets sit further apart than that, noisy copies of one plane closer.
  const scale = Math.sqrt(2 * k);
  const choice = chooseEps(Float64Array.from(nearestDistances(points, L, lines)), {
    scale,
    ceilingFraction: EPS_CEILING_FRACTION,
    minSamples: params.minSamples,
  });
  if (choice.gap >= WEAK_GAP) return { value: choice.eps, source: 'auto', rationale: choice.rationale };
  // No empty stretch between near and far subsets: trained weights smear a
  // plane's copies over the noise level, so eps falls back to the tolerance a
  // plane's own copies are allowed (WEAK_GAP_EPS of √(2k)); what DBSCAN then
  // chains is kept only when its features span k dimensions and it holds at
  // least half of their full-rank subsets (see findPlanes), which chance
  // neighbours among random directions do not.
  const value = WEAK_GAP_EPS * scale;
  return {
    value,
    source: 'auto',
    rationale: `${choice.rationale}; so eps = ${WEAK_GAP_EPS} × √(2k) = ${value.toPrecision(3)}, the spread a plane's noisy copies may have`,
  };
}

/** DBSCAN over one level's projectors; each cluster as the union of its subsets' features and its size. */
function clusterLevel(
  points: FullRankPoints,
  k: number,
  L: number,
  universe: number[],
  eps: number,
  minSamples: number,
): { features: number[]; subsets: number }[] {
  const count = points.length / L;
  if (count < minSamples) return [];
  const { labels, nClusters } = dbscan(epsNeighbours({ points: points.values, dim: L }, eps), { minSamples });
  const members = Array.from({ length: nClusters }, () => new Set<number>());
  const sizes = new Array<number>(nClusters).fill(0);
  const subset = new Uint32Array(k);
  for (let p = 0; p < count; p++) {
    const c = labels[p];
    if (c < 0) continue;
    sizes[c]++;
    unrankSubset(points.ranks[p], universe.length, k, subset);
    for (const local of subset) members[c].add(universe[local]);
  }
  return members.map((set, c) => ({ features: [...set].sort((a, b) => a - b), subsets: sizes[c] }));
}

interface FullRankPoints {
  values: Float64Array;
  /** Lex rank (within the bundle) of each point's subset. */
  ranks: number[];
  length: number;
}

/** The embeddings of full-rank subsets only, with their subset ranks (positions in lex order). */
function fullRank(embedded: SubsetEmbeddings, k: number, L: number): FullRankPoints {
  const ranks: number[] = [];
  embedded.ranks.forEach((r, i) => {
    if (r === k) ranks.push(i);
  });
  const values = new Float64Array(ranks.length * L);
  ranks.forEach((i, j) => values.set(embedded.embeddings.subarray(i * L, i * L + L), j * L));
  return { values, ranks, length: values.length };
}

/**
 * Subsets whose unit directions have a smallest singular value below this are
 * set aside like dependent ones: the span of nearly dependent vectors moves by
 * about noise/σ_min, which would smear a plane's cluster into its neighbours'
 * (two unit vectors at angle θ have σ_min = √(1 − |cos θ|): 0.35 ≈ 25° from
 * parallel or antiparallel). Every polygon up to 16 sides keeps enough subsets.
 */
const MIN_CONDITION = 0.35;

/**
 * A level whose projector embeddings would hold more float64 values than this
 * (2²⁶, 512 MB, held about three times over by the embedding, its full-rank
 * copy and the neighbour search's sorted copy) is skipped like one over
 * maxSubsets. Embeddings have m(m+1)/2 values each, so this bites only for wide
 * hidden layers: 20,000 subsets fit up to m = 81, the 1-subsets of a
 * 16,384-feature bundle up to m = 90.
 */
const MAX_EMBEDDING_VALUES = 2 ** 26;

/**
 * With no clear gap, eps is this fraction of √(2k): at k = 1, |cos| ≥ 0.99 for
 * two directions to be one line (d² = 2 − 2cos²); at k = 2 about 6° of tilt.
 */
const WEAK_GAP_EPS = 0.1;

/** Automatic eps stays below this fraction of √(2k), the largest projector distance. */
const EPS_CEILING_FRACTION = 0.25;

/** How many points per level contribute their nearest-neighbour distance to the automatic eps. */
const EPS_SAMPLE = 2000;

/** The bundle's unit directions, for the k = 1 level (subset rank = feature's local index). */
interface LineDirections {
  U: Float64Array;
  m: number;
}

/**
 * At k = 1 a candidate is checked in full only when 2 − 2cos² (the squared
 * distance of the projectors uuᵀ and vvᵀ, from m products instead of m(m+1)/2)
 * is within this of the smallest such value: far above the rounding of either
 * form (float32 embeddings included), so the nearest point is never missed.
 */
const LINE_MARGIN = 1e-3;

/**
 * Each point's distance to its nearest other point: the near-zero ones come
 * from subsets spanning the same plane, the rest from distinct planes, and
 * chooseEps looks for the gap between them. The distances are those of the
 * embeddings themselves; at k = 1 the cosines of the directions only preselect
 * which embeddings to compare (see LINE_MARGIN), which matters for wide layers
 * (m = 64: 2,080 values per embedding against 64 per direction).
 */
function nearestDistances(points: FullRankPoints, L: number, lines: LineDirections | null): number[] {
  const count = points.length / L;
  const X = points.values;
  const out: number[] = [];
  const near = lines ? new Float64Array(count) : null;
  // A deterministic stride sample bounds the cost at EPS_SAMPLE·count distance evaluations.
  const stride = Math.max(1, Math.ceil(count / EPS_SAMPLE));
  for (let i = 0; i < count; i += stride) {
    let cut = Infinity;
    if (lines && near) {
      const { U, m } = lines;
      const a = points.ranks[i] * m;
      let least = Infinity;
      for (let j = 0; j < count; j++) {
        if (j === i) continue;
        const b = points.ranks[j] * m;
        let c = 0;
        for (let r = 0; r < m; r++) c += U[a + r] * U[b + r];
        near[j] = 2 - 2 * c * c;
        if (near[j] < least) least = near[j];
      }
      cut = least + LINE_MARGIN;
    }
    let best = Infinity;
    for (let j = 0; j < count; j++) {
      if (j === i || (near && near[j] > cut)) continue;
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
 * noise (≤ rankTolerance·σ₁, or as params.spanDimension reads it). Random W
 * can put two unrelated subsets' planes close together; this keeps such chance
 * neighbours from being reported.
 */
function spansKPlane(W: Float64Array, m: number, features: number[], k: number, params: PlaneSearchParams): boolean {
  const { singular } = rowSpectrum(unitDirections(W, m, features), features.length, m);
  return (params.spanDimension ? params.spanDimension(singular) : numericalRank(singular, params.rankTolerance)) === k;
}

/**
 * How many k-subsets of `features` are full rank. A plane holding N features
 * should gather all of its full-rank k-subsets; a cluster that has fewer than
 * half of them is a chance meeting of a few projectors (DBSCAN chains
 * neighbours), not a plane the features share.
 */
function fullRankSubsetsWithin(features: number[], universe: number[], k: number, ranks: Uint8Array): number {
  const local = features.map((f) => universe.indexOf(f));
  let count = 0;
  forEachSubset(local.length, k, 0, binomial(local.length, k), (subset) => {
    const mapped = Array.from(subset, (i) => local[i]);
    if (ranks[rankSubset(mapped, universe.length)] === k) count++;
  });
  return count;
}
