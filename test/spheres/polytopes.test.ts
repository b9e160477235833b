import { describe, expect, it } from 'vitest';
import {
  cube,
  directSum,
  dodecahedron,
  icosahedron,
  octahedron,
  regularPolygon,
  simplex,
  squareAntiprism,
  tetrahedron,
  type PointSet,
} from '../../src/spheres/index.js';
import { applyRotation, gaussian, mulberry32, randomRotation } from '../../src/random/index.js';
import { dimensionality } from '../../src/features/index.js';

function cosines(p: PointSet): number[] {
  const N = p.vectors.length / p.d;
  const out: number[] = [];
  for (let a = 0; a < N; a++)
    for (let b = a + 1; b < N; b++) {
      let s = 0;
      for (let r = 0; r < p.d; r++) s += p.vectors[a * p.d + r] * p.vectors[b * p.d + r];
      out.push(s);
    }
  return out;
}

/** Multiset of pairwise cosines, as {value: count}, each matched to a closed form within 1e-12. */
function expectCosines(p: PointSet, expected: [number, number][]): void {
  const got = cosines(p);
  let total = 0;
  for (const [value, count] of expected) {
    expect(got.filter((c) => Math.abs(c - value) < 1e-12).length).toBe(count);
    total += count;
  }
  expect(total).toBe(got.length);
}

function expectUnit(p: PointSet, N: number, d: number): void {
  expect(p.d).toBe(d);
  expect(p.vectors.length).toBe(N * d);
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let r = 0; r < d; r++) s += p.vectors[i * d + r] ** 2;
    expect(Math.abs(s - 1)).toBeLessThan(1e-14);
  }
}

describe('polytope generators against closed forms', () => {
  it('regular polygons: cos(2πk/N) between vertices k apart', () => {
    for (const N of [3, 5, 6, 7, 9]) {
      const p = regularPolygon(N);
      expectUnit(p, N, 2);
      const expected: [number, number][] = [];
      for (let k = 1; k <= Math.floor(N / 2); k++) expected.push([Math.cos((2 * Math.PI * k) / N), k === N / 2 ? N / 2 : N]);
      expectCosines(p, expected);
    }
  });

  it('tetrahedron: all six cosines −1/3', () => {
    expectUnit(tetrahedron(), 4, 3);
    expectCosines(tetrahedron(), [[-1 / 3, 6]]);
  });

  it('cube: ±1/3 (12 each) and −1 (4 antipodal pairs)', () => {
    expectUnit(cube(), 8, 3);
    expectCosines(cube(), [
      [1 / 3, 12],
      [-1 / 3, 12],
      [-1, 4],
    ]);
  });

  it('octahedron: 0 (12) and −1 (3)', () => {
    expectCosines(octahedron(), [
      [0, 12],
      [-1, 3],
    ]);
  });

  it('icosahedron: ±1/√5 (30 each) and −1 (6)', () => {
    expectUnit(icosahedron(), 12, 3);
    expectCosines(icosahedron(), [
      [1 / Math.sqrt(5), 30],
      [-1 / Math.sqrt(5), 30],
      [-1, 6],
    ]);
  });

  it('dodecahedron: ±√5/3 (30 each), ±1/3 (60 each), −1 (10)', () => {
    expectUnit(dodecahedron(), 20, 3);
    expectCosines(dodecahedron(), [
      [Math.sqrt(5) / 3, 30],
      [-Math.sqrt(5) / 3, 30],
      [1 / 3, 60],
      [-1 / 3, 60],
      [-1, 10],
    ]);
  });

  it('simplex(K): K+1 unit vectors in R^K, all cosines −1/K', () => {
    for (const K of [1, 2, 3, 4, 6]) {
      expectUnit(simplex(K), K + 1, K);
      expectCosines(simplex(K), [[-1 / K, (K * (K + 1)) / 2]]);
    }
  });

  it('square antiprism (equal-edge): minimal angle is the Tammes 8-point optimum 74.8584922°', () => {
    const p = squareAntiprism();
    expectUnit(p, 8, 3);
    const maxCos = Math.max(...cosines(p));
    expect(Math.acos(maxCos) * (180 / Math.PI)).toBeCloseTo(74.8584922, 6);
    // 16 edges at the minimal angle: 8 in the two squares, 8 zig-zag.
    expect(cosines(p).filter((c) => Math.abs(c - maxCos) < 1e-12).length).toBe(16);
  });

  it("square antiprism ('tight'): D_i = 3/8 exactly", () => {
    const p = squareAntiprism('tight');
    for (const D of dimensionality(p.vectors, 3, 8)) expect(Math.abs(D - 3 / 8)).toBeLessThan(1e-12);
  });
});

describe('directSum, randomRotation, applyRotation, rng', () => {
  it('direct sum puts parts in orthogonal coordinate blocks', () => {
    const { W, m, n } = directSum([regularPolygon(5), { vectors: Float64Array.of(1, -1), d: 1 }, tetrahedron()], 2);
    expect([m, n]).toEqual([2 + 1 + 3 + 2, 5 + 2 + 4]);
    // Pentagon rows live in coordinates 0..1, digon in 2, tetrahedron in 3..5; 6..7 are unused.
    for (let i = 0; i < n; i++) {
      const block = i < 5 ? [0, 2] : i < 7 ? [2, 3] : [3, 6];
      for (let r = 0; r < m; r++) if (r < block[0] || r >= block[1]) expect(W[i * m + r]).toBe(0);
    }
    expect(W[5 * m + 2]).toBe(1);
    expect(W[6 * m + 2]).toBe(-1);
  });

  it('randomRotation is orthogonal and preserves inner products', () => {
    const rng = mulberry32(7);
    for (const m of [1, 3, 8, 12]) {
      const Q = randomRotation(m, rng);
      for (let a = 0; a < m; a++)
        for (let b = 0; b < m; b++) {
          let s = 0;
          for (let r = 0; r < m; r++) s += Q[r * m + a] * Q[r * m + b];
          expect(Math.abs(s - (a === b ? 1 : 0))).toBeLessThan(1e-13);
        }
      if (m < 3) continue;
      const { W, n } = directSum([icosahedron()], m - 3);
      const R = applyRotation(W, m, Q);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let a = 0;
          let b = 0;
          for (let r = 0; r < m; r++) {
            a += W[i * m + r] * W[j * m + r];
            b += R[i * m + r] * R[j * m + r];
          }
          expect(Math.abs(a - b)).toBeLessThan(1e-13);
        }
    }
  });

  it('random rotations of R² have Haar (uniform) angles', () => {
    const rng = mulberry32(11);
    const bins = new Array(8).fill(0) as number[];
    const T = 8000;
    for (let t = 0; t < T; t++) {
      const Q = randomRotation(2, rng);
      const angle = Math.atan2(Q[2], Q[0]); // angle of the image of e₁
      bins[Math.floor(((angle + Math.PI) / (2 * Math.PI)) * 8) % 8]++;
    }
    // Each bin expects 1000 ± 30 (binomial sd); allow 5 sd.
    for (const c of bins) expect(Math.abs(c - T / 8)).toBeLessThan(150);
  });

  it('mulberry32 is reproducible and gaussian has mean 0, variance 1', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 5; i++) expect(a()).toBe(b());
    const rng = mulberry32(3);
    let s = 0;
    let s2 = 0;
    const T = 20000;
    for (let i = 0; i < T; i++) {
      const z = gaussian(rng);
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / T)).toBeLessThan(0.04); // 5 sd of the mean
    expect(Math.abs(s2 / T - 1)).toBeLessThan(0.05);
  });
});
