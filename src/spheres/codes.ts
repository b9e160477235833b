/**
 * How good a spherical code a set of feature directions is: its minimal angle
 * against the best-known code (Sloane's tables), its Thomson energy against the
 * known minimum, and its coherence against the Welch bound and the random
 * superposition baseline. [Toy] suggests learned features form spherical codes;
 * these numbers say how close a bundle comes to an optimal one.
 */
import { unitDirections } from '../features/directions.js';
import { numericalRank, rowSpectrum } from '../features/rank.js';
import { bestKnownMinAngleDeg } from './sloane.js';
import { thomsonEnergy, thomsonMinimum } from './thomson.js';

const DEG = 180 / Math.PI;

/** Quality of N unit vectors in R^d as a spherical code. */
export interface SphericalCodeQuality {
  /** Number of points N. */
  n: number;
  /** Dimension d of the sphere's ambient space. */
  d: number;
  /** Smallest angle between two points, degrees (NaN for N < 2). */
  minAngleDeg: number;
  /** Best-known minimal angle for N points in R^d (see bestKnownMinAngleDeg), or null. */
  bestKnownMinAngleDeg: number | null;
  /** minAngleDeg / bestKnownMinAngleDeg, ≤ 1 up to the table's rounding; null without a table entry. */
  angleRatio: number | null;
  /** Σ_{i<j} 1/‖u_i − u_j‖. */
  /** Null when two directions coincide (e.g. a digon with one sign flipped): the energy is infinite, which JSON cannot hold. */
  thomsonEnergy: number | null;
  /** Known minimal Thomson energy for N points in R^d, or null. */
  thomsonMinimum: number | null;
  /** thomsonEnergy / thomsonMinimum, ≥ 1 up to the table's rounding; null without a known minimum or with coinciding directions. */
  energyRatio: number | null;
  /** μ = max_{i≠j} |u_i·u_j| (NaN for N < 2). */
  coherence: number;
  /**
   * Welch bound √((N − d)/(d(N − 1))), the least coherence N unit vectors in R^d can
   * have (Welch 1974), met exactly by equiangular tight frames; 0 for 2 ≤ N ≤ d
   * (orthonormal vectors reach it); null for N < 2.
   */
  welchBound: number | null;
  /**
   * Random superposition baseline δ = √(4 ln N / d): N random unit vectors in R^d
   * have all |cos| ≤ δ with probability ≥ ½ (Edmonds, "Random Superposition", Lemma 1).
   */
  randomBaseline: number;
  /** RMS |cos| of two random unit vectors in R^d, 1/√d. */
  randomRms: number;
  /** One line: how far from an optimal code. */
  verdict: string;
}

/** Options of {@link sphericalCodeQuality}. */
export interface CodeQualityOptions {
  /** Name printed at the start of the verdict, e.g. a polytope label. Default "N points in R^d". */
  label?: string;
}

/**
 * Spherical-code quality of N unit vectors.
 *
 * Cost O(N²·d): meant for a bundle or a toy model's W, not a 10⁵-feature dictionary.
 *
 * @param U - Feature-major N×d unit vectors (e.g. from {@link bundleDirections}).
 * @param d - Dimension of each vector; best known values are looked up for this d,
 *   so pass the points' own dimension (their numerical rank), not a larger ambient one.
 * @param opts - Label for the verdict.
 * @returns Angles, energies, coherence, their references and a verdict.
 */
