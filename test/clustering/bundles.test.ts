import { describe, expect, it } from 'vitest';
import { orthogonalDecomposition } from '../../src/clustering/bundles.js';
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
import { disguise, trueBundles } from '../spheres/disguise.js';

const ded = (): PointSet => ({ vectors: Float64Array.of(1), d: 1 });
const dig = (): PointSet => ({ vectors: Float64Array.of(1, -1), d: 1 });
const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Direct sums up to m = 12 with the labels of their summands. */
const sums: [string, PointSet[], string[], number][] = [
  ['pentagon ⊕ digon ⊕ digon ⊕ dedicated (R⁵)', [regularPolygon(5), dig(), dig(), ded()], ['pentagon', 'digon', 'digon', 'dedicated'], 0],
  ['tetrahedron ⊕ triangle ⊕ digon (R⁶)', [tetrahedron(), regularPolygon(3), dig()], ['tetrahedron', 'triangle', 'digon'], 0],
  ['cube ⊕ pentagon (R⁵)', [cube(), regularPolygon(5)], ['cube', 'pentagon'], 0],
  [
    'square antiprism ⊕ cube ⊕ hexagon ⊕ digon ⊕ dedicated (R¹⁰)',
    [squareAntiprism(), cube(), regularPolygon(6), dig(), ded()],
    ['square-antiprism', 'cube', 'hexagon', 'digon', 'dedicated'],
    0,
  ],
  ['icosahedron ⊕ dodecahedron (R⁶)', [icosahedron(), dodecahedron()], ['icosahedron', 'dodecahedron'], 0],
  [
    '4-simplex ⊕ triangle ⊕ digon ⊕ dedicated ⊕ dedicated (R⁹)',
    [simplex(4), regularPolygon(3), dig(), ded(), ded()],
    ['simplex-4', 'triangle', 'digon', 'dedicated', 'dedicated'],
    0,
  ],
  ['4-simplex ⊕ 4-simplex ⊕ triangle (R¹⁰)', [simplex(4), simplex(4), regularPolygon(3)], ['simplex-4', 'simplex-4', 'triangle'], 0],
  ['heptagon ⊕ digon in R⁵ (2 unused dims)', [regularPolygon(7), dig()], ['polygon-7', 'digon'], 2],
  ['six pentagons (R¹²)', Array.from({ length: 6 }, () => regularPolygon(5)), Array(6).fill('pentagon') as string[], 0],
  ['pentagon alone in R⁵ (3 unused dims)', [regularPolygon(5)], ['pentagon'], 3],
  ['4-simplex alone (R⁴)', [simplex(4)], ['simplex-4'], 0],
  ['triangle ⊕ dedicated (R³)', [regularPolygon(3), ded()], ['triangle', 'dedicated'], 0],
  ['digon ⊕ digon ⊕ digon: an octahedron is three factors (R³)', [dig(), dig(), dig()], ['digon', 'digon', 'digon'], 0],
];

describe('orthogonalDecomposition + classifyBundle recover disguised direct sums', () => {
  for (const [name, parts, labels, extra] of sums) {
    it(name, () => {
      for (const sigma of [0, 0.01, 0.03]) {
        for (let seed = 1; seed <= 6; seed++) {
          const D = disguise(parts, seed * 7919 + parts.length, sigma, extra);
          const dec = orthogonalDecomposition(D.W, D.m, all(D.n));
          const where = `σ=${sigma} seed=${seed} floor=${dec.noiseFloor}`;
          expect(
            dec.bundles.map((b) => b.features),
            where,
          ).toEqual(trueBundles(D));
          for (const b of dec.bundles) {
            const shape = classifyBundle(D.W, D.m, b.features, { dimension: b.dimension });
            const expected = labels[D.part[b.features[0]]];
            expect(shape.polytope, where).toBe(expected);
            expect(b.dimension).toBe(parts[D.part[b.features[0]]].d);
            if (sigma === 0) expect(shape.regularity).toBeGreaterThanOrEqual(0.999);
          }
          expect(dec.noiseFloor).toBeGreaterThan(0);
          expect(dec.rationale.length).toBeGreaterThan(10);
        }
      }
    });
  }
});

