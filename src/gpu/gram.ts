/**
 * The Gram matrix G = WᵀW of feature inner products on the GPU (kernel 3).
 */
import type { GpuHandle } from './device.js';
import { computePipeline, readBack, storageBuffer } from './buffers.js';
import { pairwiseShader } from './pairwise-kernels.js';
import { encodePairPass, rowsPerBlock, uploadRowBlocks } from './pairwise.js';

/** Options of {@link gpuGram}. */
export interface GpuGramOptions {
  /** Upper bound on rows per block and per output slab; lower it only to exercise blocking. */
  maxRowsPerBlock?: number;
}

/**
 * G[i·n + j] = W_i · W_j for the n feature vectors of a feature-major W,
 * computed tiled in float32 (two-level summation over the m coordinates;
 * |ΔG_ij| ≲ (16 + m/16)·ε₃₂·‖W_i‖‖W_j‖).
 *
 * @param gpu Device handle from acquireGpu.
 * @param W Feature-major n×m weights, W[i*m + r].
 * @param m Hidden dimension.
 * @param n Number of features.
 * @param opts Blocking override.
 * @returns The n×n Gram matrix, row-major float32.
 */
export async function gpuGram(gpu: GpuHandle, W: Float64Array | Float32Array, m: number, n: number, opts: GpuGramOptions = {}): Promise<Float32Array> {
  if (W.length < n * m) throw new RangeError(`W has ${W.length} values, expected n·m = ${n * m}`);
  const G = new Float32Array(n * n);
  if (n === 0 || m === 0) return G;
  const { device, limits } = gpu;
  const pipeline = await computePipeline(device, pairwiseShader('dot', 'matrix'));
  const blocks = uploadRowBlocks(gpu, W, m, n, rowsPerBlock(gpu, m, opts.maxRowsPerBlock));
  // Output slabs of whole rows, each within one storage binding.
  const bindingBytes = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const slabRows = Math.min(Math.floor(bindingBytes / (n * 4)), opts.maxRowsPerBlock ?? Infinity);
  if (slabRows < 1) throw new RangeError(`one row of the ${n}×${n} Gram matrix exceeds the device's storage binding size`);
  try {
    for (const a of blocks) {
      for (let r0 = 0; r0 < a.rows; r0 += slabRows) {
        const r1 = Math.min(a.rows, r0 + slabRows);
        const out = storageBuffer(device, (r1 - r0) * n * 4, GPUBufferUsage.COPY_SRC);
        const encoder = device.createCommandEncoder();
        const params = blocks.map((b) => encodePairPass(gpu, encoder, pipeline, { a, b, dim: m, rowStart: r0, rowEnd: r1, outStride: n, outputs: [out] }));
        device.queue.submit([encoder.finish()]);
        G.set(new Float32Array(await readBack(device, out, (r1 - r0) * n * 4)), (a.start + r0) * n);
        out.destroy();
        for (const p of params) p.destroy();
      }
    }
  } finally {
    for (const b of blocks) b.buffer.destroy();
  }
  return G;
}
