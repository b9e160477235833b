/**
 * Distances between subspaces given by orthonormal bases (rows, k×m row-major).
 *
 * With column bases A (m×k_A), B (m×k_B) and P_A = AAᵀ, P_B = BBᵀ:
 *   ‖P_A − P_B‖_F² = tr P_A + tr P_B − 2 tr(P_A P_B) = k_A + k_B − 2‖AᵀB‖_F²,
 *   ‖B − A(AᵀB)‖_F² = tr(Bᵀ(I − P_A)B) = k_B − ‖AᵀB‖_F²,
 *   ‖A − B(BᵀA)‖_F² = k_A − ‖AᵀB‖_F²,
 * so the sum of the two residuals equals ‖P_A − P_B‖_F² exactly, for any k_A,
 * k_B. The residual form is used because it sums squares of small numbers,
 * while k_A + k_B − 2‖AᵀB‖² subtracts nearly equal ones and loses all digits
 * when the planes nearly coincide (angle θ ≲ √ε).
 */

/** ‖(I − P_A) B‖_F² for row bases, accumulated one residual vector at a time. */
function residualSquared(A: Float64Array, kA: number, B: Float64Array, kB: number, m: number): number {
  const res = new Float64Array(m);
  let total = 0;
  for (let q = 0; q < kB; q++) {
    const ob = q * m;
    for (let r = 0; r < m; r++) res[r] = B[ob + r];
    for (let p = 0; p < kA; p++) {
      const oa = p * m;
      let dot = 0;
      for (let r = 0; r < m; r++) dot += A[oa + r] * B[ob + r];
      for (let r = 0; r < m; r++) res[r] -= dot * A[oa + r];
    }
    for (let r = 0; r < m; r++) total += res[r] * res[r];
  }
  return total;
}

/**
 * ‖P_A − P_B‖_F² from orthonormal bases alone, in the residual form
 * ‖B − A(AᵀB)‖_F² + ‖A − B(BᵀA)‖_F² (valid for kA ≠ kB too; see the file
 * comment for the proof that it equals k_A + k_B − 2‖AᵀB‖_F²).
 *
 * @param A - kA×m row-major orthonormal basis.
 * @param kA - Rank of A's subspace.
 * @param B - kB×m row-major orthonormal basis.
 * @param kB - Rank of B's subspace.
 * @param m - Hidden dimension.
 */
export function projectorDistanceSquared(A: Float64Array, kA: number, B: Float64Array, kB: number, m: number): number {
  return residualSquared(A, kA, B, kB, m) + residualSquared(B, kB, A, kA, m);
}

/**
 * Chordal distance √(Σ sin²θ_i) = √(½‖P_A − P_B‖_F²) (Conway, Hardin & Sloane,
 * "Packing lines, planes, etc.", Experimental Math. 5, 1996). Meant for
 * subspaces of equal dimension; for kA ≠ kB it is √(½‖P_A − P_B‖_F²) still.
 *
 * @param A - kA×m row-major orthonormal basis.
 * @param kA - Rank of A's subspace.
 * @param B - kB×m row-major orthonormal basis.
 * @param kB - Rank of B's subspace.
 * @param m - Hidden dimension.
 */
export function chordalDistance(A: Float64Array, kA: number, B: Float64Array, kB: number, m: number): number {
  return Math.sqrt(projectorDistanceSquared(A, kA, B, kB, m) / 2);
}

/**
 * Squared Euclidean distance of two projector embeddings, = ‖P − Q‖_F².
 *
 * @param x - Embedding of P (length m(m+1)/2).
 * @param y - Embedding of Q (same length).
 */
export function embeddingDistanceSquared(x: Float64Array, y: Float64Array): number {
  if (x.length !== y.length) throw new RangeError(`embedding lengths differ: ${x.length} vs ${y.length}`);
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - y[i];
    s += d * d;
  }
  return s;
}
