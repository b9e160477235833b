/**
 * Host side of the GPU projector embedding (kernel 1): uploads W once,
 * dispatches the rank range in chunks that respect the binding-size and
 * dispatch limits, and reads the embeddings back.
 */
import { binomial } from '../grassmannian/subsets.js';
import { embeddingLength } from '../grassmannian/projector.js';
import type { GpuHandle } from './device.js';
import { bindGroup, computePipeline, encodeDispatch, readbackBuffer, storageBuffer, uniformBuffer } from './buffers.js';
import { basisShader, EMBED_WORKGROUP_SIZE, expandShader } from './embed-kernels.js';
import { FLOAT32_EPS } from './tolerances.js';

/** Largest hidden dimension the embedding kernel accepts (L = 32896 floats per subset). */
export const GPU_EMBED_MAX_M = 256;
/** Largest subset size the embedding kernel accepts. */
export const GPU_EMBED_MAX_K = 8;

/**
 * Default rank tolerance of the GPU kernel: singular values above
 * EMBED_RANK_TOLERANCE_FACTOR·max(m,k)·ε₃₂·σ₁ count. This is numpy's
 * max(m,k)·σ₁·ε rule with f32's ε, widened 8× because W itself is rounded to
 * f32 (a relative perturbation of 2^-24 per entry that already lifts an
 * exactly dependent vector off the span by about that much). Subsets whose
 * smallest singular value is far from both this threshold and the CPU
 * reference's get the same rank on both paths. An absolute `tol` below this
 * floor is raised to it.
 */
export const EMBED_RANK_TOLERANCE_FACTOR = 8;

/**
 * Output bytes per dispatch chunk aimed at: large enough to keep a GPU busy,
 * small enough that the two chunk slots and their staging copies stay a few
 * tens of MiB (measured on llvmpipe at m = 64: 500-subset chunks ran 2× faster
 * than 8000-subset ones, which spend their time allocating and clearing).
 */
const CHUNK_TARGET_BYTES = 8 * 2 ** 20;

/** Options of {@link gpuEmbedSubsets}. */
export interface GpuEmbedOptions {
  /**
   * Absolute threshold on singular values, as `tol` of embedSubsets in
   * src/grassmannian (same scale as W). The kernel uses
   * max(tol, EMBED_RANK_TOLERANCE_FACTOR·max(m,k)·ε₃₂·σ₁): f32 cannot resolve
   * less. Default: that f32 floor alone.
   */
  tol?: number;
  /**
   * Upper bound on subsets per dispatch chunk (the device limits give the
   * real bound: 65535 workgroups per dimension and the storage binding size).
   * Lower it only to exercise chunking.
   */
  maxSubsetsPerChunk?: number;
}

/** Result of {@link gpuEmbedSubsets}. */
export interface GpuSubsetEmbeddings {
  /** count × m(m+1)/2 float32, row i = subset of lex rank start + i. */
  embeddings: Float32Array;
  /** Numerical rank of each subset's span (ranks[i] < k: dependent subset). */
  ranks: Uint8Array;
}

/**
 * C(c, i) for i = 0..k, c = 0..n−1 as (lo, hi) u32 pairs at [2(i·n + c)],
 * by Pascal's rule; values ≥ 2^53 saturate there, which exceeds every rank.
 */
function binomialTable(n: number, k: number): Uint32Array {
  const cap = 2 ** 53;
  const table = new Float64Array((k + 1) * n);
  for (let c = 0; c < n; c++) {
    table[c] = 1;
    for (let i = 1; i <= k; i++) {
      const above = c === 0 ? 0 : table[i * n + c - 1] + table[(i - 1) * n + c - 1];
      table[i * n + c] = Math.min(above, cap);
    }
  }
  const words = new Uint32Array(2 * table.length);
  for (let t = 0; t < table.length; t++) {
    words[2 * t] = table[t] % 2 ** 32;
    words[2 * t + 1] = Math.floor(table[t] / 2 ** 32);
  }
  return words;
}

