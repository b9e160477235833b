/**
 * The WASM SIMD Gram kernel (f32x4, 4×2 register blocks; text in
 * wasm/gram.wat) and the SIMD tile pre-scan (`filter`) that every kernel
 * whose tiles land in JavaScript memory shares. Units are copied once into
 * the module's memory with rows padded to a multiple of 4 floats and the row
 * count to a multiple of 4, so the kernel needs no edge cases; padding is zero
 * and changes no sum. Bit-identical to the JS reference kernel (kernel-js.ts).
 */
import type { GramKernel, GramTiles } from './types.js';
import { GRAM_BLOCK_A, GRAM_WASM_BASE64 } from './wasm/gram-module.js';

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
export const roundUp = (x: number, q: number): number => Math.ceil(x / q) * q;

/** Padded tile shape: rows to the register block, columns to the filter's 4 lanes. */
export function paddedTile(rows: number, cols: number): { rows: number; stride: number } {
  return { rows: roundUp(rows, GRAM_BLOCK_A), stride: roundUp(cols, 4) };
}

/**
 * One module instance whose memory holds `headBytes` of caller data (the
 * units, for the WASM kernel) and then a tile of up to block×block floats,
 * row and column limits, and the candidate list.
 */
export class TileMemory {
  readonly gram: GramFn;
  readonly tilePtr: number;
  /** The tile region, block·block floats; valid until dispose. */
  readonly tile: Float32Array;
  /** The caller's region at offset 0. */
  readonly head: Float32Array;
  private readonly filterFn: FilterFn;
  private readonly rowLimPtr: number;
  private readonly colLimPtr: number;
  private readonly listPtr: number;
  private readonly rowLim: Float32Array;
  private readonly colLim: Float32Array;
  private readonly list: Uint32Array;

  constructor(
    headBytes: number,
    readonly block: number,
  ) {
    const instance = new WebAssembly.Instance(gramModule(), {});
    const exported = instance.exports as { memory: WebAssembly.Memory; gram: GramFn; filter: FilterFn };
    const tileBytes = block * block * 4;
    this.tilePtr = roundUp(headBytes, 16);
    this.rowLimPtr = this.tilePtr + tileBytes;
    this.colLimPtr = this.rowLimPtr + block * 4;
    this.listPtr = this.colLimPtr + block * 4;
    const need = Math.ceil((this.listPtr + tileBytes) / PAGE) - exported.memory.buffer.byteLength / PAGE;
    if (need > 0) exported.memory.grow(need);
    const buffer = exported.memory.buffer;
    this.gram = exported.gram;
    this.filterFn = exported.filter;
    this.head = new Float32Array(buffer, 0, headBytes / 4);
    this.tile = new Float32Array(buffer, this.tilePtr, block * block);
    this.rowLim = new Float32Array(buffer, this.rowLimPtr, block);
    this.colLim = new Float32Array(buffer, this.colLimPtr, block);
    this.list = new Uint32Array(buffer, this.listPtr, block * block);
  }

  /** Pre-scan of the tile region as ra × rb (rb a multiple of 4): see GramTiles.candidates. */
  filter(ra: number, rb: number, rowLim: Float32Array, colLim: Float32Array): Uint32Array {
    this.rowLim.set(rowLim.subarray(0, ra));
    this.colLim.set(colLim.subarray(0, rb));
    return this.list.subarray(0, this.filterFn(this.tilePtr, ra, rb, this.rowLimPtr, this.colLimPtr, this.listPtr));
  }
}

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
  async load(units: Float32Array, n: number, m: number): Promise<GramTiles> {
    const mp = roundUp(Math.max(m, 1), 4);
    const nPad = roundUp(Math.max(n, 1), 4);
    const block = blockRows(m);
    let mem: TileMemory | null = new TileMemory(nPad * mp * 4, block);
    for (let i = 0; i < n; i++) mem.head.set(units.subarray(i * m, i * m + m), i * mp);
    let last = { rows: 0, stride: 0 };
    return {
      padded: paddedTile,
      async tile(i0, i1, j0, j1) {
        if (mem === null) throw new Error('kernel disposed');
        if (i1 - i0 > block || j1 - j0 > block) throw new RangeError(`tile ${i1 - i0}×${j1 - j0} exceeds the ${block}-row block`);
        // Padding rows exist (n and blocks are multiples of 4) and are zero.
        last = paddedTile(i1 - i0, j1 - j0);
        mem.gram(i0 * mp * 4, last.rows, j0 * mp * 4, last.stride, mp * 4, mem.tilePtr, last.stride);
        return { C: mem.tile, stride: last.stride };
      },
      candidates(rowLim, colLim) {
        if (mem === null) throw new Error('kernel disposed');
        return mem.filter(last.rows, last.stride, rowLim, colLim);
      },
      dispose() {
        // The instance and its memory are freed once nothing refers to them.
        mem = null;
      },
    };
  },
};
