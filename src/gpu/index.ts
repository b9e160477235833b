/** WebGPU acceleration: device acquisition, kernels, CPU fallback switch, self-test. */
export { acquireGpu, cpuFallbackNotice, gpuRequiredByEnvironment, GpuUnavailableError, lastGpuUnavailableReason } from './device.js';
export type { AcquireGpuOptions, GpuAdapterSummary, GpuHandle, GpuKernelLimits } from './device.js';
export { chooseBackend } from './backend.js';
export type { ComputeBackend, GpuMode } from './backend.js';
export { gpuEmbedSubsets, GPU_EMBED_MAX_K, GPU_EMBED_MAX_M, EMBED_RANK_TOLERANCE_FACTOR } from './embed.js';
export type { GpuEmbedOptions, GpuSubsetEmbeddings } from './embed.js';
export { gpuNeighbours } from './eps-neighbours-kernel.js';
export type { GpuNeighbourLists, GpuNeighbourOptions } from './eps-neighbours-kernel.js';
export { gpuDistanceTile } from './distance-tile.js';
export { gpuGram } from './gram.js';
export type { GpuGramOptions } from './gram.js';
export { runSelfTest, formatSelfTest } from './selftest.js';
export type { SelfTestKernel, SelfTestResult } from './selftest.js';
export * from './tolerances.js';
