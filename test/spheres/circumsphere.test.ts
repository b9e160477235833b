import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyRotation, gaussian, mulberry32, randomRotation, type Rng } from '../../src/random/index.js';
import { circumsphere, findSpheres, sphereDistance, sphereEmbeddingLength, writeSphereEmbedding, type Circumsphere } from '../../src/spheres/index.js';

interface CircumFixture {
  circumspheres: { j: number; m: number; points: number[]; centre: number[]; radius: number }[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/codes/codes.json', import.meta.url), 'utf8')) as CircumFixture;

/** Orthonormal rows e (k×m) spanning a random k-plane, by Gram–Schmidt of Gaussians. */
function randomFrame(k: number, m: number, rng: Rng): number[][] {
  const rows: number[][] = [];
  while (rows.length < k) {
    const v = Array.from({ length: m }, () => gaussian(rng));
    for (const e of rows) {
      const dot = e.reduce((s, x, r) => s + x * v[r], 0);
      e.forEach((x, r) => (v[r] -= dot * x));
    }
    const len = Math.hypot(...v);
    rows.push(v.map((x) => x / len));
  }
  return rows;
}

/** N points on the sphere of radius r about c in the plane spanned by `frame`, random directions. */
function pointsOnSphere(c: number[], r: number, frame: number[][], N: number, rng: Rng): number[][] {
  return Array.from({ length: N }, () => {
    const g = frame.map(() => gaussian(rng));
    const len = Math.hypot(...g);
    return c.map((x, i) => x + frame.reduce((s, e, q) => s + (r * g[q] * e[i]) / len, 0));
  });
}

function flat(rows: number[][]): Float64Array {
  return Float64Array.from(rows.flat());
}

describe('circumsphere', () => {
  it('matches numpy’s Gram-system circumcentres (j = 2 … 4 in R^3 … R^7)', () => {
    for (const c of fixture.circumspheres) {
      const s = circumsphere(Float64Array.from(c.points), c.m);
      expect(s).not.toBeNull();
      expect(s!.dimension).toBe(c.j - 1);
      expect(s!.radius).toBeCloseTo(c.radius, 10);
      s!.centre.forEach((x, r) => expect(x).toBeCloseTo(c.centre[r], 10));
    }
  });

  it('a right triangle’s circle has its hypotenuse as diameter', () => {
    const s = circumsphere(Float64Array.of(1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 6)!;
    expect(s.radius).toBeCloseTo(Math.SQRT2 / 2, 14);
    [0.5, 0.5, 0, 0, 0, 0].forEach((x, r) => expect(s.centre[r]).toBeCloseTo(x, 14));
  });

  it('collinear points have no circle', () => {
    expect(circumsphere(Float64Array.of(0, 0, 1, 1, 2, 2), 2)).toBeNull();
  });
});

describe('sphereDistance', () => {
  const rng = mulberry32(7);
  const pts = (N: number, m: number) => Float64Array.from({ length: N * m }, () => gaussian(rng));

  it('is zero for the same sphere through other points, and rotation invariant', () => {
    const frame = randomFrame(2, 5, rng);
    const on = pointsOnSphere([0.1, 0.2, 0.3, 0, 0], 0.8, frame, 6, rng);
    const a = circumsphere(flat(on.slice(0, 3)), 5)!;
    const b = circumsphere(flat(on.slice(3, 6)), 5)!;
    expect(sphereDistance(a, b, 1)).toBeLessThan(1e-12);
    const c = circumsphere(pts(4, 5), 5)!;
    const d = circumsphere(pts(3, 5), 5)!;
    const Q = randomRotation(5, rng);
    const rot = (s: Circumsphere): Circumsphere => ({
      ...s,
      centre: applyRotation(s.centre, 5, Q),
      basis: applyRotation(s.basis, 5, Q),
    });
    expect(sphereDistance(rot(c), rot(d), 0.7)).toBeCloseTo(sphereDistance(c, d, 0.7), 12);
  });

  it('equals the Euclidean distance of the embeddings, and each term is as defined', () => {
    const m = 4;
    const a = circumsphere(pts(3, m), m)!;
    const b = circumsphere(pts(4, m), m)!;
    const L = sphereEmbeddingLength(m);
    const e = new Float64Array(2 * L);
    writeSphereEmbedding(a, 1.3, e, 0);
    writeSphereEmbedding(b, 1.3, e, L);
    let s = 0;
    for (let i = 0; i < L; i++) s += (e[i] - e[L + i]) ** 2;
    expect(sphereDistance(a, b, 1.3)).toBeCloseTo(Math.sqrt(s), 12);
    // Oracle for the projector term: ½‖P−Q‖² from explicit m×m projectors.
    const proj = (B: Float64Array) => {
      const P = new Float64Array(m * m);
      for (let q = 0; q < B.length / m; q++) for (let r = 0; r < m; r++) for (let c = 0; c < m; c++) P[r * m + c] += B[q * m + r] * B[q * m + c];
      return P;
    };
    const Pa = proj(a.basis);
    const Pb = proj(b.basis);
    let half = 0;
    for (let i = 0; i < m * m; i++) half += (Pa[i] - Pb[i]) ** 2 / 2;
    let centre = 0;
    for (let r = 0; r < m; r++) centre += (a.centre[r] - b.centre[r]) ** 2;
    expect(sphereDistance(a, b, 1.3) ** 2).toBeCloseTo(centre + (a.radius - b.radius) ** 2 + 1.69 * half, 10);
  });
});

describe('findSpheres', () => {
  const centre = [0.3, 0.2, 0, 0];
  const radius = 0.7;

  /** 6 points on the circle plus 6 Gaussian points in R^4; circle features at 0, 2, 4, 6, 8, 10. */
  function circleData(seed: number): { W: Float64Array; frame: number[][]; circle: number[] } {
    const rng = mulberry32(seed);
    const frame = randomFrame(2, 4, rng);
    const on = pointsOnSphere(centre, radius, frame, 6, rng);
    const rows: number[][] = [];
    for (let i = 0; i < 6; i++)
      rows.push(
        on[i],
        Array.from({ length: 4 }, () => 0.6 * gaussian(rng)),
      );
    return { W: flat(rows), frame, circle: [0, 2, 4, 6, 8, 10] };
  }
  const all = Array.from({ length: 12 }, (_, i) => i);

  it('finds the circle of radius 0.7 about (0.3, 0.2, 0, 0) in a 2-plane of R⁴, exactly', () => {
    const { W, frame, circle } = circleData(1);
    const res = findSpheres(W, 4, all);
    expect(res.spheres.length).toBe(1);
    const s = res.spheres[0];
    expect(s.dimension).toBe(1);
    expect(s.features).toEqual(circle);
    expect(s.subsets).toBe(20); // C(6, 3)
    expect(Math.abs(s.radius - radius)).toBeLessThan(1e-9);
    s.centre.forEach((x, r) => expect(Math.abs(x - centre[r])).toBeLessThan(1e-9));
    expect(s.residual).toBeLessThan(1e-9);
    // The sphere's plane is the circle's plane: every frame vector lies in span(basis).
    for (const e of frame) {
      const coeffs = [0, 1].map((q) => e.reduce((acc, x, r) => acc + x * s.basis[q * 4 + r], 0));
      expect(Math.hypot(...coeffs)).toBeCloseTo(1, 9);
    }
  });

  it('finds the circle through coordinate noise of 1e-4 (residual at the noise level)', () => {
    const { W, circle } = circleData(1);
    const rng = mulberry32(21);
    const noisy = W.map((x) => x + 1e-4 * gaussian(rng));
    const res = findSpheres(noisy, 4, all);
    expect(res.spheres.map((s) => s.features)).toEqual([circle]);
    const s = res.spheres[0];
    expect(Math.abs(s.radius - radius)).toBeLessThan(1e-3);
    s.centre.forEach((x, r) => expect(Math.abs(x - centre[r])).toBeLessThan(1e-3));
    expect(s.residual).toBeLessThan(1e-3);
  });

  it('finds the same circle after a random rotation of R⁴ (centre rotated)', () => {
    const { W, circle } = circleData(2);
    const Q = randomRotation(4, mulberry32(99));
    const res = findSpheres(applyRotation(W, 4, Q), 4, all);
    expect(res.spheres.map((s) => s.features)).toEqual([circle]);
    const rotated = applyRotation(Float64Array.from(centre), 4, Q);
    res.spheres[0].centre.forEach((x, r) => expect(Math.abs(x - rotated[r])).toBeLessThan(1e-9));
    expect(Math.abs(res.spheres[0].radius - radius)).toBeLessThan(1e-9);
  });

  // Only 2-spheres are searched: 4 of 8 random points on a 2-sphere can come within
  // ~0.5% of a common circle (one condition on S²), a real near-coincidence that a
  // circle search reports (with its residual).
  it('finds a 2-sphere through 8 points in an affine 3-plane of R⁵', () => {
    const rng = mulberry32(3);
    const c = [0.1, -0.4, 0.2, 0.3, 0];
    const on = pointsOnSphere(c, 0.9, randomFrame(3, 5, rng), 8, rng);
    const rows = [...on, ...Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => 0.7 * gaussian(rng)))];
    const features = Array.from({ length: rows.length }, (_, i) => i);
    const res = findSpheres(flat(rows), 5, features, { sphereDimensions: [2] });
    expect(res.spheres.length).toBe(1);
    const s = res.spheres[0];
    expect(s.dimension).toBe(2);
    expect(s.features).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Of the C(8, 4) = 70 quadruples, nearly coplanar ones (conditioning < 0.02) are skipped.
    expect(s.subsets).toBeGreaterThan(60);
    expect(s.subsets).toBeLessThanOrEqual(70);
    expect(Math.abs(s.radius - 0.9)).toBeLessThan(1e-9);
    s.centre.forEach((x, r) => expect(Math.abs(x - c[r])).toBeLessThan(1e-9));
  });

  it('a circle plus one more point is a cone: the forced 2-sphere through them is dropped', () => {
    const { W, circle } = circleData(4);
    const res = findSpheres(W, 4, all, { sphereDimensions: [2] });
    expect(res.spheres).toEqual([]);
    expect(findSpheres(W, 4, all, { sphereDimensions: [1] }).spheres.map((s) => s.features)).toEqual([circle]);
  });

  it('random points lie on no common circle or 2-sphere', () => {
    const rng = mulberry32(8);
    const W = Float64Array.from({ length: 20 * 5 }, () => gaussian(rng));
    const res = findSpheres(
      W,
      5,
      Array.from({ length: 20 }, (_, i) => i),
    );
    expect(res.spheres).toEqual([]);
    expect(res.params.map((p) => p.subsets)).toEqual([1140, 4845]);
  });

  it('scale: multiplying W by 3 scales centres, radii and eps by 3', () => {
    const { W } = circleData(5);
    const a = findSpheres(W, 4, all);
    const b = findSpheres(
      W.map((x) => 3 * x),
      4,
      all,
    );
    expect(b.scale).toBeCloseTo(3 * a.scale, 12);
    expect(b.params[0].eps).toBeCloseTo(3 * a.params[0].eps, 9);
    expect(b.spheres[0].radius).toBeCloseTo(3 * radius, 9);
  });

  it('refuses more subsets than the cap', () => {
    const W = new Float64Array(30 * 3).map((_, k) => Math.sin(k));
    expect(() =>
      findSpheres(
        W,
        3,
        Array.from({ length: 30 }, (_, i) => i),
        { maxSubsets: 1000 },
      ),
    ).toThrow(/maxSubsets/);
  });
});
