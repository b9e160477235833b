import { describe, expect, it } from 'vitest';
import { arrangementOf } from '../../src/arrangements/index.js';
import { flat, rng, rotate, rotation } from './helpers.js';

/**
 * Sage's library arrangements (sage/geometry/hyperplane_arrangement/library.py):
 * semiorder(n) = {x_i − x_j = ±1 : i < j} (n(n−1) hyperplanes in R^n, rank n−1),
 * linial(n) = {x_i − x_j = 1 : i < j}. Hyperplane x_i − x_j = k is ⟨w, h⟩ + b = 0 with b = −k.
 */
function differences(n: number, ks: number[]): { W: Float64Array; b: Float64Array; rows: number[][]; bias: number[] } {
  const rows: number[][] = [];
  const bias: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      for (const k of ks) {
        const w = new Array<number>(n).fill(0);
        w[i] = 1;
        w[j] = -1;
        rows.push(w);
        bias.push(-k);
      }
    }
  }
  return { W: flat(rows), b: Float64Array.from(bias), rows, bias };
}

/** Stirling numbers of the second kind S(n, k). */
function stirling2(n: number, k: number): number {
  if (n === 0 && k === 0) return 1;
  if (n === 0 || k === 0) return 0;
  return k * stirling2(n - 1, k) + stirling2(n - 1, k - 1);
}

/** Sage's closed form for semiorder(n): χ = x·Σ_k S(n,k)·Π_{i=1}^{k−1}(x − k − i), highest degree first. */
function semiorderChi(n: number): number[] {
  let sum = new Array<number>(n).fill(0); // ascending, degree < n
  for (let k = 1; k <= n; k++) {
    let p = [stirling2(n, k)];
    for (let i = 1; i < k; i++) {
      const next = new Array<number>(p.length + 1).fill(0);
      p.forEach((c, d) => {
        next[d + 1] += c;
        next[d] -= (k + i) * c;
      });
      p = next;
    }
    p.forEach((c, d) => (sum[d] += c));
  }
  sum = [0, ...sum];
  return sum.reverse();
}

describe.each(['float', 'exact'] as const)('Sage doctest oracles (%s arithmetic)', (arithmetic) => {
  it('semiorder(3): χ = x³ − 6x² + 12x, 19 regions, 7 bounded, rank 2 in R³', () => {
    const s = differences(3, [-1, 1]);
    const a = arrangementOf(s.W, 3, s.b, { arithmetic });
    expect(a.chi).toEqual([1, -6, 12, 0]);
    expect(a.regions).toBe(19);
    expect(a.boundedRegions).toBe(7);
    expect(a.rank).toBe(2);
    expect(a.n).toBe(6);
    expect(a.generalPosition).toBe(false);
    expect(a.method).toBe('intersection-poset');
  });

  it('semiorder(5): χ = x⁵ − 20x⁴ + 180x³ − 790x² + 1380x, 2371 regions, 751 bounded', () => {
    const s = differences(5, [-1, 1]);
    const a = arrangementOf(s.W, 5, s.b, { arithmetic });
    expect(a.chi).toEqual([1, -20, 180, -790, 1380, 0]);
    expect(a.regions).toBe(2371);
    expect(a.boundedRegions).toBe(751);
    expect(a.rank).toBe(4);
  });

  it('semiorder(4) matches Sage’s closed form', () => {
    const s = differences(4, [-1, 1]);
    expect(arrangementOf(s.W, 4, s.b, { arithmetic }).chi).toEqual(semiorderChi(4));
    expect(semiorderChi(5)).toEqual([1, -20, 180, -790, 1380, 0]); // the closed form agrees with the doctest
  });

  it('linial(4) and linial(5): χ from the doctests', () => {
    const l4 = differences(4, [1]);
    expect(arrangementOf(l4.W, 4, l4.b, { arithmetic }).chi).toEqual([1, -6, 15, -14, 0]);
    const l5 = differences(5, [1]);
    expect(arrangementOf(l5.W, 5, l5.b, { arithmetic }).chi).toEqual([1, -10, 45, -100, 90, 0]);
  });

  it('the 6 facet planes of a cube: 27 regions, 1 bounded, three factors', () => {
    const rows = [
      [1, 0, 0],
      [1, 0, 0],
      [0, 1, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 1],
    ];
    const a = arrangementOf(flat(rows), 3, Float64Array.from([1, -1, 1, -1, 1, -1]), { arithmetic });
    expect(a.regions).toBe(27);
    expect(a.boundedRegions).toBe(1);
    expect(a.chi).toEqual([1, -6, 12, -8]); // (t − 2)³
    expect(a.factors).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
  });

  it('semiorder(4) keeps its χ under a random rotation, a global rescale and rescales of single hyperplanes', () => {
    // Exact arithmetic recovers relations that hold with simple fractions between the normals
    // as given, so it gets rational rescales; an irrational one would hide them (documented).
    const s = differences(4, [-1, 1]);
    const next = rng(7);
    const Q = rotation(4, next);
    const scales = s.rows.map((_, i) => (arithmetic === 'exact' ? [0.5, 2, 3, 1.25, 5][i % 5] : 0.5 + 2 * next()));
    // W scaled by 0.1π as a whole (b not): a homothety of the arrangement.
    const rows = rotate(s.rows, Q).map((w, i) => w.map((x) => x * scales[i] * 0.1 * Math.PI));
    const bias = s.bias.map((x, i) => x * scales[i]);
    const a = arrangementOf(flat(rows), 4, Float64Array.from(bias), { arithmetic });
    expect(a.chi).toEqual(semiorderChi(4));
  });
});
