/**
 * Maxmin (farthest-point) landmarks: a subsample L of the cloud X, each new landmark the
 * point farthest from those chosen so far (de Silva & Carlsson 2004; Gonzalez 1985). After
 * the last pick every point lies within the covering radius ε = max_x min_l ‖x − l‖ of a
 * landmark, so the Hausdorff, hence Gromov–Hausdorff, distance between X and L is ≤ ε, and
 * by the stability of Rips persistence (Chazal, de Silva & Oudot 2014, Thm 5.2, for the
 * filtration by simplex diameter) the barcodes of Rips(X) and Rips(L) are within bottleneck
 * distance 2ε: every bar of X longer than 4ε has a partner in L, and vice versa.
 */

/** A landmark subsample and how well it covers the cloud. */
export interface LandmarkSample {
  /** Indices of the landmarks into the cloud, in the order they were picked. */
  indices: number[];
  /** ε = max over points of the distance to the nearest landmark (0 when every point is one). */
  coveringRadius: number;
}

/**
 * Picks `count` landmarks by maxmin, Euclidean. The first is the point farthest from the
 * cloud's mean; ties go to the lowest index, so the choice depends on the points only.
 * Cost O(N·count·dim), no N×N matrix.
 *
 * @param points - row-major N×dim coordinates.
 * @param dim - coordinates per point.
 * @param count - landmarks wanted (all N when count ≥ N).
 */
export function maxminLandmarks(points: Float64Array, dim: number, count: number): LandmarkSample {
  const n = points.length / dim;
  if (!Number.isInteger(n)) throw new RangeError(`points.length ${points.length} is not a multiple of dim ${dim}`);
  if (!(count >= 1)) throw new RangeError(`count must be ≥ 1, got ${count}`);
  if (n === 0) return { indices: [], coveringRadius: 0 };
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let r = 0; r < dim; r++) mean[r] += points[i * dim + r] / n;
  const distanceTo = (i: number, centre: Float64Array | number): number => {
    let s = 0;
    for (let r = 0; r < dim; r++) s += (points[i * dim + r] - (typeof centre === 'number' ? points[centre * dim + r] : centre[r])) ** 2;
    return Math.sqrt(s);
  };
  const nearest = new Float64Array(n).fill(Infinity);
  const farthest = (d: (i: number) => number): number => {
    let best = 0;
    let bestValue = -1;
    for (let i = 0; i < n; i++) {
      const v = d(i);
      if (v > bestValue) {
        bestValue = v;
        best = i;
      }
    }
    return best;
  };
  const indices = [farthest((i) => distanceTo(i, mean))];
  for (;;) {
    const last = indices[indices.length - 1];
    for (let i = 0; i < n; i++) nearest[i] = Math.min(nearest[i], distanceTo(i, last));
    if (indices.length >= Math.min(count, n)) break;
    indices.push(farthest((i) => nearest[i]));
  }
  let coveringRadius = 0;
  for (let i = 0; i < n; i++) coveringRadius = Math.max(coveringRadius, nearest[i]);
  return { indices, coveringRadius };
}

/** The rows `indices` of a row-major N×dim array, in that order. */
export function selectRows(points: Float64Array, dim: number, indices: number[]): Float64Array {
  const out = new Float64Array(indices.length * dim);
  indices.forEach((i, k) => out.set(points.subarray(i * dim, i * dim + dim), k * dim));
  return out;
}
