/**
 * Linear maps from the hidden space R^m to the 3-D view. A basis is three
 * orthonormal rows in R^m (row-major 3×m); projecting W_i is taking its
 * three coordinates in that basis, so a bundle of dimension ≤ 3 shown in its
 * own basis keeps every inner product exactly.
 */
import { symmetricEigen } from '../../features/eigen.js';

/** Three orthonormal rows of length m (row-major 3×m); rows past m are zero when m < 3. */
export type Basis3 = Float64Array;

/** Sets up to this size are fitted exactly through their k×k Gram matrix. */
const SMALL_SET = 96;
/** Hidden dimensions up to this are fitted exactly through the m×m second moment. */
const SMALL_DIM = 96;
/** Larger fits use block power iteration on at most this many evenly spaced features. */
const ITERATION_SAMPLE = 512;
/** Block size (3 wanted plus oversampling) and sweeps of the power iteration. */
const BLOCK = 6;
const SWEEPS = 12;

/**
 * The top three principal directions of the given features, taken about the
 * origin (second moment Σ_i u_i u_iᵀ, not the covariance): feature directions
 * are vectors from the origin, so centring would shift the picture. For a set
 * spanning ≤ 3 dimensions the rows span that set exactly.
 *
 * Cost stays small at dictionary scale (the page must never block): sets of
 * ≤ 96 features go through their Gram matrix, hidden spaces of ≤ 96 dims
 * through the m×m moment, both exact; beyond that (the whole cloud of a
 * 16k × 768 dictionary) the directions are estimated by block power iteration
 * with Rayleigh–Ritz (Halko, Martinsson & Tropp 2011, alg. 4.3) on an evenly
 * spaced sample of 512 features.
 *
 * @param W Feature-major weights, W[i*m + r].
 * @param m Hidden dimension.
 * @param features Feature indices to fit (e.g. one bundle, or the selected bundles).
 * @param unit Normalise each feature first, so long features do not dominate (default true).
 * @returns A 3×m orthonormal basis.
 */
export function principalBasis(W: Float64Array, m: number, features: readonly number[], unit = true): Basis3 {
  const X = scaledRows(W, m, features, unit);
  const k = features.length;
  let rows: Float64Array[];
  if (k <= SMALL_SET) rows = viaGram(X, k, m);
  else if (m <= SMALL_DIM) rows = viaMoment(X, k, m);
  else rows = viaIteration(X, k, m);
  return completeBasis(rows, m);
}

/** The features' rows, divided by their norms when `unit` (zero rows stay zero). */
function scaledRows(W: Float64Array, m: number, features: readonly number[], unit: boolean): Float64Array {
  const X = new Float64Array(features.length * m);
  features.forEach((f, a) => {
    let s = 0;
    for (let r = 0; r < m; r++) s += W[f * m + r] ** 2;
    const scale = unit ? (s > 0 ? 1 / Math.sqrt(s) : 0) : 1;
    for (let r = 0; r < m; r++) X[a * m + r] = W[f * m + r] * scale;
  });
  return X;
}

/** Eigenvectors of XXᵀ mapped back, u = Xᵀv / √λ (the left singular route). */
function viaGram(X: Float64Array, k: number, m: number): Float64Array[] {
  const G = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += X[a * m + r] * X[b * m + r];
      G[a * k + b] = s;
      G[b * k + a] = s;
    }
  }
  const { values, vectors } = symmetricEigen(G, k);
  const rows: Float64Array[] = [];
  for (let c = 0; c < Math.min(3, k); c++) {
    if (!(values[c] > 1e-12 * (values[0] || 1))) break;
    const u = new Float64Array(m);
    for (let a = 0; a < k; a++) for (let r = 0; r < m; r++) u[r] += vectors[a * k + c] * X[a * m + r];
    rows.push(normalised(u));
  }
  return rows;
}

/** Eigenvectors of the m×m second moment XᵀX. */
function viaMoment(X: Float64Array, k: number, m: number): Float64Array[] {
  const S = new Float64Array(m * m);
  for (let a = 0; a < k; a++) {
    for (let i = 0; i < m; i++) {
      const xi = X[a * m + i];
      if (xi === 0) continue;
      for (let j = 0; j < m; j++) S[i * m + j] += xi * X[a * m + j];
    }
  }
  const { vectors } = symmetricEigen(S, m);
  return Array.from({ length: Math.min(3, m) }, (_, c) => Float64Array.from({ length: m }, (_, r) => vectors[r * m + c]));
}

