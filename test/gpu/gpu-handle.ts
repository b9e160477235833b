/**
 * Shared device for the GPU suites: acquired once per test file. Without an
 * adapter the suites skip with the reason, unless TEGUM_REQUIRE_GPU=1, in
 * which case acquireGpu throws and the file fails.
 */
import { acquireGpu, lastGpuUnavailableReason } from '../../src/gpu/device.js';
import type { GpuHandle } from '../../src/gpu/device.js';

export const gpu: GpuHandle | null = await acquireGpu();

/** Suite-name suffix explaining a skip. */
export const skipNote: string =
  gpu === null ? ` [skipped: no WebGPU adapter (${lastGpuUnavailableReason}); set TEGUM_REQUIRE_GPU=1 to make this an error]` : '';

/** The handle, for use inside suites that run only when it exists. */
export function device(): GpuHandle {
  if (gpu === null) throw new Error('no GPU');
  return gpu;
}
