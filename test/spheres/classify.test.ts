import { describe, expect, it } from 'vitest';
import {
  classifyBundle,
  cube,
  dodecahedron,
  icosahedron,
  regularPolygon,
  simplex,
  squareAntiprism,
  tetrahedron,
  type PointSet,
} from '../../src/spheres/index.js';
import { gaussian, mulberry32 } from '../../src/random/index.js';
import { disguise } from './disguise.js';

const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

const shapes: [string, () => PointSet, number][] = [
  ['dedicated', () => ({ vectors: Float64Array.of(1), d: 1 }), 1],
  ['digon', () => ({ vectors: Float64Array.of(1, -1), d: 1 }), 1],
  ['triangle', () => regularPolygon(3), 2],
  ['pentagon', () => regularPolygon(5), 2],
  ['hexagon', () => regularPolygon(6), 2],
  ['polygon-7', () => regularPolygon(7), 2],
  ['polygon-9', () => regularPolygon(9), 2],
  ['tetrahedron', tetrahedron, 3],
  ['cube', cube, 3],
  ['square-antiprism', () => squareAntiprism(), 3],
  ['square-antiprism', () => squareAntiprism('tight'), 3],
  ['icosahedron', icosahedron, 3],
  ['dodecahedron', dodecahedron, 3],
  ['simplex-4', () => simplex(4), 4],
  ['simplex-5', () => simplex(5), 5],
];

describe('classifyBundle on disguised shapes (rotation into R^(d+3), permutation, ±10 % norms, noise)', () => {
  for (const [label, make, d] of shapes) {
    it(`${label}`, () => {
      for (const sigma of [0, 0.01, 0.03]) {
        for (let seed = 1; seed <= 4; seed++) {
          const W = disguise([make()], seed * 101 + d, sigma, 3);
          const shape = classifyBundle(W.W, W.m, all(W.n));
          expect(shape.polytope, `σ=${sigma} seed=${seed}`).toBe(label);
          expect(shape.dimension).toBe(d);
          if (sigma === 0) expect(shape.regularity).toBeGreaterThanOrEqual(0.999);
          if (sigma === 0.03 && W.n > 2) expect(shape.regularity).toBeLessThan(0.999);
        }
      }
    });
  }

  it('a slightly irregular trained-style pentagon (angles off by a few degrees, unequal norms) is still a pentagon', () => {
    const angles = [0, 70, 145, 214, 289].map((a) => (a * Math.PI) / 180);
    const norms = [1.0, 0.93, 1.08, 0.97, 1.02];
    const W = Float64Array.from(angles.flatMap((a, i) => [norms[i] * Math.cos(a), norms[i] * Math.sin(a)]));
    const shape = classifyBundle(W, 2, all(5));
    expect(shape.polytope).toBe('pentagon');
    expect(shape.regularity).toBeGreaterThan(0.9);
    expect(shape.regularity).toBeLessThan(0.99);
  });
});

describe('classifyBundle says irregular when it should', () => {
  it('a square (4 points in a plane) is not in the vocabulary: irregular, tight frame regularity 1', () => {
    const shape = classifyBundle(regularPolygon(4).vectors, 2, all(4));
    expect(shape).toEqual({ polytope: 'irregular', regularity: 1, dimension: 2 });
  });

  it('two parallel copies of one direction are not a digon', () => {
    const shape = classifyBundle(Float64Array.of(1, 0, 2, 0), 2, [0, 1]);
    expect(shape.polytope).toBe('irregular');
    expect(shape.dimension).toBe(1);
  });

  it('random directions with a vocabulary size are not named', () => {
    const rng = mulberry32(5);
    const cases: [number, number][] = [
      [3, 2],
      [5, 2],
      [6, 2],
      [4, 3],
      [8, 3],
      [12, 3],
      [20, 3],
      [5, 4],
    ];
    let named = 0;
    for (const [N, d] of cases) {
      for (let t = 0; t < 25; t++) {
        const W = Float64Array.from({ length: N * d }, () => gaussian(rng));
        const shape = classifyBundle(W, d, all(N), { dimension: d });
        if (shape.polytope !== 'irregular') named++;
        else expect(shape.regularity).toBeLessThanOrEqual(1);
      }
    }
    // Random triangles can land near-equilateral by chance; the rest must not be named.
    expect(named).toBeLessThanOrEqual(3);
  });

  it('cube and square antiprism (both D = 3/8) are told apart', () => {
    const c = classifyBundle(cube().vectors, 3, all(8));
    const a = classifyBundle(squareAntiprism().vectors, 3, all(8));
    expect([c.polytope, a.polytope]).toEqual(['cube', 'square-antiprism']);
  });
});
