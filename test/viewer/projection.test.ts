/**
 * The viewer's projections: a bundle shown in its own basis keeps every
 * inner product (exact for dimension ≤ 3). Oracle: regular polytopes with
 * known coordinates, hidden in R^6 by a random rotation.
 */
import { describe, expect, it } from 'vitest';
import { alignSigns, axesBasis, principalBasis, projectFeatures } from '../../src/viewer/math/projection.js';
import { angularOrder } from '../../src/viewer/math/polygon-order.js';
import { angleRange, neighboursOf } from '../../src/viewer/math/feature-angles.js';
import { varianceShown } from '../../src/viewer/math/projection.js';
import { evenlySpaced } from '../../src/viewer/math/sample.js';
import { gaussian, mulberry32, randomRotation } from '../../src/random/index.js';

const m = 6;

/** A seeded random orthogonal m×m matrix (Gram–Schmidt on LCG noise). */
function rotation(seed: number): number[][] {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const Q: number[][] = [];
  while (Q.length < m) {
    const v = Array.from({ length: m }, rand);
    for (const q of Q) {
      const d = v.reduce((a, x, r) => a + x * q[r], 0);
      v.forEach((_, r) => (v[r] -= d * q[r]));
    }
    const n = Math.hypot(...v);
    Q.push(v.map((x) => x / n));
  }
  return Q;
}

/** Embed 3-D points in R^6 (zero-padded) and rotate: W feature-major. */
function hide(points: number[][], seed: number): Float64Array {
  const Q = rotation(seed);
  const W = new Float64Array(points.length * m);
  points.forEach((p, i) => {
    for (let r = 0; r < m; r++) W[i * m + r] = p.reduce((a, x, c) => a + x * Q[c][r], 0);
  });
  return W;
}

const tetrahedron = [
  [1, 1, 1],
  [1, -1, -1],
  [-1, 1, -1],
  [-1, -1, 1],
].map((p) => p.map((x) => x / Math.sqrt(3)));

