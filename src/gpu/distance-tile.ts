/**
 * A plain tile of squared Euclidean distances on the GPU (kernel 2 without
 * the ε test), for tests and for callers that want the values themselves.
 */
import type { GpuHandle } from './device.js';
import { computePipeline, readBack, storageBuffer } from './buffers.js';
import { pairwiseShader } from './pairwise-kernels.js';
import { encodePairPass, rowsPerBlock } from './pairwise.js';
import type { RowBlock } from './pairwise.js';

/**
 * D[i·rowsB + j] = Σ_r (A_i[r] − B_j[r])², summed directly (never as
 * ‖a‖² + ‖b‖² − 2a·b, which cancels for near-equal points) in float32 with
 * two-level summation.
 *
 * @param gpu Device handle from acquireGpu.
 * @param A rowsA×dim row-major points.
 * @param rowsA Number of A points.
 * @param B rowsB×dim row-major points.
 * @param rowsB Number of B points.
 * @param dim Dimension of every point.
 * @returns rowsA×rowsB squared distances, row-major float32.
 * @throws RangeError when A, B or the tile exceed one storage binding or dispatch.
 */
export async function gpuDistanceTile(
  gpu: GpuHandle,
  A: Float64Array | Float32Array,
  rowsA: number,
  B: Float64Array | Float32Array,
  rowsB: number,
  dim: number,
): Promise<Float32Array> {
  const { device, limits } = gpu;
  const maxRows = rowsPerBlock(gpu, dim);
  const bindingBytes = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  if (rowsA > maxRows || rowsB > maxRows || rowsA * rowsB * 4 > bindingBytes) {
    throw new RangeError(`a ${rowsA}×${rowsB} distance tile of dimension ${dim} exceeds one storage binding or dispatch`);
  }
  if (A.length < rowsA * dim || B.length < rowsB * dim) throw new RangeError('A or B holds fewer than rows·dim values');
  if (rowsA === 0 || rowsB === 0) return new Float32Array(0);
  const pipeline = await computePipeline(device, pairwiseShader('sqdist', 'matrix'));
  const a: RowBlock = { start: 0, rows: rowsA, buffer: storageBuffer(device, Float32Array.from(A.subarray(0, rowsA * dim))) };
  const b: RowBlock = { start: 0, rows: rowsB, buffer: storageBuffer(device, Float32Array.from(B.subarray(0, rowsB * dim))) };
  const out = storageBuffer(device, rowsA * rowsB * 4, GPUBufferUsage.COPY_SRC);
  try {
    const encoder = device.createCommandEncoder();
    const params = encodePairPass(gpu, encoder, pipeline, { a, b, dim, rowStart: 0, rowEnd: rowsA, outStride: rowsB, outputs: [out] });
    device.queue.submit([encoder.finish()]);
    const result = new Float32Array(await readBack(device, out, rowsA * rowsB * 4));
    params.destroy();
    return result;
  } finally {
    for (const buf of [a.buffer, b.buffer, out]) buf.destroy();
  }
}
