/**
 * Thresholded Gram tiles on the GPU (the screening kernel of src/screening):
 * for a tile of A rows × B rows, the entries u_i · u_j whose |value| reaches
 * a per-row or per-column limit, written as a compact list (flat index r·rowsB
 * + c and the float32 value) through an atomic counter. The counter goes on
 * counting past the list's capacity and an overflow flag is set, so the host
 * learns the exact size and reruns the tile with room for all of it.
 *
 * The inner product uses the tiled core of pairwise-kernels.ts (16×16 tiles,
 * 2×2 per invocation, slabs of 16 summed separately: error ≲ (16 + m/16)·ε₃₂).
 * Four storage bindings (A, B, limits, list), compatibility mode's maximum.
 */
import type { GpuHandle } from './device.js';
import { bindGroup, computePipeline, encodeDispatch, readBack, storageBuffer, uniformBuffer } from './buffers.js';
import { PAIR_TILE } from './pairwise-kernels.js';
import type { RowBlock } from './pairwise.js';

const THREADS = PAIR_TILE / 2;
const SLAB = 16;

/**
 * WGSL. Uniform: rowsA, rowsB, dim, diagonal (1: A and B are the same block,
 * only c > r emitted), capacity (entries the list holds). Bindings: 1 A,
 * 2 B (row-major rows×dim), 3 limits (rowLim[0..rowsA) then colLim[0..rowsB)),
 * 4 out: [count, overflow, (flat, bits of value) × capacity].
 */
const SHADER = /* wgsl */ `
const TILE: u32 = ${PAIR_TILE}u;
const THREADS: u32 = ${THREADS}u;
const SLAB: u32 = ${SLAB}u;

struct Params { rowsA: u32, rowsB: u32, dim: u32, diagonal: u32, capacity: u32, pad0: u32, pad1: u32, pad2: u32 }

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> A: array<f32>;
@group(0) @binding(2) var<storage, read> B: array<f32>;
@group(0) @binding(3) var<storage, read> lims: array<f32>;
@group(0) @binding(4) var<storage, read_write> out: array<atomic<u32>>;

var<workgroup> tileA: array<f32, ${PAIR_TILE * SLAB}>;
var<workgroup> tileB: array<f32, ${PAIR_TILE * SLAB}>;

@compute @workgroup_size(${THREADS}, ${THREADS})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let row0 = wg.y * TILE;
  let col0 = wg.x * TILE;
  let flat = lid.y * THREADS + lid.x;
  let dim = params.dim;
  var acc = array<f32, 4>(0.0, 0.0, 0.0, 0.0);
  for (var k0 = 0u; k0 < dim; k0 += SLAB) {
    for (var q = 0u; q < 4u; q++) {
      let e = flat + q * THREADS * THREADS;
      let rr = e / SLAB;
      let kk = k0 + e % SLAB;
      var va = 0.0;
      var vb = 0.0;
      if (row0 + rr < params.rowsA && kk < dim) { va = A[(row0 + rr) * dim + kk]; }
      if (col0 + rr < params.rowsB && kk < dim) { vb = B[(col0 + rr) * dim + kk]; }
      tileA[e] = va;
      tileB[e] = vb;
    }
    workgroupBarrier();
    var part = array<f32, 4>(0.0, 0.0, 0.0, 0.0);
    for (var kk = 0u; kk < SLAB; kk++) {
      for (var u = 0u; u < 2u; u++) {
        let a = tileA[(lid.y + u * THREADS) * SLAB + kk];
        for (var w = 0u; w < 2u; w++) {
          part[u * 2u + w] += a * tileB[(lid.x + w * THREADS) * SLAB + kk];
        }
      }
    }
    for (var t = 0u; t < 4u; t++) { acc[t] += part[t]; }
    workgroupBarrier();
  }
  for (var u = 0u; u < 2u; u++) {
    for (var w = 0u; w < 2u; w++) {
      let r = row0 + lid.y + u * THREADS;
      let c = col0 + lid.x + w * THREADS;
      if (r < params.rowsA && c < params.rowsB && (params.diagonal == 0u || c > r)) {
        let value = acc[u * 2u + w];
        let mag = abs(value);
        if (mag >= lims[r] || mag >= lims[params.rowsA + c]) {
          let pos = atomicAdd(&out[0], 1u);
          if (pos < params.capacity) {
            atomicStore(&out[2u + 2u * pos], r * params.rowsB + c);
            atomicStore(&out[3u + 2u * pos], bitcast<u32>(value));
          } else {
            atomicStore(&out[1], 1u);
          }
        }
      }
    }
  }
}
`;

