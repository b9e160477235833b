// Maxmin landmarks and the topology report at real sizes. Oracles: gudhi 3.7 on the landmark
// sets (barcode parity) and on the full S² clouds (the long H2 bar, truncated), the closed form
// of a dense circle's H1 bar [largest gap's chord, √3), and an independent numpy maxmin; all in
// test/fixtures/tda/landmarks.json from scripts/fixtures/make_landmark_fixtures.py.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bottleneckDistance, maxminLandmarks, ripsPersistence, selectRows } from '../../src/tda/index.js';
import type { PersistencePair } from '../../src/tda/index.js';
import { featureTopology, H1_LANDMARKS, H2_LANDMARKS, MAX_H1_POINTS, MAX_H2_POINTS } from '../../src/analysis/topology.js';
import { mulberry32 } from '../../src/random/index.js';

interface Case {
  name: string;
  dim: number;
  points: string[];
  dimension: 1 | 2;
  count: number;
  landmarks: number[];
  coveringRadius: number;
  landmarkThreshold: number;
  landmarkDiagrams: [number, number | null][][];
  fullThreshold?: number;
  fullDiagram?: [number, number | null][];
  circle?: { birth: number; death: number };
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/tda/landmarks.json', import.meta.url), 'utf8')) as { cases: Case[] };
const toPairs = (rows: [number, number | null][]): PersistencePair[] => rows.map(([birth, death]) => ({ birth, death: death ?? Infinity }));
const longest = (pairs: PersistencePair[], threshold: number): PersistencePair =>
  [...pairs].sort((a, b) => Math.min(b.death, threshold) - b.birth - (Math.min(a.death, threshold) - a.birth))[0];

describe('maxmin landmarks match an independent numpy implementation, their barcodes match gudhi', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const points = Float64Array.from(c.points, Number);
      const sample = maxminLandmarks(points, c.dim, c.count);
      expect(sample.indices).toEqual(c.landmarks);
      expect(sample.coveringRadius).toBeCloseTo(c.coveringRadius, 12);
      const result = ripsPersistence({ points: selectRows(points, c.dim, sample.indices), dim: c.dim }, { maxDimension: c.dimension });
      expect(result.threshold).toBeLessThanOrEqual(c.landmarkThreshold);
      for (let d = 0; d <= c.dimension; d++) expect(bottleneckDistance(result.diagrams[d].pairs, toPairs(c.landmarkDiagrams[d]))).toBeLessThanOrEqual(1e-9);
    });
  }
});

describe('the landmark bars lie within the stated bound 2ε of the full cloud’s long bars', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const points = Float64Array.from(c.points, Number);
      const sample = maxminLandmarks(points, c.dim, c.count);
      const eps = sample.coveringRadius;
      const ours = ripsPersistence({ points: selectRows(points, c.dim, sample.indices), dim: c.dim }, { maxDimension: c.dimension });
      const bar = longest(ours.diagrams[c.dimension].pairs, ours.threshold);
      // Long enough to be certified: no matching within 2ε can send it to the diagonal.
      expect(bar.death - bar.birth).toBeGreaterThan(2 * eps);
      if (c.circle) {
        expect(Math.abs(bar.birth - c.circle.birth)).toBeLessThanOrEqual(2 * eps);
        expect(Math.abs(bar.death - c.circle.death)).toBeLessThanOrEqual(2 * eps);
      } else {
        // gudhi's full-cloud H2 bar still alive at the truncation: born within 2ε of ours, and ours outlives the truncation minus 2ε.
        const full = longest(toPairs(c.fullDiagram as [number, number | null][]), c.fullThreshold as number);
        expect(full.death).toBe(Infinity);
        expect(Math.abs(bar.birth - full.birth)).toBeLessThanOrEqual(2 * eps);
        expect(bar.death).toBeGreaterThanOrEqual((c.fullThreshold as number) - 2 * eps);
      }
    });
  }
});

describe('topology of the feature cloud at real sizes', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: the report finds the ${c.dimension === 2 ? 'sphere' : 'circle'} and names its landmarks`, () => {
      const points = Float64Array.from(c.points, Number);
      const n = points.length / c.dim;
      const t = featureTopology(
        points,
        c.dim,
        Array.from({ length: n }, (_, i) => i),
      );
      expect(t.points).toBe(n);
      expect(t.maxDimension).toBe(n <= MAX_H2_POINTS ? 2 : 1);
      if (c.dimension === 2) expect(t.verdict.spheres).toBe(1);
      else expect(t.verdict.circles).toBe(1);
      const used = t.landmarks?.find((l) => l.dimensions.includes(c.dimension));
      expect(used?.count).toBe(c.dimension === 2 ? H2_LANDMARKS : H1_LANDMARKS);
      expect(used?.method).toBe('maxmin');
      if (c.count === used?.count) expect(used.coveringRadius).toBeCloseTo(c.coveringRadius, 12);
      expect(used?.bottleneckBound).toBeCloseTo(2 * (used?.coveringRadius ?? NaN), 12);
      expect(t.note).toMatch(/maxmin landmarks/);
      // H0 stays exact on every direction: n − 1 finite bars (distinct points) plus one infinite.
      expect(t.diagrams[0].pairs).toHaveLength(n);
    });
  }

  it('the largest clouds finish within 30 s: 1,000 directions with H2 and 2,000 with H1, spread out in R^20', () => {
    const next = mulberry32(77);
    const gauss = (): number => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    for (const [n, want] of [
      [MAX_H2_POINTS, 2],
      [MAX_H1_POINTS, 1],
    ] as const) {
      const W = Float64Array.from({ length: n * 20 }, gauss);
      const t0 = performance.now();
      const t = featureTopology(
        W,
        20,
        Array.from({ length: n }, (_, i) => i),
      );
      const seconds = (performance.now() - t0) / 1000;
      expect(t.maxDimension).toBe(want);
      // Random directions: no certified loop or cavity.
      expect([t.verdict.circles, t.verdict.spheres]).toEqual([0, 0]);
      expect(seconds).toBeLessThan(30);
    }
  }, 120_000);
});
