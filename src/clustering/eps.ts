/**
 * Choosing DBSCAN's eps for projector embeddings of k-subsets.
 *
 * Subsets spanning the same plane embed at (nearly) the same point: their distances
 * sit at the noise level of the weights (or at float round-off for exact planes).
 * Subsets spanning different planes are far apart: chordal distances of distinct
 * k-planes are typically ≥ ~0.1 unless features are nearly parallel, on a scale
 * where the largest possible distance is √(2k) (orthogonal k-planes, ‖P−Q‖_F).
 * So the distances below a ceiling (a small fraction of that scale) form one
 * near-zero group spread over a few decades, and eps belongs in the widest
 * multiplicative gap that starts below the ceiling: the largest ratio between
 * consecutive sorted distances, the last one measured to the smallest distance
 * at or above the ceiling (or to the scale when there is none), with eps at the
 * gap's log-scale midpoint √(lo·hi) (clipped to the ceiling).
 *
 * Distances at or below a floor set by float precision (256 unit roundoffs of the
 * scale) count as exact duplicates. They join the near group: the empty decades
 * between round-off and the noise level are not a separation, so the floor is used
 * as the gap's lower end only when nothing lies between floor and ceiling.
 * For a point cloud the distances examined are k-distances (distance to the
 * (minSamples−1)-th nearest other point), the quantity DBSCAN thresholds to decide
 * core points (Ester et al. 1996, "sorted k-dist graph").
 * Limit: the rule needs an actual empty stretch. Ill-conditioned subsets (nearly
 * dependent features) amplify weight noise by 1/σ_min, which can smear a plane's
 * cluster up to the ceiling; the rationale then says the gap is weak (< ×3).
 */
import { epsNeighbours, pointCount } from './eps-neighbours.js';
import type { PointCloud } from './eps-neighbours.js';

/** Options of {@link chooseEps}. */
export interface ChooseEpsOptions {
  /**
   * scale: the largest distance the data can have, √(2k) for projector embeddings
   * of k-planes. Default: the largest distance given, or for a point cloud twice its
   * largest distance from the centroid (a bound on its diameter).
   */
  scale?: number;
  /**
   * ceilingFraction: distances ≥ ceilingFraction × scale are taken to separate
   * distinct planes; eps is always below this ceiling. Default 0.05 (0.1 for
   * 2-planes, whose scale is 2).
   */
  ceilingFraction?: number;
  /**
   * precision: unit roundoff of the arithmetic that produced the distances,
   * Number.EPSILON for float64 (default), 2⁻²³ for float32 GPU results. Distances
   * ≤ 256 × precision × scale are treated as exact duplicates.
   */
  precision?: number;
  /**
   * minSamples: min_samples of the DBSCAN run the eps is for. With a point cloud,
   * each point contributes its distance to its (minSamples−1)-th nearest other
   * point (at least the nearest). Default 2.
   */
  minSamples?: number;
}

/** The chosen eps and why. */
export interface EpsChoice {
  /** The radius to pass to DBSCAN. */
  eps: number;
  /** One sentence a report can print: which gap was found and how eps follows from it. */
  rationale: string;
  /**
   * hi/lo of the gap eps sits in (Infinity when nothing lies between floor and
   * ceiling). Below {@link WEAK_GAP} the data shows no clear separation between
   * coinciding and distinct planes.
   */
  gap: number;
}

const FLOOR_ROUNDOFFS = 256;
/** A gap narrower than this ratio is reported as weak in the rationale. */
export const WEAK_GAP = 3;

/**
 * Pick DBSCAN's eps from the gap between near-zero distances and the rest.
 *
 * @param input - Either distances (pairwise or k-nearest-neighbour, sampled or all,
 *   any order; zeros allowed), or a point cloud whose k-distances are computed exactly.
 * @param options - scale, ceilingFraction, precision, minSamples (see {@link ChooseEpsOptions}).
 * @returns eps and its rationale.
 */
