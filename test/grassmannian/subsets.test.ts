import { describe, expect, it } from 'vitest';
import { binomial, forEachSubset, mapSubset, rankSubset, subsetsOf, unrankSubset } from '../../src/grassmannian/index.js';

/** Pascal's triangle in BigInt: an oracle independent of the multiplicative formula. */
function pascal(N: number): bigint[][] {
  const T: bigint[][] = [[1n]];
  for (let n = 1; n <= N; n++) {
    const row: bigint[] = [1n];
    for (let k = 1; k < n; k++) row.push(T[n - 1][k - 1] + T[n - 1][k]);
    row.push(1n);
    T.push(row);
  }
  return T;
}

/** k-subsets of 0..n−1 in the order of Python's itertools.combinations (recursive definition). */
function combinations(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  const rec = (prefix: number[], next: number): void => {
    if (prefix.length === k) {
      out.push(prefix.slice());
      return;
    }
    for (let v = next; v <= n - (k - prefix.length); v++) {
      prefix.push(v);
      rec(prefix, v + 1);
      prefix.pop();
    }
  };
  rec([], 0);
  return out;
}

describe('binomial', () => {
  it('matches Pascal’s triangle, exact below 2^53 and throwing above', () => {
    const T = pascal(70);
    const limit = BigInt(Number.MAX_SAFE_INTEGER);
    for (let n = 0; n <= 70; n++) {
      for (let k = 0; k <= n; k++) {
        if (T[n][k] <= limit) expect(binomial(n, k)).toBe(Number(T[n][k]));
        else expect(() => binomial(n, k)).toThrow(RangeError);
      }
      expect(binomial(n, n + 1)).toBe(0);
    }
  });

  it('gives known values for large n', () => {
    expect(binomial(100, 3)).toBe(161700);
    expect(binomial(52, 5)).toBe(2598960);
    expect(binomial(100000, 3)).toBe(Number((100000n * 99999n * 99998n) / 6n));
    expect(binomial(20000, 4)).toBe(Number((20000n * 19999n * 19998n * 19997n) / 24n));
    expect(() => binomial(100000, 4)).toThrow(RangeError);
    expect(binomial(56, 28)).toBe(7648690600760440);
    expect(() => binomial(60, 30)).toThrow(RangeError);
    expect(() => binomial(-1, 0)).toThrow(RangeError);
    expect(() => binomial(5, 1.5)).toThrow(RangeError);
  });
});

describe('ranking', () => {
  it('unrank follows itertools.combinations order and rank inverts it', () => {
    for (let n = 0; n <= 9; n++) {
      for (let k = 0; k <= n; k++) {
        const all = combinations(n, k);
        expect(binomial(n, k)).toBe(all.length);
        all.forEach((s, r) => {
          expect(Array.from(unrankSubset(r, n, k))).toEqual(s);
          expect(rankSubset(s, n)).toBe(r);
        });
      }
    }
  });

  it('round-trips for large n and writes into a given buffer', () => {
    const n = 20000;
    const out = new Uint32Array(4);
    for (const r of [0, 1, 123456789, binomial(n, 4) - 1]) {
      const s = unrankSubset(r, n, 4, out);
      expect(s).toBe(out);
      expect(rankSubset(s, n)).toBe(r);
    }
    expect(Array.from(unrankSubset(binomial(n, 4) - 1, n, 4))).toEqual([n - 4, n - 3, n - 2, n - 1]);
  });

  it('rejects out-of-range ranks and malformed subsets', () => {
    expect(() => unrankSubset(10, 5, 2)).toThrow(RangeError);
    expect(() => rankSubset([2, 1], 5)).toThrow(RangeError);
    expect(() => rankSubset([1, 5], 5)).toThrow(RangeError);
  });
});

describe('forEachSubset', () => {
  it('from any start equals unranking each rank', () => {
    const n = 11;
    const k = 4;
    const total = binomial(n, k);
    for (const start of [0, 1, 17, 100, total - 5]) {
      const count = Math.min(60, total - start);
      const seen: number[][] = [];
      const ranks: number[] = [];
      forEachSubset(n, k, start, count, (s, r) => {
        seen.push(Array.from(s));
        ranks.push(r);
      });
      expect(seen.length).toBe(count);
      seen.forEach((s, i) => {
        expect(ranks[i]).toBe(start + i);
        expect(s).toEqual(Array.from(unrankSubset(start + i, n, k)));
      });
    }
    expect(() => forEachSubset(n, k, total - 1, 2, () => undefined)).toThrow(RangeError);
  });

  it('maps local subsets to a feature universe', () => {
    const universe = [3, 8, 9, 20, 41];
    const expected = combinations(5, 3).map((s) => s.map((i) => universe[i]));
    expect(subsetsOf(universe, 3).map((s) => Array.from(s))).toEqual(expected);
    const got: number[][] = [];
    forEachSubset(5, 3, 4, 3, (s) => got.push(Array.from(s)), universe);
    expect(got).toEqual(expected.slice(4, 7));
    expect(Array.from(mapSubset([0, 2, 4], universe))).toEqual([3, 9, 41]);
  });
});
