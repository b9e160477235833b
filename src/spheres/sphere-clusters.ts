/**
 * Features lying on a common low-dimensional sphere anywhere in R^m (a Hough
 * transform for spheres, as the projector embedding is for planes): every
 * (j+1)-subset of the features fixes one (j−1)-sphere (its circumsphere); subsets
 * of features on a common sphere give the same sphere, so their embeddings
 * (see circumsphere.ts) coincide and DBSCAN groups them. A cluster whose subsets
 * cover more than j + 1 features is a sphere holding that many features, once
 * verified: it must contain most of the usable subsets of those features (see
 * verify), which rejects two unrelated subsets that merely pass close.
 *
 * Significance: a verified sphere is reported only when it is off-centre (its
 * centre farther than 2 residuals from the origin) and random directions with
 * the same norms rarely hold as many features within its residual (see
 * sphere-baseline.ts). Without that, near-coincidences of noisy data read like
 * exact spheres: 4 of a few points on a 2-sphere within 0.5 % of a common circle
 * (one condition on S², so it happens by chance), or a circle about the origin
 * through features that merely have similar norms. Each sphere's `residual` says
 * how closely its features fit it and `pValue` how often chance does as well.
 *
 * Cones are dropped, as pyramids are for planes: when all features but one lie in
 * a lower affine plane (e.g. a circle's points plus one more point), the sphere
 * through them is forced and says nothing beyond the lower sphere.
 */
import { epsNeighbours } from '../clustering/eps-neighbours.js';
import type { PointCloud } from '../clustering/eps-neighbours.js';
import { dbscan } from '../clustering/dbscan.js';
import { featureRows } from '../features/directions.js';
import { orthonormalBasis } from '../grassmannian/basis.js';
import { binomial, forEachSubset, rankSubset } from '../grassmannian/subsets.js';
import { circumsphere, sphereEmbeddingLength, writeSphereEmbedding } from './circumsphere.js';
import type { Circumsphere } from './circumsphere.js';
import { SPHERE_BASELINE, distanceToSphere, sphereChance, sphereNull } from './sphere-baseline.js';
import type { SphereBaselineOptions } from './sphere-baseline.js';

/** Options of {@link findSpheres}. */
export interface FindSpheresOptions {
  /** Sphere dimensions to look for: 1 = circles (j = 2), 2 = 2-spheres (j = 3), …. Default [1, 2]. */
  sphereDimensions?: readonly number[];
  /**
   * scale ℓ: the length that makes the projector term commensurate with centres and
   * radii (see sphereDistance), and the unit of the other length thresholds.
   * Default: the median norm of the features.
   */
  scale?: number;
  /**
   * eps: DBSCAN radius over sphere embeddings (same units as W). Default: the widest
   * gap among nearest-neighbour distances below ceilingFraction × 2ℓ (see sphereEps).
   */
  eps?: number;
  /** eps stays below ceilingFraction × 2ℓ. Default 0.05. */
  ceilingFraction?: number;
  /**
   * Subsets whose points are nearly affinely dependent (smallest/largest singular
   * value of their differences below this) are skipped: their sphere is
   * ill-determined. The same cut decides when the features of a found sphere minus
   * one lie in a lower plane (a cone, dropped). Default 0.02.
   */
  minConditioning?: number;
  /**
   * A cluster must contain at least this fraction of the usable (j+1)-subsets of
   * its features (see verify); features are dropped, rarest first, until it does.
   * Default 0.75.
   */
  minSupport?: number;
  /** Spheres with a radius above maxRadius·ℓ are skipped (nearly flat triples). Default 10. */
  maxRadius?: number;
  /**
   * At most this many (j+1)-subsets per sphere dimension; more throws a RangeError
   * (restrict the features to a bundle). Memory is about maxSubsets × (R²/2 + 1.5R)
   * doubles, R = rank of the features (≤ their count). Default 20000.
   */
  maxSubsets?: number;
  /**
   * The random-direction baseline a sphere must beat to be reported (see
   * sphere-baseline.ts). Default SPHERE_BASELINE (99 trials, α = 0.01); null
   * reports every verified sphere (its pValue is then null).
   */
  baseline?: SphereBaselineOptions | null;
}

