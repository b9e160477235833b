// Geometric incidence tolerance, exact confirmation of ambiguous incidences, and the
// Zaslavsky / Euler checks that keep impossible counts out of the report. Oracles: the
// closed forms of general position (Σ_{i≤d} C(n,i) regions, C(n−1,d) bounded, and
// f_j = C(n, d−j)·Σ_{i≤j} C(n−d+j, i) faces), hand counts, and exact integer relations.
import { describe, expect, it } from 'vitest';
import { arrangementOf } from '../../src/arrangements/index.js';
import { exactIntegerDirection } from '../../src/arrangements/dyadic.js';
import { IncidenceJudge } from '../../src/arrangements/incidence.js';
import { checkFactor } from '../../src/arrangements/zaslavsky-checks.js';
import { choose, flat, gaussian, polygon, rng } from './helpers.js';
import { decoderLines, lineArrangementCounts } from './line-oracle.js';

function random(n: number, m: number, seed: number): { W: Float64Array; b: Float64Array } {
  const g = gaussian(rng(seed));
  return { W: Float64Array.from({ length: n * m }, g), b: Float64Array.from({ length: n }, g) };
}

const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);
const genericRegions = (n: number, d: number): number => sum(Array.from({ length: d + 1 }, (_, i) => choose(n, i)));

describe('random generic arrangements in R²–R⁵ match the closed forms', () => {
  for (const [m, n] of [
    [2, 12],
    [2, 40],
    [3, 12],
    [3, 40],
    [4, 25],
    [4, 40],
    [5, 20],
    [5, 40],
  ]) {
    it(`${n} hyperplanes in R^${m}: Σ_{i≤${m}} C(${n},i) regions, C(${n - 1},${m}) bounded, the generic f-vector`, () => {
      const { W, b } = random(n, m, 1000 * m + n);
      const a = arrangementOf(W, m, b);
      expect(a.error).toBeUndefined();
      expect(a.capped).toBeUndefined();
      expect(a.generalPosition).toBe(true);
      expect(a.regions).toBe(genericRegions(n, m));
      expect(a.boundedRegions).toBe(choose(n - 1, m));
      // A j-face lies in one of the C(n, m−j) j-flats, cut by the other n−m+j hyperplanes.
      expect(a.faces).toEqual(Array.from({ length: m + 1 }, (_, j) => String(choose(n, m - j) * genericRegions(n - m + j, j))));
    });
  }

  it('the issue’s case: 12 random affine planes in R³ with the interference noise floor (0.055) as symmetry tolerance: 299 regions, 165 bounded', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const { W, b } = random(12, 3, seed);
      const a = arrangementOf(W, 3, b, { tolerance: 0.055 });
      expect([a.regions, a.boundedRegions, a.generalPosition]).toEqual([299, 165, true]);
    }
  });
});

describe('impossible counts become an error, never a number', () => {
  it('checkFactor: the counts of a wrongly merged poset (χ = t³ − 12t² + 50t − 33: −6 bounded) fail; the generic χ passes', () => {
    const bad = checkFactor([-33n, 50n, -12n, 1n], 3, 12, false, null);
    expect(bad.failed.join()).toMatch(/regions ≥ bounded ≥ 0/);
    const good = checkFactor([-220n, 66n, -12n, 1n], 3, 12, false, [220n, 726n, 804n, 299n]);
    expect(good.failed).toEqual([]);
    expect(good.checked).toContain('Euler characteristic Σ(−1)^j f_j = (−1)^rank');
    // Non-alternating, too many hyperplanes counted, a wrong Euler characteristic.
    expect(checkFactor([-2n, -3n, 1n], 2, 3, false, null).failed.join()).toMatch(/alternate/);
    expect(checkFactor([10n, -5n, 1n], 2, 4, false, null).failed.join()).toMatch(/c₁/);
    expect(checkFactor([3n, -3n, 1n], 2, 3, false, [3n, 9n, 8n]).failed.join()).toMatch(/Euler/);
  });

  it('the noise floor as incidence tolerance (the old bug) merges distinct points: every inconsistent poset is reported as an error', () => {
    let errors = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const { W, b } = random(12, 3, seed);
      const a = arrangementOf(W, 3, b, { tolerance: 0.055, incidenceTolerance: 0.055 });
      if (a.error !== undefined) {
        errors++;
        expect([a.regions, a.boundedRegions, a.chi, a.regionsText]).toEqual([null, null, null, 'unknown']);
        expect(a.factorDetails[0].regions).toBeNull();
      } else {
        // What passes every identity is at least a possible count.
        expect(a.regions as number).toBeGreaterThanOrEqual(a.boundedRegions as number);
        expect(a.boundedRegions as number).toBeGreaterThanOrEqual(0);
      }
    }
    // Seeds 1, 2, 3, 5 fail the Euler characteristic (seed 2 also has −6 bounded regions).
    expect(errors).toBe(4);
  });

  it('degenerate posets pass the Euler check with their face counts: central pentagon (1, 10, 10), star of David (12, 30, 19)', () => {
    const pent = arrangementOf(flat(polygon(5)), 2, null);
    expect(pent.faces).toEqual(['1', '10', '10']);
    const half = polygon(6).slice(0, 3);
    const rows = [...half, ...half.map((w) => w.map((x) => -x))];
    const star = arrangementOf(flat(rows), 2, Float64Array.from(rows.map(() => -0.2)), { maxMinors: 0 });
    const oracle = lineArrangementCounts(
      decoderLines(
        rows,
        rows.map(() => -0.2),
      ),
    );
    expect(star.faces).toEqual([String(oracle.vertices), '30', String(oracle.regions)]);
    expect(star.checks).toContain('Euler characteristic Σ(−1)^j f_j = (−1)^rank');
  });
});

