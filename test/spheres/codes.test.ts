import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { directSum, icosahedron, octahedron, regularPolygon, simplex, squareAntiprism, tetrahedron, type PointSet } from '../../src/spheres/index.js';
import { applyRotation, gaussian, mulberry32, randomRotation } from '../../src/random/index.js';
import { bundleDirections, sphericalCodeQuality, thomsonEnergy, thomsonMinimum } from '../../src/spheres/index.js';

interface CodesFixture {
  randomCodes: { n: number; d: number; U: number[]; minAngleDeg: number; thomsonEnergy: number; coherence: number }[];
  closedForms: { kind: string; n: number; d: number; energy: number }[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/codes/codes.json', import.meta.url), 'utf8')) as CodesFixture;

const quality = (p: PointSet, label?: string) => sphericalCodeQuality(p.vectors, p.d, { label });

/** The 24-cell: all permutations of (±1, ±1, 0, 0)/√2. */
function cell24(): PointSet {
  const rows: number[] = [];
  for (let a = 0; a < 4; a++)
    for (let b = a + 1; b < 4; b++)
      for (const sa of [1, -1])
        for (const sb of [1, -1]) {
          const v = [0, 0, 0, 0];
          v[a] = sa / Math.SQRT2;
          v[b] = sb / Math.SQRT2;
          rows.push(...v);
        }
  return { vectors: Float64Array.from(rows), d: 4 };
}

describe('minimal angle against the best-known codes', () => {
  // Oracles: Sloane's S² table and closed forms as listed in the background README.
  const cases: [string, PointSet, number][] = [
    ['tetrahedron', tetrahedron(), 109.4712206],
    ['octahedron', octahedron(), 90],
    ['icosahedron', icosahedron(), 63.4349488],
    ['square antiprism', squareAntiprism('equal-edge'), 74.8584922],
    ['pentagon', regularPolygon(5), 72],
    ['heptagon', regularPolygon(7), 360 / 7],
    ['simplex-5', simplex(5), (Math.acos(-1 / 5) * 180) / Math.PI],
    ['24-cell', cell24(), 60],
  ];
  for (const [name, p, angle] of cases) {
    it(`${name}: ${angle.toFixed(7)}°, ratio 1`, () => {
      const q = quality(p, name);
      expect(q.minAngleDeg).toBeCloseTo(angle, 6);
      expect(q.bestKnownMinAngleDeg).toBeCloseTo(angle, 6);
      expect(Math.abs((q.angleRatio ?? NaN) - 1)).toBeLessThan(1e-9);
    });
  }

  it('a worse code scores below 1: the cube (70.53°) against the 8-point optimum', () => {
    const cube = { vectors: new Float64Array(24), d: 3 };
    for (let i = 0; i < 8; i++) for (let r = 0; r < 3; r++) cube.vectors[i * 3 + r] = ((i >> r) & 1 ? -1 : 1) / Math.sqrt(3);
    const q = quality(cube);
    expect(q.minAngleDeg).toBeCloseTo((Math.acos(1 / 3) * 180) / Math.PI, 9);
    expect(q.angleRatio).toBeCloseTo(70.5287794 / 74.8584922, 8);
  });

  it('no table entry: 40 points in R^3, 10 points in R^6 beyond 2d', () => {
    const rng = mulberry32(3);
    const U = Float64Array.from({ length: 40 * 3 }, () => gaussian(rng));
    expect(sphericalCodeQuality(normalise(U, 3), 3).bestKnownMinAngleDeg).toBeNull();
    expect(
      sphericalCodeQuality(
        normalise(
          Float64Array.from({ length: 13 * 6 }, () => gaussian(rng)),
          6,
        ),
        6,
      ).angleRatio,
    ).toBeNull();
  });
});

describe('Thomson energy', () => {
  const cases: [string, PointSet, number][] = [
    ['tetrahedron', tetrahedron(), 3.674234614],
    ['octahedron', octahedron(), 9.985281374],
    ['icosahedron', icosahedron(), 49.165253058],
  ];
  for (const [name, p, energy] of cases) {
    it(`${name}: ${energy}`, () => {
      const q = quality(p);
      expect(Math.abs(q.thomsonEnergy! / energy - 1)).toBeLessThan(1e-9);
      expect(Math.abs((q.energyRatio ?? NaN) - 1)).toBeLessThan(1e-9);
    });
  }

  it('two coinciding directions (a digon with one sign flipped): the energy is infinite, reported as null and said in the verdict', () => {
    const q = sphericalCodeQuality(Float64Array.from([1, 0, 1, 0]), 2, { label: 'pair' });
    expect(q.thomsonEnergy).toBeNull();
    expect(q.energyRatio).toBeNull();
    expect(q.minAngleDeg).toBe(0);
    expect(q.verdict).toContain('Thomson energy infinite (coinciding directions)');
    expect(JSON.parse(JSON.stringify(q)).thomsonEnergy).toBeNull();
  });

  it('closed-form minima (polygon, cross-polytope, simplex) equal numpy pair sums', () => {
    for (const c of fixture.closedForms) {
      expect(Math.abs((thomsonMinimum(c.n, c.d) ?? NaN) / c.energy - 1), `${c.kind} ${c.n}`).toBeLessThan(1e-12);
    }
  });

  it('README table entries (N = 5, 20 on S²)', () => {
    expect(thomsonMinimum(5, 3)).toBe(6.474691495);
    expect(thomsonMinimum(20, 3)).toBe(150.881568334);
    expect(thomsonMinimum(21, 3)).toBeNull();
  });
});

describe('random configurations against numpy brute force', () => {
  for (const c of fixture.randomCodes) {
    it(`${c.n} points in R^${c.d}`, () => {
      const U = Float64Array.from(c.U);
      const q = sphericalCodeQuality(U, c.d);
      expect(q.minAngleDeg).toBeCloseTo(c.minAngleDeg, 9);
      expect(thomsonEnergy(U, c.d) / c.thomsonEnergy).toBeCloseTo(1, 12);
      expect(q.coherence).toBeCloseTo(c.coherence, 12);
      if (q.energyRatio !== null) expect(q.energyRatio).toBeGreaterThan(1);
      if (q.angleRatio !== null) expect(q.angleRatio).toBeLessThan(1);
    });
  }
});

describe('coherence: Welch bound and random baseline', () => {
  it('Mercedes-Benz frame (3 vectors in R², an ETF) meets the Welch bound 1/2', () => {
    const q = quality(regularPolygon(3));
    expect(q.coherence).toBeCloseTo(0.5, 12);
    expect(q.welchBound).toBeCloseTo(0.5, 12);
  });

  it('six icosahedron diagonals (an ETF in R³) meet the Welch bound 1/√5', () => {
    const ico = icosahedron();
    // One vertex of each antipodal pair: those with a positive first nonzero coordinate.
    const rows: number[] = [];
    for (let i = 0; i < 12; i++) {
      const v = Array.from(ico.vectors.subarray(i * 3, i * 3 + 3));
      const lead = v.find((x) => Math.abs(x) > 1e-12) ?? 0;
      if (lead > 0) rows.push(...v);
    }
    expect(rows.length).toBe(18);
    const q = sphericalCodeQuality(Float64Array.from(rows), 3);
    expect(q.coherence).toBeCloseTo(1 / Math.sqrt(5), 12);
    expect(q.welchBound).toBeCloseTo(1 / Math.sqrt(5), 12);
  });

  it('random Gaussian unit vectors stay below δ = √(4 ln n / m) and above the RMS 1/√m', () => {
    const n = 200;
    const d = 64;
    const rng = mulberry32(11);
    const U = normalise(
      Float64Array.from({ length: n * d }, () => gaussian(rng)),
      d,
    );
    const q = sphericalCodeQuality(U, d);
    expect(q.randomBaseline).toBeCloseTo(Math.sqrt((4 * Math.log(n)) / d), 12);
    expect(q.randomRms).toBeCloseTo(1 / 8, 12);
    expect(q.coherence).toBeLessThan(q.randomBaseline);
    expect(q.coherence).toBeGreaterThan(q.randomRms);
    expect(q.welchBound ?? 1).toBeLessThan(q.coherence);
  });
});

describe('bundleDirections', () => {
  it('a rotated pentagon inside a direct sum is judged in its own 2-dim basis', () => {
    const { W, m } = directSum([regularPolygon(5), tetrahedron()], 2);
    const Q = randomRotation(m, mulberry32(5));
    const Wr = applyRotation(W, m, Q).map((x, k) => x * (1 + (Math.floor(k / m) % 3))); // feature norms 1, 2, 3
    const { U, d } = bundleDirections(Wr, m, [0, 1, 2, 3, 4]);
    expect(d).toBe(2);
    const q = sphericalCodeQuality(U, d, { label: 'pentagon' });
    expect(Math.abs((q.angleRatio ?? NaN) - 1)).toBeLessThan(1e-9);
    expect(Math.abs((q.energyRatio ?? NaN) - 1)).toBeLessThan(1e-9);
    expect(q.verdict).toMatch(/^pentagon: minimal angle 72° = 1\.000 of optimal \(72°\), Thomson energy ×1\.000 of the minimum/);
  });
});

function normalise(U: Float64Array, d: number): Float64Array {
  const out = U.slice();
  for (let i = 0; i < U.length / d; i++) {
    let s = 0;
    for (let r = 0; r < d; r++) s += U[i * d + r] ** 2;
    for (let r = 0; r < d; r++) out[i * d + r] /= Math.sqrt(s);
  }
  return out;
}
