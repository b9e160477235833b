import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arrangementOf } from '../../src/arrangements/index.js';
import { flat, rng, rotate, rotation } from './helpers.js';

interface LpCase {
  name: string;
  m: number;
  W: number[][];
  b: number[];
  regions: number;
  bounded: number;
}

// Regions and bounded regions counted by scipy linear programs over all sign vectors
// (scripts/fixtures/make_arrangement_fixtures.py).
const { cases } = JSON.parse(readFileSync(new URL('../fixtures/arrangements/lp_regions.json', import.meta.url), 'utf8')) as { cases: LpCase[] };

describe('arrangements in R³ and R⁴ against the LP sign-vector oracle', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const a = arrangementOf(flat(c.W), c.m, Float64Array.from(c.b));
    expect([a.regions, a.boundedRegions]).toEqual([c.regions, c.bounded]);
    // The same counts after a random rotation of the hidden space.
    const r = arrangementOf(flat(rotate(c.W, rotation(c.m, rng(c.W.length)))), c.m, Float64Array.from(c.b));
    expect([r.regions, r.boundedRegions]).toEqual([c.regions, c.bounded]);
  });

  // Exact arithmetic rounds coefficients to simple fractions: the antiprism's quadruple points
  // have coefficients in √2 and are out of its reach (documented), the rest are rational.
  it.each(cases.filter((c) => !c.name.startsWith('square antiprism')).map((c) => [c.name, c] as const))('%s (exact arithmetic)', (_name, c) => {
    const a = arrangementOf(flat(c.W), c.m, Float64Array.from(c.b), { arithmetic: 'exact' });
    expect([a.regions, a.boundedRegions]).toEqual([c.regions, c.bounded]);
  });

  it('a noisy square antiprism (±1e−6 on W and b) matches the clean count at incidence tolerance 1e−4, not at the default or with only the symmetry tolerance raised', () => {
    const c = cases.find((x) => x.name.startsWith('square antiprism')) as LpCase;
    const next = rng(99);
    const noisyW = c.W.map((w) => w.map((x) => x + 2e-6 * (next() - 0.5)));
    const noisyB = c.b.map((x) => x + 2e-6 * (next() - 0.5));
    const loose = arrangementOf(flat(noisyW), 3, Float64Array.from(noisyB), { incidenceTolerance: 1e-4 });
    expect([loose.regions, loose.boundedRegions]).toEqual([c.regions, c.bounded]);
    const strict = arrangementOf(flat(noisyW), 3, Float64Array.from(noisyB));
    expect(strict.regions).toBeGreaterThan(c.regions);
    // The symmetry tolerance decides directions (parallel, product split), never where hyperplanes meet.
    const symmetryOnly = arrangementOf(flat(noisyW), 3, Float64Array.from(noisyB), { tolerance: 1e-4 });
    expect(symmetryOnly.regions).toBe(strict.regions);
    expect(strict.error).toBeUndefined();
  });

  it('the tegum products split into their factors', () => {
    const bipyramid = cases.find((c) => c.name.startsWith('triangular bipyramid')) as LpCase;
    expect(arrangementOf(flat(bipyramid.W), 3, Float64Array.from(bipyramid.b)).factors).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
    const triple = cases.find((c) => c.name.startsWith('pentagon')) as LpCase;
    expect(arrangementOf(flat(triple.W), 4, Float64Array.from(triple.b)).factors).toEqual([[0, 1, 2, 3, 4], [5, 6], [7]]);
  });
});
