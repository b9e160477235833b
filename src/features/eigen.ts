/** Eigen-decomposition of a real symmetric matrix. */
export interface SymmetricEigen {
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** Row-major k×k matrix whose column c is the unit eigenvector of values[c]. */
  vectors: Float64Array;
}

/**
 * Eigenvalues and eigenvectors of a symmetric k×k matrix by cyclic Jacobi
 * rotations (Golub & Van Loan, Matrix Computations, §8.5). Accurate to a few
 * ulps of the largest eigenvalue and dependency-free.
 *
 * Kept although ml-matrix's EigenvalueDecomposition (tred2/tql2) is faster,
 * 1.1–9× at k ≤ 20 and 3.4–11× at k = 64–256 (scripts/bench/linalg.mjs,
 * BENCHMARKS.md), because this code also runs in the viewer page and its
 * analysis worker, and neither can load ml-matrix (it ships no browser ES
 * module; import maps do not reach workers).
 *
 * @param S - Row-major k×k symmetric matrix (not modified).
 * @param k - Order of the matrix.
 * @returns Eigenvalues sorted descending with matching eigenvector columns.
 */
export function symmetricEigen(S: Float64Array, k: number): SymmetricEigen {
  const A = Float64Array.from(S);
  const V = new Float64Array(k * k);
  for (let i = 0; i < k; i++) V[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < k; p++) {
      diag += A[p * k + p] * A[p * k + p];
      for (let q = p + 1; q < k; q++) off += A[p * k + q] * A[p * k + q];
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = A[p * k + q];
        if (apq === 0) continue;
        const app = A[p * k + p];
        const aqq = A[q * k + q];
        // Rotation angle that zeroes A[p][q] (the smaller of the two roots).
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = A[r * k + p];
          const arq = A[r * k + q];
          A[r * k + p] = c * arp - s * arq;
          A[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = A[p * k + r];
          const aqr = A[q * k + r];
          A[p * k + r] = c * apr - s * aqr;
          A[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = V[r * k + p];
          const vrq = V[r * k + q];
          V[r * k + p] = c * vrp - s * vrq;
          V[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => A[b * k + b] - A[a * k + a]);
  const values = new Float64Array(k);
  const vectors = new Float64Array(k * k);
  order.forEach((src, c) => {
    values[c] = A[src * k + src];
    for (let r = 0; r < k; r++) vectors[r * k + c] = V[r * k + src];
  });
  return { values, vectors };
}
