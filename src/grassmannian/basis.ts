/**
 * Orthonormal bases of spans of feature subsets, by one-sided Jacobi SVD.
 *
 * One-sided (Hestenes) Jacobi rotates pairs of the subset's vectors until they
 * are mutually orthogonal; their norms are then the singular values and the
 * normalised vectors the left singular vectors. It never forms the Gram
 * matrix, so small singular values keep absolute accuracy ≈ ε·σ₁ (Demmel &
 * Veselić, SIAM J. Matrix Anal. Appl. 13, 1992), which the rank decision for
 * nearly dependent features needs.
 *
 * Kept over ml-matrix's SingularValueDecomposition per subset: 5–34× faster
 * for k = 2–4 vectors in R^5–R^64 and allocation-free, with the same singular
 * values (≤ 2e-15·σ₁) and numpy-rule ranks (scripts/bench/linalg.mjs, BENCHMARKS.md).
 */

/** Machine epsilon of float64, 2^-52 (numpy's finfo(float64).eps). */
export const FLOAT64_EPS = 2 ** -52;

/** LAPACK dgesvj's sweep limit; for k ≤ 8 convergence takes far fewer. */
const MAX_SWEEPS = 30;

/** Result of {@link orthonormalBasis}. */
export interface SubspaceBasis {
  /** rank×m row-major: basis vector j is basis[j*m .. j*m+m). */
  basis: Float64Array;
  /** Numerical rank: number of singular values > tol. */
  rank: number;
  /** All k singular values of the m×k matrix W_S, descending. */
  singularValues: Float64Array;
}

/** Reusable scratch space for {@link orthonormalBasisInto}. */
export interface BasisWorkspace {
  /** k×m copy of the subset's vectors, rotated in place. */
  vectors: Float64Array;
  /** Squared norms / singular values per vector. */
  sigma: Float64Array;
  /** Vector indices sorted by descending singular value. */
  order: Uint32Array;
}

/**
 * Allocates scratch space for subsets of up to k vectors in R^m.
 *
 * @param m - Hidden dimension.
 * @param k - Largest subset size the workspace will serve.
 */
export function basisWorkspace(m: number, k: number): BasisWorkspace {
  return { vectors: new Float64Array(k * m), sigma: new Float64Array(k), order: new Uint32Array(k) };
}

/**
 * Rotates the k rows of `x` (k×m) to mutual orthogonality, |x_p·x_q| ≤
 * √m·ε·‖x_p‖‖x_q‖ (dgesvj's criterion), and writes the singular values
 * (final row norms) into sigma[0..k).
 */
function jacobiOrthogonalize(x: Float64Array, k: number, m: number, sigma: Float64Array): void {
  const tol = Math.sqrt(m) * FLOAT64_EPS;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < k - 1; p++) {
      const op = p * m;
      for (let q = p + 1; q < k; q++) {
        const oq = q * m;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let r = 0; r < m; r++) {
          const a = x[op + r];
          const b = x[oq + r];
          alpha += a * a;
          beta += b * b;
          gamma += a * b;
        }
        if (Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        // Rotation zeroing the pair's inner product (Golub & Van Loan §8.6.3);
        // t is the smaller root of t² + 2ζt − 1 = 0, |t| ≤ 1.
        const zeta = (beta - alpha) / (2 * gamma);
        const az = Math.abs(zeta);
        const t = (zeta >= 0 ? 1 : -1) / (az > 1e150 ? 2 * az : az + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let r = 0; r < m; r++) {
          const a = x[op + r];
          const b = x[oq + r];
          x[op + r] = c * a - s * b;
          x[oq + r] = s * a + c * b;
        }
      }
    }
    if (!rotated) break;
  }
  for (let p = 0; p < k; p++) {
    let nrm = 0;
    for (let r = 0, o = p * m; r < m; r++, o++) nrm += x[o] * x[o];
    sigma[p] = Math.sqrt(nrm);
  }
}

