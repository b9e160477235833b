// barcodeVerdict on configurations whose topology is known, and the barcode SVG's structure.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { barcodeFigure } from '../../src/report/figures/barcode-figure.js';
import { barcodeVerdict, ripsPersistence } from '../../src/tda/index.js';
import type { RipsResult } from '../../src/tda/index.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/tda/rips.json', import.meta.url), 'utf8')) as {
  cases: { name: string; metric: 'euclidean' | 'angular'; dim: number; points: string[] }[];
};
const fixtureCloud = (name: string): { points: Float64Array; dim: number } => {
  const c = fixture.cases.find((k) => k.name === name);
  if (!c) throw new Error(`no fixture ${name}`);
  return { points: Float64Array.from(c.points, Number), dim: c.dim };
};
// The dense circle is used twice: compute its barcode once.
let circleResult: RipsResult | undefined;
const noisyCircle = (): RipsResult => (circleResult ??= ripsPersistence(fixtureCloud('noisy S^1 in R^3, 200 points')));
const polygon = (N: number): { points: Float64Array; dim: number } => ({
  points: Float64Array.from({ length: 2 * N }, (_, k) => (k % 2 === 0 ? Math.cos : Math.sin)((2 * Math.PI * (k >> 1)) / N)),
  dim: 2,
});
const octahedron = { points: Float64Array.from([1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1]), dim: 3 };

describe('barcodeVerdict', () => {
  it('a regular polygon and a dense noisy circle: one circle, one group', () => {
    for (const result of [ripsPersistence(polygon(10)), noisyCircle()]) {
      const v = barcodeVerdict(result);
      expect([v.clusters, v.circles, v.spheres]).toEqual([1, 1, 0]);
      expect(v.text).toBe('one long H1 bar: the features lie on a circle');
    }
  });
  it('the octahedron and a dense S² sample: one sphere, no circle', () => {
    for (const cloud of [octahedron, fixtureCloud('S^2, 100 points')]) {
      const v = barcodeVerdict(ripsPersistence(cloud));
      expect([v.clusters, v.circles, v.spheres]).toEqual([1, 0, 1]);
      expect(v.text).toBe('one long H2 bar: the features lie on a 2-sphere');
    }
  });
  it('two regular 12-gons in orthogonal planes of R^4 (a tegum product): two groups, two loops', () => {
    const a = polygon(12).points;
    const pts: number[] = [];
    for (let k = 0; k < 12; k++) pts.push(a[2 * k], a[2 * k + 1], 0, 0);
    for (let k = 0; k < 12; k++) pts.push(0, 0, a[2 * k], a[2 * k + 1]);
    const v = barcodeVerdict(ripsPersistence({ points: Float64Array.from(pts), dim: 4 }));
    expect([v.clusters, v.circles, v.spheres]).toEqual([2, 2, 0]);
    expect(v.text).toBe('2 long H0 bars: the features fall into 2 separated groups; 2 long H1 bars: the features trace 2 independent loops');
  });
  it('random points in R^3: no loops or cavities', () => {
    const v = barcodeVerdict(ripsPersistence(fixtureCloud('random R^3, 60 points')));
    expect([v.circles, v.spheres]).toEqual([0, 0]);
    expect(v.text).toContain('no long H1 or H2 bar: no loops or cavities at this scale');
  });
});

describe('barcodeFigure', () => {
  it('draws one bar per pair, an arrow per infinite bar, and a label per dimension', () => {
    const result = ripsPersistence(polygon(6), { threshold: 1.8 });
    const bars = result.diagrams.reduce((s, g) => s + g.pairs.length, 0);
    const infinite = result.diagrams.reduce((s, g) => s + g.pairs.filter((p) => p.death === Infinity).length, 0);
    const svg = barcodeFigure(result);
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(svg.match(/<rect /g)?.length).toBe(bars);
    expect(svg.match(/<polygon /g)?.length).toBe(infinite);
    for (const label of ['>H0<', '>H1<', '>H2<']) expect(svg).toContain(label);
  });
  it('shows only the longest bars of a crowded dimension', () => {
    const svg = barcodeFigure(noisyCircle(), { maxBarsPerDimension: 10 });
    expect(svg).toContain('10 longest of 200');
  });
});
