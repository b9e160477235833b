/** Distance matrices for Vietoris–Rips filtrations. */

/** How two points are compared: straight-line distance, or the angle between them (radians). */
export type RipsMetric = 'euclidean' | 'angular';

/**
 * Full symmetric n×n distance matrix of a point cloud.
 *
 * @param points - row-major N×dim coordinates: points[i*dim + r] is coordinate r of point i
 *   (for tegum: the feature-major W, one feature direction per row).
 * @param dim - coordinates per point, ≥ 1.
 * @param metric - 'euclidean': ‖x − y‖; 'angular': arccos(⟨x, y⟩ / (‖x‖‖y‖)) in [0, π],
 *   which ignores the points' norms.
 * @returns Float64Array of length N², entry i*N + j = d(i, j).
 * @throws RangeError on a malformed array, a non-finite coordinate, or a zero point under 'angular'.
 */
export function pointDistances(points: Float64Array, dim: number, metric: RipsMetric = 'euclidean'): Float64Array {
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`dim must be a positive integer, got ${dim}`);
  if (points.length % dim !== 0) throw new RangeError(`points.length ${points.length} is not a multiple of dim ${dim}`);
  const n = points.length / dim;
  for (let i = 0; i < points.length; i++)
    if (!Number.isFinite(points[i])) throw new RangeError(`coordinate ${i % dim} of point ${Math.floor(i / dim)} is not finite`);
  const D = new Float64Array(n * n);
  const norms = new Float64Array(n);
  if (metric === 'angular') {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let r = 0; r < dim; r++) s += points[i * dim + r] ** 2;
      norms[i] = Math.sqrt(s);
      if (norms[i] === 0) throw new RangeError(`point ${i} is zero: its angle to other points is undefined`);
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      let s = 0;
      if (metric === 'angular') {
        for (let r = 0; r < dim; r++) s += points[i * dim + r] * points[j * dim + r];
        s = Math.acos(Math.min(1, Math.max(-1, s / (norms[i] * norms[j]))));
      } else {
        for (let r = 0; r < dim; r++) s += (points[i * dim + r] - points[j * dim + r]) ** 2;
        s = Math.sqrt(s);
      }
      D[i * n + j] = s;
      D[j * n + i] = s;
    }
  }
  return D;
}

/**
 * A full symmetric matrix from a user's distance matrix, reading only its lower triangle
 * (entries i*count + j with i > j), as Ripser does; the diagonal is taken as 0.
 *
 * @param distances - count×count row-major distances.
 * @param count - number of points.
 * @throws RangeError on a wrong length or a negative or NaN distance.
 */
export function symmetricDistances(distances: Float64Array, count: number): Float64Array {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  if (distances.length !== count * count) throw new RangeError(`a ${count}×${count} distance matrix needs ${count * count} entries, got ${distances.length}`);
  const D = new Float64Array(count * count);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < i; j++) {
      const d = distances[i * count + j];
      if (!(d >= 0)) throw new RangeError(`distance (${i}, ${j}) is ${d}: distances must be ≥ 0`);
      D[i * count + j] = d;
      D[j * count + i] = d;
    }
  }
  return D;
}

/**
 * Enclosing radius min_i max_j d(i, j): at this filtration value some point is joined to
 * every other, the Rips complex is a cone and hence contractible, so no bar of dimension ≥ 1
 * outlives it and nothing is born after it (Bauer 2021, §5.4). 0 for fewer than two points.
 */
export function enclosingRadius(D: Float64Array, n: number): number {
  let best = n > 1 ? Infinity : 0;
  for (let i = 0; i < n; i++) {
    let worst = 0;
    for (let j = 0; j < n; j++) if (D[i * n + j] > worst) worst = D[i * n + j];
    if (worst < best) best = worst;
  }
  return best;
}
