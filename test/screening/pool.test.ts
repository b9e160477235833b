import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerScreener } from '../../src/screening/pool-node.js';
import { screenInThread } from '../../src/screening/screener.js';
import { jsGramKernel } from '../../src/screening/kernel-js.js';
import { wasmGramKernel } from '../../src/screening/kernel-wasm.js';
import { onnxGramKernel } from '../../src/screening/kernel-onnx-node.js';
import { plantedUnits } from './helpers.js';

// Workers run compiled JavaScript: `npm test` builds dist/ first.
const workerUrl = new URL('../../dist/src/screening/screen-worker.js', import.meta.url);
const pool = await createWorkerScreener({ threads: 2, kernel: 'wasm', workerUrl, progressEveryMs: 1 });
const jsPool = await createWorkerScreener({ threads: 3, kernel: 'js', workerUrl });
const onnxPool = await createWorkerScreener({ threads: 2, kernel: 'onnxruntime', workerUrl });
afterAll(async () => {
  await pool.close?.();
  await jsPool.close?.();
  await onnxPool.close?.();
});

describe('screening worker pool', () => {
  it('runs on worker threads (the compiled worker exists)', () => {
    expect(existsSync(fileURLToPath(workerUrl)), 'run npm run build first').toBe(true);
    expect(pool.describe()).toBe('wasm-simd, 2 worker threads');
    expect(jsPool.describe()).toBe('js, 3 worker threads');
    expect(onnxPool.describe()).toBe('onnxruntime, 2 worker threads');
  });

  it('gives the single-thread result bit for bit (WASM and JS kernels), repeatedly with the same workers', async () => {
    const [n, m] = [1500, 29];
    const units = plantedUnits(n, m, 8, { zeroRows: [100, 1499] });
    const opts = { threshold: 0.45, maxPerRow: 6, topK: 10 };
    const one = await screenInThread(wasmGramKernel, units, n, m, opts);
    expect(one.pairs.truncatedRows).toBeGreaterThan(0);
    for (let rep = 0; rep < 2; rep++) {
      const progress: number[] = [];
      const two = await pool.screen(units, n, m, opts, (f) => progress.push(f));
      expect(two.pairs.i).toEqual(one.pairs.i);
      expect(two.pairs.j).toEqual(one.pairs.j);
      expect(two.pairs.cos).toEqual(one.pairs.cos);
      expect(two.pairs.truncatedRows).toBe(one.pairs.truncatedRows);
      expect(two.top.index).toEqual(one.top.index);
      expect(two.top.cos).toEqual(one.top.cos);
      expect(progress.at(-1)).toBe(1);
    }
    const js = await jsPool.screen(units, n, m, opts);
    const jsOne = await screenInThread(jsGramKernel, units, n, m, opts);
    expect(js.top.index).toEqual(jsOne.top.index);
    expect(js.pairs.cos).toEqual(one.pairs.cos);
  });

  it('with the onnxruntime kernel: two workers give the single-thread result bit for bit', async () => {
    const [n, m] = [2500, 45];
    const units = plantedUnits(n, m, 4, { zeroRows: [3] });
    const opts = { threshold: 0.5, maxPerRow: 8, topK: 6 };
    const kernel = await onnxGramKernel(1);
    if (kernel === null) throw new Error('onnxruntime-node does not load');
    const one = await screenInThread(kernel, units, n, m, opts);
    const two = await onnxPool.screen(units, n, m, opts);
    expect(two.pairs.i).toEqual(one.pairs.i);
    expect(two.pairs.j).toEqual(one.pairs.j);
    expect(two.pairs.cos).toEqual(one.pairs.cos);
    expect(two.top.index).toEqual(one.top.index);
    expect(two.top.cos).toEqual(one.top.cos);
    expect(one.pairs.i.length).toBeGreaterThan(100);
  });

  it('handles fewer tiles than workers and rejects bad input', async () => {
    const units = plantedUnits(7, 5, 2);
    const a = await pool.screen(units, 7, 5, { threshold: 0.3, topK: 2 });
    const b = await screenInThread(wasmGramKernel, units, 7, 5, { threshold: 0.3, topK: 2 });
    expect(a.top.index).toEqual(b.top.index);
    expect(a.pairs.i).toEqual(b.pairs.i);
    await expect(pool.pairs(units, 8, 5, { threshold: 0.3 })).rejects.toThrow(/units/);
  });

  it('falls back to this thread without the compiled worker', async () => {
    const s = await createWorkerScreener({ threads: 2, kernel: 'wasm', workerUrl: new URL('./no-such-worker.js', import.meta.url) });
    expect(s.describe()).toBe('wasm-simd, 1 thread');
  });
});
