/**
 * The analyses that look at each bundle once its features are known:
 * spherical-code quality and the off-centre sphere search (the talk's open
 * question). Both are per bundle, so their cost follows the bundle sizes.
 */
import { binomial } from '../grassmannian/index.js';
import { bundleDirections, findSpheres, sphericalCodeQuality } from '../spheres/index.js';
import type { BundleReport, CodeQualityReport, SphereReport } from '../report/types.js';

/** Bundles whose (j+1)-subsets exceed this are not searched for spheres. */
export const SPHERE_MAX_SUBSETS = 20_000;

/**
 * Sets of more directions than this are not judged as spherical codes: the
 * measures are O(N²) pairwise, and no table covers such N anyway (dictionary-
 * sized bundles are judged by their regularity alone).
 */
export const CODES_MAX_POINTS = 2048;

/** Spherical-code quality of every bundle of 2…CODES_MAX_POINTS features, then of all represented features in R^m. */
export function codeQualities(W: Float32Array | Float64Array, m: number, bundles: BundleReport[], represented: number[]): CodeQualityReport[] {
  const out: CodeQualityReport[] = [];
  for (const b of bundles) {
    if (b.features.length < 2 || b.features.length > CODES_MAX_POINTS) continue;
    const { U, d } = bundleDirections(W, m, b.features, { dimension: b.dimension });
    out.push({ bundle: b.id, ...sphericalCodeQuality(U, d, { label: b.polytope }) });
  }
  if (represented.length >= 2 && represented.length <= CODES_MAX_POINTS) {
    const { U, d } = bundleDirections(W, m, represented, { dimension: m });
    out.push({ bundle: null, ...sphericalCodeQuality(U, d, { label: 'all represented features' }) });
  }
  return out;
}

/**
 * Circles (through ≥ 4 features) and 2-spheres (≥ 5) within each irregular
 * bundle of at least 4 features, reported when they beat the random-direction
 * baseline (sphere-baseline.ts). Bundles with a polytope label are not
 * searched: their vertices lie on the centred circumsphere of their norm, so
 * every circle or sphere through some of them is a slice of that circumsphere
 * (a circle through 4 of a pentagon's 5 vertices is not news). Returns the
 * spheres and one line per bundle on what was done.
 */
export function bundleSpheres(W: Float32Array | Float64Array, m: number, bundles: BundleReport[]): { spheres: SphereReport[]; notes: string[] } {
  const spheres: SphereReport[] = [];
  const notes: string[] = [];
  for (const b of bundles) {
    const N = b.features.length;
    if (N < 4) continue;
    if (b.polytope !== 'irregular') {
      notes.push(`bundle ${b.id}: a ${b.polytope}, not searched (any sphere through its vertices lies on its own circumsphere)`);
      continue;
    }
    const dims = b.dimension >= 3 ? [1, 2] : [1];
    if (dims.some((j) => binomial(N, j + 2) > SPHERE_MAX_SUBSETS)) {
      notes.push(`bundle ${b.id}: ${N} features are too many for the sphere search (more than ${SPHERE_MAX_SUBSETS} subsets)`);
      continue;
    }
    const found = findSpheres(W, m, b.features, { sphereDimensions: dims });
    for (const p of found.params) {
      const dropped =
        (p.centred ? `; ${p.centred} dropped as centred (a plane of equal norms, the Hough step's finding)` : '') +
        (p.notSignificant ? `; ${p.notSignificant} dropped as no better than random directions with these norms` : '');
      notes.push(`bundle ${b.id}, ${p.dimension}-spheres: ${p.subsets} subsets, eps ${p.eps.toPrecision(3)} (${p.epsRationale})${dropped}`);
    }
    for (const s of found.spheres) {
      // The default baseline is on, so every reported sphere has a p-value.
      spheres.push({
        dimension: s.dimension,
        centre: Array.from(s.centre),
        radius: s.radius,
        features: s.features,
        subsets: s.subsets,
        residual: s.residual,
        pValue: s.pValue ?? 1,
      });
    }
  }
  return { spheres, notes };
}
