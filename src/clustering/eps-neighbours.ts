/**
 * Exact ε-neighbour lists of a Euclidean point cloud, in CSR form.
 *
 * Choices (why, in short):
 * - Sweep along one coordinate instead of a grid or KD-tree: the points are sorted
 *   by the coordinate with the largest spread and each point is compared only with
 *   the following points whose coordinate differs by at most eps; the coordinates
 *   with the next two largest spreads are then tested alone before the full sum.
 *   Each test `d*d > eps*eps` uses the same rounded square that enters the full sum, and
 *   a float sum of non-negative terms never decreases, so pruning can never drop a
 *   pair the full test would accept: the result is exactly
 *   `{ j : Σ_r (x_ir − x_jr)² ≤ eps² }` as evaluated in float64. It works for any
 *   dimension (2 to ~2080), needs no tuning, and is fast whenever clusters are
 *   tight compared with the spread of the cloud (projector embeddings).
 * - Σ(x−y)² is summed directly, never as ‖x‖² + ‖y‖² − 2x·y: that expansion cancels
 *   catastrophically for near-duplicates (the very pairs DBSCAN must find).
 * - Coordinates are summed in their natural order r = 0, 1, …, dim−1, the order
 *   scikit-learn's KD-tree and ball tree use (`euclidean_rdist`), so ties at eps
 *   resolve as they do there (their brute-force path, used above 15 dimensions,
 *   expands the square and may differ at ties); the sum stops early once it exceeds eps².
 */

/**
 * ε-neighbour lists in compressed sparse row form (the layout the WebGPU kernel
 * also produces): the neighbours of point i are
 * `neighbours[offsets[i]] … neighbours[offsets[i+1] − 1]`, sorted ascending, and
 * include i itself.
 */
export interface NeighbourLists {
  /** Row starts, length count + 1; offsets[0] = 0 and offsets[count] = neighbours.length. */
  offsets: Uint32Array;
  /** Concatenated neighbour indices (0-based), each row sorted ascending. */
  neighbours: Uint32Array;
}

/** A point cloud: `count` points of dimension `dim`, point i at `points[i*dim … i*dim+dim−1]`. */
export interface PointCloud {
  /** Coordinates, row-major, length count × dim. */
  points: Float64Array;
  /** Dimension of each point (≥ 1). */
  dim: number;
}

/** Coordinates summed between two early-exit checks in the distance loop. */
const EXIT_BLOCK = 32;

/**
 * Number of points in a cloud, after checking its shape.
 *
 * @param cloud - The point cloud.
 * @returns count = points.length / dim.
 * @throws RangeError if dim is not a positive integer, the length is not a multiple
 *   of dim, or a coordinate is not finite.
 */
export function pointCount(cloud: PointCloud): number {
  const { points, dim } = cloud;
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`dim must be a positive integer, got ${dim}`);
  if (points.length % dim !== 0) {
    throw new RangeError(`points.length ${points.length} is not a multiple of dim ${dim}`);
  }
  for (let i = 0; i < points.length; i++) {
    if (!Number.isFinite(points[i])) {
      throw new RangeError(`coordinate ${i % dim} of point ${Math.floor(i / dim)} is not finite`);
    }
  }
  return points.length / dim;
}

/**
 * Whether Σ_r (x[a+r] − x[b+r])² ≤ eps2, summed in order r = 0 … dim−1; stops once
 * a block of EXIT_BLOCK terms has pushed the sum past eps2 (the sum never decreases).
 */
function squaredDistanceAtMost(x: Float64Array, a: number, b: number, dim: number, eps2: number): boolean {
  let acc = 0;
  for (let r = 0; r < dim;) {
    const end = r + EXIT_BLOCK < dim ? r + EXIT_BLOCK : dim;
    for (; r < end; r++) {
      const d = x[a + r] - x[b + r];
      acc += d * d;
    }
    if (acc > eps2) return false;
  }
  return true;
}

