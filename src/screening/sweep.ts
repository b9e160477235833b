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

/** Heap capacity per row that serves both the pair list and the top-K lists. */
export function selectionCapacity(opts: ScreenOptions): number {
  return Math.max(1, opts.maxPerRow ?? DEFAULT_MAX_PER_ROW, opts.topK ?? DEFAULT_TOP_K);
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

/** One pair (i < j) with cosine c: counted if significant, offered to both rows' heaps. */
function visit(sel: RowSelection, threshold: number, i: number, j: number, c: number): void {
  const abs = c < 0 ? -c : c;
  if (abs > threshold) {
    sel.above[i]++;
    sel.above[j]++;
  }
  if (abs >= sel.floor[i]) offer(sel, i, j, c);
  if (abs >= sel.floor[j]) offer(sel, j, i, c);
}

/** Scratch limits for kernels with a pre-scan, grown as needed. */
interface Limits {
  row: Float32Array;
  col: Float32Array;
}

/**
 * Limits for a tile's pre-scan: min(threshold, heap floor) per real row and
 * column, +∞ on padding. Floors only rise during the scan, so entries below
 * these snapshot limits could change nothing (the pre-scan is exact).
 */
function fillLimits(lim: Limits, sel: RowSelection, threshold: number, start: number, count: number, padded: number, side: 'row' | 'col'): Float32Array {
  let out = lim[side];
  if (out.length < padded) out = lim[side] = new Float32Array(padded);
  for (let r = 0; r < padded; r++) out[r] = r < count ? Math.min(threshold, sel.floor[start + r]) : Infinity;
  return out;
}

/**
 * Computes and scans tile t of the plan into sel: pairs (i, j) with i in
 * block a, j in block b, i < j.
 */
export async function sweepTile(plan: BlockPlan, t: number, tiles: GramTiles, sel: RowSelection, threshold: number, lim: Limits = { row: new Float32Array(0), col: new Float32Array(0) }): Promise<void> {
  const [a, b] = tileBlocks(plan, t);
  const i0 = a * plan.blockRows;
  const i1 = Math.min(plan.n, i0 + plan.blockRows);
  const j0 = b * plan.blockRows;
  const j1 = Math.min(plan.n, j0 + plan.blockRows);
  const { C, stride } = await tiles.tile(i0, i1, j0, j1);
  if (tiles.candidates !== undefined && tiles.padded !== undefined) {
    const pad = tiles.padded(i1 - i0, j1 - j0);
    const rowLim = fillLimits(lim, sel, threshold, i0, i1 - i0, pad.rows, 'row');
    const colLim = fillLimits(lim, sel, threshold, j0, j1 - j0, pad.stride, 'col');
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

/**
 * The whole pass in this thread.
 *
 * @param tiles Kernel bound to the units.
 * @param n Features.
 * @param blockRows Rows per block.
 * @param opts Threshold and bounds.
 * @param onProgress Fraction of tiles done, after each tile.
 */
export async function sweepAll(
  tiles: GramTiles,
  n: number,
  blockRows: number,
  opts: ScreenOptions,
  onProgress?: (fraction: number) => void,
): Promise<RowSelection> {
  const plan = planBlocks(n, blockRows);
  const sel = createSelection(n, selectionCapacity(opts));
  const lim = { row: new Float32Array(0), col: new Float32Array(0) };
  for (let t = 0; t < plan.tiles; t++) {
    await sweepTile(plan, t, tiles, sel, opts.threshold, lim);
    onProgress?.((t + 1) / plan.tiles);
  }
  return sel;
}
