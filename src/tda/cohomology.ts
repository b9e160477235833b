/**
 * Persistent cohomology of one dimension d ≥ 1 of the Rips filtration over Z/2, the way
 * Ripser computes it (Bauer 2021): reduce the coboundary matrix (columns: d-simplices in
 * reverse filtration order; pivot: a column's earliest cofacet) with
 *  - clearing: d-simplices that were pivots in dimension d−1 reduce to zero, skip them;
 *  - apparent pairs: zero-persistence pairs (σ, τ) readable off the distances are never
 *    stored, they are recognised again whenever τ turns up as a pivot;
 *  - emergent pairs: a column whose earliest cofacet has its own diameter and is no one's
 *    pivot is already reduced;
 *  - implicit matrices: coboundaries are enumerated on the fly, only the reduction
 *    matrix's (usually empty) columns are kept.
 * Pairs (σ, τ) give bars [diam σ, diam τ); a column reducing to zero an infinite bar.
 */
import { IndexMap } from './index-map.js';
import type { RipsComplex } from './rips-complex.js';
import type { PersistencePair } from './types.js';
import { WorkingColumn } from './working-column.js';

/** Bars of one dimension, and the pivots (killing (d+1)-simplices) to clear in dimension d+1. */
export interface DimensionPersistence {
  pairs: PersistencePair[];
  pivots: IndexMap;
}

/**
 * @param cx - the complex.
 * @param d - dimension, ≥ 1.
 * @param cleared - d-simplices known to be pivots of dimension d−1 (for d = 1, the H0 merging edges).
 * @param clearApparent - also skip d-simplices that are the cofacet of a zero apparent pair of
 *   dimension d−1 (those pairs were never stored, so `cleared` misses them); false for d = 1,
 *   whose dimension-0 pairs come from union-find.
 */
export function cohomologyInDimension(cx: RipsComplex, d: number, cleared: IndexMap, clearApparent: boolean): DimensionPersistence {
  const columns = assembleColumns(cx, d, cleared, clearApparent);
  return reduceColumns(cx, d, columns);
}

interface Columns {
  diam: Float64Array;
  index: Float64Array;
  count: number;
}

/** The d-simplices whose columns need reducing, in reverse filtration order. */
function assembleColumns(cx: RipsComplex, d: number, cleared: IndexMap, clearApparent: boolean): Columns {
  const { dist, n, threshold, binomial } = cx;
  const vertices = new Int32Array(d + 1);
  let diam = new Float64Array(1024);
  let index = new Float64Array(1024);
  let count = 0;
  const visit = (idx: number, dm: number): void => {
    if (cx.zeroApparentCofacet(vertices, d + 1, idx, dm) >= 0) return;
    if (cleared.get(idx) >= 0) return;
    if (clearApparent && cx.zeroApparentFacet(vertices, d + 1, idx, dm) >= 0) return;
    if (count === diam.length) {
      diam = grow(diam);
      index = grow(index);
    }
    diam[count] = dm;
    index[count] = idx;
    count++;
  };
  // All d-simplices of diameter ≤ threshold, choosing vertices from the top position down.
  const choose = (pos: number, below: number, partialDiam: number, partialIndex: number): void => {
    for (let v = pos; v < below; v++) {
      let dm = partialDiam;
      const row = v * n;
      for (let p = pos + 1; p <= d; p++) if (dist[row + vertices[p]] > dm) dm = dist[row + vertices[p]];
      if (dm > threshold) continue;
      vertices[pos] = v;
      const idx = partialIndex + binomial.get(v, pos + 1);
      if (pos === 0) visit(idx, dm);
      else choose(pos - 1, v, dm, idx);
    }
  };
  choose(d, n, 0, 0);
  const order = Uint32Array.from({ length: count }, (_, k) => k).sort((a, b) => diam[b] - diam[a] || index[a] - index[b]);
  const sortedDiam = new Float64Array(count);
  const sortedIndex = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    sortedDiam[k] = diam[order[k]];
    sortedIndex[k] = index[order[k]];
  }
  return { diam: sortedDiam, index: sortedIndex, count };
}

