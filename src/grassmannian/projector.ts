/**
 * The projector embedding of the Grassmannian: a subspace with orthonormal
 * basis a_1..a_r maps to P = Σ_j a_j a_jᵀ, which does not depend on the basis
 * (so no column-reduced representative is needed, unlike the talk's version).
 *
 * Vector layout shared with the GPU kernels: the upper triangle of P, row by
 * row, row i holding columns j = i..m−1, so entry (i, j) sits at
 * {@link embeddingIndex}(i, j, m) = i·m − i(i−1)/2 + (j − i). Off-diagonal
 * entries are multiplied by √2 so that the Euclidean distance of two
 * embeddings equals ‖P − Q‖_F.
 */

/**
 * Length of a projector embedding, m(m+1)/2.
 *
 * @param m - Hidden dimension.
 */
export function embeddingLength(m: number): number {
  return (m * (m + 1)) / 2;
}

/**
 * Position of P[i][j] (i ≤ j) in the embedding.
 *
 * @param i - Row, 0 ≤ i < m.
 * @param j - Column, i ≤ j < m.
 * @param m - Hidden dimension.
 */
export function embeddingIndex(i: number, j: number, m: number): number {
  return i * m - (i * (i - 1)) / 2 + (j - i);
}

/**
 * Writes the embedding of P = Σ_{j<rank} a_j a_jᵀ into out[offset .. offset+L).
 * Allocation-free form of {@link projectorEmbedding}.
 *
 * @param basis - rank×m row-major orthonormal basis (rows a_j), read from
 *   basisOffset on.
 * @param rank - Number of basis vectors (0 gives the zero matrix).
 * @param m - Hidden dimension.
 * @param out - Receives m(m+1)/2 values.
 * @param offset - Start position in out.
 * @param basisOffset - Start position of the basis in `basis`.
 */
export function writeProjectorEmbedding(basis: Float64Array, rank: number, m: number, out: Float64Array, offset = 0, basisOffset = 0): void {
  const r2 = Math.SQRT2;
  let o = offset;
  const b0 = basisOffset;
  const b1 = basisOffset + m;
  const b2 = basisOffset + 2 * m;
  // Specialised loops for ranks ≤ 3 (the common K); the generic loop below
  // sums Σ_j a_j[i]·a_j[c] the same way.
  if (rank === 1) {
    for (let i = 0; i < m; i++) {
      const u = basis[b0 + i];
      out[o++] = u * u;
      const su = r2 * u;
      for (let c = i + 1; c < m; c++) out[o++] = su * basis[b0 + c];
    }
  } else if (rank === 2) {
    for (let i = 0; i < m; i++) {
      const u = basis[b0 + i];
      const v = basis[b1 + i];
      out[o++] = u * u + v * v;
      const su = r2 * u;
      const sv = r2 * v;
      for (let c = i + 1; c < m; c++) out[o++] = su * basis[b0 + c] + sv * basis[b1 + c];
    }
  } else if (rank === 3) {
    for (let i = 0; i < m; i++) {
      const u = basis[b0 + i];
      const v = basis[b1 + i];
      const w = basis[b2 + i];
      out[o++] = u * u + v * v + w * w;
      const su = r2 * u;
      const sv = r2 * v;
      const sw = r2 * w;
      for (let c = i + 1; c < m; c++) {
        out[o++] = su * basis[b0 + c] + sv * basis[b1 + c] + sw * basis[b2 + c];
      }
    }
  } else {
    for (let i = 0; i < m; i++) {
      for (let c = i; c < m; c++) {
        let s = 0;
        for (let j = 0, bj = basisOffset; j < rank; j++, bj += m) s += basis[bj + i] * basis[bj + c];
        out[o++] = c === i ? s : r2 * s;
      }
    }
  }
}

/**
 * Projector embedding of the span of an orthonormal basis: the upper triangle
 * of P = Σ_j a_j a_jᵀ, row-major (row i, columns j = i..m−1), off-diagonal
 * entries × √2, so ‖embed(P) − embed(Q)‖₂ = ‖P − Q‖_F.
 *
 * @param basis - rank×m row-major orthonormal basis (e.g. from orthonormalBasis).
 * @param rank - Number of basis vectors.
 * @param m - Hidden dimension.
 * @param out - Optional output of length ≥ m(m+1)/2.
 * @returns The embedding (`out` if given).
 */
export function projectorEmbedding(basis: Float64Array, rank: number, m: number, out?: Float64Array): Float64Array {
  const res = out ?? new Float64Array(embeddingLength(m));
  writeProjectorEmbedding(basis, rank, m, res);
  return res;
}

/**
 * Rebuilds the full symmetric m×m projector (row-major) from its embedding.
 *
 * @param x - Embedding of length m(m+1)/2.
 * @param m - Hidden dimension.
 * @returns P with P[i*m + j] = P[j*m + i].
 */
export function projectorFromEmbedding(x: Float64Array, m: number): Float64Array {
  const P = new Float64Array(m * m);
  let o = 0;
  for (let i = 0; i < m; i++) {
    P[i * m + i] = x[o++];
    for (let j = i + 1; j < m; j++) {
      const v = x[o++] / Math.SQRT2;
      P[i * m + j] = v;
      P[j * m + i] = v;
    }
  }
  return P;
}