/** A sphere holding more features than its dimension needs. */
export interface FoundSphere {
  /** Dimension of the sphere (1 circle, 2 two-sphere, …). */
  dimension: number;
  /** Centre in R^m. */
  centre: Float64Array;
  /** Radius. */
  radius: number;
  /** (dimension+1)×m orthonormal basis of the sphere's affine plane directions. */
  basis: Float64Array;
  /** Feature indices on the sphere, ascending. */
  features: number[];
  /** Number of the features' (j+1)-subsets in the verified cluster. */
  subsets: number;
  /** Largest distance of one of `features` from the reported sphere (units of W). */
  residual: number;
  /**
   * Monte Carlo p-value: how often random directions with the same norms put as
   * many features within `residual` of some sphere of this dimension,
   * (1 + hits)/(1 + trials); null when the baseline was switched off.
   */
  pValue: number | null;
}

/** What {@link findSpheres} used, per sphere dimension. */
export interface SphereSearchParams {
  /** Sphere dimension searched. */
  dimension: number;
  /** Subsets examined (C(N, j+1)). */
  subsets: number;
  /** Subsets skipped as degenerate (poor conditioning or radius above the cap). */
  skipped: number;
  /** DBSCAN eps used. */
  eps: number;
  /** Why that eps (chooseEps's rationale, or "given"). */
  epsRationale: string;
  /** Verified spheres dropped because random directions with the same norms do as well (p-value above alpha). */
  notSignificant: number;
  /** Verified spheres dropped as centred (centre within 2 residuals of the origin: a plane of equal norms, see sphereNull). */
  centred: number;
}

/** Result of {@link findSpheres}. */
export interface FindSpheresResult {
  /** Spheres found, by dimension then by first feature. */
  spheres: FoundSphere[];
  /** The scale ℓ used. */
  scale: number;
  /** Per sphere dimension: counts and eps. */
  params: SphereSearchParams[];
}

/**
 * Find features lying on common low-dimensional spheres (circles, 2-spheres, …)
 * centred anywhere, from the raw feature vectors W_i.
 *
 * @param W - Feature-major n×m values: W[i*m + r] is coordinate r of feature i.
 * @param m - Hidden dimension.
 * @param features - The features to search among (e.g. one bundle, or the
 *   represented features of a small model).
 * @param opts - Dimensions, scale, eps and caps (see {@link FindSpheresOptions}).
 * @returns The spheres, the scale and the parameters used.
 */
export function findSpheres(W: Float32Array | Float64Array, m: number, features: readonly number[], opts: FindSpheresOptions = {}): FindSpheresResult {
  const dims = opts.sphereDimensions ?? [1, 2];
  const minConditioning = opts.minConditioning ?? 0.02;
  const maxSubsets = opts.maxSubsets ?? 20000;
  const N = features.length;
  const scale = opts.scale ?? medianNorm(W, m, features);
  const result: FindSpheresResult = { spheres: [], scale, params: [] };
  if (N === 0 || !(scale > 0)) return result;
  // Work in an orthonormal basis of the features' span: all distances are
  // rotation invariant, and R ≤ N keeps the projector embeddings small.
  // (on a float64 copy of the rows: the basis routine stays monomorphic for the Hough step's hot loop)
  const { basis: B, rank: R } = orthonormalBasis(
    featureRows(W, m, features),
    m,
    features.map((_, a) => a),
  );
  const X = new Float64Array(N * R);
  for (let a = 0; a < N; a++) {
    for (let c = 0; c < R; c++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += B[c * m + r] * W[features[a] * m + r];
      X[a * R + c] = s;
    }
  }
  for (const dimension of dims) {
    if (!Number.isInteger(dimension) || dimension < 1) {
      throw new RangeError(`sphere dimensions must be integers ≥ 1, got ${dimension}`);
    }
    const j = dimension + 1;
    if (N < j + 2 || R < j) {
      result.params.push({ dimension, subsets: 0, skipped: 0, eps: 0, epsRationale: 'too few features or dimensions', notSignificant: 0, centred: 0 });
      continue;
    }
    const total = binomial(N, j + 1);
    if (total > maxSubsets) {
      throw new RangeError(
        `${total} subsets of ${j + 1} among ${N} features exceed maxSubsets = ${maxSubsets}: restrict the features to a bundle or raise the cap`,
      );
    }
    const found = searchDimension(X, R, j, total, scale, opts, minConditioning);
    result.params.push(found.params);
    for (const s of found.spheres) result.spheres.push(toAmbient(s, B, m, features));
  }
  return result;
}