describe('projections', () => {
  it('a bundle in its own basis keeps all inner products (tetrahedron: cos = −1/3)', () => {
    const W = hide(tetrahedron, 7);
    const B = principalBasis(W, m, [0, 1, 2, 3]);
    const P = projectFeatures(W, m, 4, B, 1);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        const dot = P[3 * i] * P[3 * j] + P[3 * i + 1] * P[3 * j + 1] + P[3 * i + 2] * P[3 * j + 2];
        expect(dot).toBeCloseTo(i === j ? 1 : -1 / 3, 5);
      }
    }
  });

  it('bases are orthonormal; sign alignment never mirrors a row against the previous view', () => {
    const W = hide(tetrahedron, 3);
    const B = principalBasis(W, m, [0, 1, 2, 3]);
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        let d = 0;
        for (let r = 0; r < m; r++) d += B[a * m + r] * B[b * m + r];
        expect(d).toBeCloseTo(a === b ? 1 : 0, 10);
      }
    }
    const flipped = B.map((x) => -x);
    alignSigns(flipped, B, m);
    expect(Array.from(flipped)).toEqual(Array.from(B));
  });

  it('hidden axes select raw coordinates', () => {
    const W = Float64Array.from([1, 2, 3, 4, 5, 6]);
    expect(Array.from(projectFeatures(W, m, 1, axesBasis(m, [5, 0, 2]), 2))).toEqual([3, 0.5, 1.5]);
  });

  it('orders a shuffled pentagon around its polygon', () => {
    const order = [3, 0, 4, 1, 2];
    const W = hide(
      order.map((k) => [Math.cos((2 * Math.PI * k) / 5), Math.sin((2 * Math.PI * k) / 5), 0]),
      11,
    );
    const ring = angularOrder(W, m, [0, 1, 2, 3, 4], principalBasis(W, m, [0, 1, 2, 3, 4])).map((f) => order[f]);
    // Consecutive features are neighbours on the pentagon (steps of ±1 mod 5, all the same way round).
    const steps = ring.map((k, j) => (ring[(j + 1) % 5] - k + 5) % 5);
    expect(new Set(steps).size).toBe(1);
    expect([1, 4]).toContain(steps[0]);
  });

  it('angles and neighbours read off W', () => {
    const W = hide(tetrahedron, 5);
    const range = angleRange(W, m, [0, 1, 2, 3])!;
    const edge = (Math.acos(-1 / 3) * 180) / Math.PI;
    expect(range.min).toBeCloseTo(edge, 6);
    expect(range.max).toBeCloseTo(edge, 6);
    const nb = neighboursOf(W, m, 0, [0, 1, 2, 3], 2);
    expect(nb).toHaveLength(2);
    expect(nb[0].cos).toBeCloseTo(-1 / 3, 10);
  });

  it('large sets in many dimensions: power iteration on a sample recovers a 3-D span (the whole-cloud view of a dictionary)', () => {
    // 2,000 directions inside a random 3-D subspace of R^120, plus noise 1e-3.
    const dim = 120;
    const rng = mulberry32(3);
    const Q = randomRotation(dim, rng);
    const n = 2000;
    const W = new Float64Array(n * dim);
    for (let i = 0; i < n; i++) {
      const c = [gaussian(rng), gaussian(rng), gaussian(rng)];
      for (let r = 0; r < dim; r++) W[i * dim + r] = c[0] * Q[r * dim] + c[1] * Q[r * dim + 1] + c[2] * Q[r * dim + 2] + 1e-3 * gaussian(rng);
    }
    const all = Array.from({ length: n }, (_, i) => i);
    const B = principalBasis(W, dim, all);
    expect(varianceShown(W, dim, all, B)).toBeGreaterThan(0.999);
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        let d = 0;
        for (let r = 0; r < dim; r++) d += B[a * dim + r] * B[b * dim + r];
        expect(d).toBeCloseTo(a === b ? 1 : 0, 9);
      }
    }
  });

  it('large sets in few dimensions: the top axes of the second moment, in order (oracle: a diagonal moment built by hand)', () => {
    // Features along e_0..e_5 with counts 60, 50, 40, 30, 20, 10: the moment is diag(counts).
    const dim = 6;
    const counts = [60, 50, 40, 30, 20, 10];
    const rows: number[][] = [];
    counts.forEach((c, axis) => {
      for (let k = 0; k < c; k++) rows.push(Array.from({ length: dim }, (_, r) => (r === axis ? (k % 2 ? 2 : -1) : 0)));
    });
    const W = Float64Array.from(rows.flat());
    const all = rows.map((_, i) => i);
    const B = principalBasis(W, dim, all);
    for (let row = 0; row < 3; row++) expect(Math.abs(B[row * dim + row])).toBeCloseTo(1, 10);
    expect(varianceShown(W, dim, all, B)).toBeCloseTo((60 + 50 + 40) / 210, 10);
    // Hidden axes 3–5 hold the rest.
    expect(varianceShown(W, dim, all, axesBasis(dim, [3, 4, 5]))).toBeCloseTo((30 + 20 + 10) / 210, 10);
  });

  it('a digon (1-D) still gets an orthonormal 3-row basis; its variance is all shown', () => {
    const W = hide(
      [
        [1, 0, 0],
        [-1, 0, 0],
      ],
      9,
    );
    const B = principalBasis(W, m, [0, 1]);
    for (let a = 0; a < 3; a++)
      for (let b = 0; b < 3; b++) {
        let d = 0;
        for (let r = 0; r < m; r++) d += B[a * m + r] * B[b * m + r];
        expect(d).toBeCloseTo(a === b ? 1 : 0, 10);
      }
    expect(varianceShown(W, m, [0, 1], B)).toBeCloseTo(1, 10);
  });

  it('the angle range of a large group equals the brute-force pairwise one; sampling is even', () => {
    const dim = 5;
    const rng = mulberry32(11);
    const n = 300;
    const W = Float64Array.from({ length: n * dim }, () => gaussian(rng));
    const all = Array.from({ length: n }, (_, i) => i);
    let lo = 180;
    let hi = 0;
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        let d = 0;
        let na = 0;
        let nb = 0;
        for (let r = 0; r < dim; r++) {
          d += W[a * dim + r] * W[b * dim + r];
          na += W[a * dim + r] ** 2;
          nb += W[b * dim + r] ** 2;
        }
        const deg = (Math.acos(Math.max(-1, Math.min(1, d / Math.sqrt(na * nb)))) * 180) / Math.PI;
        lo = Math.min(lo, deg);
        hi = Math.max(hi, deg);
      }
    }
    const range = angleRange(W, dim, all)!;
    expect(range.min).toBeCloseTo(lo, 9);
    expect(range.max).toBeCloseTo(hi, 9);
    expect(evenlySpaced(all, 4)).toEqual([0, 75, 150, 225]);
    expect(evenlySpaced([1, 2, 3], 8)).toEqual([1, 2, 3]);
  });
});
