import { describe, expect, it } from 'vitest';
import { binomial, embedSubsets, embeddingLength, rankSubset } from '../../src/grassmannian/index.js';
import { fixture, flat } from './helpers.js';

interface EmbeddingFixture {
  n: number;
  m: number;
  W: number[][];
  subsets: { k: number; ranks: number[]; embeddings: number[][] }[];
}

describe('embedSubsets', () => {
  const data = fixture<EmbeddingFixture>('embeddings.json');
  const W = flat(data.W);
  const L = embeddingLength(data.m);

  it('matches numpy’s embeddings and ranks for every subset in itertools order', () => {
    for (const { k, ranks, embeddings } of data.subsets) {
      const total = binomial(data.n, k);
      expect(embeddings.length).toBe(total);
      const res = embedSubsets(W, data.m, data.n, k, 0, total);
      expect(Array.from(res.ranks)).toEqual(ranks);
      for (let i = 0; i < total; i++) {
        for (let j = 0; j < L; j++) expect(Math.abs(res.embeddings[i * L + j] - embeddings[i][j])).toBeLessThan(1e-12);
      }
    }
  });

  it('flags the dependent subsets of the fixture (antipodal pair, planar triple, zero feature)', () => {
    // Feature 4 = −2.5·feature 0, feature 5 lies in span(1, 2), feature 6 = 0.
    const pairs = embedSubsets(W, data.m, data.n, 2, 0, binomial(data.n, 2));
    expect(pairs.ranks[rankSubset([0, 4], data.n)]).toBe(1);
    expect(pairs.ranks[rankSubset([1, 6], data.n)]).toBe(1);
    const triples = embedSubsets(W, data.m, data.n, 3, 0, binomial(data.n, 3));
    expect(triples.ranks[rankSubset([1, 2, 5], data.n)]).toBe(2);
    expect(triples.ranks[rankSubset([0, 4, 6], data.n)]).toBe(1);
    const singles = embedSubsets(W, data.m, data.n, 1, 0, data.n);
    expect(singles.ranks[6]).toBe(0);
    expect(singles.embeddings.subarray(6 * L, 7 * L).every((v) => v === 0)).toBe(true);
  });

  it('fills a rank range into preallocated buffers, equal to the full run', () => {
    const k = 3;
    const total = binomial(data.n, k);
    const full = embedSubsets(W, data.m, data.n, k, 0, total);
    const start = 11;
    const count = 9;
    const embeddings = new Float64Array(count * L);
    const ranks = new Uint8Array(count);
    const part = embedSubsets(W, data.m, data.n, k, start, count, { embeddings, ranks });
    expect(part.embeddings).toBe(embeddings);
    expect(part.ranks).toBe(ranks);
    expect(Array.from(ranks)).toEqual(Array.from(full.ranks.subarray(start, start + count)));
    expect(Array.from(embeddings)).toEqual(Array.from(full.embeddings.subarray(start * L, (start + count) * L)));
    expect(() => embedSubsets(W, data.m, data.n, k, total - 2, 3)).toThrow(RangeError);
  });

  it('applies an absolute tolerance to every subset', () => {
    const res = embedSubsets(W, data.m, data.n, 1, 0, data.n, { tol: 1e6 });
    expect(Array.from(res.ranks)).toEqual(new Array(data.n).fill(0));
    expect(res.embeddings.every((v) => v === 0)).toBe(true);
  });
});