interface LocalSphere {
  sphere: Circumsphere;
  /** Local positions 0..N−1. */
  members: number[];
  subsets: number;
  residual: number;
  pValue: number | null;
}

/** Circumspheres of all (j+1)-subsets in the reduced coordinates, clustered. */
function searchDimension(
  X: Float64Array,
  R: number,
  j: number,
  total: number,
  scale: number,
  opts: FindSpheresOptions,
  minConditioning: number,
): { spheres: LocalSphere[]; params: SphereSearchParams } {
  const N = X.length / R;
  const maxRadius = (opts.maxRadius ?? 10) * scale;
  const dim = sphereEmbeddingLength(R);
  const embeddings = new Float64Array(total * dim);
  const kept: Uint32Array[] = [];
  const spheres: Circumsphere[] = [];
  const points = new Float64Array((j + 1) * R);
  forEachSubset(N, j + 1, 0, total, (subset) => {
    for (let a = 0; a <= j; a++) points.set(X.subarray(subset[a] * R, subset[a] * R + R), a * R);
    const s = circumsphere(points, R);
    if (s === null || s.conditioning < minConditioning || s.radius > maxRadius) return;
    writeSphereEmbedding(s, scale, embeddings, kept.length * dim);
    kept.push(subset.slice());
    spheres.push(s);
  });
  const cloud = { points: embeddings.subarray(0, kept.length * dim), dim };
  const dimension = j - 1;
  const skipped = total - kept.length;
  if (kept.length < 2)
    return { spheres: [], params: { dimension, subsets: total, skipped, eps: 0, epsRationale: 'fewer than 2 usable subsets', notSignificant: 0, centred: 0 } };
  const choice = opts.eps === undefined ? sphereEps(cloud, 2 * scale, opts.ceilingFraction ?? 0.05) : { eps: opts.eps, rationale: 'given' };
  const { labels, nClusters } = dbscan(cloud, { eps: choice.eps, minSamples: 2 });

  const keptByRank = new Int32Array(total).fill(-1);
  kept.forEach((subset, p) => (keptByRank[rankSubset(subset, N)] = p));
  const minSupport = opts.minSupport ?? 0.75;
  const baseline = opts.baseline === undefined ? SPHERE_BASELINE : opts.baseline;
  let notSignificant = 0;
  let centred = 0;
  const out: LocalSphere[] = [];
  const clusters: number[][] = Array.from({ length: nClusters }, () => []);
  labels.forEach((label, p) => label >= 0 && clusters[label].push(p));
  for (const members of clusters) {
    const verified = verify(members, kept, keptByRank, N, j, minSupport);
    if (verified === null || isCone(X, R, verified.features, j, minConditioning)) continue;
    const rep = spheres[medoid(cloud.points, dim, verified.members)];
    let residual = 0;
    for (const f of verified.features) residual = Math.max(residual, distanceToSphere(X.subarray(f * R, f * R + R), rep));
    let pValue: number | null = null;
    if (baseline !== null) {
      const population = sphereNull(X, R, rep, residual);
      if (population.centred) {
        centred++;
        continue;
      }
      const chance = sphereChance(population.norms, population.dimension, j, verified.features.length, residual, { minConditioning, maxRadius }, baseline);
      if (!chance.significant) {
        notSignificant++;
        continue;
      }
      pValue = chance.pValue;
    }
    out.push({ sphere: rep, members: verified.features, subsets: verified.members.length, residual, pValue });
  }
  out.sort((a, b) => a.members[0] - b.members[0]);
  return { spheres: out, params: { dimension, subsets: total, skipped, eps: choice.eps, epsRationale: choice.rationale, notSignificant, centred } };
}

