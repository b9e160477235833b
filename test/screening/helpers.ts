/**
 * Test data and the float64 brute-force oracle for the screening suites.
 */
import { expect } from 'vitest';
import { gaussian, mulberry32 } from '../../src/random/index.js';
import type { Screening } from '../../src/screening/types.js';
import { unitDirections } from '../../src/screening/units.js';

/** Seeded Gaussian n×m weights with planted structure: a pentagon, an antipodal pair, a near-duplicate pair, zero rows. */
export function plantedWeights(n: number, m: number, seed: number, opts: { zeroRows?: number[]; plant?: boolean } = {}): Float64Array {
  const rng = mulberry32(seed);
  const W = new Float64Array(n * m);
  for (let x = 0; x < W.length; x++) W[x] = gaussian(rng);
  const row = (i: number) => W.subarray(i * m, (i + 1) * m);
  if (opts.plant !== false && n >= 12 && m >= 2) {
    // Pentagon in the plane of rows 0 and 1 (orthonormalised), at rows 2..6, norms varied.
    const e1 = Float64Array.from(row(0));
    const e2 = Float64Array.from(row(1));
    const norm = (v: Float64Array) => Math.hypot(...v);
    const n1 = norm(e1);
    e1.forEach((v, r) => (e1[r] = v / n1));
    const d = e2.reduce((s, v, r) => s + v * e1[r], 0);
    e2.forEach((v, r) => (e2[r] = v - d * e1[r]));
    const n2 = norm(e2);
    e2.forEach((v, r) => (e2[r] = v / n2));
    for (let t = 0; t < 5; t++) {
      const a = (2 * Math.PI * t) / 5;
      const s = 0.5 + t / 4;
      row(2 + t).forEach((_, r, w) => (w[r] = s * (Math.cos(a) * e1[r] + Math.sin(a) * e2[r])));
    }
    // Antipodal pair (7, 8) and near-duplicate pair (9, 10).
    row(8).forEach((_, r, w) => (w[r] = -3 * row(7)[r]));
    row(10).forEach((_, r, w) => (w[r] = row(9)[r] + 0.05 * gaussian(rng)));
  }
  for (const z of opts.zeroRows ?? []) row(z).fill(0);
  return W;
}

/** Float64 cosines of the float32 units (what an exact kernel would return), n×n. */
export function oracleCosines(units: Float32Array, n: number, m: number): Float64Array {
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += units[i * m + r] * units[j * m + r];
      C[i * n + j] = s;
      C[j * n + i] = s;
    }
  }
  return C;
}

/** Units of plantedWeights, as the screeners take them. */
export function plantedUnits(n: number, m: number, seed: number, opts: { zeroRows?: number[]; plant?: boolean } = {}): Float32Array {
  return unitDirections(plantedWeights(n, m, seed, opts), n, m);
}

/** Pairs (i < j) with oracle |cos| > threshold, as "i,j" keys. */
export function oraclePairs(C: Float64Array, n: number, threshold: number): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (Math.abs(C[i * n + j]) > threshold) out.add(`${i},${j}`);
  return out;
}

/** |cos| of row i's k-th strongest partner (1-based k) under the oracle. */
export function oracleKth(C: Float64Array, n: number, i: number, k: number): number {
  const row: number[] = [];
  for (let j = 0; j < n; j++) if (j !== i) row.push(Math.abs(C[i * n + j]));
  row.sort((a, b) => b - a);
  return row[k - 1];
}

/** Margin around the threshold inside which float32 and float64 may decide differently. */
export const MARGIN = 1e-5;

/** Asserts a screening against the float64 oracle (pairs clear of the threshold, top-K sets, cosines). */
export function expectMatchesOracle(s: Screening, units: Float32Array, n: number, m: number, threshold: number, topK: number): void {
  const C = oracleCosines(units, n, m);
  const got = new Set<string>();
  for (let p = 0; p < s.pairs.i.length; p++) {
    const [i, j] = [s.pairs.i[p], s.pairs.j[p]];
    expect(i).toBeLessThan(j);
    if (p > 0) expect(s.pairs.i[p - 1] < i || (s.pairs.i[p - 1] === i && s.pairs.j[p - 1] < j)).toBe(true);
    expect(Math.abs(s.pairs.cos[p] - C[i * n + j])).toBeLessThan(MARGIN);
    expect(Math.abs(C[i * n + j])).toBeGreaterThan(threshold - MARGIN);
    got.add(`${i},${j}`);
  }
  for (const key of oraclePairs(C, n, threshold + MARGIN)) expect(got.has(key), key).toBe(true);
  const k = Math.min(topK, n - 1);
  expect(s.top.k).toBe(k);
  for (let i = 0; i < n; i++) {
    const partners = new Set<number>();
    const kth = k > 0 ? oracleKth(C, n, i, k) : 0;
    for (let t = 0; t < k; t++) {
      const j = s.top.index[i * k + t];
      expect(j).not.toBe(i);
      partners.add(j);
      expect(Math.abs(s.top.cos[i * k + t] - C[i * n + j])).toBeLessThan(MARGIN);
      // Every listed partner is at least as strong as the true k-th (up to f32 error), strongest first.
      expect(Math.abs(C[i * n + j])).toBeGreaterThan(kth - MARGIN);
      if (t > 0) expect(Math.abs(s.top.cos[i * k + t])).toBeLessThanOrEqual(Math.abs(s.top.cos[i * k + t - 1]));
    }
    expect(partners.size).toBe(k);
  }
}
