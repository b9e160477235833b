import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dimensionality, featureNorms, gram, numericalRank, rowSpectrum, symmetricEigen } from '../../src/features/index.js';

interface WeightCase {
  n: number;
  m: number;
  W: number[];
  norms: number[];
  gram: number[];
  dimensionality: number[];
  singular: number[];
  rank: number;
}
interface SymCase {
  k: number;
  S: number[];
  eigenvalues: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/shapes/features.json', import.meta.url), 'utf8')) as {
  weights: WeightCase[];
  symmetric: SymCase[];
};

/** Feature-major matrix from rows. */
function rows(vs: number[][]): { W: Float64Array; m: number; n: number } {
  return { W: Float64Array.from(vs.flat()), m: vs[0].length, n: vs.length };
}

/** Closed-form unit vectors, written out here so these oracles do not use src/spheres. */
const s3 = 1 / Math.sqrt(3);
const polygon = (N: number): number[][] => Array.from({ length: N }, (_, k) => [Math.cos((2 * Math.PI * k) / N), Math.sin((2 * Math.PI * k) / N)]);
// Square antiprism with h² = 1/3: a tight frame, hence D = 3/8 (the equal-edge one is not tight).
const r = Math.sqrt(2 / 3);
const h = Math.sqrt(1 / 3);
const antiprism = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => {
  const a = (k % 4) * (Math.PI / 2) + (k >= 4 ? Math.PI / 4 : 0);
  return [r * Math.cos(a), r * Math.sin(a), k >= 4 ? -h : h];
});

describe('dimensionality D_i (Toy Models energy levels)', () => {
  const levels: [string, number[][], number][] = [
    [
      'dedicated',
      [
        [1, 0],
        [0, 1],
      ],
      1,
    ],
    [
      'tetrahedron',
      [
        [s3, s3, s3],
        [s3, -s3, -s3],
        [-s3, s3, -s3],
        [-s3, -s3, s3],
      ],
      3 / 4,
    ],
    ['triangle', polygon(3), 2 / 3],
    ['digon', [[1], [-1]], 1 / 2],
    ['pentagon', polygon(5), 2 / 5],
    ['square antiprism', antiprism, 3 / 8],
  ];
  for (const [name, vs, D] of levels) {
    it(`${name}: every D_i = ${D}`, () => {
      // The levels hold for equal norms; a common scale must not change them.
      const { W, m, n } = rows(vs.map((v) => v.map((x) => 3.7 * x)));
      for (const d of dimensionality(W, m, n)) expect(Math.abs(d - D)).toBeLessThan(1e-12);
    });
  }

  it('is 0 for a zero feature and unaffected by it', () => {
    const { W, m, n } = rows([...polygon(5), [0, 0]]);
    const D = dimensionality(W, m, n);
    expect(D[5]).toBe(0);
    for (let i = 0; i < 5; i++) expect(Math.abs(D[i] - 2 / 5)).toBeLessThan(1e-12);
  });

  it('matches numpy on random and rank-deficient matrices', () => {
    for (const c of fixture.weights) {
      const D = dimensionality(Float64Array.from(c.W), c.m, c.n);
      c.dimensionality.forEach((d, i) => expect(D[i]).toBeCloseTo(d, 12));
    }
  });
});

describe('featureNorms and gram', () => {
  it('norms of a 3-4-5 row and a zero row', () => {
    const { W, m, n } = rows([
      [3, 4],
      [0, 0],
      [-5, 12],
    ]);
    expect(Array.from(featureNorms(W, m, n))).toEqual([5, 0, 13]);
  });

  it('match numpy', () => {
    for (const c of fixture.weights) {
      const W = Float64Array.from(c.W);
      const norms = featureNorms(W, c.m, c.n);
      c.norms.forEach((x, i) => expect(norms[i]).toBeCloseTo(x, 12));
      const G = gram(W, c.m, c.n);
      c.gram.forEach((x, i) => expect(Math.abs(G[i] - x)).toBeLessThan(1e-12 * (1 + Math.abs(x))));
    }
  });
});

describe('linear algebra helpers', () => {
  it('symmetricEigen matches numpy eigvalsh and reconstructs S', () => {
    for (const c of fixture.symmetric) {
      const S = Float64Array.from(c.S);
      const { values, vectors } = symmetricEigen(S, c.k);
      c.eigenvalues.forEach((x, i) => expect(values[i]).toBeCloseTo(x, 11));
      for (let a = 0; a < c.k; a++) {
        for (let b = 0; b < c.k; b++) {
          let s = 0;
          for (let t = 0; t < c.k; t++) s += vectors[a * c.k + t] * values[t] * vectors[b * c.k + t];
          expect(s).toBeCloseTo(S[a * c.k + b], 11);
        }
      }
    }
  });

  it('rowSpectrum singular values and default-tolerance rank match numpy', () => {
    for (const c of fixture.weights) {
      const { singular } = rowSpectrum(Float64Array.from(c.W), c.n, c.m);
      const big = c.singular[0];
      // Values at numpy's rank cut are ~1e-15·σ₁; the Gram route resolves ~1e-8·σ₁.
      c.singular.forEach((x, i) => expect(Math.abs(singular[i] - x)).toBeLessThan(1e-7 * big));
      expect(numericalRank(singular, 1e-6)).toBe(c.rank);
    }
  });
});

describe('featureNorms at the ends of the float64 range', () => {
  it('huge finite values give finite norms and subnormals non-zero ones (numpy: np.linalg.norm scales the same way)', async () => {
    const { featureNorms } = await import('../../src/features/norms.js');
    const W = Float64Array.from([3e200, 4e200, 3e-320, 4e-320, 0, 0]);
    const norms = featureNorms(W, 2, 3);
    expect(norms[0] / 5e200).toBeCloseTo(1, 12);
    expect(norms[1]).toBeGreaterThan(0);
    expect(Math.abs(norms[1] / 5e-320 - 1)).toBeLessThan(0.01);
    expect(norms[2]).toBe(0);
  });
});
