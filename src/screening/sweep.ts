/**
 * The blocked sweep over the upper triangle of the Gram matrix: block pairs
 * (a ≤ b) of row blocks, each tile computed by a {@link GramKernel} and scanned
 * once into a {@link RowSelection}, so each pair (i < j) is computed exactly
 * once and offered to both of its rows. Shared by the single-thread screener
 * and the worker threads, which take block pairs from a common counter.
 */
import { createSelection, offer } from './selection.js';
import type { RowSelection } from './selection.js';
import { DEFAULT_MAX_PER_ROW, DEFAULT_TOP_K } from './types.js';
import type { GramTiles, ScreenOptions } from './types.js';

/** The block grid of one pass. */
export interface BlockPlan {
  n: number;
  blockRows: number;
  blocks: number;
  /** Block pairs (a ≤ b), numbered row-major over the upper triangle. */
  tiles: number;
}

/** Plan with blocks of `blockRows` rows (the last one ragged). */
export function planBlocks(n: number, blockRows: number): BlockPlan {
  const blocks = Math.ceil(n / blockRows);
  return { n, blockRows, blocks, tiles: (blocks * (blocks + 1)) / 2 };
}

/** Block pair number t → (a, b), a ≤ b, in row-major order over the upper triangle. */
export function tileBlocks(plan: BlockPlan, t: number): [number, number] {
  let a = 0;
  let rest = t;
  while (rest >= plan.blocks - a) {
    rest -= plan.blocks - a;
    a++;
  }
  return [a, a + rest];
}

/** Validated options with defaults filled in. */
export function resolveOptions(opts: ScreenOptions): Required<ScreenOptions> {
  const maxPerRow = opts.maxPerRow ?? DEFAULT_MAX_PER_ROW;
  const topK = opts.topK ?? DEFAULT_TOP_K;
  if (!Number.isFinite(opts.threshold) || opts.threshold < 0) throw new RangeError(`threshold must be finite and >= 0, got ${opts.threshold}`);
  if (!Number.isInteger(maxPerRow) || maxPerRow < 1) throw new RangeError(`maxPerRow must be a positive integer, got ${maxPerRow}`);
  if (!Number.isInteger(topK) || topK < 0) throw new RangeError(`topK must be a non-negative integer, got ${topK}`);
  return { threshold: opts.threshold, maxPerRow, topK };
}

/** Throws unless units holds n·m values. */
export function checkUnits(units: Float32Array, n: number, m: number): void {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(m) || m < 0) throw new RangeError(`bad shape n=${n}, m=${m}`);
  if (units.length < n * m) throw new RangeError(`units has ${units.length} values, expected n·m = ${n * m}`);
}

/** One pair (i < j) with cosine c: counted and kept if significant, offered to both rows' top-K heaps. */
function visit(sel: RowSelection, threshold: number, i: number, j: number, c: number): void {
  const a = c < 0 ? -c : c;
  if (a > threshold) {
    sel.above[i]++;
    sel.above[j]++;
    const sig = sel.sig;
    if (a >= sig.floor[i]) offer(sig, i, j, c, a);
    if (a >= sig.floor[j]) offer(sig, j, i, c, a);
  }
  const top = sel.top;
  if (a >= top.floor[i]) offer(top, i, j, c, a);
  if (a >= top.floor[j]) offer(top, j, i, c, a);
}

/** Scratch limits for kernels with a pre-scan, grown as needed. */
interface Limits {
  row: Float32Array;
  col: Float32Array;
  sample: Float32Array;
}

/** Fresh scratch limits. */
export function scratchLimits(): Limits {
  return { row: new Float32Array(0), col: new Float32Array(0), sample: new Float32Array(0) };
}

/** Sample length per row/column for seeding limits: 4K entries of the tile. */
const SAMPLE_FACTOR = 4;

/**
 * The K-th largest of `values[0..count)` (−1 when count < K); sorts in place.
 */
function kthLargest(values: Float32Array, count: number, K: number): number {
  if (count < K || K === 0) return -1;
  const part = values.subarray(0, count).sort();
  return part[count - K];
}

/**
 * Limits for a tile's pre-scan: min(threshold, L_i) per real row and column,
 * +∞ on padding, where L_i is a lower bound on row i's final K-th strongest
 * |cos|: its top-K heap floor, or, while that heap is not yet full, the K-th
 * largest of up to 4K of its entries in this very tile (K real partners that
 * strong exist, so nothing weaker can end in its top K). An entry below both
 * of its limits changes no count and no heap, and floors only rise, so the
 * pre-scan with these limits is exact. Samples in a diagonal tile use only
 * the entries the sweep visits (j > i), whose values are the offered ones.
 * Without the tile's values (GPU tiles stay on the device) only floors count.
 */
