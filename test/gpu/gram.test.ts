import { afterAll, describe, expect, it } from 'vitest';
import { gram } from '../../src/features/gram.js';
import { gpuGram } from '../../src/gpu/gram.js';
import { pentagonDigon, randomWeights } from '../../src/gpu/selftest-inputs.js';
import { GRAM_RELATIVE_TOLERANCE } from '../../src/gpu/tolerances.js';
import { device, gpu, skipNote } from './gpu-handle.js';

afterAll(() => gpu?.destroy());

function expectGramClose(G: Float32Array, W: Float64Array, m: number, n: number): void {
  const ref = gram(W, m, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const scale = Math.sqrt(ref[i * n + i] * ref[j * n + j]) || 1;
      expect(Math.abs(G[i * n + j] - ref[i * n + j]) / scale).toBeLessThanOrEqual(GRAM_RELATIVE_TOLERANCE);
    }
  }
}

describe.skipIf(gpu === null)(`GPU Gram matrix${skipNote}`, () => {
  it.each([
    [5, 2],
    [20, 5],
    [33, 16],
    [70, 64],
  ])('matches the float64 WᵀW (n=%i, m=%i)', async (n, m) => {
    const W = randomWeights(n, m, n * m);
    expectGramClose(await gpuGram(device(), W, m, n), W, m, n);
  });

  it('has the exact pentagon ⊕ digon structure: cos 72°/144° inside, 0 across factors', async () => {
    const shape = pentagonDigon(9);
    const G = await gpuGram(device(), shape.W, 4, 9);
    expectGramClose(G, shape.W, 4, 9);
    expect(G[0 * 9 + 1]).toBeCloseTo(Math.cos((2 * Math.PI) / 5), 6);
    expect(G[0 * 9 + 2]).toBeCloseTo(Math.cos((4 * Math.PI) / 5), 6);
    expect(Math.abs(G[0 * 9 + 5])).toBeLessThan(1e-6);
    expect(G[5 * 9 + 6]).toBeCloseTo(-1, 6);
  });

  it('gives the same matrix with forced row blocks and output slabs', async () => {
    const n = 45;
    const W = randomWeights(n, 7, 3);
    const G = await gpuGram(device(), W, 7, n, { maxRowsPerBlock: 8 });
    expectGramClose(G, W, 7, n);
  });
});