/**
 * The features a cluster of subsets vouches for. Features on one sphere make all
 * their usable (j+1)-subsets coincide, so a genuine cluster holds (nearly) all of
 * them; two subsets that merely pass close (e.g. sharing j features whose other
 * features are near each other) do not, and a few stray subsets chained into a
 * genuine cluster bring features that hardly occur. So the feature occurring in
 * the fewest member subsets is removed until the members cover at least minSupport
 * of the usable subsets of the remaining features; at least j + 2 member subsets
 * and more than j + 1 features must remain.
 *
 * @returns Ascending local feature positions and the member subsets within them, or null.
 */
function verify(
  members: number[],
  kept: Uint32Array[],
  keptByRank: Int32Array,
  N: number,
  j: number,
  minSupport: number,
): { features: number[]; members: number[] } | null {
  const features = new Set<number>();
  for (const p of members) for (const f of kept[p]) features.add(f);
  while (features.size > j + 1) {
    const inside = members.filter((p) => kept[p].every((f) => features.has(f)));
    const list = [...features].sort((a, b) => a - b);
    let usable = 0;
    forEachSubset(
      list.length,
      j + 1,
      0,
      binomial(list.length, j + 1),
      (subset) => {
        if (keptByRank[rankSubset(subset, N)] >= 0) usable++;
      },
      list,
    );
    if (inside.length >= j + 2 && inside.length >= minSupport * usable) return { features: list, members: inside };
    const count = new Map<number, number>(list.map((f) => [f, 0]));
    for (const p of inside) for (const f of kept[p]) count.set(f, (count.get(f) ?? 0) + 1);
    let worst = list[0];
    for (const f of list) if ((count.get(f) ?? 0) <= (count.get(worst) ?? 0)) worst = f;
    features.delete(worst);
  }
  return null;
}

/**
 * eps for sphere embeddings: the log-midpoint √(lo·hi) of the widest multiplicative
 * gap between consecutive sorted nearest-neighbour distances below the ceiling
 * (ceilingFraction × scale), the last one measured to the ceiling. This is clustering/eps.ts's rule with one change:
 * distances at the round-off floor (256 unit roundoffs of the scale) take part, as
 * the floor. Coinciding spheres of exact data sit there, and unlike noisy planes
 * they arise only from features truly on one sphere, so the empty decades above
 * them are the separation sought (chooseEps skips that gap, which would let eps
 * grow to where near-misses of random features, like 4 points almost on a circle,
 * merge). Data without such duplicates get chooseEps's eps.
 */
