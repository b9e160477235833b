/**
 * The WebGPU screener (browser-safe): units resident on the device in row
 * blocks, each Gram tile computed and pre-scanned there
 * (src/gpu/thresholded-gram.ts), and only the entries reaching a row's or a
 * column's limit read back into the same bounded selection the CPU kernels
 * fill. float32 with the GPU's own summation order: agrees with the CPU
 * kernels to ~(16 + m/16)·ε₃₂ per cosine, not bit for bit.
 */
import type { GpuHandle } from '../gpu/device.js';
import { rowsPerBlock, uploadRowBlocks } from '../gpu/pairwise.js';
import { gpuThresholdedGramTile } from '../gpu/thresholded-gram.js';
import type { ThresholdedGramState } from '../gpu/thresholded-gram.js';
import { finishSelection } from './selection.js';
import { checkUnits, resolveOptions, sweepAll } from './sweep.js';
import type { CompactTiles } from './sweep.js';
import type { PairList, Screener, Screening, ScreenOptions } from './types.js';

/** Options of {@link createGpuScreener}. */
export interface GpuScreenerOptions {
  /** Rows per block (default: 1024, or fewer where a block would exceed a binding); tests lower it to exercise blocking. */
  blockRows?: number;
  /** Initial capacity of the candidate list in entries (default 2^16; grows on overflow). */
  listCapacity?: number;
}

/**
 * A screener on `gpu`. The caller owns the device (close() does not destroy it).
 * @param gpu Device handle from acquireGpu.
 * @param options Blocking and list capacity.
 */
export function createGpuScreener(gpu: GpuHandle, options: GpuScreenerOptions = {}): Screener {
  async function screen(units: Float32Array, n: number, m: number, opts: ScreenOptions, onProgress?: (fraction: number) => void): Promise<Screening> {
    checkUnits(units, n, m);
    const o = resolveOptions(opts);
    const dim = Math.max(1, m);
    const blockRows = Math.min(options.blockRows ?? 1024, rowsPerBlock(gpu, dim));
    // A zero-dimensional set is one zero coordinate per row: same cosines (0).
    const data = m === 0 ? new Float32Array(n) : units.subarray(0, n * m);
    const blocks = uploadRowBlocks(gpu, data, dim, n, blockRows);
    const state: ThresholdedGramState = { capacity: options.listCapacity ?? 1 << 16, out: null };
    const tiles: CompactTiles = {
      async compact(i0, i1, j0, j1, rowLim, colLim) {
        const limits = new Float32Array(i1 - i0 + j1 - j0);
        limits.set(rowLim.subarray(0, i1 - i0));
        limits.set(colLim.subarray(0, j1 - j0), i1 - i0);
        return gpuThresholdedGramTile(gpu, blocks[i0 / blockRows], blocks[j0 / blockRows], dim, limits, i0 === j0, state);
      },
      dispose() {
        for (const b of blocks) b.buffer.destroy();
        state.out?.destroy();
      },
    };
    try {
      const sel = await sweepAll(tiles, n, blockRows, o, onProgress);
      return finishSelection(sel, o.maxPerRow);
    } finally {
      tiles.dispose();
    }
  }
  const name = `webgpu (${gpu.adapterInfo.description || gpu.adapterInfo.device || gpu.adapterInfo.vendor || 'adapter'})`;
  return {
    describe: () => name,
    screen,
    pairs: async (units, n, m, opts, onProgress): Promise<PairList> => (await screen(units, n, m, { ...opts, topK: 0 }, onProgress)).pairs,
  };
}