describe('random Gaussian W', () => {
  it('is one irregular bundle (no false polytopes, no false digons)', () => {
    const rng = mulberry32(2024);
    for (let t = 0; t < 30; t++) {
      const n = 20 + Math.floor(rng() * 21);
      const m = 5 + Math.floor(rng() * 6);
      const W = Float64Array.from({ length: n * m }, () => gaussian(rng));
      const dec = orthogonalDecomposition(W, m, all(n));
      expect(dec.bundles.length, `n=${n} m=${m}`).toBe(1);
      const shape = classifyBundle(W, m, dec.bundles[0].features, { dimension: dec.bundles[0].dimension });
      expect(shape.polytope).toBe('irregular');
      expect(shape.regularity).toBeGreaterThan(0);
      expect(shape.regularity).toBeLessThanOrEqual(1);
    }
  });
});

describe('invariance', () => {
  const parts = [regularPolygon(5), tetrahedron(), dig(), ded()];
  const D = disguise(parts, 99, 0.01);
  const base = orthogonalDecomposition(D.W, D.m, all(D.n));
  const labels = (W: Float64Array, m: number, bundles: { features: number[]; dimension: number }[]): string[] =>
    bundles.map((b) => classifyBundle(W, m, b.features, { dimension: b.dimension }).polytope);

  it('a positive rescaling of W changes nothing', () => {
    for (const s of [1e-3, 40]) {
      const dec = orthogonalDecomposition(
        D.W.map((x) => x * s),
        D.m,
        all(D.n),
      );
      expect(dec.bundles).toEqual(base.bundles);
      expect(dec.noiseFloor).toBeCloseTo(base.noiseFloor, 12);
    }
  });

  it('a rotation of the hidden space changes nothing', () => {
    // Rotate by a fixed Givens rotation in the (0, 3) plane and another in (1, 4).
    const W = Float64Array.from(D.W);
    for (const [p, q, a] of [
      [0, 3, 0.7],
      [1, 4, -1.9],
    ] as const) {
      for (let i = 0; i < D.n; i++) {
        const x = W[i * D.m + p];
        const y = W[i * D.m + q];
        W[i * D.m + p] = Math.cos(a) * x - Math.sin(a) * y;
        W[i * D.m + q] = Math.sin(a) * x + Math.cos(a) * y;
      }
    }
    const dec = orthogonalDecomposition(W, D.m, all(D.n));
    expect(dec.bundles).toEqual(base.bundles);
    expect(labels(W, D.m, dec.bundles)).toEqual(labels(D.W, D.m, base.bundles));
  });

  it('labels follow features under a permutation', () => {
    const perm = [6, 2, 9, 0, 10, 4, 1, 11, 8, 3, 7, 5];
    const W = new Float64Array(D.W.length);
    perm.forEach((src, i) => W.set(D.W.subarray(src * D.m, src * D.m + D.m), i * D.m));
    const dec = orthogonalDecomposition(W, D.m, all(D.n));
    const mapped = dec.bundles.map((b) => b.features.map((i) => perm[i]).sort((x, y) => x - y));
    expect(mapped.sort((x, y) => x[0] - y[0])).toEqual(base.bundles.map((b) => b.features));
    const byFirst = new Map(dec.bundles.map((b, k) => [Math.min(...b.features.map((i) => perm[i])), labels(W, D.m, dec.bundles)[k]]));
    base.bundles.forEach((b, k) => expect(byFirst.get(b.features[0])).toBe(labels(D.W, D.m, base.bundles)[k]));
  });

  it('only the represented features are decomposed; a given floor is used as is', () => {
    const some = all(D.n).filter((i) => D.part[i] !== 1);
    const dec = orthogonalDecomposition(D.W, D.m, some);
    expect(dec.bundles.map((b) => b.features)).toEqual(trueBundles(D).filter((b) => D.part[b[0]] !== 1));
    const given = orthogonalDecomposition(D.W, D.m, all(D.n), { noiseFloor: 0.9 });
    expect(given.noiseFloor).toBe(0.9);
    // At 0.9 only antipodal pairs stay linked: the digon and the lone dedicated feature survive as such.
    expect(given.bundles.length).toBe(D.n - 1);
  });
});
