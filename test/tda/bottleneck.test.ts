// Bottleneck distance against gudhi.bottleneck_distance (exact mode) on random diagram
// pairs written by scripts/fixtures/make_tda_fixtures.py.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bottleneckDistance } from '../../src/tda/index.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/tda/bottleneck.json', import.meta.url), 'utf8')) as {
  pairs: { a: [number, number][]; b: [number, number][]; distance: number }[];
};
const toPairs = (rows: [number, number][]): { birth: number; death: number }[] => rows.map(([birth, death]) => ({ birth, death }));

describe('bottleneckDistance', () => {
  it('equals gudhi on random diagram pairs', () => {
    for (const { a, b, distance } of fixture.pairs) {
      expect(bottleneckDistance(toPairs(a), toPairs(b))).toBeCloseTo(distance, 12);
      expect(bottleneckDistance(toPairs(b), toPairs(a))).toBeCloseTo(distance, 12);
    }
  });
  it('matches infinite bars only with infinite bars', () => {
    const a = [
      { birth: 0, death: Infinity },
      { birth: 0.2, death: 0.3 },
    ];
    expect(bottleneckDistance(a, [{ birth: 0.5, death: Infinity }])).toBeCloseTo(0.5, 15);
    expect(bottleneckDistance(a, [])).toBe(Infinity);
    expect(bottleneckDistance([], [])).toBe(0);
  });
});
