import { afterAll, describe, expect, it } from 'vitest';
import { screenInThread } from '../../src/screening/screener.js';
import { createGpuScreener } from '../../src/screening/screener-gpu.js';
import { wasmGramKernel } from '../../src/screening/kernel-wasm.js';
import { randomCosineTail } from '../../src/screening/units.js';
import { device, gpu, skipNote } from '../gpu/gpu-handle.js';
import { expectMatchesOracle, MARGIN, oracleCosines, plantedUnits } from './helpers.js';

afterAll(() => gpu?.destroy());

describe.skipIf(gpu === null)(`WebGPU screening: thresholded Gram tiles with compact pair lists${skipNote}`, () => {
  it('matches the float64 oracle and the CPU kernel (several ragged blocks, a list that overflows and grows)', async () => {
    const [n, m] = [300, 37];
    const units = plantedUnits(n, m, 11, { zeroRows: [299] });
    const opts = { threshold: 0.5, maxPerRow: 64, topK: 6 };
    const screener = createGpuScreener(device(), { blockRows: 64, listCapacity: 8 });
    expect(screener.describe()).toMatch(/^webgpu/);
    const progress: number[] = [];
    const g = await screener.screen(units, n, m, opts, (f) => progress.push(f));
    expect(progress.at(-1)).toBe(1);
    expectMatchesOracle(g, units, n, m, opts.threshold, opts.topK);
    const c = await screenInThread(wasmGramKernel, units, n, m, opts);
    // Same pairs as the CPU wherever the oracle is clear of the threshold, cosines within f32 error.
    const C = oracleCosines(units, n, m);
    const clear = (i: number, j: number) => Math.abs(Math.abs(C[i * n + j]) - opts.threshold) > MARGIN;
    const keys = (s: typeof g) =>
      new Set([...s.pairs.i].map((i, p) => `${i},${s.pairs.j[p]}`).filter((k) => clear(...(k.split(',').map(Number) as [number, number]))));
    expect(keys(g)).toEqual(keys(c));
    expect(g.pairs.i.length).toBeGreaterThan(50);
    expect(g.pairs.truncatedRows).toBe(c.pairs.truncatedRows);
  });

  it('single block, n = 1, m = 0 and m not a multiple of 4; baseline threshold finds exactly the planted pairs', async () => {
    const screener = createGpuScreener(device());
    const units = plantedUnits(200, 63, 5);
    const threshold = 1.1 * randomCosineTail(200, 63);
    const g = await screener.screen(units, 200, 63, { threshold, topK: 3 });
    expectMatchesOracle(g, units, 200, 63, threshold, 3);
    const keys = [...g.pairs.i].map((i, p) => `${i},${g.pairs.j[p]}`);
    for (const key of ['2,4', '2,5', '3,5', '3,6', '4,6', '7,8', '9,10']) expect(keys).toContain(key);
    for (let p = 0; p < g.pairs.i.length; p++) expect(g.pairs.j[p]).toBeLessThanOrEqual(10); // no random pair
    const one = await screener.screen(Float32Array.of(1, 0, 0), 1, 3, { threshold: 0.1, topK: 2 });
    expect(one.pairs.i.length).toBe(0);
    expect(one.top.k).toBe(0);
    const flat = await screener.screen(new Float32Array(0), 4, 0, { threshold: 0.1, topK: 2 });
    expect(flat.pairs.i.length).toBe(0);
    expect(Array.from(flat.top.cos)).toEqual(new Array(8).fill(0));
  });
});
