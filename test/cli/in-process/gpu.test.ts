import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tegumInProcess } from '../run-cli.js';
import { GpuUnavailableError } from '../../../src/gpu/device.js';
import { PENTAGONS, expectOneLineError } from './helpers.js';

// `tegum gpu` and `--gpu on` against a stand-in adapter: which adapter this machine has
// (a real one, llvmpipe, none) must not decide what these tests see. Under test is the
// command's mapping of outcomes to text and exit codes, not the adapter: the real adapter
// and self-test are tested in test/gpu, and `tegum gpu` on the real one, spawned, in
// test/cli/rough-edges.test.ts. Stryker's runner has no adapter, hence this file.
const fake = vi.hoisted(() => ({
  acquire: null as null | (() => Promise<unknown>),
  asked: [] as unknown[],
  reason: null as string | null,
  passed: true,
  destroyed: 0,
}));

vi.mock('../../../src/gpu/device.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/gpu/device.js')>();
  return {
    ...real,
    acquireGpu: (...args: Parameters<typeof real.acquireGpu>) => {
      fake.asked.push(args[0]);
      return fake.acquire ? fake.acquire() : real.acquireGpu(...args);
    },
    get lastGpuUnavailableReason() {
      return fake.reason;
    },
  };
});

vi.mock('../../../src/gpu/selftest.js', () => ({
  runSelfTest: () => Promise.resolve({ passed: fake.passed, kernels: [{ name: 'k', ok: fake.passed }] }),
  formatSelfTest: (r: { passed: boolean }) => `self-test ${r.passed ? 'passed' : 'FAILED'}`,
}));

const handle = { destroy: () => void fake.destroyed++ };

// Where test files share a module cache (isolate: false), main() and its commands are imported
// afresh here, so that they see the stand-ins.
beforeAll(() => vi.resetModules());

beforeEach(() => {
  fake.acquire = null;
  fake.reason = null;
  fake.passed = true;
  fake.destroyed = 0;
  fake.asked = [];
});

describe('tegum gpu (alias doctor) in process', () => {
  it('no adapter: says why and that tegum runs on the CPU, exit 2; --json gives adapter null and the reason', async () => {
    fake.acquire = () => Promise.resolve(null);
    fake.reason = 'no Vulkan loader';
    const r = await tegumInProcess(['gpu']);
    expect(r).toEqual({ code: 2, stdout: 'no WebGPU adapter (no Vulkan loader); tegum runs on the CPU\n', stderr: '' });
    // The doctor reports a missing adapter (exit 2); it never asks for one as required, whatever TEGUM_REQUIRE_GPU says.
    expect(fake.asked).toEqual([{ required: false }]);
    const json = await tegumInProcess(['doctor', '--json']);
    expect(json.code).toBe(2);
    expect(json.stdout).toBe(JSON.stringify({ adapter: null, reason: 'no Vulkan loader' }, null, 2) + '\n');
    fake.reason = null;
    expect((await tegumInProcess(['gpu'])).stdout).toBe('no WebGPU adapter (unknown reason); tegum runs on the CPU\n');
  });

  it('an adapter whose self-test passes: exit 0, the result on stdout ending in one newline, the device released', async () => {
    fake.acquire = () => Promise.resolve(handle);
    const r = await tegumInProcess(['gpu']);
    expect(r).toEqual({ code: 0, stdout: 'self-test passed\n', stderr: '' });
    expect(fake.destroyed).toBe(1);
    const json = await tegumInProcess(['gpu', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ passed: true, kernels: [{ name: 'k', ok: true }] });
    expect(json.stdout.endsWith('}\n')).toBe(true);
    expect(fake.destroyed).toBe(2);
  });

  it('a kernel beyond its tolerance: exit 1', async () => {
    fake.acquire = () => Promise.resolve(handle);
    fake.passed = false;
    const r = await tegumInProcess(['gpu']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('self-test FAILED\n');
    expect(fake.destroyed).toBe(1);
  });
});

describe('failures that are not the input', () => {
  it('analyze --gpu on without an adapter is a usage error naming the flag and the reason', async () => {
    fake.acquire = () => Promise.reject(new GpuUnavailableError('no adapter in this test'));
    const line = expectOneLineError(await tegumInProcess(['analyze', PENTAGONS, '--gpu', 'on']), '');
    expect(line).toMatch(/^tegum: --gpu on: .*no adapter in this test/);
  });

  it('an internal error is one line, exit 1, its stack only with TEGUM_DEBUG', async () => {
    fake.acquire = () => Promise.reject(new Error('kernel\n   exploded'));
    const r = await tegumInProcess(['gpu'], { env: { TEGUM_DEBUG: undefined } });
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'tegum: internal error: kernel exploded\n' });
    const debug = await tegumInProcess(['gpu'], { env: { TEGUM_DEBUG: '1' } });
    expect(debug.code).toBe(1);
    expect(debug.stderr.startsWith('tegum: internal error: kernel exploded\nError: kernel\n   exploded\n    at ')).toBe(true);
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what main() does with a thrown non-Error
    fake.acquire = () => Promise.reject('a string');
    expect(await tegumInProcess(['gpu'], { env: { TEGUM_DEBUG: '1' } })).toEqual({ code: 1, stdout: '', stderr: 'tegum: internal error: a string\n' });
    fake.acquire = () => Promise.reject(new Error('analysis failed'));
    const auto = await tegumInProcess(['analyze', PENTAGONS, '--gpu', 'on']);
    expect(auto).toEqual({ code: 1, stdout: '', stderr: 'tegum: internal error: analysis failed\n' });
  });
});
