/**
 * DBSCAN (Ester, Kriegel, Sander & Xu, KDD 1996) with scikit-learn's exact
 * semantics, so labels equal `sklearn.cluster.DBSCAN(eps, min_samples).fit(X).labels_`
 * number for number:
 * - a neighbour is at distance ≤ eps (inclusive), and every point is its own neighbour;
 * - a core point has at least min_samples neighbours, itself included;
 * - clusters grow from core points in index order, by the stack walk of sklearn's
 *   `dbscan_inner` (reproduced below), so a border point reachable from several
 *   clusters joins the lowest-numbered one; noise is −1.
 *
 * The npm package `density-clustering` 1.3.0 (the JavaScript baseline this is
 * measured against) differs: it uses strict `distance < epsilon`; its `noise` list
 * keeps border points that were visited before their cluster reached them (its
 * issue #18); and `_mergeArrays` de-duplicates with Array.indexOf, so a cluster of
 * c points costs O(c³) on top of its O(n²) region queries.
 */
import { epsNeighbours } from './eps-neighbours.js';
import type { NeighbourLists, PointCloud } from './eps-neighbours.js';

/** Parameters shared by both input forms. */
export interface DbscanParams {
  /**
   * min_samples: the number of samples (or total weight) in a neighbourhood for a
   * point to be considered a core point. This includes the point itself; with
   * minSamples = 1 every point is a core point. A positive integer.
   */
  minSamples: number;
}

/** Parameters for a point cloud. */
export interface DbscanCloudParams extends DbscanParams {
  /**
   * eps: the maximum distance between two samples for one to be considered as in
   * the neighbourhood of the other (inclusive). Not a maximum bound on the distances
   * of points within a cluster. The metric is fixed to Euclidean. Finite and ≥ 0.
   */
  eps: number;
}

/** The result, mirroring scikit-learn's fitted attributes. */
export interface DbscanResult {
  /** labels_: cluster label of each point, 0 … nClusters−1 in order of discovery; noise is −1. */
  labels: Int32Array;
  /** 1 for core samples (core_sample_indices_ are the indices where this is 1), else 0. */
  core: Uint8Array;
  /** Number of clusters found. */
  nClusters: number;
}

/**
 * Perform DBSCAN clustering from a Euclidean point cloud.
 *
 * @param cloud - The samples: `points` (count × dim, row-major Float64Array) and `dim`.
 * @param params - `eps` (inclusive radius) and `minSamples` (self included).
 */
export function dbscan(cloud: PointCloud, params: DbscanCloudParams): DbscanResult;
/**
 * Perform DBSCAN clustering from precomputed ε-neighbour lists (CSR, each list
 * containing the point itself, e.g. from {@link epsNeighbours} or the WebGPU kernel).
 * eps is implied by the lists.
 *
 * @param lists - `offsets` (count + 1) and `neighbours`.
 * @param params - `minSamples` (self included).
 */
export function dbscan(lists: NeighbourLists, params: DbscanParams): DbscanResult;
export function dbscan(input: PointCloud | NeighbourLists, params: DbscanParams | DbscanCloudParams): DbscanResult {
  const { minSamples } = params;
  if (!Number.isInteger(minSamples) || minSamples < 1) {
    throw new RangeError(`minSamples must be a positive integer, got ${minSamples}`);
  }
  let lists: NeighbourLists;
  if ('points' in input) {
    if (!('eps' in params)) throw new RangeError('eps is required when clustering a point cloud');
    lists = epsNeighbours(input, params.eps);
  } else {
    checkLists(input);
    lists = input;
  }
  return dbscanInner(lists, minSamples);
}

/**
 * The cluster walk of scikit-learn's `_dbscan_inner.pyx`, step for step: for each
 * unlabelled core point in index order, label everything reachable through core
 * points with a depth-first stack. Each core point is expanded once, so the stack
 * never holds more than one entry per (core, neighbour) pair.
 */
function dbscanInner(lists: NeighbourLists, minSamples: number): DbscanResult {
  const { offsets, neighbours } = lists;
  const n = offsets.length - 1;
  const core = new Uint8Array(n);
  for (let i = 0; i < n; i++) core[i] = offsets[i + 1] - offsets[i] >= minSamples ? 1 : 0;

  const labels = new Int32Array(n).fill(-1);
  const stack = new Uint32Array(neighbours.length + 1);
  let label = 0;
  for (let seed = 0; seed < n; seed++) {
    if (labels[seed] !== -1 || core[seed] === 0) continue;
    let top = 0;
    let i = seed;
    for (;;) {
      if (labels[i] === -1) {
        labels[i] = label;
        if (core[i] === 1) {
          for (let q = offsets[i]; q < offsets[i + 1]; q++) {
            const v = neighbours[q];
            if (labels[v] === -1) stack[top++] = v;
          }
        }
      }
      if (top === 0) break;
      i = stack[--top];
    }
    label++;
  }
  return { labels, core, nClusters: label };
}

/** Rejects malformed CSR input before it can index out of range. */
function checkLists(lists: NeighbourLists): void {
  const { offsets, neighbours } = lists;
  const n = offsets.length - 1;
  if (n < 0 || offsets[0] !== 0 || offsets[n] !== neighbours.length) {
    throw new RangeError('offsets must have count + 1 entries, start at 0 and end at neighbours.length');
  }
  for (let i = 0; i < n; i++) {
    if (offsets[i + 1] < offsets[i]) throw new RangeError(`offsets decrease at row ${i}`);
    let self = false;
    for (let q = offsets[i]; q < offsets[i + 1]; q++) {
      const v = neighbours[q];
      if (v >= n) throw new RangeError(`neighbour ${v} of point ${i} is out of range (count ${n})`);
      if (v === i) self = true;
    }
    if (!self) throw new RangeError(`the neighbour list of point ${i} must contain ${i} itself`);
  }
}
