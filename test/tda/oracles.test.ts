// Vietoris–Rips barcodes of regular configurations on the unit sphere, against the
// chord lengths 2·sin(θ/2) of the configurations' angles θ (closed forms, or 4 digits), given in each test's name.
import { describe, expect, it } from 'vitest';
import { ripsPersistence } from '../../src/tda/index.js';
import type { RipsResult } from '../../src/tda/index.js';

function cloud(rows: number[][]): { points: Float64Array; dim: number } {
  return { points: Float64Array.from(rows.flat()), dim: rows[0].length };
}

function polygon(N: number): { points: Float64Array; dim: number } {
  return cloud(Array.from({ length: N }, (_, k) => [Math.cos((2 * Math.PI * k) / N), Math.sin((2 * Math.PI * k) / N)]));
}

/** Bars of dimension d, ignoring float-noise bars shorter than 1e-9 (coordinates from cos/sin are not exactly symmetric). */
function bars(result: RipsResult, d: number): [number, number][] {
  return result.diagrams[d].pairs.filter((p) => p.death - p.birth > 1e-9).map((p) => [p.birth, p.death]);
}

function expectBars(actual: [number, number][], expected: [number, number][], tol: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach(([b, d], k) => {
    expect(Math.abs(b - expected[k][0])).toBeLessThan(tol);
    if (expected[k][1] === Infinity) expect(d).toBe(Infinity);
    else expect(Math.abs(d - expected[k][1])).toBeLessThan(tol);
  });
}

const phi = (1 + Math.sqrt(5)) / 2;
const octahedron = cloud([
  [1, 0, 0],
  [-1, 0, 0],
  [0, 1, 0],
  [0, -1, 0],
  [0, 0, 1],
  [0, 0, -1],
]);
const s3 = 1 / Math.sqrt(3);
const cube = cloud([-1, 1].flatMap((x) => [-1, 1].flatMap((y) => [-1, 1].map((z) => [x * s3, y * s3, z * s3]))));
const tetrahedron = cloud(
  [
    [1, 1, 1],
    [1, -1, -1],
    [-1, 1, -1],
    [-1, -1, 1],
  ].map((p) => p.map((c) => c * s3)),
);
const icoNorm = Math.hypot(1, phi);
const icosahedron = cloud(
  [-1, 1]
    .flatMap((a) =>
      [-1, 1].flatMap((b) => [
        [0, a, b * phi],
        [a, b * phi, 0],
        [b * phi, 0, a],
      ]),
    )
    .map((p) => p.map((c) => c / icoNorm)),
);

describe('Vietoris–Rips oracles (Euclidean, unit sphere)', () => {
  it('regular hexagon: H1 [1, √3), H2 [√3, 2)', () => {
    const r = ripsPersistence(polygon(6));
    expectBars(bars(r, 1), [[1, Math.sqrt(3)]], 1e-12);
    expectBars(bars(r, 2), [[Math.sqrt(3), 2]], 1e-12);
  });
  it('regular 8-gon: H1 [0.7654, 1.8478)', () => {
    const r = ripsPersistence(polygon(8));
    expectBars(bars(r, 1), [[0.7654, 1.8478]], 1e-4);
  });
  it('regular 10-gon: H1 [0.618, 1.9021)', () => {
    const r = ripsPersistence(polygon(10));
    expectBars(bars(r, 1), [[(Math.sqrt(5) - 1) / 2, 1.9021]], 1e-4);
  });
  it('octahedron: H2 [√2, 2), no H1', () => {
    const r = ripsPersistence(octahedron);
    expect(bars(r, 1)).toEqual([]);
    expectBars(bars(r, 2), [[Math.SQRT2, 2]], 1e-12);
  });
  it('icosahedron: H2 [1.0515, 1.7013)', () => {
    const r = ripsPersistence(icosahedron);
    expect(bars(r, 1)).toEqual([]);
    expectBars(bars(r, 2), [[1.0515, 1.7013]], 1e-4);
  });
  it('cube: five H1 bars [1.1547, 1.633), no H2', () => {
    const r = ripsPersistence(cube);
    expectBars(
      bars(r, 1),
      Array.from({ length: 5 }, () => [2 / Math.sqrt(3), Math.sqrt(8 / 3)] as [number, number]),
      1e-12,
    );
    expect(bars(r, 2)).toEqual([]);
  });
  it('tetrahedron: nothing beyond H0', () => {
    const r = ripsPersistence(tetrahedron);
    expect(bars(r, 1)).toEqual([]);
    expect(bars(r, 2)).toEqual([]);
    expectBars(
      bars(r, 0),
      [
        [0, Math.sqrt(8 / 3)],
        [0, Math.sqrt(8 / 3)],
        [0, Math.sqrt(8 / 3)],
        [0, Infinity],
      ],
      1e-12,
    );
  });
});
