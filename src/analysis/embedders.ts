/**
 * Where the projector embeddings of the Hough step run. Every embedder returns
 * float64 embeddings and ranks decided with the same absolute tolerance, so
 * the rest of the pipeline cannot tell them apart except through
 * params.backend.
 */
import { binomial, embedSubsets } from '../grassmannian/index.js';
import type { SubsetEmbedder } from '../clustering/planes.js';
import type { GpuHandle } from '../gpu/device.js';
import { gpuEmbedSubsets } from '../gpu/embed.js';

export interface Embedder {
  embed: SubsetEmbedder;
  /** What ran, for params.backend (call after the analysis). */
  describe(): string;
}

const cpuEmbed: SubsetEmbedder = async (U, m, nb, k, tol) => embedSubsets(U, m, nb, k, 0, binomial(nb, k), { tol });

/** The float64 CPU reference. */
export function cpuEmbedder(): Embedder {
  return { embed: cpuEmbed, describe: () => 'cpu' };
}

/** The WebGPU kernel (float32 on the device, widened to float64 for DBSCAN). */
export function gpuEmbedder(gpu: GpuHandle): Embedder {
  return {
    embed: async (U, m, nb, k, tol) => {
      const { embeddings, ranks } = await gpuEmbedSubsets(gpu, U, m, nb, k, 0, binomial(nb, k), { tol });
      return { embeddings: Float64Array.from(embeddings), ranks };
    },
    describe: () => `webgpu (${gpu.adapterInfo.description || gpu.adapterInfo.device || gpu.adapterInfo.vendor})`,
  };
}

/**
 * `--gpu auto`: levels with at least `minSubsets` subsets go to a hardware
 * WebGPU adapter when one exists; smaller levels, and every level when only a
 * software adapter (llvmpipe, SwiftShader) exists, stay on the CPU, which is
 * faster there (BENCHMARKS.md). The adapter is acquired at most once, and only
 * when a level is large enough to want it.
 */
export function autoEmbedder(acquire: () => Promise<GpuHandle | null>, minSubsets: number): Embedder {
  let gpu: Promise<GpuHandle | null> | undefined;
  let used: Embedder | undefined;
  let note = 'cpu (auto: no level large enough to need a GPU)';
  return {
    embed: async (U, m, nb, k, tol) => {
      if (binomial(nb, k) >= minSubsets) {
        gpu ??= acquire();
        const handle = await gpu;
        if (handle && !handle.isSoftware) {
          used ??= gpuEmbedder(handle);
          return used.embed(U, m, nb, k, tol);
        }
        note = handle ? 'cpu (auto: only a software WebGPU adapter, slower than the CPU path)' : 'cpu (auto: no WebGPU adapter)';
      }
      return cpuEmbed(U, m, nb, k, tol);
    },
    describe: () => (used ? `${used.describe()} for levels of ≥ ${minSubsets} subsets, cpu below` : note),
  };
}
