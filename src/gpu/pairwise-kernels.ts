/**
 * WGSL for tiled pairwise operations between the rows of two row blocks A
 * and B (kernels 2 and 3): squared Euclidean distances Σ(a−b)² or inner
 * products Σ a·b.
 *
 * Each workgroup of 8×8 invocations computes a 16×16 tile of (A row, B row)
 * pairs, each invocation a 2×2 sub-block; the dimension is walked in slabs of
 * 16 that are staged in workgroup memory (2 KiB, far below compatibility
 * mode's 16 KiB). Every slab's contribution is summed separately and then
 * added to the total, a two-level summation whose rounding error grows like
 * (16 + dim/16)·ε instead of dim·ε.
 *
 * Three outputs share that core:
 * - `matrix`: the values themselves (distance tiles, the Gram matrix);
 * - `count`: per A row, how many B rows lie within eps (d² ≤ eps², inclusive,
 *   the point itself included as in scikit-learn);
 * - `fill`: those B rows' global indices, written at per-row cursors that the
 *   host initialises to each row's CSR offset (rows are sorted afterwards).
 */

/** Edge of the output tile computed by one workgroup. */
export const PAIR_TILE = 16;
/** Invocations per workgroup edge (PAIR_TILE / 2: each does a 2×2 sub-block). */
const THREADS = 8;
/** Dimension slab staged in workgroup memory per step. */
const SLAB = 16;

/** What is accumulated over the dimension. */
export type PairwiseOp = 'sqdist' | 'dot';
/** What is written for each pair. */
export type PairwiseOutput = 'matrix' | 'count' | 'fill';

/**
 * The shader for one (op, output) combination; entry point `main`, dispatched
 * as (⌈rowsB/16⌉, ⌈(rowEnd−rowStart)/16⌉).
 *
 * Uniform (9 words): rowsB, dim, rowStart, rowEnd (A rows covered), rowBase
 * (global index of A's row 0), colBase (global index of B's row 0),
 * outStride, eps2, pad; written by encodePairPass in pairwise.ts.
 *
 * Bindings: 0 params (uniform), 1 A, 2 B (read-only storage; may be the same
 * buffer), then for `matrix` 3 out (f32, index (i−rowStart)·outStride +
 * colBase + j), for `count` 3 counts (atomic u32 at rowBase + i), for `fill`
 * 3 cursors (atomic u32 at rowBase + i) and 4 neighbours (u32).
 *
 * @param op Accumulated quantity.
 * @param output What to write.
 */
export function pairwiseShader(op: PairwiseOp, output: PairwiseOutput): string {
  const term = op === 'sqdist' ? 'let d = a - b; part += d * d;' : 'part += a * b;';
  const outputDecl = {
    matrix: '@group(0) @binding(3) var<storage, read_write> out: array<f32>;',
    count: '@group(0) @binding(3) var<storage, read_write> counts: array<atomic<u32>>;',
    fill: `@group(0) @binding(3) var<storage, read_write> cursors: array<atomic<u32>>;
@group(0) @binding(4) var<storage, read_write> neighbours: array<u32>;`,
  }[output];
  const emit = {
    matrix: 'out[(i - params.rowStart) * params.outStride + params.colBase + j] = value;',
    count: 'if (value <= params.eps2) { atomicAdd(&counts[params.rowBase + i], 1u); }',
    fill: `if (value <= params.eps2) {
          let pos = atomicAdd(&cursors[params.rowBase + i], 1u);
          neighbours[pos] = params.colBase + j;
        }`,
  }[output];
  return /* wgsl */ `
const TILE: u32 = ${PAIR_TILE}u;
const THREADS: u32 = ${THREADS}u;
const SLAB: u32 = ${SLAB}u;

struct Params {
  rowsB: u32,
  dim: u32,
  rowStart: u32,
  rowEnd: u32,
  rowBase: u32,
  colBase: u32,
  outStride: u32,
  eps2: f32,
  pad: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> A: array<f32>;
@group(0) @binding(2) var<storage, read> B: array<f32>;
${outputDecl}

var<workgroup> tileA: array<f32, ${PAIR_TILE * SLAB}>;
var<workgroup> tileB: array<f32, ${PAIR_TILE * SLAB}>;

@compute @workgroup_size(${THREADS}, ${THREADS})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let row0 = params.rowStart + wg.y * TILE;
  let col0 = wg.x * TILE;
  let flat = lid.y * THREADS + lid.x;
  let dim = params.dim;
  var acc = array<f32, 4>(0.0, 0.0, 0.0, 0.0);
  for (var k0 = 0u; k0 < dim; k0 += SLAB) {
    // 64 invocations stage 16×16 values of each block, 4 each; zeros pad the edges.
    for (var q = 0u; q < 4u; q++) {
      let e = flat + q * THREADS * THREADS;
      let rr = e / SLAB;
      let kk = k0 + e % SLAB;
      var va = 0.0;
      var vb = 0.0;
      if (row0 + rr < params.rowEnd && kk < dim) { va = A[(row0 + rr) * dim + kk]; }
      if (col0 + rr < params.rowsB && kk < dim) { vb = B[(col0 + rr) * dim + kk]; }
      tileA[e] = va;
      tileB[e] = vb;
    }
    workgroupBarrier();
    var part = array<f32, 4>(0.0, 0.0, 0.0, 0.0);
    for (var kk = 0u; kk < SLAB; kk++) {
      for (var u = 0u; u < 2u; u++) {
        let a = tileA[(lid.y + u * THREADS) * SLAB + kk];
        for (var w = 0u; w < 2u; w++) {
          let b = tileB[(lid.x + w * THREADS) * SLAB + kk];
          var p = part[u * 2u + w];
          ${term.replace(/part/g, 'p')}
          part[u * 2u + w] = p;
        }
      }
    }
    for (var t = 0u; t < 4u; t++) { acc[t] += part[t]; }
    workgroupBarrier();
  }
  for (var u = 0u; u < 2u; u++) {
    for (var w = 0u; w < 2u; w++) {
      let i = row0 + lid.y + u * THREADS;
      let j = col0 + lid.x + w * THREADS;
      if (i < params.rowEnd && j < params.rowsB) {
        let value = acc[u * 2u + w];
        ${emit}
      }
    }
  }
}
`;
}
