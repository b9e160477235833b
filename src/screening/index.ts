/**
 * Dictionary-scale screening (browser-safe): one blocked float32 pass over the
 * Gram matrix of unit directions yielding significant pairs and per-feature
 * top-K partners, with no N×N matrix (memory O(n·(K + maxPerRow)) plus one
 * tile per thread). The Node worker pool, which also loads the native
 * onnxruntime kernel, is in pool-node.ts (import it directly: it needs node:
 * modules).
 *
 * Backends: createThreadScreener (WASM SIMD, else JS), createGpuScreener
 * (WebGPU), createWorkerScreener in pool-node.ts (onnxruntime's MLAS where
 * installed, else WASM SIMD, on worker threads). Decisions: a pair is
 * significant when |cos| > threshold strictly; ties in |cos| go to the smaller
 * index; a feature keeps at most maxPerRow significant partners and a pair
 * survives when either endpoint keeps it; cosines are float32, so the caller
 * re-checks kept pairs in float64 (recheckPairs) before deciding near a cut.
 */
export type { GramKernel, GramTiles, PairList, Screener, Screening, ScreenOptions, TopPartners } from './types.js';
export { DEFAULT_MAX_PER_ROW, DEFAULT_TOP_K } from './types.js';
export { createThreadScreener, gramKernel, kernelScreener, screenInThread } from './screener.js';
export { createGpuScreener } from './screener-gpu.js';
export type { GpuScreenerOptions } from './screener-gpu.js';
export type { KernelChoice } from './screener.js';
export { wasmSimdAvailable } from './kernel-wasm.js';
export { randomCosineTail, recheckPairs, unitDirections } from './units.js';
export { dimensionalityOnKernel } from './dimensionality.js';
