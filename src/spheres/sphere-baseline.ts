/**
 * Is a sphere through features news, or what any features with these norms
 * would show? The random-direction baseline of findSpheres: features whose
 * norms are nearly equal all lie near the centred sphere of that norm, so
 * "4 of them within 0.02 of a circle" happens by itself; 6 points exactly on an
 * off-centre circle does not.
 *
 * Null model (see {@link sphereNull}): the features the sphere could be made of,
 * those lying (within its residual) in the smallest linear subspace that holds
 * the sphere, with their norms, each on an independent uniform direction of that
 * subspace. Drawing in the whole bundle's span instead would make 4 features
 * near a circle look rare when the bundle's features crowd into a 3-D subspace,
 * where 4 of 7 near one circle is common. A trial *hits* when some (j+1)-subset's circumsphere that
 * the search itself would use (conditioning and radius caps alike) has at least
 * `count` of the N points within `residual` of it, the statistic of the found
 * sphere (look-elsewhere included: the trial searches every subset, as the
 * search did). The Monte Carlo p-value is (1 + hits) / (1 + trials) (Davison &
 * Hinkley 1997, eq. 4.11); a sphere is reported when it is ≤ alpha.
 *
 * Cost: a chance sphere usually stops at the first trial; a genuine one runs all
 * trials × C(N, j+1) subsets, screened in the Gram form before the exact
 * circumsphere: ~0.2 s for circles among 12 features in R⁴, ~4 s for 2-spheres
 * among 20 in R⁵, ~16 s among 27 (measured on 2 heavily shared cores, so noisy).
 * Bundles past findSpheres' maxSubsets are not searched.
 */
import { gaussian, mulberry32 } from '../random/index.js';
import { binomial, forEachSubset } from '../grassmannian/subsets.js';
import { circumsphere } from './circumsphere.js';
import type { Circumsphere } from './circumsphere.js';

/** How the baseline is run. */
export interface SphereBaselineOptions {
  /** Random configurations drawn (at most; the run stops once the p-value cannot reach alpha). */
  trials: number;
  /** Significance level. */
  alpha: number;
  /** Seed of the directions (mulberry32): the verdict is reproducible. */
  seed: number;
}

/** The circumsphere filters of the search, applied alike in the trials. */
export interface SphereFilters {
  /** Subsets whose conditioning is below this are skipped. */
  minConditioning: number;
  /** Spheres with a larger radius are skipped (absolute units). */
  maxRadius: number;
}

/** What a found sphere is tested against. */
export interface SphereNull {
  /**
   * True when the centre is within 2 residuals of the origin: then a centred
   * sphere fits the features about as well (within 3 residuals), and "equal norms
   * in a (j)-plane" is a plane finding (the Hough step's), not an off-centre sphere.
   */
  centred: boolean;
  /** Dimension of the smallest linear subspace holding the sphere: its plane's j, plus 1 unless the plane passes within the residual of the origin. */
  dimension: number;
  /** Norms of the features within the residual of that subspace (the sphere's own among them). */
  norms: Float64Array;
}

/**
 * The population a found sphere is tested against.
 *
 * @param X - N×R feature coordinates (the search's reduced coordinates).
 * @param R - Their dimension.
 * @param sphere - The found sphere (centre, plane basis in R^R).
 * @param residual - Its residual (largest distance of its features from it).
 */
export function sphereNull(X: Float64Array, R: number, sphere: Circumsphere, residual: number): SphereNull {
  const N = X.length / R;
  const j = sphere.basis.length / R;
  const centred = Math.hypot(...sphere.centre) <= 2 * residual;
  // Orthonormal basis of span(plane directions, centre): the plane's basis plus the centre's part off it.
  const basis: Float64Array[] = Array.from({ length: j }, (_, q) => sphere.basis.subarray(q * R, q * R + R));
  const off = Float64Array.from(sphere.centre);
  for (const b of basis) {
    let dot = 0;
    for (let r = 0; r < R; r++) dot += off[r] * b[r];
    for (let r = 0; r < R; r++) off[r] -= dot * b[r];
  }
  const offNorm = Math.hypot(...off);
  if (offNorm > residual) basis.push(off.map((x) => x / offNorm));
  const norms: number[] = [];
  for (let a = 0; a < N; a++) {
    const x = X.subarray(a * R, a * R + R);
    const rest = Float64Array.from(x);
    for (const b of basis) {
      let dot = 0;
      for (let r = 0; r < R; r++) dot += x[r] * b[r];
      for (let r = 0; r < R; r++) rest[r] -= dot * b[r];
    }
    if (Math.hypot(...rest) <= residual) norms.push(Math.hypot(...x));
  }
  // Sorted: the trials then draw the same points whatever the features' order (permutation invariance).
  return { centred, dimension: basis.length, norms: Float64Array.from(norms).sort() };
}

