import { describe, expect, it } from 'vitest';
import { bundleSpheres } from '../../src/analysis/geometry-extras.js';
import { applyRotation, gaussian, mulberry32, randomRotation } from '../../src/random/index.js';
import type { BundleReport } from '../../src/report/types.js';
import { findSpheres } from '../../src/spheres/index.js';
import { SPHERE_BASELINE, sphereChance } from '../../src/spheres/sphere-baseline.js';

const filters = { minConditioning: 0.02, maxRadius: 10 };

/** n features at angles 2πi/n + phase on a circle of radius r about h·e3, in R^4, then rotated. */
function offCentreCircle(n: number, r: number, h: number, noise: number, seed: number): Float64Array {
  const m = 4;
  const rng = mulberry32(seed);
  const W0 = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n + 0.3;
    W0.set(
      [r * Math.cos(t), r * Math.sin(t), h, 0].map((x) => x + noise * gaussian(rng)),
      i * m,
    );
  }
  return applyRotation(W0, m, randomRotation(m, mulberry32(seed + 1)));
}

/** A bundle record as the pipeline hands it to the sphere search. */
const bundle = (features: number[], polytope: string, dimension: number): BundleReport => ({ id: 0, features, dimension, polytope, regularity: null });

describe('the random-direction baseline of the sphere search', () => {
  it('closed forms: equal norms in R² always share the centred circle (p = 1); an exact circle of 6 in R³ never arises by chance (p = 1/(1 + trials))', () => {
    // In R², points of one norm all lie on the circle of that radius about the origin: every trial hits.
    const equal = new Float64Array(6).fill(1);
    const always = sphereChance(equal, 2, 2, 6, 1e-12, filters, SPHERE_BASELINE);
    expect(always).toEqual({ pValue: 1, significant: false, trials: 1 });
    // Six random unit directions of R³ are never within 1e-9 of one circle.
    const never = sphereChance(equal, 3, 2, 6, 1e-9, filters, SPHERE_BASELINE);
    expect(never).toEqual({ pValue: 1 / (1 + SPHERE_BASELINE.trials), significant: true, trials: SPHERE_BASELINE.trials });
  });

  it('keeps the true positive: 6 features on a circle of radius 0.6 about a point 0.8 from the origin (exact, and with noise σ = 0.003)', () => {
    for (const noise of [0, 0.003]) {
      const W = offCentreCircle(6, 0.6, 0.8, noise, 11);
      const { spheres } = bundleSpheres(W, 4, [bundle([0, 1, 2, 3, 4, 5], 'irregular', 3)]);
      expect(spheres.map((s) => [s.dimension, s.features.join()])).toEqual([[1, '0,1,2,3,4,5']]);
      expect(spheres[0].radius).toBeCloseTo(0.6, noise ? 1 : 9);
      expect(Math.hypot(...spheres[0].centre)).toBeCloseTo(0.8, noise ? 1 : 9);
      expect(spheres[0].pValue).toBeCloseTo(0.01, 12);
    }
  });

  it('drops a near-origin "circle" through features that merely have similar norms, which the search alone reports', () => {
    // 7 directions in R² (an irregular 2-D bundle, as trained at small p) with norms 1.10–1.15.
    const rng = mulberry32(5);
    const n = 7;
    const W = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const t = 2 * Math.PI * rng();
      const len = 1.1 + 0.05 * rng();
      W.set([len * Math.cos(t), len * Math.sin(t)], 2 * i);
    }
    const all = Array.from({ length: n }, (_, i) => i);
    const unfiltered = findSpheres(W, 2, all, { baseline: null });
    expect(unfiltered.spheres.length).toBeGreaterThan(0);
    expect(Math.min(...unfiltered.spheres.map((s) => Math.hypot(...s.centre)))).toBeLessThan(0.1);
    const tested = findSpheres(W, 2, all);
    expect(tested.spheres).toEqual([]);
    expect(tested.params[0].notSignificant + tested.params[0].centred).toBe(unfiltered.spheres.length);
  });

  it('never searches a labelled polytope: no circle through 4 of a pentagon’s 5 vertices, even when its norms differ', () => {
    // A pentagon whose vertex 1 is 3 % longer: the other 4 lie exactly on one centred circle.
    const W = new Float64Array(10);
    for (let i = 0; i < 5; i++) W.set([(i === 1 ? 1.03 : 1) * Math.cos((2 * Math.PI * i) / 5), (i === 1 ? 1.03 : 1) * Math.sin((2 * Math.PI * i) / 5)], 2 * i);
    const asIrregular = findSpheres(W, 2, [0, 1, 2, 3, 4], { baseline: null });
    expect(asIrregular.spheres.map((s) => s.features.join())).toEqual(['0,2,3,4']);
    const { spheres, notes } = bundleSpheres(W, 2, [bundle([0, 1, 2, 3, 4], 'pentagon', 2)]);
    expect(spheres).toEqual([]);
    expect(notes).toEqual(['bundle 0: a pentagon, not searched (any sphere through its vertices lies on its own circumsphere)']);
  });
});
