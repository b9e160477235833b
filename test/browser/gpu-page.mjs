// Runs in Chromium: the WebGPU kernels (compiled dist/src, served under /dist/)
// against the float64 CPU reference, returning plain numbers to the test.
const gpuMod = await import('/dist/src/gpu/index.js');
const grass = await import('/dist/src/grassmannian/index.js');
const { compareEmbeddings } = await import('/dist/src/gpu/parity.js');
const { randomWeights } = await import('/dist/src/gpu/selftest-inputs.js');

export async function run() {
  const gpu = await gpuMod.acquireGpu();
  if (gpu === null) return { error: gpuMod.lastGpuUnavailableReason };
  try {
    const selfTest = await gpuMod.runSelfTest(gpu);
    const embeddings = [];
    for (const [n, m, k] of [
      [11, 2, 3],
      [12, 5, 4],
      [9, 16, 3],
      [7, 64, 2],
    ]) {
      const W = randomWeights(n, m, 31 * m + k);
      const count = grass.binomial(n, k);
      const g = await gpuMod.gpuEmbedSubsets(gpu, W, m, n, k, 0, count, { maxSubsetsPerChunk: 50 });
      const c = grass.embedSubsets(W, m, n, k, 0, count);
      const dev = compareEmbeddings(W, m, n, k, 0, g, c);
      embeddings.push({ n, m, k, worstRatio: dev.worstRatio, rankMismatches: dev.rankMismatches });
    }
    return { adapter: gpu.adapterInfo, isSoftware: gpu.isSoftware, selfTest, embeddings };
  } finally {
    gpu.destroy();
  }
}