export function chooseEps(input: Float64Array | PointCloud, options: ChooseEpsOptions = {}): EpsChoice {
  const ceilingFraction = options.ceilingFraction ?? 0.05;
  const precision = options.precision ?? Number.EPSILON;
  const minSamples = options.minSamples ?? 2;
  if (!(ceilingFraction > 0 && ceilingFraction <= 1)) {
    throw new RangeError(`ceilingFraction must be in (0, 1], got ${ceilingFraction}`);
  }
  if (!(precision > 0 && precision < 1)) throw new RangeError(`precision must be in (0, 1), got ${precision}`);
  if (!Number.isInteger(minSamples) || minSamples < 1) {
    throw new RangeError(`minSamples must be a positive integer, got ${minSamples}`);
  }

  const isCloud = !(input instanceof Float64Array);
  const scale = options.scale ?? (isCloud ? diameterBound(input) : maxOf(input));
  if (!(Number.isFinite(scale) && scale > 0)) {
    return { eps: 0, gap: Infinity, rationale: 'all distances are zero: eps = 0 groups exact duplicates only' };
  }
  const ceiling = ceilingFraction * scale;
  const floor = FLOOR_ROUNDOFFS * precision * scale;
  const k = Math.max(1, minSamples - 1);
  const distances = isCloud ? kDistances(input, k, ceiling) : input;
  const what = isCloud ? `${k}-nearest-neighbour distances` : 'distances';
  return gapEps(distances, floor, ceiling, scale, what);
}

/** eps at the log-midpoint of the widest gap below the ceiling (see the file comment). */
function gapEps(distances: Float64Array, floor: number, ceiling: number, scale: number, what: string): EpsChoice {
  let duplicates = 0;
  let far = 0;
  let nearestFar = Math.max(scale, ceiling);
  const near: number[] = [];
  for (const d of distances) {
    if (!(d >= 0)) throw new RangeError(`distances must be >= 0, got ${d}`);
    if (d <= floor) duplicates++;
    else if (d >= ceiling) {
      far++;
      nearestFar = Math.min(nearestFar, d);
    } else near.push(d);
  }
  const bounds = `floor ${fmt(floor)} (float precision), ceiling ${fmt(ceiling)}`;
  if (near.length === 0) {
    const eps = Math.sqrt(floor * ceiling);
    return {
      eps,
      gap: Infinity,
      rationale:
        `none of the ${distances.length} ${what} lies between the ${bounds} ` +
        `(${duplicates} at or below the floor, ${far} at or above the ceiling): eps = √(floor·ceiling) = ${fmt(eps)}`,
    };
  }
  near.sort((a, b) => a - b);
  near.push(nearestFar);
  let best = 0;
  for (let i = 1; i + 1 < near.length; i++) {
    if (near[i + 1] / near[i] > near[best + 1] / near[best]) best = i;
  }
  const lo = near[best];
  const hi = near[best + 1];
  const eps = Math.min(Math.sqrt(lo * hi), ceiling);
  const below = duplicates + best + 1;
  const above = distances.length - below;
  return {
    eps,
    gap: hi / lo,
    rationale:
      `widest multiplicative gap among the ${near.length - 1} ${what} between the ${bounds}: ` +
      `from ${fmt(lo)} to ${fmt(hi)} (×${(hi / lo).toPrecision(3)}), ` +
      `${below} below it and ${above} above: eps = ${eps === ceiling ? 'the ceiling' : '√(lo·hi)'} = ${fmt(eps)}` +
      (hi / lo < WEAK_GAP ? `; the gap is weak (< ×${WEAK_GAP}): no clear separation between coinciding and distinct points` : ''),
  };
}

/**
 * Each point's distance to its k-th nearest other point, or the ceiling when fewer
 * than k others lie within it (only distances below the ceiling matter).
 */
function kDistances(cloud: PointCloud, k: number, ceiling: number): Float64Array {
  const n = pointCount(cloud);
  const { points, dim } = cloud;
  const lists = epsNeighbours(cloud, ceiling);
  const out = new Float64Array(n).fill(ceiling);
  const scratch = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let q = lists.offsets[i]; q < lists.offsets[i + 1]; q++) {
      const j = lists.neighbours[q];
      if (j === i) continue;
      let acc = 0;
      for (let r = 0; r < dim; r++) {
        const d = points[i * dim + r] - points[j * dim + r];
        acc += d * d;
      }
      scratch[m++] = Math.sqrt(acc);
    }
    if (m >= k) out[i] = scratch.subarray(0, m).sort()[k - 1];
  }
  return out;
}

/** Twice the largest distance from the centroid: an upper bound on the diameter. */
function diameterBound(cloud: PointCloud): number {
  const n = pointCount(cloud);
  const { points, dim } = cloud;
  const centroid = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let r = 0; r < dim; r++) centroid[r] += points[i * dim + r] / n;
  let radius2 = 0;
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let r = 0; r < dim; r++) {
      const d = points[i * dim + r] - centroid[r];
      acc += d * d;
    }
    if (acc > radius2) radius2 = acc;
  }
  return 2 * Math.sqrt(radius2);
}

function maxOf(values: Float64Array): number {
  let m = 0;
  for (const v of values) if (v > m) m = v;
  return m;
}

function fmt(x: number): string {
  return x.toPrecision(3);
}