/**
 * All ε-neighbours of every point of a Euclidean point cloud, exactly, in float64.
 *
 * @param cloud - The points (count × dim, row-major) and their dimension.
 * @param eps - The radius: j is a neighbour of i when ‖x_i − x_j‖ ≤ eps (inclusive,
 *   as scikit-learn's `radius_neighbors`). Must be finite and ≥ 0.
 * @returns CSR lists, each sorted ascending and containing the point itself.
 */
export function epsNeighbours(cloud: PointCloud, eps: number): NeighbourLists {
  if (!(Number.isFinite(eps) && eps >= 0)) throw new RangeError(`eps must be finite and >= 0, got ${eps}`);
  const n = pointCount(cloud);
  const { points, dim } = cloud;
  const eps2 = eps * eps;

  // Coordinates by decreasing spread: the widest is the sweep key, the next two are
  // checked alone before the full sum (each alone is a lower bound on it).
  const spread = new Float64Array(dim);
  for (let r = 0; r < dim; r++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = points[i * dim + r];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    spread[r] = hi - lo;
  }
  const byspread = Array.from({ length: dim }, (_, r) => r).sort((a, b) => spread[b] - spread[a]);
  const sweep = byspread[0];
  const c1 = byspread[Math.min(1, dim - 1)];
  const c2 = byspread[Math.min(2, dim - 1)];

  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((p, q) => points[p * dim + sweep] - points[q * dim + sweep]);
  // Sorted copy: the inner loop then walks memory contiguously.
  const xs = new Float64Array(n * dim);
  const key = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    xs.set(points.subarray(order[s] * dim, order[s] * dim + dim), s * dim);
    key[s] = points[order[s] * dim + sweep];
  }

  // Pairs (i, j), i ≠ j, in two growable arrays (kept local: this loop is the hot path).
  let pa: Uint32Array = new Uint32Array(Math.max(1024, 4 * n));
  let pb: Uint32Array = new Uint32Array(pa.length);
  let count = 0;
  for (let s = 0; s < n; s++) {
    const base = s * dim;
    const ks = key[s];
    for (let t = s + 1; t < n; t++) {
      const diff = key[t] - ks;
      if (diff * diff > eps2) break;
      const other = t * dim;
      const d1 = xs[base + c1] - xs[other + c1];
      if (d1 * d1 > eps2) continue;
      const d2 = xs[base + c2] - xs[other + c2];
      if (d2 * d2 > eps2) continue;
      if (!squaredDistanceAtMost(xs, base, other, dim, eps2)) continue;
      if (count === pa.length) {
        pa = grow(pa);
        pb = grow(pb);
      }
      pa[count] = order[s];
      pb[count] = order[t];
      count++;
    }
  }
  return symmetricLists(n, pa, pb, count);
}

/** A copy of `a` with twice the capacity. */
function grow(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Sorted CSR lists from unordered pairs {i, j} (i ≠ j) plus every point itself.
 * Rows are sorted without a sort: filling row r with c for c = 0, 1, … over an
 * unsorted copy grouped by c yields each row in ascending order (a CSR transpose;
 * the relation is symmetric, so the transpose is the same relation).
 */
function symmetricLists(n: number, pa: Uint32Array, pb: Uint32Array, count: number): NeighbourLists {
  const offsets = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = 1;
  for (let p = 0; p < count; p++) {
    offsets[pa[p] + 1]++;
    offsets[pb[p] + 1]++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const nnz = offsets[n];

  const unsorted = new Uint32Array(nnz);
  const cursor = offsets.slice(0, n);
  for (let i = 0; i < n; i++) unsorted[cursor[i]++] = i;
  for (let p = 0; p < count; p++) {
    const i = pa[p];
    const j = pb[p];
    unsorted[cursor[i]++] = j;
    unsorted[cursor[j]++] = i;
  }

  const neighbours = new Uint32Array(nnz);
  cursor.set(offsets.subarray(0, n));
  for (let c = 0; c < n; c++) {
    for (let q = offsets[c]; q < offsets[c + 1]; q++) neighbours[cursor[unsorted[q]]++] = c;
  }
  return { offsets, neighbours };
}
