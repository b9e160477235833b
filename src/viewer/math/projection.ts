/**
 * Linear maps from the hidden space R^m to the 3-D view. A basis is three
 * orthonormal rows in R^m (row-major 3×m); projecting W_i is taking its
 * three coordinates in that basis, so a bundle of dimension ≤ 3 shown in its
 * own basis keeps every inner product exactly.
 */
import { symmetricEigen } from '../../features/eigen.js';

/** Three orthonormal rows of length m (row-major 3×m); rows past m are zero when m < 3. */
export type Basis3 = Float64Array;

/**
 * The top three principal directions of the given features, taken about the
 * origin (second moment Σ_i u_i u_iᵀ, not the covariance): feature directions
 * are vectors from the origin, so centring would shift the picture. For a set
 * spanning ≤ 3 dimensions the rows span that set exactly.
 *
 * @param W Feature-major weights, W[i*m + r].
 * @param m Hidden dimension.
 * @param features Feature indices to fit (e.g. one bundle, or the selected bundles).
 * @param unit Normalise each feature first, so long features do not dominate (default true).
 * @returns A 3×m orthonormal basis.
 */
export function principalBasis(W: Float64Array, m: number, features: readonly number[], unit = true): Basis3 {
  const S = new Float64Array(m * m);
  for (const f of features) {
    let scale = 1;
    if (unit) {
      let s = 0;
      for (let r = 0; r < m; r++) s += W[f * m + r] ** 2;
      if (s === 0) continue;
      scale = 1 / s;
    }
    for (let a = 0; a < m; a++) {
      const wa = W[f * m + a] * scale;
      for (let b = 0; b < m; b++) S[a * m + b] += wa * W[f * m + b];
    }
  }
  const { vectors } = symmetricEigen(S, m);
  const B = new Float64Array(3 * m);
  for (let row = 0; row < Math.min(3, m); row++) {
    for (let r = 0; r < m; r++) B[row * m + r] = vectors[r * m + row];
  }
  return B;
}

/**
 * Three hidden axes as a basis (the raw coordinates r = a, b, c).
 *
 * @param m Hidden dimension.
 * @param axes Three axis indices in [0, m); an index ≥ m leaves its row zero.
 */
export function axesBasis(m: number, axes: readonly [number, number, number]): Basis3 {
  const B = new Float64Array(3 * m);
  axes.forEach((axis, row) => {
    if (axis >= 0 && axis < m) B[row * m + axis] = 1;
  });
  return B;
}

/**
 * Flip rows of `next` whose dot product with the same row of `previous` is
 * negative. Eigenvectors have no preferred sign; aligning them keeps an
 * animated change of projection from mirroring the picture for no reason.
 *
 * @param next Basis to adjust (modified in place and returned).
 * @param previous Basis currently shown.
 * @param m Hidden dimension.
 */
export function alignSigns(next: Basis3, previous: Basis3, m: number): Basis3 {
  for (let row = 0; row < 3; row++) {
    let dot = 0;
    for (let r = 0; r < m; r++) dot += next[row * m + r] * previous[row * m + r];
    if (dot < 0) for (let r = 0; r < m; r++) next[row * m + r] = -next[row * m + r];
  }
  return next;
}

/**
 * Coordinates of every feature in the basis, divided by `scale`.
 *
 * @param W Feature-major weights.
 * @param m Hidden dimension.
 * @param n Number of features.
 * @param basis 3×m basis.
 * @param scale Divisor (the largest norm, so the longest feature reaches the unit sphere).
 * @returns Float32Array of length 3n, xyz per feature.
 */
export function projectFeatures(W: Float64Array, m: number, n: number, basis: Basis3, scale: number): Float32Array {
  const out = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    for (let row = 0; row < 3; row++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += W[i * m + r] * basis[row * m + r];
      out[3 * i + row] = s / scale;
    }
  }
  return out;
}

/**
 * Images of a k-plane's orthonormal basis vectors under the projection (3 numbers
 * each), e.g. to draw a Hough plane as the ellipse {cos t·a + sin t·b}.
 *
 * @param planeBasis k×m orthonormal rows spanning the plane.
 * @param k Rows in planeBasis.
 * @param m Hidden dimension.
 * @param basis The view's 3×m basis.
 */
export function projectVectors(planeBasis: Float64Array, k: number, m: number, basis: Basis3): Float64Array {
  const out = new Float64Array(3 * k);
  for (let j = 0; j < k; j++) {
    for (let row = 0; row < 3; row++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += planeBasis[j * m + r] * basis[row * m + r];
      out[3 * j + row] = s;
    }
  }
  return out;
}