/** The entries of one tile that reached their limits. */
export interface ThresholdedTile {
  /** r·rowsB + c, in no particular order. */
  flat: Uint32Array;
  /** float32 u_{A,r} · u_{B,c}. */
  value: Float32Array;
}

/** A reusable list buffer whose capacity grows to what tiles needed. */
export interface ThresholdedGramState {
  capacity: number;
  out: GPUBuffer | null;
}

/**
 * Entries (r, c) of the tile A·Bᵀ with |value| ≥ rowLim[r] or ≥ colLim[c]
 * (c > r only when `diagonal`), from two resident row blocks.
 *
 * @param gpu Device handle.
 * @param a A rows (a block from uploadRowBlocks, dimension `dim`).
 * @param b B rows.
 * @param dim Values per row.
 * @param limits rowLim (a.rows values) then colLim (b.rows values).
 * @param diagonal True when a and b are the same block.
 * @param state List buffer reused across calls (start with { capacity: 65536, out: null }).
 */
export async function gpuThresholdedGramTile(
  gpu: GpuHandle,
  a: RowBlock,
  b: RowBlock,
  dim: number,
  limits: Float32Array,
  diagonal: boolean,
  state: ThresholdedGramState,
): Promise<ThresholdedTile> {
  if (limits.length < a.rows + b.rows) throw new RangeError(`limits has ${limits.length} values, expected ${a.rows + b.rows}`);
  const { device } = gpu;
  const pipeline = await computePipeline(device, SHADER);
  const limBuffer = storageBuffer(device, limits.subarray(0, a.rows + b.rows));
  try {
    for (;;) {
      state.out ??= storageBuffer(device, (2 + 2 * state.capacity) * 4, GPUBufferUsage.COPY_SRC);
      device.queue.writeBuffer(state.out, 0, new Uint32Array(2));
      const params = uniformBuffer(device, [
        { u32: a.rows },
        { u32: b.rows },
        { u32: dim },
        { u32: diagonal ? 1 : 0 },
        { u32: state.capacity },
        { u32: 0 },
        { u32: 0 },
        { u32: 0 },
      ]);
      const encoder = device.createCommandEncoder();
      encodeDispatch(
        encoder,
        pipeline,
        bindGroup(device, pipeline, [params, a.buffer, b.buffer, limBuffer, state.out]),
        Math.ceil(b.rows / PAIR_TILE),
        Math.ceil(a.rows / PAIR_TILE),
      );
      device.queue.submit([encoder.finish()]);
      const head = new Uint32Array(await readBack(device, state.out, 8));
      params.destroy();
      const count = head[0];
      if (head[1] === 0 && count <= state.capacity) {
        if (count === 0) return { flat: new Uint32Array(0), value: new Float32Array(0) };
        const words = new Uint32Array(await readBack(device, state.out, (2 + 2 * count) * 4)).subarray(2);
        const flat = new Uint32Array(count);
        const value = new Float32Array(count);
        const bits = new Float32Array(words.buffer, words.byteOffset, words.length);
        for (let e = 0; e < count; e++) {
          flat[e] = words[2 * e];
          value[e] = bits[2 * e + 1];
        }
        return { flat, value };
      }
      // Overflow: the counter holds the exact size; grow and rerun the tile.
      state.out.destroy();
      state.out = null;
      state.capacity = Math.max(count, 2 * state.capacity);
    }
  } finally {
    limBuffer.destroy();
  }
}
