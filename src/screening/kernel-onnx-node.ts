/**
 * Gram tiles by onnxruntime-node's MLAS sgemm (native AVX2/AVX-512 FMA), the
 * CPU kernel chosen by measurement (BENCHMARKS.md, "Screening"): about 5× our
 * WASM SIMD kernel per core. Node only, and optional: onnxruntime-node is an
 * optional dependency, and without it the pool uses the WASM kernel. Tiles
 * are copied into a WASM TileMemory so the SIMD pre-scan serves them too.
 */
import type * as Ort from 'onnxruntime-node';
import { paddedTile, TileMemory } from './kernel-wasm.js';
import { gemmTransBModel } from './onnx-gemm.js';
import type { GramKernel, GramTiles } from './types.js';

type OrtModule = typeof Ort.default;
let ort: Promise<OrtModule | null> | null = null;

/** onnxruntime-node, or null where it is not installed or its binary does not load. */
function loadOrt(): Promise<OrtModule | null> {
  // A CommonJS package: its namespace's default is module.exports.
  ort ??= import('onnxruntime-node').then(
    (mod): OrtModule => mod.default,
    () => null,
  );
  return ort;
}

/** Rows per block: big tiles keep sgemm near peak; 1024² floats = 4 MB per tile. */
const BLOCK = 1024;

/**
 * The MLAS kernel, or null when onnxruntime-node is unavailable.
 * @param threads Intra-op threads of the kernel's session (1 inside pool workers).
 */
export async function onnxGramKernel(threads = 1): Promise<GramKernel | null> {
  const mod = await loadOrt();
  if (mod === null) return null;
  // One session per kernel, shared by its loads: creating one costs ~30 ms, and D_i loads one block at a time.
  let session: Promise<Ort.InferenceSession> | null = null;
  return {
    name: 'onnxruntime',
    blockRows: () => BLOCK,
    async load(units: Float32Array, n: number, m: number): Promise<GramTiles> {
      const gemm = await (session ??= mod.InferenceSession.create(gemmTransBModel(), {
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
        // Intra-op threads (the pool's product kernel) run large products: spinning between them gains nothing
        // and takes the cores other processes need (measured on the shared 2-core machine: slower than one thread).
        ...(threads > 1 ? { extra: { session: { intra_op: { allow_spinning: '0' } } } } : {}),
      }));
      // Each tile's two row blocks are copied into scratch, zero-padded to the pre-scan's stride: onnxruntime-node
      // refuses typed arrays on shared memory (the pool's units), and a block copy per tile (≤ 1024·m values, a few
      // per cent of the tile's sgemm) replaces a whole copy of the units per worker.
      const scratch = [new Float32Array(BLOCK * m), new Float32Array(BLOCK * m)];
      let mem: TileMemory | null = new TileMemory(0, BLOCK);
      let last = { rows: 0, stride: 0 };
      const rowsTensor = (side: 0 | 1, start: number, count: number): Ort.Tensor => {
        const have = Math.max(0, Math.min(count, n - start));
        const block = scratch[side];
        block.set(units.subarray(start * m, (start + have) * m));
        block.fill(0, have * m, count * m);
        return new mod.Tensor('float32', block.subarray(0, count * m), [count, m]);
      };
      return {
        padded: paddedTile,
        async tile(i0, i1, j0, j1) {
          if (mem === null) throw new Error('kernel disposed');
          if (i1 - i0 > BLOCK || j1 - j0 > BLOCK) throw new RangeError(`tile ${i1 - i0}×${j1 - j0} exceeds the ${BLOCK}-row block`);
          last = paddedTile(i1 - i0, j1 - j0);
          if (m === 0) {
            mem.tile.fill(0, 0, last.rows * last.stride);
            return { C: mem.tile, stride: last.stride };
          }
          const out = await gemm.run({ A: rowsTensor(0, i0, last.rows), B: rowsTensor(1, j0, last.stride) });
          mem.tile.set(out.C.data as Float32Array);
          out.C.dispose();
          return { C: mem.tile, stride: last.stride };
        },
        candidates(rowLim, colLim) {
          if (mem === null) throw new Error('kernel disposed');
          return mem.filter(last.rows, last.stride, rowLim, colLim);
        },
        dispose() {
          mem = null;
        },
      };
    },
  };
}
