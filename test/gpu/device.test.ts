import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../../src/gpu/backend.js';
import { GpuUnavailableError } from '../../src/gpu/device.js';
import { formatSelfTest, runSelfTest } from '../../src/gpu/selftest.js';
import { randomWeights } from '../../src/gpu/selftest-inputs.js';
import { gpu, skipNote } from './gpu-handle.js';

afterAll(() => gpu?.destroy());

const noAdapter = async (opts?: { required?: boolean }) => {
  if (opts?.required) throw new GpuUnavailableError('test: none');
  return null;
};

describe('backend switch (--gpu auto|on|off)', () => {
  it('off uses the CPU without asking for an adapter', async () => {
    let asked = false;
    const b = await chooseBackend('off', async () => {
      asked = true;
      return null;
    });
    expect(b.kind).toBe('cpu');
    expect(asked).toBe(false);
    expect(b.notice).toBeNull();
  });

  it('auto falls back to the CPU with a notice; on refuses', async () => {
    const b = await chooseBackend('auto', noAdapter);
    expect(b.kind).toBe('cpu');
    expect(b.notice).toMatch(/^no WebGPU adapter \(.*\); using the CPU$/);
    await expect(chooseBackend('on', noAdapter)).rejects.toBeInstanceOf(GpuUnavailableError);
  });

  it('the CPU backend returns CSR lists with counts and the float64 Gram matrix', async () => {
    const b = await chooseBackend('off');
    const X = Float64Array.from([0, 0, 0.5, 0, 3, 0]);
    const lists = await b.neighbours(X, 2, 3, 0.5);
    expect(Array.from(lists.offsets)).toEqual([0, 2, 4, 5]);
    expect(Array.from(lists.neighbours)).toEqual([0, 1, 0, 1, 2]);
    expect(Array.from(lists.counts)).toEqual([2, 2, 1]);
    const G = await b.gram(Float64Array.from([1, 2, 3, 4]), 2, 2);
    expect(Array.from(G)).toEqual([5, 11, 11, 25]);
  });
});

describe.skipIf(gpu === null)(`WebGPU device and self-test${skipNote}`, () => {
  it('reports the adapter and the limits the kernels plan with', () => {
    expect(gpu).not.toBeNull();
    const h = gpu!;
    expect(h.limits.maxStorageBuffersPerShaderStage).toBeGreaterThanOrEqual(4);
    expect(h.limits.maxComputeWorkgroupsPerDimension).toBeGreaterThanOrEqual(65535);
    expect(h.limits.maxStorageBufferBindingSize).toBeGreaterThanOrEqual(2 ** 27);
    expect(`${h.adapterInfo.vendor}${h.adapterInfo.device}${h.adapterInfo.description}`.length).toBeGreaterThan(0);
  });

  it('passes every self-test check and renders the table', async () => {
    const result = await runSelfTest(gpu!);
    for (const k of result.kernels) expect(k.maxDeviation, k.name).toBeLessThanOrEqual(k.tolerance);
    expect(result.passed).toBe(true);
    expect(result.kernels.length).toBe(8);
    const text = formatSelfTest(result);
    expect(text).toMatch(/^adapter: /);
    expect(text).toMatch(/self-test passed: 8\/8 checks/);
    expect(text.split('\n').filter((l) => l.includes(' pass ')).length).toBe(8);
  });

  it('the GPU backend agrees with the CPU backend', async () => {
    const b = await chooseBackend('on', async () => gpu);
    expect(b.kind).toBe('gpu');
    const W = randomWeights(8, 3, 4);
    const g = await b.embedSubsets(W, 3, 8, 2, 0, 28);
    const c = await (await chooseBackend('off')).embedSubsets(W, 3, 8, 2, 0, 28);
    expect(g.ranks).toEqual(c.ranks);
    g.embeddings.forEach((v, i) => expect(Math.abs(v - c.embeddings[i])).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(c.embeddings[i]))));
  });

  // The compiled module (npm test builds dist/ first) must let Node exit once the device is destroyed.
  it.skipIf(!existsSync('dist/src/gpu/device.js'))('lets the Node process exit after destroy()', () => {
    const script = `
      const { acquireGpu } = await import('./dist/src/gpu/device.js');
      const { gpuGram } = await import('./dist/src/gpu/gram.js');
      const g = await acquireGpu({ required: true });
      const G = await gpuGram(g, new Float64Array([1, 2, 3, 4]), 2, 2);
      g.destroy();
      console.log('done ' + Array.from(G).join(','));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 30_000, encoding: 'utf8' });
    expect(run.error).toBeUndefined();
    expect(run.stdout.trim()).toBe('done 5,11,11,25');
    expect(run.status).toBe(0);
  });
});
