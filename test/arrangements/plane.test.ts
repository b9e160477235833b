import { describe, expect, it } from 'vitest';
import { arrangementOf } from '../../src/arrangements/index.js';
import { choose, flat, gaussian, polygon, rng, rotate, rotation } from './helpers.js';
import { decoderLines, lineArrangementCounts } from './line-oracle.js';

describe('line oracle (Euler) sanity on hand-counted cases', () => {
  it('square x = ±1, y = ±1: 9 regions, 1 bounded; two parallel lines: 3, 0', () => {
    expect(
      lineArrangementCounts(
        decoderLines(
          [
            [1, 0],
            [1, 0],
            [0, 1],
            [0, 1],
          ],
          [1, -1, 1, -1],
        ),
      ),
    ).toMatchObject({ regions: 9, bounded: 1 });
    expect(
      lineArrangementCounts(
        decoderLines(
          [
            [1, 0],
            [2, 0],
          ],
          [1, -1],
        ),
      ),
    ).toMatchObject({ regions: 3, bounded: 0 });
  });
});

describe('line arrangements against the Euler-formula oracle', () => {
  it('random lines in general position: Σ_{i≤2} C(n,i) regions, C(n−1,2) bounded', () => {
    const next = rng(11);
    const g = gaussian(next);
    for (const n of [1, 2, 3, 7, 15, 30]) {
      const rows = Array.from({ length: n }, () => [g(), g()]);
      const bias = rows.map(() => g());
      const oracle = lineArrangementCounts(decoderLines(rows, bias));
      const a = arrangementOf(flat(rows), 2, Float64Array.from(bias));
      expect(oracle.regions).toBe(1 + n + choose(n, 2));
      expect(a.regions).toBe(oracle.regions);
      expect(a.boundedRegions).toBe(oracle.bounded);
      expect(a.boundedRegions).toBe(choose(n - 1, 2));
      expect(a.generalPosition).toBe(true);
      expect(a.method).toBe('general-position');
    }
  });

  it('pentagon with b = −0.2: 16 regions, 6 bounded (pentagram), in general position', () => {
    const rows = polygon(5);
    const bias = rows.map(() => -0.2);
    const oracle = lineArrangementCounts(decoderLines(rows, bias));
    const a = arrangementOf(flat(rows), 2, Float64Array.from(bias));
    expect([a.regions, a.boundedRegions]).toEqual([oracle.regions, oracle.bounded]);
    expect([oracle.regions, oracle.bounded]).toEqual([16, 6]);
    expect(a.chi).toEqual([1, -5, 10]);
  });

  it('pentagon with b = 0: a central arrangement of 5 lines, 10 sectors, none bounded', () => {
    const rows = polygon(5);
    const oracle = lineArrangementCounts(decoderLines(rows, [0, 0, 0, 0, 0]));
    const a = arrangementOf(flat(rows), 2, null);
    expect([a.regions, a.boundedRegions]).toEqual([oracle.regions, oracle.bounded]);
    expect(a.central).toBe(true);
    expect(a.regions).toBe(10);
  });

  it('hexagon of antipodal pairs with b = −0.2: parallel pairs, star of David (19 regions, 7 bounded)', () => {
    // Antipodes by exact negation so the oracle sees exact parallels.
    const half = polygon(6).slice(0, 3);
    const rows = [...half, ...half.map((w) => w.map((x) => -x))];
    const bias = rows.map(() => -0.2);
    const oracle = lineArrangementCounts(decoderLines(rows, bias));
    const a = arrangementOf(flat(rows), 2, Float64Array.from(bias));
    expect([a.regions, a.boundedRegions]).toEqual([oracle.regions, oracle.bounded]);
    expect([a.regions, a.boundedRegions]).toEqual([19, 7]);
    expect(a.generalPosition).toBe(false);
  });

  it('the trained-looking n = 5, m = 2 toy: pentagon plus an unrepresented zero feature, varied biases', () => {
    const rows = [...polygon(5).map((w, i) => w.map((x) => x * (1 + 0.1 * i))), [0, 0]];
    const bias = [-0.3, -0.1, 0.05, -0.25, -0.2, 0.4];
    const oracle = lineArrangementCounts(decoderLines(rows.slice(0, 5), bias.slice(0, 5)));
    const a = arrangementOf(flat(rows), 2, Float64Array.from(bias));
    expect(a.dropped).toEqual([5]);
    expect(a.features).toEqual([0, 1, 2, 3, 4]);
    expect([a.regions, a.boundedRegions]).toEqual([oracle.regions, oracle.bounded]);
  });

  it('three concurrent lines and a parallel class, exact in the input; the count survives a rotation', () => {
    // x+1 = 0, y+1 = 0, x+y+2 = 0 meet at (−1,−1); x = 1 is parallel to x = −1; y = 2x.
    const rows = [
      [1, 0],
      [0, 1],
      [1, 1],
      [1, 0],
      [2, -1],
    ];
    const bias = [1, 1, 2, -1, 0];
    const oracle = lineArrangementCounts(decoderLines(rows, bias));
    const a = arrangementOf(flat(rows), 2, Float64Array.from(bias));
    expect([a.regions, a.boundedRegions]).toEqual([oracle.regions, oracle.bounded]);
    expect(a.generalPosition).toBe(false);
    // Rounding in the rotated floats breaks the concurrency; the rationalised basis restores it.
    const rotated = rotate(rows, rotation(2, rng(3)));
    const b = arrangementOf(flat(rotated), 2, Float64Array.from(bias));
    expect([b.regions, b.boundedRegions]).toEqual([oracle.regions, oracle.bounded]);
  });

  it('duplicates (same hyperplane up to scale) are merged and reported', () => {
    const rows = [
      [1, 0],
      [0, 1],
      [2, 0],
      [-3, 0],
      [1, 1],
    ];
    const bias = [0.5, -1, 1, -1.5, 0];
    const a = arrangementOf(flat(rows), 2, Float64Array.from(bias));
    expect(a.duplicates).toEqual([[0, 2, 3]]);
    expect(a.n).toBe(3);
    const oracle = lineArrangementCounts(decoderLines(rows, bias));
    expect(oracle.distinct).toBe(3);
    expect([a.regions, a.boundedRegions]).toEqual([oracle.regions, oracle.bounded]);
  });

  it('near-duplicates within the tolerance merge, beyond it they stay apart', () => {
    const rows = [
      [1, 0],
      [1, 1e-11],
      [0, 1],
    ];
    const bias = [0.5, 0.5, 0];
    expect(arrangementOf(flat(rows), 2, Float64Array.from(bias)).duplicates).toEqual([[0, 1]]);
    expect(arrangementOf(flat(rows), 2, Float64Array.from(bias), { tolerance: 1e-13 }).duplicates).toEqual([]);
  });
});

