/**
 * The WASM SIMD Gram kernel (f32x4, 4×2 register blocks; text in
 * wasm/gram.wat). Units are copied once into the module's memory with rows
 * padded to a multiple of 4 floats and the row count to a multiple of 4, so
 * the kernel needs no edge cases; padding is zero and changes no sum.
 * Bit-identical to the JS reference kernel (kernel-js.ts).
 */
import type { GramKernel, GramTiles } from './types.js';
import { GRAM_BLOCK_A, GRAM_BLOCK_B, GRAM_WASM_BASE64 } from './wasm/gram-module.js';

type GramFn = (a: number, ra: number, b: number, rb: number, kb: number, out: number, os: number) => void;
type FilterFn = (out: number, ra: number, rb: number, rowLim: number, colLim: number, list: number) => number;

let compiled: WebAssembly.Module | null = null;

/** The compiled module (synchronous: it is < 4 kB, under browsers' main-thread limit). */
function gramModule(): WebAssembly.Module {
  if (compiled === null) {
    const bytes = Uint8Array.from(atob(GRAM_WASM_BASE64), (ch) => ch.charCodeAt(0));
    compiled = new WebAssembly.Module(bytes);
  }
  return compiled;
}

/** True when this runtime validates WASM SIMD (every current browser and Node ≥ 16). */
export function wasmSimdAvailable(): boolean {
  try {
    gramModule();
    return true;
  } catch {
    return false;
  }
}

const PAGE = 65536;
const roundUp = (x: number, q: number): number => Math.ceil(x / q) * q;

/**
 * Rows per block: about 192 kB of each block's rows, so the B rows swept for
 * every 4 A rows stay in L2 (64 rows at m = 768 measured fastest on the
 * development machine, 32–128 within noise).
 */
function blockRows(m: number): number {
  const rows = Math.floor((192 * 1024) / (4 * Math.max(4, m)));
  return Math.max(32, Math.min(256, roundUp(rows, 4)));
}

/** WASM SIMD kernel. */
export const wasmGramKernel: GramKernel = {
  name: 'wasm-simd',
  blockRows,
  load(units: Float32Array, n: number, m: number): GramTiles {
    const mp = roundUp(Math.max(m, 1), 4);
    const nPad = roundUp(Math.max(n, 1), Math.max(GRAM_BLOCK_A, GRAM_BLOCK_B, 4));
    const block = blockRows(m);
    const unitsBytes = nPad * mp * 4;
    const outBytes = block * block * 4;
    const extraBytes = 2 * outBytes + 2 * block * 4;
    const instance = new WebAssembly.Instance(gramModule(), { env: {} });
    const exported = instance.exports as { memory: WebAssembly.Memory; gram: GramFn; filter: FilterFn };
    // The module owns its memory; grow it to hold the units and one tile.
    const mem = exported.memory;
    const need = Math.ceil((unitsBytes + extraBytes) / PAGE) - mem.buffer.byteLength / PAGE;
    if (need > 0) mem.grow(need);
    const heap = new Float32Array(mem.buffer);
    for (let i = 0; i < n; i++) heap.set(units.subarray(i * m, i * m + m), i * mp);
    // Layout after the units: tile (f32), row and column limits (f32), candidate list (u32).
    const outPtr = unitsBytes;
    const rowLimPtr = outPtr + outBytes;
    const colLimPtr = rowLimPtr + block * 4;
    const listPtr = colLimPtr + block * 4;
    let out: Float32Array | null = new Float32Array(mem.buffer, outPtr, block * block);
    const rowLimView = new Float32Array(mem.buffer, rowLimPtr, block);
    const colLimView = new Float32Array(mem.buffer, colLimPtr, block);
    const list = new Uint32Array(mem.buffer, listPtr, block * block);
    let last = { ra: 0, rb: 0 };
    const padded = (rows: number, cols: number) => ({ rows: roundUp(rows, GRAM_BLOCK_A), stride: roundUp(cols, 4) });
    return {
      padded,
      tile(i0, i1, j0, j1) {
        if (out === null) throw new Error('kernel disposed');
        if (i1 - i0 > block || j1 - j0 > block) throw new RangeError(`tile ${i1 - i0}×${j1 - j0} exceeds the ${block}-row block`);
        // Columns padded to 4 for the filter's vectors (block and n padding are multiples of 4, so these rows exist and are zero).
        const { rows: ra, stride: rb } = padded(i1 - i0, j1 - j0);
        exported.gram(i0 * mp * 4, ra, j0 * mp * 4, rb, mp * 4, outPtr, rb);
        last = { ra, rb };
        return { C: out, stride: rb };
      },
      candidates(rowLim, colLim) {
        rowLimView.set(rowLim.subarray(0, last.ra));
        colLimView.set(colLim.subarray(0, last.rb));
        const count = exported.filter(outPtr, last.ra, last.rb, rowLimPtr, colLimPtr, listPtr);
        return list.subarray(0, count);
      },
      dispose() {
        // The instance's memory is freed once nothing refers to its buffer.
        out = null;
      },
    };
  },
};