/** Default baseline: 99 trials at α = 0.01, so a sphere is reported only when no trial hits. */
export const SPHERE_BASELINE: SphereBaselineOptions = { trials: 99, alpha: 0.01, seed: 0x5eed };

/**
 * Monte Carlo p-value of "some (j−1)-sphere holds `count` of N points within
 * `residual`" under random directions with the given norms.
 *
 * @param norms - The N features' norms.
 * @param R - Dimension of their span (the directions are drawn in R^R).
 * @param j - Points per affine plane of the sphere minus one (j = sphere dimension + 1).
 * @param count - Features on the found sphere.
 * @param residual - Their largest distance from it.
 * @param filters - The search's conditioning and radius caps.
 * @param opts - Trials, alpha, seed.
 * @returns The p-value bound (1 + hits)/(1 + trials run) and whether it is ≤ alpha.
 */
export function sphereChance(
  norms: Float64Array,
  R: number,
  j: number,
  count: number,
  residual: number,
  filters: SphereFilters,
  opts: SphereBaselineOptions,
): { pValue: number; significant: boolean; trials: number } {
  const N = norms.length;
  const rng = mulberry32(opts.seed);
  const X = new Float64Array(N * R);
  const points = new Float64Array((j + 1) * R);
  const total = binomial(N, j + 1);
  // Once this many trials hit, (1 + hits)/(1 + trials) > alpha whatever the rest do.
  const maxHits = Math.floor(opts.alpha * (opts.trials + 1) - 1);
  let hits = 0;
  let t = 0;
  // The Gram form loses about half the digits of a distance (‖v‖² − ‖Pv‖²); this slack keeps the screen a superset.
  let normMax = 0;
  for (const x of norms) normMax = Math.max(normMax, x);
  const slack = 1e-6 * normMax;
  const work = quickWorkspace(j, R);
  while (t < opts.trials && hits <= maxHits) {
    t++;
    for (let a = 0; a < N; a++) {
      let s = 0;
      for (let r = 0; r < R; r++) s += (X[a * R + r] = gaussian(rng)) ** 2;
      const scale = norms[a] / Math.sqrt(s);
      for (let r = 0; r < R; r++) X[a * R + r] *= scale;
    }
    let hit = false;
    forEachSubset(N, j + 1, 0, total, (subset) => {
      if (hit) return;
      for (let a = 0; a <= j; a++) points.set(X.subarray(subset[a] * R, subset[a] * R + R), a * R);
      // Screen with the cheap Gram-form sphere (a superset of the hits), then confirm
      // the few candidates exactly, with the search's own circumsphere and filters.
      if (quickCount(points, X, R, j, residual + slack, count, work) < count) return;
      const s = circumsphere(points, R);
      if (s === null || s.conditioning < filters.minConditioning || s.radius > filters.maxRadius) return;
      let on = 0;
      for (let a = 0; a < N && on + (N - a) >= count; a++) if (distanceToSphere(X.subarray(a * R, a * R + R), s) <= residual) on++;
      hit = on >= count;
    });
    if (hit) hits++;
  }
  const pValue = (1 + hits) / (1 + t);
  return { pValue, significant: t === opts.trials && pValue <= opts.alpha, trials: t };
}

interface QuickWorkspace {
  /** j×R differences v_k = p_k − p_0. */
  V: Float64Array;
  /** j×j Gram matrix of V, then its inverse. */
  G: Float64Array;
  inv: Float64Array;
  centre: Float64Array;
  y: Float64Array;
  z: Float64Array;
}

function quickWorkspace(j: number, R: number): QuickWorkspace {
  return {
    V: new Float64Array(j * R),
    G: new Float64Array(j * j),
    inv: new Float64Array(j * j),
    centre: new Float64Array(R),
    y: new Float64Array(j),
    z: new Float64Array(j),
  };
}

/**
 * How many of the N points lie within `tolerance` of the circumsphere of the j + 1
 * `points`, computed in the Gram form: centre c = p₀ + Vᵀa with (VVᵀ)a = ½‖v_k‖²,
 * distance √(‖x − c‖² − ‖P(x − c)‖² + (‖P(x − c)‖ − r)²), P = Vᵀ(VVᵀ)⁻¹V. Cheaper
 * than circumsphere() (no SVD) and less accurate; used only to screen. Nearly
 * dependent points (a tiny pivot) count 0: the search skips them anyway.
 * Stops counting once `need` is reached or out of reach.
 */
