/**
 * Per-row bounded selection: for every feature, the L strongest partners seen
 * so far (|cos| descending, ties by smaller partner index), as a min-heap whose
 * root is the weakest kept entry, plus a count of partners above the threshold.
 *
 * The kept set is the top L under a strict total order, so it does not depend
 * on the order in which pairs are offered: worker threads can each keep their
 * own selection and merge them, and the result equals one thread's.
 */
import type { PairList, TopPartners } from './types.js';

/** Flat storage of n bounded heaps of capacity L. */
export interface RowSelection {
  n: number;
  L: number;
  /** Partner index of heap slot s of row i at i·L + s. */
  index: Uint32Array;
  /** Signed cosine, aligned with index. */
  cos: Float32Array;
  /** Entries held per row (≤ L). */
  size: Uint32Array;
  /**
   * |cos| of the weakest kept entry once the row is full, −1 before: a pair
   * with |cos| < floor[i] can never enter row i (the fast rejection test).
   */
  floor: Float32Array;
  /** Partners strictly above the threshold seen per row (not bounded by L). */
  above: Uint32Array;
}

/**
 * Empty selection of n rows of capacity L.
 * @param n Rows (features).
 * @param L Capacity per row, ≥ 1.
 */
export function createSelection(n: number, L: number): RowSelection {
  return {
    n,
    L,
    index: new Uint32Array(n * L),
    cos: new Float32Array(n * L),
    size: new Uint32Array(n),
    floor: new Float32Array(n).fill(-1),
    above: new Uint32Array(n),
  };
}

/** True when (a, ja) ranks strictly weaker than (b, jb): smaller |cos|, or equal |cos| and larger index. */
function weaker(a: number, ja: number, b: number, jb: number): boolean {
  return a < b || (a === b && ja > jb);
}

/**
 * Offers partner j with cosine c to row i. Callers first test
 * |c| ≥ sel.floor[i] (inline, it is the hot path) and call this only then.
 */
export function offer(sel: RowSelection, i: number, j: number, c: number): void {
  const { L, index, cos, size } = sel;
  const base = i * L;
  const a = Math.abs(c);
  let s = size[i];
  if (s < L) {
    // Sift up from the new leaf.
    let pos = s;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const p = base + parent;
      if (!weaker(a, j, Math.abs(cos[p]), index[p])) break;
      index[base + pos] = index[p];
      cos[base + pos] = cos[p];
      pos = parent;
    }
    index[base + pos] = j;
    cos[base + pos] = c;
    size[i] = ++s;
    if (s === L) sel.floor[i] = Math.abs(cos[base]);
    return;
  }
  if (!weaker(Math.abs(cos[base]), index[base], a, j)) return;
  // Replace the root (weakest) and sift down.
  let pos = 0;
  for (;;) {
    const left = 2 * pos + 1;
    if (left >= L) break;
    let child = left;
    const right = left + 1;
    if (right < L && weaker(Math.abs(cos[base + right]), index[base + right], Math.abs(cos[base + left]), index[base + left])) child = right;
    const q = base + child;
    if (!weaker(Math.abs(cos[q]), index[q], a, j)) break;
    index[base + pos] = index[q];
    cos[base + pos] = cos[q];
    pos = child;
  }
  index[base + pos] = j;
  cos[base + pos] = c;
  sel.floor[i] = Math.abs(cos[base]);
}

/**
 * Adds `from`'s entries and above-threshold counts into `into` (same n and L).
 * Used to combine the selections of worker threads.
 */
export function mergeSelection(into: RowSelection, from: Pick<RowSelection, 'n' | 'L' | 'index' | 'cos' | 'size' | 'above'>): void {
  const { L } = from;
  for (let i = 0; i < from.n; i++) {
    into.above[i] += from.above[i];
    for (let s = 0; s < from.size[i]; s++) {
      const c = from.cos[i * L + s];
      if (Math.abs(c) >= into.floor[i]) offer(into, i, from.index[i * L + s], c);
    }
  }
}

/** Row i's entries, strongest first. */
function sortedRow(sel: RowSelection, i: number): { index: Uint32Array; cos: Float32Array } {
  const { L } = sel;
  const count = sel.size[i];
  const order = Array.from({ length: count }, (_, s) => s);
  const idx = sel.index.subarray(i * L, i * L + count);
  const cs = sel.cos.subarray(i * L, i * L + count);
  order.sort((s, t) => (weaker(Math.abs(cs[s]), idx[s], Math.abs(cs[t]), idx[t]) ? 1 : -1));
  return { index: Uint32Array.from(order, (s) => idx[s]), cos: Float32Array.from(order, (s) => cs[s]) };
}

/**
 * The pair list and top-K lists of a finished selection.
 *
 * @param sel Selection whose rows saw every pair of both endpoints.
 * @param threshold Significance threshold (|cos| > threshold).
 * @param maxPerRow Pairs kept per row, at most.
 * @param topK Partners per row in the top-K lists (clipped to n − 1).
 */
export function finishSelection(sel: RowSelection, threshold: number, maxPerRow: number, topK: number): { pairs: PairList; top: TopPartners } {
  const { n } = sel;
  const k = Math.max(0, Math.min(topK, n - 1));
  const top: TopPartners = { k, index: new Uint32Array(n * k), cos: new Float32Array(n * k) };
  // Pair keys i·n + j (exact in float64 for n < 9·10^7) let one typed sort order and dedupe them.
  const keys: number[] = [];
  const keyCos = new Map<number, number>();
  let truncatedRows = 0;
  for (let i = 0; i < n; i++) {
    const row = sortedRow(sel, i);
    top.index.set(row.index.subarray(0, k), i * k);
    top.cos.set(row.cos.subarray(0, k), i * k);
    if (sel.above[i] > maxPerRow) truncatedRows++;
    const keep = Math.min(maxPerRow, row.index.length);
    for (let s = 0; s < keep; s++) {
      const c = row.cos[s];
      if (!(Math.abs(c) > threshold)) break;
      const j = row.index[s];
      const key = i < j ? i * n + j : j * n + i;
      if (!keyCos.has(key)) {
        keyCos.set(key, c);
        keys.push(key);
      }
    }
  }
  const sorted = Float64Array.from(keys).sort();
  const pairs: PairList = {
    i: new Uint32Array(sorted.length),
    j: new Uint32Array(sorted.length),
    cos: new Float32Array(sorted.length),
    truncatedRows,
  };
  sorted.forEach((key, p) => {
    pairs.i[p] = Math.floor(key / n);
    pairs.j[p] = key - pairs.i[p] * n;
    pairs.cos[p] = keyCos.get(key) ?? 0;
  });
  return { pairs, top };
}
