import { describe, expect, it } from 'vitest';
import { readTensors } from '../../src/import/index.js';
import { dimensionality } from '../../src/features/index.js';
import { dimensionalityOnKernel } from '../../src/screening/dimensionality.js';
import { jsGramKernel } from '../../src/screening/kernel-js.js';
import { wasmGramKernel } from '../../src/screening/kernel-wasm.js';
import { onnxGramKernel } from '../../src/screening/kernel-onnx-node.js';
import type { GramKernel } from '../../src/screening/types.js';

// numpy's float64 D_i of a float32 W (scripts/fixtures/make_dimensionality_fixture.py).
const tensors = await readTensors(new URL('../fixtures/screening/dimensionality.npz', import.meta.url).pathname);
const W = tensors.find((t) => t.name === 'W')!;
const oracle = tensors.find((t) => t.name === 'D')!.data;
const [n, m] = W.shape;
const kernels: [string, GramKernel][] = [
  ['js', jsGramKernel],
  ['wasm', wasmGramKernel],
];
const onnx = await onnxGramKernel(2);
if (onnx !== null) kernels.push(['onnxruntime (2 intra-op threads)', onnx]);

describe.each(kernels)('D_i at dictionary scale on the %s kernel against numpy', (_name, kernel) => {
  it.each([
    ['one block', undefined],
    ['blocks of 128 rows (ragged last block)', 128],
    ['blocks of 3 rows', 3],
  ])('%s', async (_what, rows) => {
    expect(W.data).toBeInstanceOf(Float32Array);
    const D = await dimensionalityOnKernel(W.data, n, m, kernel, rows);
    expect(D[5]).toBe(0); // the zero row
    let worst = 0;
    for (let i = 0; i < n; i++) if (oracle[i] > 0) worst = Math.max(worst, Math.abs(D[i] - oracle[i]) / oracle[i]);
    expect(worst).toBeLessThan(1e-4); // float32 sums over a block, float64 across blocks
  });
});

it('float32 W and its float64 widening give the same D_i (the kernel reads both alike)', async () => {
  const a = await dimensionalityOnKernel(W.data, n, m, wasmGramKernel, 128);
  const b = await dimensionalityOnKernel(Float64Array.from(W.data), n, m, wasmGramKernel, 128);
  expect(b).toEqual(a);
  // and the float64 path of src/features agrees with numpy to rounding
  const exact = dimensionality(Float64Array.from(W.data), m, n);
  for (let i = 0; i < n; i++) expect(exact[i]).toBeCloseTo(oracle[i], 10);
});
