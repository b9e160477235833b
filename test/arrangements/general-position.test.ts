import { describe, expect, it } from 'vitest';
import { arrangementOf } from '../../src/arrangements/index.js';
import { choose, flat, gaussian, rng } from './helpers.js';

function random(n: number, m: number, seed: number): { W: Float64Array; b: Float64Array } {
  const g = gaussian(rng(seed));
  return { W: flat(Array.from({ length: n }, () => Array.from({ length: m }, g))), b: Float64Array.from({ length: n }, g) };
}

describe('general position', () => {
  it('random affine arrangements: Σ_{i≤m} C(n,i) regions and C(n−1, m) bounded (binomial oracle)', () => {
    for (const [n, m] of [
      [6, 3],
      [9, 3],
      [8, 4],
      [3, 5],
    ]) {
      const { W, b } = random(n, m, n * 10 + m);
      const a = arrangementOf(W, m, b);
      const regions = Array.from({ length: m + 1 }, (_, i) => choose(n, i)).reduce((s, x) => s + x, 0);
      expect(a.generalPosition).toBe(true);
      expect(a.method).toBe('general-position');
      expect(a.regions).toBe(regions);
      expect(a.boundedRegions).toBe(choose(n - 1, m));
    }
  });

  it('the poset agrees with the closed form when the fast path is switched off', () => {
    const { W, b } = random(9, 3, 1);
    const a = arrangementOf(W, 3, b, { maxMinors: 0 });
    expect(a.method).toBe('intersection-poset');
    expect(a.generalPosition).toBe(true);
    expect(a.regions).toBe(1 + 9 + 36 + 84);
    expect(a.boundedRegions).toBe(choose(8, 3));
  });

  it('random central arrangements (b = 0): Cover’s count 2·Σ_{i<m} C(n−1, i)', () => {
    const { W } = random(10, 3, 2);
    const a = arrangementOf(W, 3, null);
    expect(a.central).toBe(true);
    expect(a.generalPosition).toBe(true);
    expect(a.regions).toBe(2 * (choose(9, 0) + choose(9, 1) + choose(9, 2)));
    expect(a.boundedRegions).toBe(0);
  });

  it('caps the poset with a message and reports the general-position bound', () => {
    const { W, b } = random(40, 6, 3);
    const a = arrangementOf(W, 6, b, { maxFlats: 1000, maxMinors: 100 });
    expect(a.capped).toMatch(/arrangement of 40 hyperplanes of rank 6: more than 1000 flats; showing the general-position bound instead/);
    expect(a.generalPosition).toBe(false);
    expect(a.method).toBe('general-position');
    expect(a.regionsText).toBe(String(Array.from({ length: 7 }, (_, i) => choose(40, i)).reduce((s, x) => s + x, 0)));
  });

  it('exact big counts: 400 generic hyperplanes in R³⁰ overflow doubles, the decimal strings stay exact', () => {
    const { W, b } = random(400, 30, 4);
    const a = arrangementOf(W, 30, b, { maxFlats: 100 });
    expect(a.safeIntegers).toBe(false);
    let total = 0n;
    let c = 1n;
    for (let i = 0; i <= 30; i++) {
      total += c;
      c = (c * BigInt(400 - i)) / BigInt(i + 1);
    }
    expect(a.regionsText).toBe(String(total));
    expect(a.capped).toMatch(/400 hyperplanes of rank 30: more than 100 flats/);
  });

  it('above maxHyperplanes features it reports the bound for rank m at once', () => {
    const { W, b } = random(30, 4, 5);
    const a = arrangementOf(W, 4, b, { maxHyperplanes: 20 });
    expect(a.capped).toMatch(/arrangement of 30 hyperplanes in R\^4: more than 20 hyperplanes/);
    expect(a.regions).toBe(1 + 30 + choose(30, 2) + choose(30, 3) + choose(30, 4));
  });

  it('the empty arrangement: one region, χ = t^m', () => {
    const a = arrangementOf(new Float64Array(6), 3, null);
    expect(a.dropped).toEqual([0, 1]);
    expect(a.chi).toEqual([1, 0, 0, 0]);
    expect([a.regions, a.boundedRegions]).toEqual([1, 1]);
  });
});