/**
 * Default rank tolerance, numpy.linalg.matrix_rank's: max(m, k)·σ₁·ε.
 *
 * @param m - Hidden dimension.
 * @param k - Number of vectors.
 * @param sigmaMax - Largest singular value σ₁.
 */
export function defaultRankTolerance(m: number, k: number, sigmaMax: number): number {
  return Math.max(m, k) * sigmaMax * FLOAT64_EPS;
}

/**
 * Allocation-free core of {@link orthonormalBasis}: writes the orthonormal
 * basis of span{W_i : i in subset} into `basisOut` (rank×m row-major, vectors
 * by descending singular value) and the descending singular values into
 * work.sigma[0..k) (via work.order).
 *
 * @param W - Feature-major n×m weights, W[i*m + r].
 * @param m - Hidden dimension.
 * @param subset - Feature indices (any order; duplicates allowed).
 * @param tol - Absolute singular-value threshold, or undefined for
 *   {@link defaultRankTolerance}.
 * @param work - Scratch space from {@link basisWorkspace}(m, ≥ subset.length).
 * @param basisOut - Receives the basis; needs room for subset.length×m values
 *   from `offset` on.
 * @param offset - Where in basisOut the basis starts.
 * @returns The numerical rank.
 */
export function orthonormalBasisInto(
  W: Float64Array,
  m: number,
  subset: ArrayLike<number>,
  tol: number | undefined,
  work: BasisWorkspace,
  basisOut: Float64Array,
  offset = 0,
): number {
  const k = subset.length;
  const x = work.vectors;
  const sigma = work.sigma;
  const order = work.order;
  if (k * m > x.length) throw new RangeError(`workspace holds ${x.length / m} vectors, subset has ${k}`);
  for (let p = 0; p < k; p++) {
    const src = subset[p] * m;
    for (let r = 0; r < m; r++) x[p * m + r] = W[src + r];
  }
  jacobiOrthogonalize(x, k, m, sigma);
  // Insertion sort of k ≤ ~8 indices by descending singular value.
  for (let p = 0; p < k; p++) {
    let q = p;
    while (q > 0 && sigma[order[q - 1]] < sigma[p]) {
      order[q] = order[q - 1];
      q--;
    }
    order[q] = p;
  }
  const sigmaMax = k > 0 ? sigma[order[0]] : 0;
  const threshold = tol ?? defaultRankTolerance(m, k, sigmaMax);
  let rank = 0;
  while (rank < k && sigma[order[rank]] > threshold) {
    const p = order[rank];
    const inv = 1 / sigma[p];
    const dst = offset + rank * m;
    for (let r = 0; r < m; r++) basisOut[dst + r] = x[p * m + r] * inv;
    rank++;
  }
  return rank;
}

/**
 * Orthonormal basis of span{W_i : i in subset} and its numerical rank.
 *
 * The span, hence the projector built from `basis`, does not depend on the
 * order, signs or (positive or negative) scales of the subset's vectors; only
 * the rank decision depends on scale, through σ₁ as in numpy.
 *
 * @param W - Feature-major n×m weights: coordinate r of feature i is W[i*m + r].
 * @param m - Hidden dimension.
 * @param subset - Feature indices spanning the subspace.
 * @param tol - Absolute threshold: singular values > tol count towards the
 *   rank. Default max(m, k)·σ₁·ε, numpy.linalg.matrix_rank's default.
 * @returns basis (rank×m row-major, vector j at basis[j*m .. j*m+m), ordered
 *   by descending singular value), rank, and all k singular values descending.
 */
export function orthonormalBasis(W: Float64Array, m: number, subset: ArrayLike<number>, tol?: number): SubspaceBasis {
  const k = subset.length;
  const work = basisWorkspace(m, k);
  const full = new Float64Array(k * m);
  const rank = orthonormalBasisInto(W, m, subset, tol, work, full);
  const singularValues = new Float64Array(k);
  for (let p = 0; p < k; p++) singularValues[p] = work.sigma[work.order[p]];
  return { basis: full.slice(0, rank * m), rank, singularValues };
}