/** pairs[e] = i | (j << 16) for embedding entry e (row i, column j ≥ i). */
function entryPairs(m: number): Uint32Array {
  const pairs = new Uint32Array(embeddingLength(m));
  let e = 0;
  for (let i = 0; i < m; i++) for (let j = i; j < m; j++) pairs[e++] = i | (j << 16);
  return pairs;
}

/** W as f32, divided by its largest |entry| so squares neither overflow nor underflow in f32. */
function scaledFloat32(W: Float64Array | Float32Array, len: number): { data: Float32Array; scale: number } {
  let maxAbs = 0;
  for (let t = 0; t < len; t++) maxAbs = Math.max(maxAbs, Math.abs(W[t]));
  const scale = maxAbs > 0 ? maxAbs : 1;
  const data = new Float32Array(len);
  for (let t = 0; t < len; t++) data[t] = W[t] / scale;
  return { data, scale };
}

/**
 * Projector embeddings of the k-subsets with lex ranks start .. start+count−1
 * on the GPU; the float32 counterpart of `embedSubsets` in src/grassmannian
 * (same subset order, same entry order and √2 scaling).
 *
 * Accuracy (checked by the tests and the self-test): entries within
 * embeddingTolerance(x, κ) of the float64 reference (1e-5·(1 + |x|) for
 * well-conditioned subsets, see tolerances.ts); the rank agrees away from
 * the tolerance boundary (see {@link EMBED_RANK_TOLERANCE_FACTOR}).
 *
 * @param gpu Device handle from acquireGpu.
 * @param W Feature-major n×m weights, W[i*m + r] (float64 or float32).
 * @param m Hidden dimension, 1 ≤ m ≤ {@link GPU_EMBED_MAX_M}.
 * @param n Number of features.
 * @param k Subset size, 1 ≤ k ≤ min(n, {@link GPU_EMBED_MAX_K}).
 * @param start Lex rank of the first subset.
 * @param count Number of subsets; start + count ≤ C(n, k) < 2^53.
 * @param opts Rank tolerance and chunking override.
 * @returns Embeddings (count × m(m+1)/2, float32) and ranks.
 * @throws RangeError for unsupported m or k, a rank range outside C(n, k), or
 *   a single subset's embedding larger than one storage binding.
 */