function sphereEps(cloud: PointCloud, scale: number, ceilingFraction: number): { eps: number; rationale: string } {
  const ceiling = ceilingFraction * scale;
  const floor = 256 * Number.EPSILON * scale;
  const { points, dim } = cloud;
  const n = points.length / dim;
  const lists = epsNeighbours(cloud, ceiling);
  const near: number[] = [];
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let q = lists.offsets[i]; q < lists.offsets[i + 1]; q++) {
      const k = lists.neighbours[q];
      if (k === i) continue;
      let acc = 0;
      for (let r = 0; r < dim; r++) acc += (points[i * dim + r] - points[k * dim + r]) ** 2;
      best = Math.min(best, Math.sqrt(acc));
    }
    if (best < ceiling) near.push(Math.max(best, floor));
  }
  const fmt = (x: number) => x.toPrecision(3);
  if (near.length === 0) {
    const eps = Math.sqrt(floor * ceiling);
    return { eps, rationale: `no nearest-neighbour distance below the ceiling ${fmt(ceiling)}: eps = √(floor·ceiling) = ${fmt(eps)}` };
  }
  near.sort((a, b) => a - b);
  near.push(ceiling);
  let best = 0;
  for (let i = 1; i + 1 < near.length; i++) if (near[i + 1] / near[i] > near[best + 1] / near[best]) best = i;
  const lo = near[best];
  const hi = near[best + 1];
  const eps = Math.min(Math.sqrt(lo * hi), ceiling);
  return {
    eps,
    rationale:
      `widest multiplicative gap among the ${near.length - 1} nearest-neighbour distances below the ceiling ${fmt(ceiling)} ` +
      `(floor ${fmt(floor)}): from ${fmt(lo)} to ${fmt(hi)} (×${(hi / lo).toPrecision(3)}), ${best + 1} below it: eps = ${fmt(eps)}`,
  };
}

/** True when, for some feature, all the others lie in an affine plane of dimension < j. */
function isCone(X: Float64Array, R: number, members: number[], j: number, minConditioning: number): boolean {
  for (const apex of members) {
    const rest = members.filter((f) => f !== apex);
    const base = rest[0];
    const diffs = new Float64Array((rest.length - 1) * R);
    for (let a = 1; a < rest.length; a++) {
      for (let r = 0; r < R; r++) diffs[(a - 1) * R + r] = X[rest[a] * R + r] - X[base * R + r];
    }
    const { singularValues } = orthonormalBasis(
      diffs,
      R,
      Array.from({ length: rest.length - 1 }, (_, k) => k),
    );
    if (singularValues[j - 1] < minConditioning * singularValues[0]) return true;
  }
  return false;
}

/** Index (into `members`' values) of the member nearest the members' mean embedding. */
function medoid(points: Float64Array, dim: number, members: number[]): number {
  const mean = new Float64Array(dim);
  for (const p of members) for (let r = 0; r < dim; r++) mean[r] += points[p * dim + r] / members.length;
  let best = members[0];
  let bestD = Infinity;
  for (const p of members) {
    let s = 0;
    for (let r = 0; r < dim; r++) s += (points[p * dim + r] - mean[r]) ** 2;
    if (s < bestD) {
      bestD = s;
      best = p;
    }
  }
  return best;
}

/** Maps a sphere found in the span coordinates back to R^m and to feature indices. */
function toAmbient(s: LocalSphere, B: Float64Array, m: number, features: readonly number[]): FoundSphere {
  const R = B.length / m;
  const k = s.sphere.basis.length / R;
  const lift = (v: Float64Array): Float64Array => {
    const out = new Float64Array(m);
    for (let c = 0; c < R; c++) for (let r = 0; r < m; r++) out[r] += v[c] * B[c * m + r];
    return out;
  };
  const basis = new Float64Array(k * m);
  for (let q = 0; q < k; q++) basis.set(lift(s.sphere.basis.subarray(q * R, q * R + R)), q * m);
  return {
    dimension: s.sphere.dimension,
    centre: lift(s.sphere.centre),
    radius: s.sphere.radius,
    basis,
    features: s.members.map((a) => features[a]).sort((a, b) => a - b),
    subsets: s.subsets,
    residual: s.residual,
    pValue: s.pValue,
  };
}

/** Median Euclidean norm of the selected features. */
function medianNorm(W: Float32Array | Float64Array, m: number, features: readonly number[]): number {
  const norms = features.map((f) => {
    let s = 0;
    for (let r = 0; r < m; r++) s += W[f * m + r] ** 2;
    return Math.sqrt(s);
  });
  norms.sort((a, b) => a - b);
  const h = norms.length >> 1;
  return norms.length === 0 ? 0 : norms.length % 2 ? norms[h] : (norms[h - 1] + norms[h]) / 2;
}
