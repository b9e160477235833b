/**
 * Host plumbing shared by the pairwise kernels (distances, neighbour lists,
 * Gram matrix): splitting a row-major point set into blocks that each fit
 * one storage binding and one dispatch, and encoding one tiled pass.
 */
import type { GpuHandle } from './device.js';
import { bindGroup, encodeDispatch, storageBuffer, uniformBuffer } from './buffers.js';
import { PAIR_TILE } from './pairwise-kernels.js';

/** Rows start .. start+rows−1 of a point set, resident in one GPU buffer. */
export interface RowBlock {
  start: number;
  rows: number;
  buffer: GPUBuffer;
}

/**
 * Most rows of dimension `dim` one block may hold: one storage binding, and
 * ⌈rows/16⌉ workgroups within the per-dimension dispatch limit.
 *
 * @param gpu Device handle.
 * @param dim Values per row.
 * @param cap Optional smaller bound (tests use it to force several blocks).
 * @throws RangeError when not even one row fits a binding.
 */
export function rowsPerBlock(gpu: GpuHandle, dim: number, cap = Infinity): number {
  const { limits } = gpu;
  const bindingBytes = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const rows = Math.min(Math.floor(bindingBytes / (dim * 4)), limits.maxComputeWorkgroupsPerDimension * PAIR_TILE, cap);
  if (rows < 1) throw new RangeError(`one row of ${dim} float32 values exceeds the device's storage binding size`);
  return rows;
}

/**
 * Uploads `count` rows of `dim` values (row-major) as float32 blocks of at
 * most `blockRows` rows.
 */
export function uploadRowBlocks(gpu: GpuHandle, X: Float64Array | Float32Array, dim: number, count: number, blockRows: number): RowBlock[] {
  const blocks: RowBlock[] = [];
  for (let start = 0; start < count; start += blockRows) {
    const rows = Math.min(blockRows, count - start);
    const data = Float32Array.from(X.subarray(start * dim, (start + rows) * dim));
    blocks.push({ start, rows, buffer: storageBuffer(gpu.device, data) });
  }
  return blocks;
}

/** Where one tiled pass reads and writes (see pairwiseShader's bindings). */
export interface PairPass {
  a: RowBlock;
  b: RowBlock;
  dim: number;
  /** A rows covered, relative to the block: [rowStart, rowEnd). */
  rowStart: number;
  rowEnd: number;
  /** Row stride of a `matrix` output. */
  outStride?: number;
  /** Squared radius of `count` / `fill` outputs (float32). */
  eps2?: number;
  /** Output bindings 3 (and 4). */
  outputs: GPUBuffer[];
}

/**
 * Encodes one tiled pass of `pipeline` over A rows [rowStart, rowEnd) × all
 * rows of B. Returns the uniform buffer so the caller can destroy it once
 * the work is done.
 */
export function encodePairPass(gpu: GpuHandle, encoder: GPUCommandEncoder, pipeline: GPUComputePipeline, pass: PairPass): GPUBuffer {
  const params = uniformBuffer(gpu.device, [
    { u32: pass.b.rows },
    { u32: pass.dim },
    { u32: pass.rowStart },
    { u32: pass.rowEnd },
    { u32: pass.a.start },
    { u32: pass.b.start },
    { u32: pass.outStride ?? 0 },
    { f32: pass.eps2 ?? 0 },
    { u32: 0 },
  ]);
  const group = bindGroup(gpu.device, pipeline, [params, pass.a.buffer, pass.b.buffer, ...pass.outputs]);
  encodeDispatch(encoder, pipeline, group, Math.ceil(pass.b.rows / PAIR_TILE), Math.ceil((pass.rowEnd - pass.rowStart) / PAIR_TILE));
  return params;
}
