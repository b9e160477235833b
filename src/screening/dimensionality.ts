/**
 * Feature dimensionalities D_i = ‖W_i‖⁴ / Σ_j (W_i·W_j)² (Toy Models of
 * Superposition) at dictionary scale, on a Gram tile kernel. With the frame
 * operator F = WᵀW (m×m), Σ_j (W_i·W_j)² = W_iᵀ F W_i, so two tiled products
 * do it: F from the m columns of W, then W·F; 2·n·m² multiply-adds in float32
 * on the same kernel as the screening (the float64 path of
 * src/features/dimensionality.ts spends O(n m²) in plain JavaScript, ~20 s at
 * 16,384 × 768). Relative error ≈ 1e-5 (float32 sums over n terms).
 */
import type { GramKernel } from './types.js';

/**
 * @param W - Feature-major n×m weights.
 * @param n - Features.
 * @param m - Dimension.
 * @param kernel - The tile kernel (gramKernel('auto') in any runtime).
 * @returns D_i for every feature (0 for a zero feature).
 */
export async function dimensionalityOnKernel(W: Float64Array, n: number, m: number, kernel: GramKernel): Promise<Float64Array> {
  // F = WᵀW: the Gram matrix of W's columns.
  const columns = new Float32Array(m * n);
  for (let i = 0; i < n; i++) for (let r = 0; r < m; r++) columns[r * n + i] = W[i * m + r];
  const F = new Float32Array(m * m);
  const colTiles = await kernel.load(columns, m, n);
  try {
    const B = kernel.blockRows(n);
    for (let i0 = 0; i0 < m; i0 += B) {
      for (let j0 = 0; j0 < m; j0 += B) {
        const i1 = Math.min(m, i0 + B);
        const j1 = Math.min(m, j0 + B);
        const { C, stride } = await colTiles.tile(i0, i1, j0, j1);
        for (let a = i0; a < i1; a++) for (let b = j0; b < j1; b++) F[a * m + b] = C[(a - i0) * stride + (b - j0)];
      }
    }
  } finally {
    colTiles.dispose();
  }
  // Rows of W followed by the rows of F (F is symmetric, so W·Fᵀ = W·F).
  const rows = new Float32Array((n + m) * m);
  for (let k = 0; k < n * m; k++) rows[k] = W[k];
  rows.set(F, n * m);
  const out = new Float64Array(n);
  const rowTiles = await kernel.load(rows, n + m, m);
  try {
    const B = kernel.blockRows(m);
    for (let i0 = 0; i0 < n; i0 += B) {
      const i1 = Math.min(n, i0 + B);
      const denom = new Float64Array(i1 - i0);
      for (let j0 = n; j0 < n + m; j0 += B) {
        const j1 = Math.min(n + m, j0 + B);
        const { C, stride } = await rowTiles.tile(i0, i1, j0, j1);
        for (let a = i0; a < i1; a++) {
          let s = 0;
          for (let b = j0; b < j1; b++) s += C[(a - i0) * stride + (b - j0)] * W[a * m + (b - n)];
          denom[a - i0] += s;
        }
      }
      for (let a = i0; a < i1; a++) {
        let sq = 0;
        for (let r = 0; r < m; r++) sq += W[a * m + r] * W[a * m + r];
        out[a] = sq === 0 || denom[a - i0] <= 0 ? 0 : (sq * sq) / denom[a - i0];
      }
    }
  } finally {
    rowTiles.dispose();
  }
  return out;
}
