/**
 * H0 of the Rips filtration by union-find over the edges in filtration order (Kruskal):
 * an edge joining two components kills one of them, born at 0.
 */
import { IndexMap } from './index-map.js';
import type { PersistencePair } from './types.js';

/** H0 bars and the edges that killed a component (these are cleared in dimension 1). */
export interface ZeroDimensional {
  pairs: PersistencePair[];
  /** Indices (i < j: C(j, 2) + i) of the merging edges. */
  mergingEdges: IndexMap;
}

/**
 * @param D - full symmetric n×n distances.
 * @param n - number of points.
 * @param threshold - edges longer than this are not in the complex.
 */
export function zeroDimensional(D: Float64Array, n: number, threshold: number): ZeroDimensional {
  const count = countEdges(D, n, threshold);
  const diam = new Float64Array(count);
  const index = new Float64Array(count);
  const ends = new Int32Array(2 * count);
  let e = 0;
  for (let j = 1; j < n; j++) {
    for (let i = 0; i < j; i++) {
      const d = D[j * n + i];
      if (d > threshold) continue;
      diam[e] = d;
      index[e] = (j * (j - 1)) / 2 + i;
      ends[2 * e] = i;
      ends[2 * e + 1] = j;
      e++;
    }
  }
  // Same total order as the higher dimensions: diameter, ties by decreasing index.
  const order = Uint32Array.from({ length: count }, (_, k) => k).sort((a, b) => diam[a] - diam[b] || index[b] - index[a]);
  const parent = Int32Array.from({ length: n }, (_, k) => k);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const pairs: PersistencePair[] = [];
  const mergingEdges = new IndexMap(n);
  let components = n;
  for (const k of order) {
    const a = find(ends[2 * k]);
    const b = find(ends[2 * k + 1]);
    if (a === b) continue;
    parent[a] = b;
    components--;
    mergingEdges.set(index[k], 0);
    if (diam[k] > 0) pairs.push({ birth: 0, death: diam[k] });
    if (components === 1) break;
  }
  for (let c = 0; c < components; c++) pairs.push({ birth: 0, death: Infinity });
  return { pairs, mergingEdges };
}

function countEdges(D: Float64Array, n: number, threshold: number): number {
  let count = 0;
  for (let j = 1; j < n; j++) for (let i = 0; i < j; i++) if (D[j * n + i] <= threshold) count++;
  return count;
}
