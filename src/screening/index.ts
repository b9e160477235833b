/**
 * Dictionary-scale screening (browser-safe): one blocked float32 pass over the
 * Gram matrix of unit directions yielding significant pairs and per-feature
 * top-K partners. The Node worker pool is in pool-node.ts (import it directly).
 */
export type { GramKernel, GramTiles, PairList, Screener, Screening, ScreenOptions, TopPartners } from './types.js';
export { DEFAULT_MAX_PER_ROW, DEFAULT_TOP_K } from './types.js';
export { createThreadScreener, gramKernel, screenInThread } from './screener.js';
export type { KernelChoice } from './screener.js';
export { wasmSimdAvailable } from './kernel-wasm.js';
export { randomCosineTail, recheckPairs, unitDirections } from './units.js';
export { dimensionalityOnKernel } from './dimensionality.js';