describe('a degeneracy that float rounding hides from the oracle', () => {
  it('hexagon lines with ⟨u₆₀,h⟩ = ⟨u₀,h⟩ + ⟨u₁₂₀,h⟩ at a crossing: a triple point, found', () => {
    // d₀ = 0.375, d₁₂₀ = −0.25, d₆₀ = 0.125 = d₀ + d₁₂₀ (dyadic, so exact in doubles): lines 0, 1, 2 meet.
    const half = polygon(6).slice(0, 3);
    const rows = [...half, ...half.map((w) => w.map((x) => -x))];
    const bias = [-0.375, -0.125, 0.25, -0.3, -0.25, 0.1];
    const a = arrangementOf(flat(rows), 2, Float64Array.from(bias));
    // The same arrangement after the linear map u₀ ↦ (1,0), u₁₂₀ ↦ (0,1) (so u₆₀ ↦ (1,1)) has exact
    // rational lines, which the oracle counts exactly; a linear bijection keeps the combinatorics.
    const image = [
      [1, 0],
      [1, 1],
      [0, 1],
      [-1, 0],
      [-1, -1],
      [0, -1],
    ];
    const oracle = lineArrangementCounts(decoderLines(image, bias));
    expect(oracle.regions).toBe(18);
    expect([a.regions, a.boundedRegions]).toEqual([oracle.regions, oracle.bounded]);
  });
});
