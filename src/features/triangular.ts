/**
 * The triangular factor R of a Householder QR decomposition A = QR of a
 * feature-major n×m matrix (Golub & Van Loan, Matrix Computations, §5.2).
 * RᵀR = AᵀA, so ‖A x‖ = ‖R x‖ for every x: quantities over all n rows, such as
 * Σ_j (A_j·x)², cost O(m²) per query after an O(n m²) factorisation with O(n m)
 * memory. Unlike forming AᵀA, Householder QR is backward stable: ‖R x‖ carries
 * an error of order ε‖A‖‖x‖, not ε‖A‖²‖x‖²/‖A x‖ (no squared condition number).
 * Kept over ml-matrix's QrDecomposition, which walks columns through get/set:
 * 2.2–6.8× slower from 200×20 to 16384×64, level at 20×5
 * (scripts/bench/linalg.mjs, BENCHMARKS.md).
 *
 * @param A - Feature-major n×m values: A[i*m + r] is coordinate r of row i (not modified).
 * @param n - Number of rows.
 * @param m - Number of columns.
 * @returns Row-major k×m upper-triangular R, k = min(n, m) (R[r*m + c] = 0 for c < r).
 */
export function triangularFactor(A: Float64Array, n: number, m: number): Float64Array {
  const X = A.slice(0, n * m);
  const k = Math.min(n, m);
  const v = new Float64Array(n);
  const dots = new Float64Array(m);
  for (let c = 0; c < k; c++) {
    let norm2 = 0;
    for (let i = c; i < n; i++) norm2 += X[i * m + c] ** 2;
    if (norm2 === 0) continue;
    const head = X[c * m + c];
    // The reflection sends column c to alpha·e_c; alpha's sign opposite the head avoids cancellation in v.
    const alpha = head > 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    for (let i = c; i < n; i++) v[i] = X[i * m + c];
    v[c] = head - alpha;
    const vv = norm2 - head * head + v[c] * v[c];
    // Apply H = I − 2vvᵀ/vᵀv to the columns right of c, sweeping rows so memory is read contiguously.
    dots.fill(0, c + 1, m);
    for (let i = c; i < n; i++) {
      const vi = v[i];
      if (vi === 0) continue;
      for (let j = c + 1; j < m; j++) dots[j] += vi * X[i * m + j];
    }
    for (let j = c + 1; j < m; j++) dots[j] *= 2 / vv;
    for (let i = c; i < n; i++) {
      const vi = v[i];
      if (vi === 0) continue;
      for (let j = c + 1; j < m; j++) X[i * m + j] -= vi * dots[j];
    }
    X[c * m + c] = alpha;
  }
  const R = new Float64Array(k * m);
  for (let r = 0; r < k; r++) for (let c = r; c < m; c++) R[r * m + c] = X[r * m + c];
  return R;
}
