/** Helpers shared by the import tests: fixture paths and the expected-values format written by make_import_fixtures.py. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/import/', import.meta.url));
export const GOOD = join(FIXTURES, 'good');
export const BAD = join(FIXTURES, 'bad');

export interface ExpectedTensor {
  name: string;
  dtype: string;
  shape: number[];
  data: Array<number | 'NaN' | 'Infinity' | '-Infinity'>;
}

export interface Expected {
  tensors: ExpectedTensor[];
  metadata?: Record<string, string>;
}

/** Every good fixture with its expected values, as paths relative to GOOD (recursing into subfolders). */
export function goodFixtures(): Array<{ file: string; path: string; expected: Expected }> {
  const out: Array<{ file: string; path: string; expected: Expected }> = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.expected.json')) {
        const target = path.slice(0, -'.expected.json'.length);
        out.push({ file: relative(GOOD, target), path: target, expected: JSON.parse(readFileSync(path, 'utf8')) as Expected });
      }
    }
  };
  walk(GOOD);
  return out;
}

/** Decode an expected value (non-finite values are strings in the JSON). */
export function expectedValue(v: number | string): number {
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (typeof v !== 'number') throw new Error(`bad expected value ${v}`);
  return v;
}

/** Index of the first value that differs bit-for-bit (Object.is: NaN equals NaN, -0 differs from 0), or -1. */
export function firstMismatch(actual: Float32Array | Float64Array, expected: ExpectedTensor['data']): number {
  if (actual.length !== expected.length) return Math.min(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) if (!Object.is(actual[i], expectedValue(expected[i]))) return i;
  return -1;
}
