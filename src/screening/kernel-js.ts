/**
 * The plain-JavaScript Gram kernel: the reference that runs everywhere. It
 * performs the very float32 operations of the WASM SIMD kernel (four lane
 * accumulators over k ≡ 0,1,2,3 mod 4, then (l0 + l1) + (l2 + l3)), each
 * rounded with Math.fround, so both kernels give bit-identical cosines and
 * every backend can be tested against this one exactly.
 */
import type { GramKernel, GramTiles } from './types.js';

const f = Math.fround;

/** u_i · u_j in the lane order of the SIMD kernel. */
function laneDot(units: Float32Array, ai: number, bj: number, m: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 4 <= m; k += 4) {
    s0 = f(s0 + f(units[ai + k] * units[bj + k]));
    s1 = f(s1 + f(units[ai + k + 1] * units[bj + k + 1]));
    s2 = f(s2 + f(units[ai + k + 2] * units[bj + k + 2]));
    s3 = f(s3 + f(units[ai + k + 3] * units[bj + k + 3]));
  }
  // The SIMD kernel pads rows with zeros to a multiple of 4; adding 0 leaves a lane unchanged.
  if (k < m) s0 = f(s0 + f(units[ai + k] * units[bj + k]));
  if (k + 1 < m) s1 = f(s1 + f(units[ai + k + 1] * units[bj + k + 1]));
  if (k + 2 < m) s2 = f(s2 + f(units[ai + k + 2] * units[bj + k + 2]));
  return f(f(s0 + s1) + f(s2 + s3));
}

/** Reference kernel; blocks of 128 rows (the JS loop gains nothing from cache tuning). */
export const jsGramKernel: GramKernel = {
  name: 'js',
  blockRows: () => 128,
  async load(units: Float32Array, n: number, m: number): Promise<GramTiles> {
    let C = new Float32Array(0);
    return {
      async tile(i0, i1, j0, j1) {
        const stride = j1 - j0;
        if (C.length < (i1 - i0) * stride) C = new Float32Array((i1 - i0) * stride);
        for (let i = i0; i < i1; i++) {
          for (let j = j0; j < j1; j++) C[(i - i0) * stride + j - j0] = laneDot(units, i * m, j * m, m);
        }
        return { C, stride };
      },
      dispose() {
        C = new Float32Array(0);
      },
    };
  },
};
