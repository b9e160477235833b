import { describe, expect, it } from 'vitest';
import { createThreadScreener, screenInThread } from '../../src/screening/screener.js';
import { jsGramKernel } from '../../src/screening/kernel-js.js';
import { wasmGramKernel } from '../../src/screening/kernel-wasm.js';
import { onnxGramKernel } from '../../src/screening/kernel-onnx-node.js';
import { recheckPairs, randomCosineTail, unitDirections } from '../../src/screening/units.js';
import type { GramKernel } from '../../src/screening/types.js';
import { expectMatchesOracle, MARGIN, oracleCosines, oracleKth, plantedUnits, plantedWeights } from './helpers.js';

// onnxruntime-node is an optional dependency, but installed wherever `npm ci` runs on linux/darwin/win32 x64/arm64.
const onnx = await onnxGramKernel(1);
const kernels: [string, GramKernel][] = [
  ['js', jsGramKernel],
  ['wasm', wasmGramKernel],
];
if (onnx !== null) kernels.push(['onnxruntime', onnx]);

it('onnxruntime-node loads (the measured CPU kernel)', () => {
  expect(onnx?.name).toBe('onnxruntime');
});

describe.each(kernels)('screening with the %s kernel against a float64 oracle', (_name, kernel) => {
  it('random + planted data (pentagon, antipodal and near-duplicate pairs), several blocks, m not a multiple of 4', async () => {
    const [n, m] = [700, 37];
    const units = plantedUnits(n, m, 11);
    const threshold = 0.55; // well below the random tail (≈ 0.95 here): many random pairs, every row of the pentagon
    const s = await screenInThread(kernel, units, n, m, { threshold, maxPerRow: 400, topK: 8 });
    expect(s.pairs.truncatedRows).toBe(0);
    expectMatchesOracle(s, units, n, m, threshold, 8);
    // The planted structure is there with its exact cosines: pentagon neighbours cos 72° = 0.309 (below), 144° = −0.809.
    const find = (i: number, j: number) => [...s.pairs.i].findIndex((x, p) => x === i && s.pairs.j[p] === j);
    expect(s.pairs.cos[find(2, 4)]).toBeCloseTo(Math.cos((4 * Math.PI) / 5), 5);
    expect(s.pairs.cos[find(7, 8)]).toBeCloseTo(-1, 5);
    expect(s.top.index[7 * 8]).toBe(8);
    expect(s.pairs.cos[find(9, 10)]).toBeGreaterThan(0.99);
  });

  it('at the random-baseline threshold only the planted pairs survive', async () => {
    const [n, m] = [600, 64];
    const units = plantedUnits(n, m, 5);
    const threshold = 1.1 * randomCosineTail(n, m);
    const s = await screenInThread(kernel, units, n, m, { threshold, topK: 4 });
    expectMatchesOracle(s, units, n, m, threshold, 4);
    const keys = [...s.pairs.i].map((i, p) => `${i},${s.pairs.j[p]}`);
    // Pentagon second neighbours (|cos| 0.809) plus the two planted pairs, and
    // pairs of rows 0, 1 (which span the pentagon's plane) with its vertices: no random pair.
    for (const key of ['2,4', '2,5', '3,5', '3,6', '4,6', '7,8', '9,10']) expect(keys).toContain(key);
    for (let p = 0; p < s.pairs.i.length; p++) expect(s.pairs.j[p]).toBeLessThanOrEqual(10);
  });

  it('maxPerRow keeps the strongest partners of each row and counts truncated rows', async () => {
    const [n, m] = [300, 12];
    const units = plantedUnits(n, m, 3, { plant: false });
    const threshold = 0.5;
    const maxPerRow = 5;
    const s = await screenInThread(kernel, units, n, m, { threshold, maxPerRow, topK: 0 });
    const C = oracleCosines(units, n, m);
    let truncated = 0;
    const kept = new Set([...s.pairs.i].map((i, p) => `${i},${s.pairs.j[p]}`));
    for (let i = 0; i < n; i++) {
      const above = [...Array(n).keys()].filter((j) => j !== i && Math.abs(C[i * n + j]) > threshold);
      if (above.length > maxPerRow) truncated++;
      // Row i's maxPerRow strongest (clear of the cut) are all kept.
      const fifth = above.length > maxPerRow ? oracleKth(C, n, i, maxPerRow) : threshold;
      for (const j of above) if (Math.abs(C[i * n + j]) > fifth + MARGIN) expect(kept.has(i < j ? `${i},${j}` : `${j},${i}`)).toBe(true);
    }
    expect(truncated).toBeGreaterThan(50);
    expect(s.pairs.truncatedRows).toBe(truncated);
    // Each kept pair is among the maxPerRow strongest of one endpoint (within f32 error).
    for (let p = 0; p < s.pairs.i.length; p++) {
      const [i, j] = [s.pairs.i[p], s.pairs.j[p]];
      const c = Math.abs(C[i * n + j]);
      expect(c > oracleKth(C, n, i, maxPerRow) - MARGIN || c > oracleKth(C, n, j, maxPerRow) - MARGIN).toBe(true);
    }
    expect(s.pairs.i.length).toBeLessThanOrEqual(n * maxPerRow);
  });

  it('edge cases: n smaller than a block, n = 1, n = 0, m = 1, zero rows', async () => {
    for (const [n, m] of [
      [5, 3],
      [13, 1],
      [2, 9],
    ]) {
      const units = plantedUnits(n, m, n + m, { zeroRows: [1] });
      const s = await screenInThread(kernel, units, n, m, { threshold: 0.2, topK: 3 });
      expectMatchesOracle(s, units, n, m, 0.2, 3);
      // The zero row has cosine 0 with everyone: never a pair.
      expect([...s.pairs.i, ...s.pairs.j]).not.toContain(1);
    }
    const one = await screenInThread(kernel, Float32Array.of(0.6, 0.8), 1, 2, { threshold: 0.1, topK: 4 });
    expect(one.pairs.i.length).toBe(0);
    expect(one.top.k).toBe(0);
    const none = await screenInThread(kernel, new Float32Array(0), 0, 4, { threshold: 0.1 });
    expect(none.pairs.i.length).toBe(0);
  });
});

