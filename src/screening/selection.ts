/**
 * Per-row bounded selections of one screening pass, two per feature:
 * - `top`: the K strongest partners by |cos| (ties: smaller partner index),
 *   whatever their size, for the top-K lists;
 * - `sig`: the maxPerRow strongest partners above the threshold, for the
 *   pair list;
 * plus the count of partners above the threshold (for truncation).
 * Each is a min-heap per row whose root is the weakest kept entry. Keeping
 * the below-threshold capacity at K (not maxPerRow) keeps heap traffic low.
 *
 * Each kept set is the top L under a strict total order, so it does not
 * depend on the order in which pairs are offered: worker threads keep their
 * own selections and merge them, and the result equals one thread's.
 */
import type { PairList, TopPartners } from './types.js';

/** n bounded min-heaps of capacity L in flat arrays. */
export interface RowHeaps {
  n: number;
  L: number;
  /** Partner index of heap slot s of row i at i·L + s. */
  index: Uint32Array;
  /** Signed cosine, aligned with index. */
  cos: Float32Array;
  /** |cos|, aligned with index (the heap key). */
  key: Float32Array;
  /** Entries held per row (≤ L). */
  size: Uint32Array;
  /**
   * |cos| of the weakest kept entry once the row is full (−1 before, +∞ when
   * L = 0): a pair with |cos| < floor[i] can never enter row i.
   */
  floor: Float32Array;
}

/** Both selections of a pass plus the above-threshold counts. */
export interface RowSelection {
  n: number;
  top: RowHeaps;
  sig: RowHeaps;
  /** Partners strictly above the threshold seen per row (not bounded). */
  above: Uint32Array;
}

/** The arrays of a selection (what workers post back). */
export interface SelectionArrays {
  top: Pick<RowHeaps, 'index' | 'cos' | 'key' | 'size'>;
  sig: Pick<RowHeaps, 'index' | 'cos' | 'key' | 'size'>;
  above: Uint32Array;
}

function createHeaps(n: number, L: number): RowHeaps {
  return {
    n,
    L,
    index: new Uint32Array(n * L),
    cos: new Float32Array(n * L),
    key: new Float32Array(n * L),
    size: new Uint32Array(n),
    floor: new Float32Array(n).fill(L === 0 ? Infinity : -1),
  };
}

/**
 * Empty selection for n rows.
 * @param n Rows (features).
 * @param topK Capacity of the top-K heaps.
 * @param maxPerRow Capacity of the above-threshold heaps.
 */
export function createSelection(n: number, topK: number, maxPerRow: number): RowSelection {
  return { n, top: createHeaps(n, topK), sig: createHeaps(n, maxPerRow), above: new Uint32Array(n) };
}

/** True when (a, ja) ranks strictly weaker than (b, jb): smaller |cos|, or equal |cos| and larger index. */
function weaker(a: number, ja: number, b: number, jb: number): boolean {
  return a < b || (a === b && ja > jb);
}

/**
 * Offers partner j with cosine c (|c| = a) to row i. Callers first test
 * a ≥ h.floor[i] (inline, it is the hot path) and call this only then.
 */
export function offer(h: RowHeaps, i: number, j: number, c: number, a: number): void {
  const { L, index, cos, key, size } = h;
  const base = i * L;
  const s = size[i];
  if (s < L) {
    // Sift up from the new leaf.
    let pos = s;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const p = base + parent;
      if (!weaker(a, j, key[p], index[p])) break;
      index[base + pos] = index[p];
      cos[base + pos] = cos[p];
      key[base + pos] = key[p];
      pos = parent;
    }
    index[base + pos] = j;
    cos[base + pos] = c;
    key[base + pos] = a;
    size[i] = s + 1;
    if (s + 1 === L) h.floor[i] = key[base];
    return;
  }
  if (!weaker(key[base], index[base], a, j)) return;
  // Replace the root (weakest) and sift down.
  let pos = 0;
  for (;;) {
    let child = 2 * pos + 1;
    if (child >= L) break;
    const right = child + 1;
    if (right < L && weaker(key[base + right], index[base + right], key[base + child], index[base + child])) child = right;
    const q = base + child;
    if (!weaker(key[q], index[q], a, j)) break;
    index[base + pos] = index[q];
    cos[base + pos] = cos[q];
    key[base + pos] = key[q];
    pos = child;
  }
  index[base + pos] = j;
  cos[base + pos] = c;
  key[base + pos] = a;
  h.floor[i] = key[base];
}