describe('exact confirmation of ambiguous incidences', () => {
  it('doubles convert to integers exactly: 0.2 = 2·0.1 in binary, 0.3 ≠ 3·0.1', () => {
    expect(exactIntegerDirection([0.1, 0.2])).toEqual([1n, 2n]);
    expect(exactIntegerDirection([0.1, 0.3])).not.toEqual([1n, 3n]);
    expect(exactIntegerDirection([0, -1.5, 3])).toEqual([0n, -1n, 2n]);
    expect(exactIntegerDirection([2 ** -1074, 1])).toEqual([1n, 2n ** 1074n]);
  });

  it('the judge decides the band between tolerance and 10⁴·tolerance exactly, and counts it', () => {
    const vectors = [Float64Array.of(1, 0, 0), Float64Array.of(0, 1, 0), Float64Array.of(1, 1, 0), Float64Array.of(1, 1, 1e-8)];
    const judge = new IncidenceJudge(vectors, 1e-10);
    expect(judge.dependent(1e-12, [0, 1, 3])).toBe(true); // below the band: a relation, no exact work
    expect(judge.dependent(1e-3, [0, 1, 2])).toBe(false); // above it: none, whatever the vectors
    expect(judge.exactDecisions).toBe(0);
    expect(judge.dependent(1e-8, [0, 1, 2])).toBe(true);
    expect(judge.dependent(1e-8, [0, 1, 3])).toBe(false);
    expect(judge.dependent(1e-8, [0, 1, judge.infinity])).toBe(false);
    expect(judge.exactDecisions).toBe(3);
  });

  it('three lines missing a common point by 1e−8 (relative): generic by exact arithmetic (7 regions, 1 bounded); concurrent at incidence tolerance 1e−6 (6, 0)', () => {
    const W = flat([
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    const b = Float64Array.of(-1, -1, -2 - 3e-8);
    const a = arrangementOf(W, 2, b, { maxMinors: 0 });
    expect([a.regions, a.boundedRegions]).toEqual([7, 1]);
    expect(a.exactDecisions).toBeGreaterThan(0);
    const loose = arrangementOf(W, 2, b, { incidenceTolerance: 1e-6 });
    expect([loose.regions, loose.boundedRegions]).toEqual([6, 0]);
    // Exactly concurrent in the stored doubles: a triple point, decided without exact work.
    const exact = arrangementOf(W, 2, Float64Array.of(-1, -1, -2));
    expect([exact.regions, exact.boundedRegions, exact.exactDecisions]).toEqual([6, 0, 0]);
  });
});

describe('report wording', () => {
  it('report.md says "not in general position" for a product of general-position factors, never the method name', async () => {
    const { analyze } = await import('../../src/analysis/analyze.js');
    const { reportToMarkdown } = await import('../../src/report/markdown.js');
    const { directSum, regularPolygon } = await import('../../src/spheres/index.js');
    const { W, m } = directSum([regularPolygon(5), { vectors: Float64Array.of(1, -1), d: 1 }]);
    const report = await analyze({ file: 't', tensor: 'W', m, n: 7, featuresAre: 'columns', W, bias: new Float64Array(7).fill(-0.2), biasName: 'b' });
    expect(report.arrangement.generalPosition).toBe(false);
    expect(report.arrangement.method).toBe('general-position');
    const md = reportToMarkdown(report);
    const section = md.slice(md.indexOf('## Decoder hyperplane arrangement'));
    expect(section).toMatch(/48 regions, 6 bounded/);
    expect(section).toMatch(/not in general position; χ from the closed form of each product factor/);
    // Faces multiply over the factors: (10 + 25x + 16x²)·(2 + 3x), pentagram lines times two points on a line.
    expect(section).toMatch(/Euler characteristic \(faces f_0…f_3: 20, 80, 107, 48\)/);
    expect(section).not.toMatch(/general-position/);
  });
});