describe('screening API', () => {
  it('WASM and JS kernels give bit-identical pairs and top-K lists', async () => {
    const [n, m] = [900, 53];
    const units = plantedUnits(n, m, 21);
    const opts = { threshold: 0.4, maxPerRow: 32, topK: 12 };
    const a = await screenInThread(jsGramKernel, units, n, m, opts);
    const b = await screenInThread(wasmGramKernel, units, n, m, opts);
    expect(b.pairs.i).toEqual(a.pairs.i);
    expect(b.pairs.j).toEqual(a.pairs.j);
    expect(b.pairs.cos).toEqual(a.pairs.cos);
    expect(b.pairs.truncatedRows).toBe(a.pairs.truncatedRows);
    expect(b.top.index).toEqual(a.top.index);
    expect(b.top.cos).toEqual(a.top.cos);
    expect(a.pairs.i.length).toBeGreaterThan(n);
  });

  it('recheckPairs recomputes float64 cosines from unnormalised W', async () => {
    const [n, m] = [40, 6];
    const W = plantedWeights(n, m, 9, { zeroRows: [20] });
    const pairs = { i: Uint32Array.of(7, 2, 0, 20), j: Uint32Array.of(8, 4, 1, 21) };
    const c = recheckPairs(W, n, m, pairs);
    expect(c[0]).toBeCloseTo(-1, 14);
    expect(c[1]).toBeCloseTo(Math.cos((4 * Math.PI) / 5), 14);
    const dot = (i: number, j: number) => W.subarray(i * m, i * m + m).reduce((s, v, r) => s + v * W[j * m + r], 0);
    expect(c[2]).toBeCloseTo(dot(0, 1) / Math.sqrt(dot(0, 0) * dot(1, 1)), 14);
    expect(c[3]).toBe(0);
    expect(() => recheckPairs(W, n, m, { i: Uint32Array.of(0), j: Uint32Array.of(40) })).toThrow(RangeError);
  });

  it('unit directions are unit, zero rows stay zero; the screener validates its options', async () => {
    const u = unitDirections(Float64Array.of(3, 4, 0, 0), 2, 2);
    expect(Array.from(u)).toEqual([Math.fround(0.6), Math.fround(0.8), 0, 0]);
    const s = createThreadScreener('auto');
    expect(s.describe()).toMatch(/wasm-simd, 1 thread/);
    await expect(s.pairs(u, 2, 2, { threshold: -1 })).rejects.toThrow(/threshold/);
    await expect(s.pairs(u, 2, 2, { threshold: 0.1, maxPerRow: 0 })).rejects.toThrow(/maxPerRow/);
    await expect(s.pairs(u, 3, 2, { threshold: 0.1 })).rejects.toThrow(/units/);
    const progress: number[] = [];
    await s.pairs(plantedUnits(300, 8, 1), 300, 8, { threshold: 0.9 }, (f) => progress.push(f));
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((f, t) => t === 0 || f >= progress[t - 1])).toBe(true);
  });
});
