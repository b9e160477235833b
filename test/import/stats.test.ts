import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTensors, tensorStats } from '../../src/import/index.js';
import type { Tensor } from '../../src/import/index.js';
import { FIXTURES } from './fixtures.js';

interface StatsRow {
  file: string;
  tensor: string;
  source: string;
  min: number;
  max: number;
  mean: number;
  std: number;
  norm: number;
  nan: number;
  inf: number;
}

const rows = JSON.parse(readFileSync(join(FIXTURES, 'stats.expected.json'), 'utf8')) as StatsRow[];

function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
}

describe('tensorStats equals numpy over the finite values', () => {
  it.each(rows.map((r) => [`${r.file}:${r.tensor}`, r] as const))('%s', async (_label, row) => {
    const t = (await readTensors(join(FIXTURES, row.file))).find((x) => x.name === row.tensor);
    if (t === undefined) throw new Error(`tensor ${row.tensor} missing`);
    const s = tensorStats(t);
    expect(s.min).toBe(row.min);
    expect(s.max).toBe(row.max);
    expect(relativeError(s.mean, row.mean)).toBeLessThanOrEqual(1e-6);
    expect(relativeError(s.std, row.std)).toBeLessThanOrEqual(1e-6);
    expect(relativeError(s.frobenius, row.norm)).toBeLessThanOrEqual(1e-6);
    expect(s.nan).toBe(row.nan);
    expect(s.inf).toBe(row.inf);
  });

  it('includes values near the float64 limit, where a naive sum of squares overflows', () => {
    expect(rows.some((r) => r.source === 'python-exact' && r.norm > 1e300)).toBe(true);
  });

  it('a tensor with no finite values has NaN summaries and zero norm', () => {
    const t: Tensor = { name: 'x', dtype: 'float64', shape: [3], data: Float64Array.of(NaN, Infinity, -Infinity) };
    expect(tensorStats(t)).toEqual({ min: NaN, max: NaN, mean: NaN, std: NaN, frobenius: 0, nan: 1, inf: 2 });
  });

  it('an all-zero tensor has zero mean, std and norm', () => {
    const t: Tensor = { name: 'z', dtype: 'float64', shape: [2], data: new Float64Array(2) };
    expect(tensorStats(t)).toEqual({ min: 0, max: 0, mean: 0, std: 0, frobenius: 0, nan: 0, inf: 0 });
  });
});