function mergeHeaps(into: RowHeaps, from: Pick<RowHeaps, 'index' | 'cos' | 'key' | 'size'>): void {
  const { L } = into;
  for (let i = 0; i < into.n; i++) {
    for (let s = 0; s < from.size[i]; s++) {
      const a = from.key[i * L + s];
      if (a >= into.floor[i]) offer(into, i, from.index[i * L + s], from.cos[i * L + s], a);
    }
  }
}

/** Adds a worker's selection (same n and capacities) into `into`. */
export function mergeSelection(into: RowSelection, from: SelectionArrays): void {
  mergeHeaps(into.top, from.top);
  mergeHeaps(into.sig, from.sig);
  for (let i = 0; i < into.n; i++) into.above[i] += from.above[i];
}

/** Row i's slots, strongest first. */
function sortedSlots(h: RowHeaps, i: number): number[] {
  const base = i * h.L;
  const slots = Array.from({ length: h.size[i] }, (_, s) => base + s);
  return slots.sort((s, t) => (weaker(h.key[s], h.index[s], h.key[t], h.index[t]) ? 1 : -1));
}

/**
 * The pair list and top-K lists of a finished selection.
 *
 * @param sel Selection whose rows saw every pair of both endpoints.
 * @param maxPerRow The capacity of the above-threshold heaps (rows above it are truncated).
 */
export function finishSelection(sel: RowSelection, maxPerRow: number): { pairs: PairList; top: TopPartners } {
  const { n, top: th, sig } = sel;
  const k = Math.max(0, Math.min(th.L, n - 1));
  const top: TopPartners = { k, index: new Uint32Array(n * k), cos: new Float32Array(n * k) };
  for (let i = 0; i < n; i++) {
    sortedSlots(th, i)
      .slice(0, k)
      .forEach((slot, t) => {
        top.index[i * k + t] = th.index[slot];
        top.cos[i * k + t] = th.cos[slot];
      });
  }
  // A pair kept by both endpoints appears twice: keys i·n + j (exact in
  // float64 for n < 9·10^7) sort both copies together, and one is dropped.
  let count = 0;
  for (let i = 0; i < n; i++) count += sig.size[i];
  const keys = new Float64Array(count);
  const cosOf = new Float32Array(count);
  let q = 0;
  for (let i = 0; i < n; i++) {
    for (let s = i * sig.L; s < i * sig.L + sig.size[i]; s++) {
      const j = sig.index[s];
      keys[q] = i < j ? i * n + j : j * n + i;
      cosOf[q++] = sig.cos[s];
    }
  }
  const order = Uint32Array.from({ length: count }, (_, t) => t).sort((a, b) => keys[a] - keys[b]);
  const I: number[] = [];
  const J: number[] = [];
  const C: number[] = [];
  for (let t = 0; t < count; t++) {
    const key = keys[order[t]];
    if (t > 0 && key === keys[order[t - 1]]) continue;
    const i = Math.floor(key / n);
    I.push(i);
    J.push(key - i * n);
    C.push(cosOf[order[t]]);
  }
  let truncatedRows = 0;
  for (let i = 0; i < n; i++) if (sel.above[i] > maxPerRow) truncatedRows++;
  return { pairs: { i: Uint32Array.from(I), j: Uint32Array.from(J), cos: Float32Array.from(C), truncatedRows }, top };
}
