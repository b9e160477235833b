/**
 * The `--gpu auto|on|off` switch: one object offering the three accelerated
 * operations, backed by the WebGPU kernels or by the float64 CPU code.
 */
import { embedSubsets } from '../grassmannian/index.js';
import { epsNeighbours } from '../clustering/eps-neighbours.js';
import { gram } from '../features/gram.js';
import { acquireGpu, cpuFallbackNotice, GpuUnavailableError, lastGpuUnavailableReason } from './device.js';
import type { AcquireGpuOptions, GpuHandle } from './device.js';
import { gpuEmbedSubsets } from './embed.js';
import { gpuGram } from './gram.js';
import { gpuNeighbours } from './eps-neighbours-kernel.js';
import type { GpuNeighbourLists } from './eps-neighbours-kernel.js';

/** auto: GPU when an adapter exists, else CPU with a notice; on: GPU or error; off: CPU. */
export type GpuMode = 'auto' | 'on' | 'off';

/** The accelerated operations, on whichever device was chosen. */
export interface ComputeBackend {
  kind: 'gpu' | 'cpu';
  /** The device when kind is 'gpu'. */
  gpu: GpuHandle | null;
  /** "no WebGPU adapter (…); using the CPU" when auto fell back, else null. */
  notice: string | null;
  /** Projector embeddings of lex ranks start..start+count−1 (see gpuEmbedSubsets / embedSubsets). */
  embedSubsets(
    W: Float64Array,
    m: number,
    n: number,
    k: number,
    start: number,
    count: number,
    tol?: number,
  ): Promise<{ embeddings: Float32Array | Float64Array; ranks: Uint8Array }>;
  /** ε-neighbour lists in CSR form, each sorted, the point itself included. */
  neighbours(X: Float64Array, dim: number, count: number, eps: number): Promise<GpuNeighbourLists>;
  /** The n×n Gram matrix of a feature-major W. */
  gram(W: Float64Array, m: number, n: number): Promise<Float32Array | Float64Array>;
  /** Releases the device, if any. */
  dispose(): void;
}

function cpuBackend(notice: string | null): ComputeBackend {
  return {
    kind: 'cpu',
    gpu: null,
    notice,
    embedSubsets: async (W, m, n, k, start, count, tol) => embedSubsets(W, m, n, k, start, count, { tol }),
    neighbours: async (X, dim, count, eps) => {
      const lists = epsNeighbours({ points: X.subarray(0, count * dim), dim }, eps);
      const counts = new Uint32Array(count);
      for (let i = 0; i < count; i++) counts[i] = lists.offsets[i + 1] - lists.offsets[i];
      return { ...lists, counts };
    },
    gram: async (W, m, n) => gram(W, m, n),
    dispose: () => undefined,
  };
}

function gpuBackend(gpu: GpuHandle): ComputeBackend {
  return {
    kind: 'gpu',
    gpu,
    notice: null,
    embedSubsets: (W, m, n, k, start, count, tol) => gpuEmbedSubsets(gpu, W, m, n, k, start, count, { tol }),
    neighbours: (X, dim, count, eps) => gpuNeighbours(gpu, X, dim, count, eps),
    gram: (W, m, n) => gpuGram(gpu, W, m, n),
    dispose: () => gpu.destroy(),
  };
}

/**
 * Chooses GPU or CPU for a `--gpu` mode.
 *
 * @param mode 'auto' (GPU when an adapter exists, else CPU with a notice;
 *   with TEGUM_REQUIRE_GPU=1 a missing adapter is an error), 'on' (GPU, or
 *   GpuUnavailableError), 'off' (CPU, no adapter is requested).
 * @param acquire Device acquisition (injectable for callers that already
 *   hold a device); defaults to {@link acquireGpu}.
 * @throws GpuUnavailableError for 'on' (or TEGUM_REQUIRE_GPU=1) without an adapter.
 */
export async function chooseBackend(mode: GpuMode, acquire: (opts?: AcquireGpuOptions) => Promise<GpuHandle | null> = acquireGpu): Promise<ComputeBackend> {
  if (mode === 'off') return cpuBackend(null);
  const gpu = await acquire(mode === 'on' ? { required: true } : {});
  if (gpu !== null) return gpuBackend(gpu);
  const reason = lastGpuUnavailableReason ?? 'no adapter';
  if (mode === 'on') throw new GpuUnavailableError(reason);
  return cpuBackend(cpuFallbackNotice(reason));
}
