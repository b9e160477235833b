/**
 * Single-thread screeners (browser-safe): the blocked sweep with the WASM SIMD
 * kernel, or the plain-JS reference kernel where WASM SIMD is missing.
 */
import { jsGramKernel } from './kernel-js.js';
import { wasmGramKernel, wasmSimdAvailable } from './kernel-wasm.js';
import { finishSelection } from './selection.js';
import { checkUnits, resolveOptions, sweepAll } from './sweep.js';
import type { GramKernel, PairList, Screener, Screening, ScreenOptions } from './types.js';

/** Which tile kernel a screener uses: 'auto' is WASM SIMD when the runtime has it, else JS. */
export type KernelChoice = 'auto' | 'wasm' | 'js';

/** The kernel for a choice; 'wasm' throws where WASM SIMD is unavailable. */
export function gramKernel(choice: KernelChoice = 'auto'): GramKernel {
  if (choice === 'js') return jsGramKernel;
  if (choice === 'wasm' || wasmSimdAvailable()) return wasmGramKernel;
  return jsGramKernel;
}

/**
 * One pass in this thread with `kernel`.
 *
 * @param kernel Tile kernel.
 * @param units Feature-major n×m unit directions.
 * @param n Features.
 * @param m Dimension.
 * @param opts Threshold, maxPerRow, topK.
 * @param onProgress Fraction of tiles done.
 */
export async function screenInThread(
  kernel: GramKernel,
  units: Float32Array,
  n: number,
  m: number,
  opts: ScreenOptions,
  onProgress?: (fraction: number) => void,
): Promise<Screening> {
  checkUnits(units, n, m);
  const o = resolveOptions(opts);
  const tiles = await kernel.load(units, n, m);
  try {
    const sel = await sweepAll(tiles, n, kernel.blockRows(m), o, onProgress);
    return finishSelection(sel, o.maxPerRow);
  } finally {
    tiles.dispose();
  }
}

/**
 * A screener running `kernel` in the calling thread.
 * @param kernel Tile kernel.
 * @param label What describe() says after the kernel's name.
 */
export function kernelScreener(kernel: GramKernel, label = '1 thread'): Screener {
  return {
    describe: () => `${kernel.name}, ${label}`,
    productKernel: () => Promise.resolve(kernel),
    screen: (units, n, m, opts, onProgress): Promise<Screening> => screenInThread(kernel, units, n, m, opts, onProgress),
    pairs: async (units, n, m, opts, onProgress): Promise<PairList> => (await screenInThread(kernel, units, n, m, { ...opts, topK: 0 }, onProgress)).pairs,
  };
}

/**
 * A screener running in the calling thread (browser-safe kernels only).
 * @param choice Kernel choice (default 'auto').
 */
export function createThreadScreener(choice: KernelChoice = 'auto'): Screener {
  return kernelScreener(gramKernel(choice));
}