/** Block power iteration on an evenly spaced sample of rows, then Rayleigh–Ritz in the block. */
function viaIteration(X: Float64Array, k: number, m: number): Float64Array[] {
  const stride = Math.max(1, Math.ceil(k / ITERATION_SAMPLE));
  const sample: number[] = [];
  for (let a = 0; a < k; a += stride) sample.push(a);
  // Start from sampled features themselves: deterministic, and inside the span being fitted.
  let Q = orthonormalRows(
    Array.from({ length: BLOCK }, (_, j) => X.slice(sample[(j * 97) % sample.length] * m, sample[(j * 97) % sample.length] * m + m)),
    m,
  );
  const apply = (q: Float64Array[]): Float64Array[] => {
    const out = q.map(() => new Float64Array(m));
    for (const a of sample) {
      const x = X.subarray(a * m, a * m + m);
      q.forEach((v, j) => {
        let d = 0;
        for (let r = 0; r < m; r++) d += x[r] * v[r];
        const o = out[j];
        for (let r = 0; r < m; r++) o[r] += d * x[r];
      });
    }
    return out;
  };
  for (let sweep = 0; sweep < SWEEPS; sweep++) Q = orthonormalRows(apply(Q), m);
  const SQ = apply(Q);
  const p = Q.length;
  const T = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) for (let r = 0; r < m; r++) T[a * p + b] += Q[a][r] * SQ[b][r];
  const { vectors } = symmetricEigen(T, p);
  return Array.from({ length: Math.min(3, p) }, (_, c) => {
    const u = new Float64Array(m);
    for (let a = 0; a < p; a++) for (let r = 0; r < m; r++) u[r] += vectors[a * p + c] * Q[a][r];
    return normalised(u);
  });
}

/** Modified Gram–Schmidt; rows that vanish (dependent) are dropped. */
function orthonormalRows(rows: Float64Array[], m: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (const row of rows) {
    const v = Float64Array.from(row);
    for (const q of out) {
      let d = 0;
      for (let r = 0; r < m; r++) d += v[r] * q[r];
      for (let r = 0; r < m; r++) v[r] -= d * q[r];
    }
    const len = length(v);
    if (len > 1e-9) out.push(v.map((x) => x / len));
  }
  return out;
}

/** Fill up to three rows with hidden axes orthogonal to the fitted ones (a set spanning < 3 dims). */
function completeBasis(rows: Float64Array[], m: number): Basis3 {
  let basis = orthonormalRows(rows, m);
  for (let axis = 0; basis.length < Math.min(3, m) && axis < m; axis++) {
    const e = new Float64Array(m);
    e[axis] = 1;
    basis = orthonormalRows([...basis, e], m);
  }
  const B = new Float64Array(3 * m);
  basis.slice(0, 3).forEach((row, j) => B.set(row, j * m));
  return B;
}

/** Euclidean length (a loop: spreading thousands of arguments into Math.hypot is slow and can overflow the stack). */
export function length(u: ArrayLike<number>): number {
  let s = 0;
  for (let r = 0; r < u.length; r++) s += u[r] * u[r];
  return Math.sqrt(s);
}

/** The largest value of a long list (Math.max(...xs) overflows the stack past ~100k values). */
export function largest(xs: Iterable<number>): number {
  let best = -Infinity;
  for (const x of xs) if (x > best) best = x;
  return best;
}

function normalised(u: Float64Array): Float64Array {
  const len = length(u);
  return len > 0 ? u.map((x) => x / len) : u;
}

/**
 * The share of the features' squared length the view shows, Σ_f ‖B u_f‖² / Σ_f ‖u_f‖²
 * (unit directions: how much of the set's variance about the origin lies in the view).
 *
 * @param W Feature-major weights.
 * @param m Hidden dimension.
 * @param features The features (a structure, or all represented ones).
 * @param basis The view's 3×m basis.
 * @returns A fraction in [0, 1] (1 for a set of dimension ≤ 3 in its own basis); 0 for an empty set.
 */
export function varianceShown(W: Float64Array, m: number, features: readonly number[], basis: Basis3): number {
  let shown = 0;
  let total = 0;
  for (const f of features) {
    let s = 0;
    for (let r = 0; r < m; r++) s += W[f * m + r] ** 2;
    if (s === 0) continue;
    total += 1;
    for (let row = 0; row < 3; row++) {
      let d = 0;
      for (let r = 0; r < m; r++) d += W[f * m + r] * basis[row * m + r];
      shown += (d * d) / s;
    }
  }
  return total === 0 ? 0 : Math.min(1, shown / total);
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