export async function gpuEmbedSubsets(
  gpu: GpuHandle,
  W: Float64Array | Float32Array,
  m: number,
  n: number,
  k: number,
  start: number,
  count: number,
  opts: GpuEmbedOptions = {},
): Promise<GpuSubsetEmbeddings> {
  if (!Number.isInteger(m) || m < 1 || m > GPU_EMBED_MAX_M) {
    throw new RangeError(`the GPU embedding supports 1 ≤ m ≤ ${GPU_EMBED_MAX_M} (got m = ${m}); use the CPU path`);
  }
  if (!Number.isInteger(k) || k < 1 || k > GPU_EMBED_MAX_K || k > n) {
    throw new RangeError(`the GPU embedding supports 1 ≤ k ≤ min(n, ${GPU_EMBED_MAX_K}) (got k = ${k}, n = ${n})`);
  }
  if (W.length < n * m) throw new RangeError(`W has ${W.length} values, expected n·m = ${n * m}`);
  const total = binomial(n, k);
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start + count > total) {
    throw new RangeError(`rank range [${start}, ${start + count}) is outside [0, C(${n}, ${k}) = ${total})`);
  }
  const L = embeddingLength(m);
  const embeddings = new Float32Array(count * L);
  const ranks = new Uint8Array(count);
  if (count === 0) return { embeddings, ranks };

  const { device, limits } = gpu;
  const bytesPerSubset = L * 4;
  const bindingBytes = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const byLimits = Math.min(limits.maxComputeWorkgroupsPerDimension, Math.floor(bindingBytes / bytesPerSubset), Math.floor(bindingBytes / (k * m * 4)));
  if (byLimits < 1) {
    throw new RangeError(`one embedding of m = ${m} (${bytesPerSubset} bytes) exceeds the device's storage binding size`);
  }
  const target = Math.max(1, Math.floor(CHUNK_TARGET_BYTES / bytesPerSubset));
  const chunk = Math.min(byLimits, target, opts.maxSubsetsPerChunk ?? Infinity, count);

  const [basisPipeline, expandPipeline] = await Promise.all([computePipeline(device, basisShader(m, k)), computePipeline(device, expandShader(m, k))]);
  const scaled = scaledFloat32(W, n * m);
  const absTol = (opts.tol ?? 0) / scaled.scale;
  if (!(absTol >= 0)) throw new RangeError(`tol must be a non-negative number, got ${opts.tol}`);
  const wBuffer = storageBuffer(device, scaled.data);
  const binomBuffer = storageBuffer(device, binomialTable(n, k));
  const pairsBuffer = storageBuffer(device, entryPairs(m));
  const tolFactor = EMBED_RANK_TOLERANCE_FACTOR * Math.max(m, k) * FLOAT32_EPS;
  const mirroredFirst = total - 1 - start;

  // Two sets of chunk buffers: the GPU fills one while the CPU copies the other.
  const slots = [0, 1].map(() => ({
    basis: storageBuffer(device, chunk * k * m * 4),
    ranks: storageBuffer(device, chunk * 4, GPUBufferUsage.COPY_SRC),
    out: storageBuffer(device, chunk * bytesPerSubset, GPUBufferUsage.COPY_SRC),
    stagingOut: readbackBuffer(device, chunk * bytesPerSubset),
    stagingRanks: readbackBuffer(device, chunk * 4),
  }));
  const transient: GPUBuffer[] = [];
  // Read-back of the chunk last dispatched into each slot.
  const slotReads: Promise<void>[] = [Promise.resolve(), Promise.resolve()];
  try {
    for (let c0 = 0, slotIndex = 0; c0 < count; c0 += chunk, slotIndex ^= 1) {
      const size = Math.min(chunk, count - c0);
      const slot = slots[slotIndex];
      // The slot's staging buffers must be unmapped before they are reused.
      await slotReads[slotIndex];
      const base = mirroredFirst - c0;
      const basisParams = uniformBuffer(device, [
        { u32: n },
        { u32: size },
        { u32: base % 2 ** 32 },
        { u32: Math.floor(base / 2 ** 32) },
        { f32: tolFactor },
        { f32: absTol },
      ]);
      const expandParams = uniformBuffer(device, [{ u32: size }]);
      transient.push(basisParams, expandParams);
      const encoder = device.createCommandEncoder();
      encodeDispatch(
        encoder,
        basisPipeline,
        bindGroup(device, basisPipeline, [basisParams, wBuffer, binomBuffer, slot.basis, slot.ranks]),
        Math.ceil(size / EMBED_WORKGROUP_SIZE),
      );
      encodeDispatch(
        encoder,
        expandPipeline,
        bindGroup(device, expandPipeline, [expandParams, slot.basis, pairsBuffer, slot.out]),
        Math.ceil(L / EMBED_WORKGROUP_SIZE),
        size,
      );
      encoder.copyBufferToBuffer(slot.out, 0, slot.stagingOut, 0, size * bytesPerSubset);
      encoder.copyBufferToBuffer(slot.ranks, 0, slot.stagingRanks, 0, size * 4);
      device.queue.submit([encoder.finish()]);
      slotReads[slotIndex] = Promise.all([
        slot.stagingOut.mapAsync(GPUMapMode.READ, 0, size * bytesPerSubset),
        slot.stagingRanks.mapAsync(GPUMapMode.READ, 0, size * 4),
      ]).then(() => {
        embeddings.set(new Float32Array(slot.stagingOut.getMappedRange(0, size * bytesPerSubset)), c0 * L);
        ranks.set(new Uint32Array(slot.stagingRanks.getMappedRange(0, size * 4)), c0);
        slot.stagingOut.unmap();
        slot.stagingRanks.unmap();
      });
    }
    await Promise.all(slotReads);
  } finally {
    await Promise.allSettled(slotReads);
    for (const b of [wBuffer, binomBuffer, pairsBuffer, ...transient]) b.destroy();
    for (const s of slots) for (const b of Object.values(s)) b.destroy();
  }
  return { embeddings, ranks };
}
