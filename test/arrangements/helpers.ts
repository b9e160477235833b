/** Test inputs written out here (closed forms), with the seeded generator of src/spheres/polytopes.ts. */
import { mulberry32 } from '../../src/random/index.js';

/** Feature-major Float64Array from rows. */
export function flat(rows: number[][]): Float64Array {
  return Float64Array.from(rows.flat());
}

/** Deterministic uniform [0,1) generator (mulberry32). */
export function rng(seed: number): () => number {
  return mulberry32(seed);
}

/** Standard normal samples (Box–Muller). */
export function gaussian(next: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/** A random m×m rotation (Gram–Schmidt of a Gaussian matrix), rows orthonormal. */
export function rotation(m: number, next: () => number): number[][] {
  const g = gaussian(next);
  const Q: number[][] = [];
  while (Q.length < m) {
    const v = Array.from({ length: m }, g);
    for (const q of Q) {
      const d = v.reduce((s, x, i) => s + x * q[i], 0);
      for (let i = 0; i < m; i++) v[i] -= d * q[i];
    }
    const nv = Math.hypot(...v);
    Q.push(v.map((x) => x / nv));
  }
  return Q;
}

/** Rows w ↦ Q w. */
export function rotate(rows: number[][], Q: number[][]): number[][] {
  return rows.map((w) => Q.map((q) => q.reduce((s, x, i) => s + x * w[i], 0)));
}

/** The regular k-gon's unit vectors, angle 2πj/k. */
export function polygon(k: number): number[][] {
  return Array.from({ length: k }, (_, j) => [Math.cos((2 * Math.PI * j) / k), Math.sin((2 * Math.PI * j) / k)]);
}

/** C(n, k) as a number (small arguments). */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return Math.round(c);
}

/** Polynomial product, coefficient lists highest degree first. */
export function polyMul(p: number[], q: number[]): number[] {
  const out = new Array<number>(p.length + q.length - 1).fill(0);
  p.forEach((a, i) => q.forEach((b, j) => (out[i + j] += a * b)));
  return out;
}