function fillLimits(
  lim: Limits,
  sel: RowSelection,
  threshold: number,
  tile: { C: Float32Array; stride: number; rows: number; cols: number; diagonal: boolean } | { rows: number; cols: number },
  start: number,
  side: 'row' | 'col',
  padded: number,
): Float32Array {
  let out = lim[side];
  if (out.length < padded) out = lim[side] = new Float32Array(padded);
  const K = sel.top.L;
  if (lim.sample.length < SAMPLE_FACTOR * K) lim.sample = new Float32Array(SAMPLE_FACTOR * K);
  const sample = lim.sample;
  const { rows, cols } = tile;
  const count = side === 'row' ? rows : cols;
  for (let r = 0; r < padded; r++) {
    if (r >= count) {
      out[r] = Infinity;
      continue;
    }
    let bound = sel.top.floor[start + r];
    if (bound < 0 && 'C' in tile) {
      const { C, stride, diagonal } = tile;
      let q = 0;
      if (side === 'row') {
        for (let c = diagonal ? r + 1 : 0; c < cols && q < sample.length; c++) sample[q++] = Math.abs(C[r * stride + c]);
      } else {
        for (let i = 0; i < (diagonal ? r : rows) && q < sample.length; i++) sample[q++] = Math.abs(C[i * stride + r]);
      }
      bound = kthLargest(sample, q, K);
    }
    out[r] = Math.min(threshold, bound);
  }
  return out;
}

/**
 * Computes and scans tile t of the plan into sel: pairs (i, j) with i in
 * block a, j in block b, i < j.
 */
export async function sweepTile(
  plan: BlockPlan,
  t: number,
  tiles: GramTiles,
  sel: RowSelection,
  threshold: number,
  lim: Limits = scratchLimits(),
): Promise<void> {
  const [a, b] = tileBlocks(plan, t);
  const i0 = a * plan.blockRows;
  const i1 = Math.min(plan.n, i0 + plan.blockRows);
  const j0 = b * plan.blockRows;
  const j1 = Math.min(plan.n, j0 + plan.blockRows);
  const { C, stride } = await tiles.tile(i0, i1, j0, j1);
  if (tiles.candidates !== undefined && tiles.padded !== undefined) {
    const pad = tiles.padded(i1 - i0, j1 - j0);
    const shape = { C, stride, rows: i1 - i0, cols: j1 - j0, diagonal: a === b };
    const rowLim = fillLimits(lim, sel, threshold, shape, i0, 'row', pad.rows);
    const colLim = fillLimits(lim, sel, threshold, shape, j0, 'col', pad.stride);
    const list = tiles.candidates(rowLim, colLim);
    for (let q = 0; q < list.length; q++) {
      const flat = list[q];
      const r = Math.floor(flat / stride);
      const i = i0 + r;
      const j = j0 + flat - r * stride;
      if (i < i1 && j < j1 && (a !== b || j > i)) visit(sel, threshold, i, j, C[flat]);
    }
    return;
  }
  for (let i = i0; i < i1; i++) {
    const row = (i - i0) * stride - j0;
    for (let j = a === b ? i + 1 : j0; j < j1; j++) visit(sel, threshold, i, j, C[row + j]);
  }
}

/** Tiles whose pre-scan runs where the tile is (the GPU): only the entries reaching their limits come back. */
export interface CompactTiles {
  /** Entries (flat r·(j1−j0) + c, value) of tile [i0,i1)×[j0,j1) with |value| ≥ rowLim[r] or ≥ colLim[c]; c > r on diagonal tiles. */
  compact(i0: number, i1: number, j0: number, j1: number, rowLim: Float32Array, colLim: Float32Array): Promise<{ flat: Uint32Array; value: Float32Array }>;
  dispose(): void;
}

/** Like {@link sweepTile} for {@link CompactTiles}. */
export async function sweepCompactTile(plan: BlockPlan, t: number, tiles: CompactTiles, sel: RowSelection, threshold: number, lim: Limits): Promise<void> {
  const [a, b] = tileBlocks(plan, t);
  const i0 = a * plan.blockRows;
  const i1 = Math.min(plan.n, i0 + plan.blockRows);
  const j0 = b * plan.blockRows;
  const j1 = Math.min(plan.n, j0 + plan.blockRows);
  const shape = { rows: i1 - i0, cols: j1 - j0 };
  const rowLim = fillLimits(lim, sel, threshold, shape, i0, 'row', shape.rows);
  const colLim = fillLimits(lim, sel, threshold, shape, j0, 'col', shape.cols);
  const { flat, value } = await tiles.compact(i0, i1, j0, j1, rowLim, colLim);
  for (let q = 0; q < flat.length; q++) {
    const r = Math.floor(flat[q] / shape.cols);
    const i = i0 + r;
    const j = j0 + flat[q] - r * shape.cols;
    if (a !== b || j > i) visit(sel, threshold, i, j, value[q]);
  }
}

/**
 * The whole pass in this thread.
 *
 * @param tiles Kernel bound to the units.
 * @param n Features.
 * @param blockRows Rows per block.
 * @param opts Threshold and bounds (resolved).
 * @param onProgress Fraction of tiles done, after each tile.
 */
export async function sweepAll(
  tiles: GramTiles | CompactTiles,
  n: number,
  blockRows: number,
  opts: Required<ScreenOptions>,
  onProgress?: (fraction: number) => void,
): Promise<RowSelection> {
  const plan = planBlocks(n, blockRows);
  const sel = createSelection(n, opts.topK, opts.maxPerRow);
  const lim = scratchLimits();
  for (let t = 0; t < plan.tiles; t++) {
    if ('compact' in tiles) await sweepCompactTile(plan, t, tiles, sel, opts.threshold, lim);
    else await sweepTile(plan, t, tiles, sel, opts.threshold, lim);
    onProgress?.((t + 1) / plan.tiles);
  }
  return sel;
}
