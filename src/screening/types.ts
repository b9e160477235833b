/**
 * Types of the dictionary-scale screening pass: one blocked float32 sweep over
 * the Gram matrix of unit directions that yields the significant pairs
 * (|cos| above a threshold) and every feature's strongest partners (top-K),
 * without ever holding an N×N matrix.
 */

/** What one screening pass keeps. */
export interface ScreenOptions {
  /** A pair is significant when |cos| > threshold (strict), e.g. {@link randomCosineTail}·1.1. */
  threshold: number;
  /**
   * Keep at most this many largest-|cos| partners per feature in the pair list
   * (memory bound: n·maxPerRow pairs at most). A pair survives when it is among
   * the maxPerRow strongest of either endpoint. Default {@link DEFAULT_MAX_PER_ROW}.
   */
  maxPerRow?: number;
  /** Partners per feature in the top-K lists (threshold-free), default {@link DEFAULT_TOP_K}; 0 for none. */
  topK?: number;
}

/** Default of {@link ScreenOptions.maxPerRow}: a feature in a 64-gon still keeps all its partners. */
export const DEFAULT_MAX_PER_ROW = 64;
/** Default of {@link ScreenOptions.topK}. */
export const DEFAULT_TOP_K = 16;

/** Significant pairs, i < j, |cos| > threshold, sorted by i then j. */
export interface PairList {
  i: Uint32Array;
  j: Uint32Array;
  /** float32 cosine of the pair (signed). */
  cos: Float32Array;
  /** Rows that had more than maxPerRow partners above the threshold (their weakest were dropped). */
  truncatedRows: number;
}

/**
 * Each feature's k strongest partners by |cos| (ties: smaller index first),
 * row-major n×k; k = min(topK, n − 1), so every row is full.
 */
export interface TopPartners {
  k: number;
  index: Uint32Array;
  /** Signed float32 cosines, index-aligned. */
  cos: Float32Array;
}

/** Both outputs of one pass. */
export interface Screening {
  pairs: PairList;
  top: TopPartners;
}

/**
 * A screening backend. `units` is feature-major n×m float32 of unit directions
 * (zero rows stay zero; their cosines are 0).
 */
export interface Screener {
  /** One line naming the kernel and threads, for progress lines and params. */
  describe(): string;
  /** The pass: pairs and top-K at once. `onProgress` receives the fraction of Gram tiles done. */
  screen(units: Float32Array, n: number, m: number, opts: ScreenOptions, onProgress?: (fraction: number) => void): Promise<Screening>;
  /** Only the pair list (top-K not kept). */
  pairs(units: Float32Array, n: number, m: number, opts: ScreenOptions, onProgress?: (fraction: number) => void): Promise<PairList>;
  /**
   * The tile kernel for dense products in the calling thread (D_i's frame operator), at this screener's
   * speed: the pool's native kernel with one intra-op thread per worker. Absent: gramKernel('auto').
   */
  productKernel?(): Promise<GramKernel>;
  /** Releases workers or devices; the screener is unusable afterwards. */
  close?(): Promise<void>;
}

/**
 * A float32 Gram kernel bound to one set of units: computes tiles
 * C[r·stride + c] = u_{i0+r} · u_{j0+c} for r < i1−i0, c < j1−j0.
 */
export interface GramTiles {
  /** The tile; the returned view is valid until the next call. */
  tile(i0: number, i1: number, j0: number, j1: number): Promise<{ C: Float32Array; stride: number }>;
  /**
   * Optional fast pre-scan of the last tile: flat indices r·stride + c (in
   * order) of the entries with |C| ≥ rowLim[r] or ≥ colLim[c]; the rest need
   * no look. rowLim/colLim must cover the tile's padded rows and stride.
   */
  candidates?(rowLim: Float32Array, colLim: Float32Array): Uint32Array;
  /** Padded rows and stride of a tile of the given size, for sizing rowLim/colLim. */
  padded?(rows: number, cols: number): { rows: number; stride: number };
  /** Frees what load() allocated. */
  dispose(): void;
}

/** A tile kernel: loads units once, then serves tiles. */
export interface GramKernel {
  /** Short name ('js', 'wasm-simd', 'onnxruntime'). */
  readonly name: string;
  /** Rows per screening block that keep this kernel's working set in cache for dimension m. */
  blockRows(m: number): number;
  load(units: Float32Array, n: number, m: number): Promise<GramTiles>;
}
