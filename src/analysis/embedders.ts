/**
 * Where the projector embeddings of the Hough step run. Every embedder returns
 * float64 embeddings and ranks decided with the same absolute tolerance, so
 * the rest of the pipeline cannot tell them apart except through
 * params.backend. The devices themselves come from src/gpu/backend.ts.
 */
import { binomial } from '../grassmannian/index.js';
import type { SubsetEmbedder } from '../clustering/planes.js';
import { chooseBackend } from '../gpu/backend.js';
import type { ComputeBackend } from '../gpu/backend.js';

export interface Embedder {
  embed: SubsetEmbedder;
  /** What ran, for params.backend (call after the analysis). */
  describe(): string;
}

/** All k-subsets of a bundle on a backend, widened to float64 for DBSCAN. */
function embedOn(backend: ComputeBackend): SubsetEmbedder {
  return async (U, m, nb, k, tol) => {
    const { embeddings, ranks } = await backend.embedSubsets(U, m, nb, k, 0, binomial(nb, k), tol);
    return { embeddings: embeddings instanceof Float64Array ? embeddings : Float64Array.from(embeddings), ranks };
  };
}

function describeBackend(backend: ComputeBackend): string {
  if (backend.gpu === null) return 'cpu';
  const info = backend.gpu.adapterInfo;
  return `webgpu (${info.description || info.device || info.vendor || 'unknown adapter'})`;
}

/** An embedder on a backend already chosen (`--gpu off` or `--gpu on`). */
export function backendEmbedder(backend: ComputeBackend): Embedder {
  return { embed: embedOn(backend), describe: () => describeBackend(backend) };
}

/** The float64 CPU reference. */
export async function cpuEmbedder(): Promise<Embedder> {
  return backendEmbedder(await chooseBackend('off'));
}

/**
 * `--gpu auto`: levels with at least `minSubsets` subsets go to a hardware
 * WebGPU adapter when one exists; smaller levels, and every level when only a
 * software adapter (llvmpipe, SwiftShader) exists, stay on the CPU, which is
 * faster there (BENCHMARKS.md). The adapter is requested at most once, and
 * only when a level is large enough to want it.
 *
 * @param minSubsets - Smallest level (subset count) worth sending to a GPU.
 * @param acquireBackend - Requests the GPU backend ('auto' semantics: CPU with a notice when none).
 * @param onNotice - Receives the fallback notice, if any.
 */
export async function autoEmbedder(
  minSubsets: number,
  acquireBackend: () => Promise<ComputeBackend> = () => chooseBackend('auto'),
): Promise<Embedder & { dispose(): void }> {
  const cpu = await chooseBackend('off');
  const cpuEmbed = embedOn(cpu);
  let gpu: Promise<ComputeBackend> | undefined;
  let used: ComputeBackend | undefined;
  let note = 'cpu (auto: no level large enough to need a GPU)';
  return {
    embed: async (U, m, nb, k, tol) => {
      if (binomial(nb, k) >= minSubsets) {
        gpu ??= acquireBackend();
        const backend = await gpu;
        if (backend.gpu !== null && !backend.gpu.isSoftware) {
          used = backend;
          return embedOn(backend)(U, m, nb, k, tol);
        }
        note = backend.gpu ? 'cpu (auto: only a software WebGPU adapter, slower than the CPU path)' : `cpu (auto: ${backend.notice ?? 'no WebGPU adapter'})`;
      }
      return cpuEmbed(U, m, nb, k, tol);
    },
    describe: () => (used ? `${describeBackend(used)} for levels of ≥ ${minSubsets} subsets, cpu below` : note),
    dispose: () => {
      void gpu?.then((b) => b.dispose());
    },
  };
}
