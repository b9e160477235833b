#!/usr/bin/env node
/**
 * tegum's WebGPU embedding kernel (gpuEmbedSubsets) on the same workload as
 * grassmannian_cpu.mjs and grassmannian_numpy.py: all k-subsets (k = 1..K) of
 * n Gaussian features in R^m, in rank ranges of --chunk subsets, embeddings
 * read back to the CPU (that is what the pipeline consumes). Prints one JSON
 * line per size:
 * {"impl": "tegum-gpu", adapter, software, n, m, K, subsets, passes, seconds, subsets_per_second}
 * (a warm-up pass compiles the pipelines first, untimed).
 *
 * Build first (npx tsc -p tsconfig.json), then
 *   node scripts/bench/grassmannian_gpu.mjs [--sizes 20x5x3,40x16x3,100x64x3] [--chunk 16384] [--min-seconds 0.5]
 * Importable: `run(gpu, n, m, K, chunk, minSeconds)` returns the same object.
 */
import { pathToFileURL } from 'node:url';
import { acquireGpu, gpuEmbedSubsets, lastGpuUnavailableReason } from '../../dist/src/gpu/index.js';
import { binomial } from '../../dist/src/grassmannian/index.js';
import { DEFAULT_SIZES, gaussianMatrix, parseSizes } from './grassmannian_cpu.mjs';

/** The adapter's name as the table prints it. */
export function adapterName(gpu) {
  const a = gpu.adapterInfo;
  return [a.vendor, a.architecture, a.device].filter((s) => s !== '').join(' ') || a.description || 'unnamed adapter';
}

async function pass(gpu, W, n, m, K, chunk) {
  let total = 0;
  for (let k = 1; k <= K; k++) {
    const count = binomial(n, k);
    for (let start = 0; start < count; start += chunk) {
      await gpuEmbedSubsets(gpu, W, m, n, k, start, Math.min(chunk, count - start));
    }
    total += count;
  }
  return total;
}

/** Times gpuEmbedSubsets over all k-subsets, k = 1..K: one warm-up pass, then whole passes until minSeconds. */
export async function run(gpu, n, m, K, chunk = 16384, minSeconds = 0.5, seed = 0) {
  const W = gaussianMatrix(n, m, seed);
  await pass(gpu, W, n, m, K, chunk);
  let subsets = 0;
  let passes = 0;
  let seconds;
  const t0 = process.hrtime.bigint();
  do {
    subsets += await pass(gpu, W, n, m, K, chunk);
    passes++;
    seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  } while (seconds < minSeconds);
  return {
    impl: 'tegum-gpu',
    adapter: adapterName(gpu),
    software: gpu.isSoftware,
    n,
    m,
    K,
    subsets,
    passes,
    seconds,
    subsets_per_second: subsets / seconds,
  };
}

async function main(argv) {
  let sizes = DEFAULT_SIZES;
  let chunk = 16384;
  let minSeconds = 0.5;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sizes') sizes = parseSizes(argv[++i]);
    else if (argv[i] === '--chunk') chunk = Number(argv[++i]);
    else if (argv[i] === '--min-seconds') minSeconds = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  const gpu = await acquireGpu();
  if (gpu === null) {
    console.error(`grassmannian_gpu: no WebGPU adapter (${lastGpuUnavailableReason})`);
    process.exitCode = 1;
    return;
  }
  try {
    for (const [n, m, K] of sizes) console.log(JSON.stringify(await run(gpu, n, m, K, chunk, minSeconds)));
  } finally {
    gpu.destroy();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