export function sphericalCodeQuality(U: Float64Array, d: number, opts: CodeQualityOptions = {}): SphericalCodeQuality {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`d must be a positive integer, got ${d}`);
  if (U.length % d !== 0) throw new RangeError(`U.length ${U.length} is not a multiple of d ${d}`);
  const n = U.length / d;
  let minAngle = Infinity;
  let coherence = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      let dot = 0;
      let diff = 0;
      let sum = 0;
      for (let r = 0; r < d; r++) {
        const x = U[a * d + r];
        const y = U[b * d + r];
        dot += x * y;
        diff += (x - y) ** 2;
        sum += (x + y) ** 2;
      }
      // 2·atan2(‖u−v‖, ‖u+v‖) is accurate for all angles, acos(u·v) is not near 0° and 180° (Kahan).
      minAngle = Math.min(minAngle, 2 * Math.atan2(Math.sqrt(diff), Math.sqrt(sum)) * DEG);
      coherence = Math.max(coherence, Math.abs(dot));
    }
  }
  if (n < 2) {
    minAngle = NaN;
    coherence = NaN;
  }
  const best = bestKnownMinAngleDeg(n, d);
  const sum = thomsonEnergy(U, d);
  const energy = Number.isFinite(sum) ? sum : null;
  const eMin = thomsonMinimum(n, d);
  const quality = {
    n,
    d,
    minAngleDeg: minAngle,
    bestKnownMinAngleDeg: best,
    angleRatio: best === null ? null : minAngle / best,
    thomsonEnergy: energy,
    thomsonMinimum: eMin,
    energyRatio: eMin === null || energy === null ? null : energy / eMin,
    coherence,
    welchBound: n < 2 ? null : n <= d ? 0 : Math.sqrt((n - d) / (d * (n - 1))),
    randomBaseline: n < 1 ? 0 : Math.sqrt((4 * Math.log(n)) / d),
    randomRms: 1 / Math.sqrt(d),
  };
  return { ...quality, verdict: verdict(opts.label ?? `${n} points in R^${d}`, quality) };
}

function verdict(label: string, q: Omit<SphericalCodeQuality, 'verdict'>): string {
  if (q.n < 2) return `${label}: a single point, no code to judge`;
  const angle =
    q.bestKnownMinAngleDeg === null || q.angleRatio === null
      ? `minimal angle ${deg(q.minAngleDeg)} (no best-known value for ${q.n} points in R^${q.d})`
      : `minimal angle ${deg(q.minAngleDeg)} = ${q.angleRatio.toFixed(3)} of optimal (${deg(q.bestKnownMinAngleDeg)})`;
  const energy =
    q.thomsonEnergy === null
      ? 'Thomson energy infinite (coinciding directions)'
      : q.energyRatio === null
        ? 'Thomson energy minimum unknown'
        : `Thomson energy ×${q.energyRatio.toFixed(3)} of the minimum`;
  const welch = q.welchBound === null ? '' : `Welch ${q.welchBound.toFixed(3)}, `;
  return `${label}: ${angle}, ${energy}, coherence ${q.coherence.toFixed(3)} (${welch}random δ ${q.randomBaseline.toFixed(3)})`;
}

function deg(x: number): string {
  return `${Number(x.toFixed(2))}°`;
}

/** Options of {@link bundleDirections}. */
export interface BundleDirectionsOptions {
  /** The bundle's dimension when known (e.g. the Report's bundle dimension); otherwise its numerical rank. */
  dimension?: number;
  /**
   * Relative rank tolerance when `dimension` is not given: singular values of the
   * unit directions above rankTolerance·σ₁ count. Default 0.3, as classifyBundle
   * (orthogonalDecomposition's noise ceiling).
   */
  rankTolerance?: number;
}

/** A bundle's directions written in its own basis. */
export interface BundleDirections {
  /** Feature-major N×d unit vectors. */
  U: Float64Array;
  /** The bundle's dimension d. */
  d: number;
}

/**
 * The unit directions of a bundle's features in the bundle's own d-dimensional
 * basis (its top d principal axes), renormalised onto the unit sphere of R^d: the
 * points the code tables speak of. Components outside the d axes (noise) are
 * dropped; the result is unique up to a rotation of R^d, which no quality measure sees.
 *
 * @param W - Feature-major n×m values: W[i*m + r] is coordinate r of feature i.
 * @param m - Hidden dimension.
 * @param features - Indices of the bundle's features (pass all represented
 *   features with dimension m to judge the whole W).
 * @param opts - Dimension or rank tolerance.
 * @returns The directions and d.
 */
export function bundleDirections(W: Float32Array | Float64Array, m: number, features: readonly number[], opts: BundleDirectionsOptions = {}): BundleDirections {
  const N = features.length;
  const directions = unitDirections(W, m, features);
  const { singular, coordinates, width } = rowSpectrum(directions, N, m);
  const wanted = opts.dimension ?? numericalRank(singular, opts.rankTolerance ?? 0.3);
  const d = Math.max(1, Math.min(wanted, width));
  const U = new Float64Array(N * d);
  for (let a = 0; a < N; a++) {
    let s = 0;
    for (let c = 0; c < d; c++) s += coordinates[a * width + c] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let c = 0; c < d; c++) U[a * d + c] = coordinates[a * width + c] * inv;
  }
  return { U, d };
}