function reduceColumns(cx: RipsComplex, d: number, columns: Columns): DimensionPersistence {
  const pairs: PersistencePair[] = [];
  const pivots = new IndexMap(columns.count);
  const column = new WorkingColumn(cx.values.length);
  const vertices = new Int32Array(d + 1);
  const cofacet = new Int32Array(d + 2);
  // Reduction matrix V: column j adds the coboundaries of reduction[start[j] .. start[j+1]).
  const start = new Int32Array(columns.count + 1);
  let reduction = new Float64Array(64);
  let used = 0;
  let working = new Float64Array(64);

  // Adds δ(simplex idx), less its entries before the pivot (pivotRank, pivotIndex).
  const addCoboundary = (idx: number, pivotRank: number, pivotIndex: number): void => {
    cx.binomial.decode(idx, d + 1, cx.n, vertices);
    cx.pushCofacets(column, vertices, d + 1, idx, cx.diameterRank(vertices, d + 1), pivotRank, pivotIndex);
  };

  for (let j = 0; j < columns.count; j++) {
    start[j] = used;
    const sigma = columns.index[j];
    const diam = columns.diam[j];
    cx.binomial.decode(sigma, d + 1, cx.n, vertices);

    const zero = cx.zeroCofacet(vertices, d + 1, sigma, diam);
    if (zero >= 0 && pivots.get(zero) < 0) {
      cx.binomial.decode(zero, d + 2, cx.n, cofacet);
      if (cx.zeroApparentFacet(cofacet, d + 2, zero, diam) < 0) {
        // Emergent pair: the unreduced column's pivot is free; length 0, no bar.
        pivots.set(zero, j);
        continue;
      }
    }

    const rank = cx.diameterRank(vertices, d + 1);
    column.begin(rank);
    cx.pushCofacets(column, vertices, d + 1, sigma, rank, rank, Infinity);
    let added = 0;
    for (;;) {
      if (!column.settle()) {
        pairs.push({ birth: diam, death: Infinity });
        break;
      }
      const tau = column.topIndex();
      const tauRank = column.topRank();
      const tauDiam = cx.values[tauRank];
      const owner = pivots.get(tau);
      if (owner >= 0) {
        // Add column `owner` (its simplex and its stored V column).
        const from = start[owner];
        const to = start[owner + 1];
        const extra = 1 + (to - from);
        while (added + extra > working.length) working = grow(working);
        working[added++] = columns.index[owner];
        addCoboundary(columns.index[owner], tauRank, tau);
        for (let r = from; r < to; r++) {
          working[added++] = reduction[r];
          addCoboundary(reduction[r], tauRank, tau);
        }
        continue;
      }
      cx.binomial.decode(tau, d + 2, cx.n, cofacet);
      const apparent = cx.zeroApparentFacet(cofacet, d + 2, tau, tauDiam);
      if (apparent >= 0) {
        if (added === working.length) working = grow(working);
        working[added++] = apparent;
        addCoboundary(apparent, tauRank, tau);
        continue;
      }
      if (tauDiam > diam) pairs.push({ birth: diam, death: tauDiam });
      pivots.set(tau, j);
      // Keep V's column, with Z/2 duplicates cancelled.
      const kept = cancelPairs(working.subarray(0, added));
      while (used + kept.length > reduction.length) reduction = grow(reduction);
      reduction.set(kept, used);
      used += kept.length;
      break;
    }
  }
  return { pairs, pivots };
}

/** The entries of `values` that occur an odd number of times. */
function cancelPairs(values: Float64Array): Float64Array<ArrayBuffer> {
  if (values.length < 2) return values.slice();
  const sorted = values.slice().sort();
  const out: number[] = [];
  for (let k = 0; k < sorted.length;) {
    let e = k;
    while (e < sorted.length && sorted[e] === sorted[k]) e++;
    if ((e - k) % 2 === 1) out.push(sorted[k]);
    k = e;
  }
  return Float64Array.from(out);
}

function grow(a: Float64Array): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
