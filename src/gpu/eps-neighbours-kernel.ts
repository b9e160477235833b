/**
 * ε-neighbour lists on the GPU (kernel 2): the CSR input of DBSCAN
 * (src/clustering), in two tiled passes: count the neighbours of every point,
 * prefix-sum the counts on the CPU, then write each point's neighbours at its
 * offset.
 */
import type { NeighbourLists } from '../clustering/eps-neighbours.js';
import type { GpuHandle } from './device.js';
import { computePipeline, readBack, storageBuffer } from './buffers.js';
import { pairwiseShader } from './pairwise-kernels.js';
import { encodePairPass, rowsPerBlock, uploadRowBlocks } from './pairwise.js';

/** {@link NeighbourLists} plus the per-point counts. */
export interface GpuNeighbourLists extends NeighbourLists {
  /** counts[i] = offsets[i+1] − offsets[i], the point itself included. */
  counts: Uint32Array;
}

/** Options of {@link gpuNeighbours}. */
export interface GpuNeighbourOptions {
  /** Upper bound on points per block (lower it only to exercise blocking). */
  maxRowsPerBlock?: number;
  /** Upper bound on neighbour indices written per fill pass (likewise). */
  maxNeighboursPerPass?: number;
}

/**
 * For every point i, the points j with Σ_r (x_i[r] − x_j[r])² ≤ eps²
 * (inclusive, i itself included, as scikit-learn's DBSCAN counts), each list
 * sorted ascending, in the CSR layout of src/clustering/eps-neighbours.ts.
 *
 * Distances are summed directly in float32 with two-level summation, so a
 * pair decides differently from the float64 CPU path only when its squared
 * distance lies within ~1e-4 (f32 rounding of values ≤ 4k) of eps²; choose
 * eps away from the pair distances when exact agreement matters.
 *
 * @param gpu Device handle from acquireGpu.
 * @param X count×dim row-major points (e.g. projector embeddings).
 * @param dim Dimension of every point.
 * @param count Number of points.
 * @param eps Radius, finite and ≥ 0.
 * @param opts Blocking overrides.
 * @returns counts, offsets (count + 1) and concatenated sorted neighbours.
 * @throws RangeError for a bad eps, or more than 2^32 − 1 neighbour pairs in all.
 */
export async function gpuNeighbours(
  gpu: GpuHandle,
  X: Float64Array | Float32Array,
  dim: number,
  count: number,
  eps: number,
  opts: GpuNeighbourOptions = {},
): Promise<GpuNeighbourLists> {
  if (!(Number.isFinite(eps) && eps >= 0)) throw new RangeError(`eps must be finite and >= 0, got ${eps}`);
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`dim must be a positive integer, got ${dim}`);
  if (X.length < count * dim) throw new RangeError(`X has ${X.length} values, expected count·dim = ${count * dim}`);
  const offsets = new Uint32Array(count + 1);
  if (count === 0) return { counts: new Uint32Array(0), offsets, neighbours: new Uint32Array(0) };
  const { device, limits } = gpu;
  const eps2 = Math.fround(eps * eps);
  const [countPipeline, fillPipeline] = await Promise.all([
    computePipeline(device, pairwiseShader('sqdist', 'count')),
    computePipeline(device, pairwiseShader('sqdist', 'fill')),
  ]);
  const blocks = uploadRowBlocks(gpu, X, dim, count, rowsPerBlock(gpu, dim, opts.maxRowsPerBlock));
  const perRow = storageBuffer(device, count * 4, GPUBufferUsage.COPY_SRC);
  try {
    // Pass 1: counts.
    let encoder = device.createCommandEncoder();
    const countParams = blocks.flatMap((a) =>
      blocks.map((b) => encodePairPass(gpu, encoder, countPipeline, { a, b, dim, rowStart: 0, rowEnd: a.rows, eps2, outputs: [perRow] })),
    );
    device.queue.submit([encoder.finish()]);
    const counts = new Uint32Array(await readBack(device, perRow, count * 4));
    for (const p of countParams) p.destroy();
    let total = 0;
    for (let i = 0; i < count; i++) {
      total += counts[i];
      if (total > 0xffffffff) throw new RangeError('more than 2^32 − 1 neighbour pairs: choose a smaller eps');
      offsets[i + 1] = total;
    }
    const neighbours = new Uint32Array(total);

    // Pass 2: fill, in row ranges whose lists fit one binding.
    const bindingBytes = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
    const perPass = Math.min(Math.floor(bindingBytes / 4), opts.maxNeighboursPerPass ?? Infinity);
    for (const a of blocks) {
      let r0 = a.start;
      const end = a.start + a.rows;
      while (r0 < end) {
        let r1 = r0 + 1;
        if (counts[r0] > perPass) throw new RangeError(`point ${r0} has ${counts[r0]} neighbours, more than one pass holds`);
        while (r1 < end && offsets[r1 + 1] - offsets[r0] <= perPass) r1++;
        const base = offsets[r0];
        const size = offsets[r1] - base;
        // Each row's cursor starts at its offset within this range's output.
        const cursors = offsets.slice(r0, r1).map((o) => o - base);
        device.queue.writeBuffer(perRow, r0 * 4, cursors);
        const out = storageBuffer(device, size * 4, GPUBufferUsage.COPY_SRC);
        encoder = device.createCommandEncoder();
        const fillParams = blocks.map((b) =>
          encodePairPass(gpu, encoder, fillPipeline, {
            a,
            b,
            dim,
            rowStart: r0 - a.start,
            rowEnd: r1 - a.start,
            eps2,
            outputs: [perRow, out],
          }),
        );
        device.queue.submit([encoder.finish()]);
        neighbours.set(new Uint32Array(await readBack(device, out, size * 4)), base);
        out.destroy();
        for (const p of fillParams) p.destroy();
        r0 = r1;
      }
    }
    // Atomic cursors fill each list in arbitrary order.
    for (let i = 0; i < count; i++) neighbours.subarray(offsets[i], offsets[i + 1]).sort();
    return { counts, offsets, neighbours };
  } finally {
    for (const b of blocks) b.buffer.destroy();
    perRow.destroy();
  }
}