function quickCount(points: Float64Array, X: Float64Array, R: number, j: number, tolerance: number, need: number, w: QuickWorkspace): number {
  const { V, G, inv, centre, y, z } = w;
  const N = X.length / R;
  for (let k = 0; k < j; k++) for (let r = 0; r < R; r++) V[k * R + r] = points[(k + 1) * R + r] - points[r];
  let trace = 0;
  for (let a = 0; a < j; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let r = 0; r < R; r++) s += V[a * R + r] * V[b * R + r];
      G[a * j + b] = G[b * j + a] = s;
    }
    trace += G[a * j + a];
  }
  if (!invertSymmetric(G, inv, j, 1e-10 * trace)) return 0;
  // a = G⁻¹ (½‖v_k‖²); c = p₀ + Vᵀa.
  for (let k = 0; k < j; k++) z[k] = G[k * j + k] / 2;
  for (let k = 0; k < j; k++) {
    let s = 0;
    for (let l = 0; l < j; l++) s += inv[k * j + l] * z[l];
    y[k] = s;
  }
  let radius2 = 0;
  for (let r = 0; r < R; r++) {
    let c = points[r];
    for (let k = 0; k < j; k++) c += y[k] * V[k * R + r];
    centre[r] = c;
    radius2 += (c - points[r]) ** 2;
  }
  const radius = Math.sqrt(radius2);
  const tol2 = tolerance * tolerance;
  let on = 0;
  for (let a = 0; a < N && on < need && on + (N - a) >= need; a++) {
    let d2 = 0;
    for (let k = 0; k < j; k++) z[k] = 0;
    for (let r = 0; r < R; r++) {
      const u = X[a * R + r] - centre[r];
      d2 += u * u;
      for (let k = 0; k < j; k++) z[k] += V[k * R + r] * u;
    }
    // ‖Pu‖² = zᵀ G⁻¹ z.
    let in2 = 0;
    for (let k = 0; k < j; k++) for (let l = 0; l < j; l++) in2 += z[k] * inv[k * j + l] * z[l];
    const off2 = Math.max(0, d2 - in2);
    if (off2 + (Math.sqrt(Math.max(0, in2)) - radius) ** 2 <= tol2) on++;
  }
  return on;
}

/** Inverse of a small symmetric positive definite matrix by Gauss–Jordan; false when a pivot falls below minPivot. */
function invertSymmetric(G: Float64Array, inv: Float64Array, j: number, minPivot: number): boolean {
  const A = Float64Array.from(G);
  inv.fill(0);
  for (let k = 0; k < j; k++) inv[k * j + k] = 1;
  for (let c = 0; c < j; c++) {
    const pivot = A[c * j + c];
    if (!(pivot > minPivot)) return false;
    for (let k = 0; k < j; k++) {
      A[c * j + k] /= pivot;
      inv[c * j + k] /= pivot;
    }
    for (let r = 0; r < j; r++) {
      if (r === c) continue;
      const f = A[r * j + c];
      if (f === 0) continue;
      for (let k = 0; k < j; k++) {
        A[r * j + k] -= f * A[c * j + k];
        inv[r * j + k] -= f * inv[c * j + k];
      }
    }
  }
  return true;
}

/**
 * Euclidean distance of a point to a sphere in its affine plane:
 * √(‖v − Pv‖² + (‖Pv‖ − r)²) with v = x − c, P the plane's projector. The
 * off-plane part is formed as a vector, not as ‖v‖² − ‖Pv‖², which would lose half
 * the digits to cancellation.
 *
 * @param x - The point (length R, the sphere's ambient dimension).
 * @param s - The sphere.
 */
export function distanceToSphere(x: Float64Array, s: Circumsphere): number {
  const R = x.length;
  const k = s.basis.length / R;
  const off = new Float64Array(R);
  for (let r = 0; r < R; r++) off[r] = x[r] - s.centre[r];
  let inPlane2 = 0;
  for (let q = 0; q < k; q++) {
    let dot = 0;
    for (let r = 0; r < R; r++) dot += s.basis[q * R + r] * (x[r] - s.centre[r]);
    inPlane2 += dot * dot;
    for (let r = 0; r < R; r++) off[r] -= dot * s.basis[q * R + r];
  }
  let off2 = 0;
  for (let r = 0; r < R; r++) off2 += off[r] * off[r];
  return Math.sqrt(off2 + (Math.sqrt(inPlane2) - s.radius) ** 2);
}
