import { acquireGpu, lastGpuUnavailableReason } from '../gpu/device.js';
import { formatSelfTest, runSelfTest } from '../gpu/selftest.js';

/**
 * `tegum gpu` (alias `doctor`): the adapter tegum would use, its limits, and a
 * self-test of every kernel against the float64 CPU reference. Exit 0 when the
 * self-test passes, 1 when a kernel deviates beyond its tolerance, 2 when there
 * is no adapter (the analysis then runs on the CPU).
 */
export async function runGpuDoctor(opts: { json?: boolean }): Promise<number> {
  const gpu = await acquireGpu({ required: false });
  if (gpu === null) {
    const reason = lastGpuUnavailableReason ?? 'unknown reason';
    if (opts.json) process.stdout.write(JSON.stringify({ adapter: null, reason }, null, 2) + '\n');
    else process.stdout.write(`no WebGPU adapter (${reason}); tegum runs on the CPU\n`);
    return 2;
  }
  try {
    const result = await runSelfTest(gpu);
    process.stdout.write(opts.json ? JSON.stringify(result, null, 2) + '\n' : formatSelfTest(result).replace(/\n?$/, '\n'));
    return result.passed ? 0 : 1;
  } finally {
    gpu.destroy();
  }
}
