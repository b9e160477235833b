/**
 * Is a sphere through features news, or what any features with these norms
 * would show? The random-direction baseline of findSpheres: features whose
 * norms are nearly equal all lie near the centred sphere of that norm, so
 * "4 of them within 0.02 of a circle" happens by itself; 6 points exactly on an
 * off-centre circle does not.
 *
 * Null model: the same N norms, each on an independent uniform direction of the
 * features' span R^R. A trial *hits* when some (j+1)-subset's circumsphere that
 * the search itself would use (conditioning and radius caps alike) has at least
 * `count` of the N points within `residual` of it, the statistic of the found
 * sphere (look-elsewhere included: the trial searches every subset, as the
 * search did). The Monte Carlo p-value is (1 + hits) / (1 + trials) (Davison &
 * Hinkley 1997, eq. 4.11); a sphere is reported when it is ≤ alpha.
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
