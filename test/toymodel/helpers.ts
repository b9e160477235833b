import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SparseBatch } from '../../src/toymodel/batch.js';

/** Fixtures written by scripts/fixtures/train_torch_reference.py (PyTorch 1.13, numpy 1.24). */
export const referenceDir = join(import.meta.dirname, '..', 'fixtures', 'toymodel-reference');

export function readReferenceJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(referenceDir, name), 'utf8')) as T;
}

/** A dense row-major [size, n] batch as tegum's sparse batch (zeros dropped). */
export function sparseFromDense(x: ArrayLike<number>, size: number, n: number): SparseBatch {
  const start = new Int32Array(size + 1);
  const feature: number[] = [];
  const value: number[] = [];
  for (let s = 0; s < size; s++) {
    start[s] = feature.length;
    for (let i = 0; i < n; i++) {
      if (x[s * n + i] !== 0) {
        feature.push(i);
        value.push(x[s * n + i]);
      }
    }
  }
  start[size] = feature.length;
  return { size, n, start, feature: Int32Array.from(feature), value: Float64Array.from(value) };
}

/** Row-major [m, n] (Toy Models layout) → feature-major n×m (tegum's layout). */
export function featureMajor(Wmn: ArrayLike<number>, m: number, n: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let r = 0; r < m; r++) for (let i = 0; i < n; i++) out[i * m + r] = Wmn[r * n + i];
  return out;
}
