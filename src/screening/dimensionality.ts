/**
 * Feature dimensionalities D_i = ‖W_i‖⁴ / Σ_j (W_i·W_j)² (Toy Models of
 * Superposition) at dictionary scale, on a Gram tile kernel. With the frame
 * operator F = WᵀW (m×m), Σ_j (W_i·W_j)² = W_iᵀ F W_i, so two tiled products
 * do it: F summed over row blocks of W (each block's column Gram, upper
 * triangle only, accumulated in float64), then each row block times F.
 * 1.5·n·m² multiply-adds in float32 on the kernel the screening chose (the
 * float64 path of src/features/dimensionality.ts spends O(n m²) in plain
 * JavaScript, ~20 s at 16,384 × 768). Memory: two float32 blocks of about
 * BLOCK_VALUES values beside W, whatever W's storage, never an n×m copy.
 * Relative error ≈ 1e-5 (float32 sums within a block).
 */
import type { GramKernel } from './types.js';

/** Values of W per block (16 MB of float32): big enough for the kernel's tiles, small beside W. */
const BLOCK_VALUES = 1 << 22;

/**
 * @param W - Feature-major n×m weights (float32 or float64).
 * @param n - Features.
 * @param m - Dimension.
 * @param kernel - The tile kernel (the screener's productKernel, else gramKernel('auto')).
 * @param rowsPerBlock - Rows of W per block (default: BLOCK_VALUES / m).
 * @returns D_i for every feature (0 for a zero feature).
 */
export async function dimensionalityOnKernel(
  W: Float32Array | Float64Array,
  n: number,
  m: number,
  kernel: GramKernel,
  rowsPerBlock = Math.floor(BLOCK_VALUES / m),
): Promise<Float64Array> {
  const out = new Float64Array(n);
  if (n === 0 || m === 0) return out;
  const R = Math.max(1, Math.min(n, rowsPerBlock));
  const F = await frameOperator(W, n, m, kernel, R);
  // Each load holds F's m rows, zero rows up to a multiple of 4 (a tile's padded rows then stay inside), and one block
  // of W's rows: a tile of block rows × F rows is W_block·F (F = Fᵀ).
  const top = Math.ceil(m / 4) * 4;
  const rows = new Float32Array((top + R) * m);
  rows.set(F);
  const T = kernel.blockRows(m);
  for (let i0 = 0; i0 < n; i0 += R) {
    const b = Math.min(R, n - i0);
    for (let k = 0; k < b * m; k++) rows[top * m + k] = W[i0 * m + k];
    const denom = new Float64Array(b);
    const tiles = await kernel.load(rows.subarray(0, (top + b) * m), top + b, m);
    try {
      for (let a0 = 0; a0 < b; a0 += T) {
        const a1 = Math.min(b, a0 + T);
        for (let c0 = 0; c0 < m; c0 += T) {
          const c1 = Math.min(m, c0 + T);
          const { C, stride } = await tiles.tile(top + a0, top + a1, c0, c1);
          for (let a = a0; a < a1; a++) {
            const w = (i0 + a) * m;
            let s = 0;
            for (let c = c0; c < c1; c++) s += C[(a - a0) * stride + (c - c0)] * W[w + c];
            denom[a] += s;
          }
        }
      }
    } finally {
      tiles.dispose();
    }
    for (let a = 0; a < b; a++) {
      let sq = 0;
      for (let r = 0; r < m; r++) sq += W[(i0 + a) * m + r] * W[(i0 + a) * m + r];
      out[i0 + a] = sq === 0 || denom[a] <= 0 ? 0 : (sq * sq) / denom[a];
    }
  }
  return out;
}

/** F = WᵀW as float32 m×m, summed in float64 over blocks of R rows (the Gram of each block's columns). */
async function frameOperator(W: Float32Array | Float64Array, n: number, m: number, kernel: GramKernel, R: number): Promise<Float32Array> {
  const F = new Float64Array(m * m);
  const columns = new Float32Array(m * R);
  for (let i0 = 0; i0 < n; i0 += R) {
    const b = Math.min(R, n - i0);
    for (let a = 0; a < b; a++) for (let r = 0; r < m; r++) columns[r * b + a] = W[(i0 + a) * m + r];
    const tiles = await kernel.load(columns.subarray(0, m * b), m, b);
    try {
      const T = kernel.blockRows(b);
      for (let r0 = 0; r0 < m; r0 += T) {
        for (let c0 = r0; c0 < m; c0 += T) {
          const r1 = Math.min(m, r0 + T);
          const c1 = Math.min(m, c0 + T);
          const { C, stride } = await tiles.tile(r0, r1, c0, c1);
          for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) F[r * m + c] += C[(r - r0) * stride + (c - c0)];
        }
      }
    } finally {
      tiles.dispose();
    }
  }
  // Tiles below the diagonal were skipped: mirror the upper triangle (which also makes F exactly symmetric).
  const out = new Float32Array(m * m);
  for (let r = 0; r < m; r++) for (let c = r; c < m; c++) out[r * m + c] = out[c * m + r] = F[r * m + c];
  return out;
}
