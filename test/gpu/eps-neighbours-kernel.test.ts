import { afterAll, describe, expect, it } from 'vitest';
import { epsNeighbours } from '../../src/clustering/eps-neighbours.js';
import { binomial, embeddingLength, embedSubsets } from '../../src/grassmannian/index.js';
import { gpuDistanceTile } from '../../src/gpu/distance-tile.js';
import { gpuNeighbours } from '../../src/gpu/eps-neighbours-kernel.js';
import { pentagonDigon, randomWeights } from '../../src/gpu/selftest-inputs.js';
import { DISTANCE_SQUARED_TOLERANCE, NEIGHBOUR_EPS_MARGIN } from '../../src/gpu/tolerances.js';
import { device, gpu, skipNote } from './gpu-handle.js';

afterAll(() => gpu?.destroy());

/** Σ(x−y)² in float64 over the float32-rounded inputs the GPU sees. */
function distancesSquared(X: Float64Array, dim: number, count: number): Float64Array {
  const Xf = Float64Array.from(Float32Array.from(X));
  const D = new Float64Array(count * count);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < count; j++) {
      let s = 0;
      for (let r = 0; r < dim; r++) s += (Xf[i * dim + r] - Xf[j * dim + r]) ** 2;
      D[i * count + j] = s;
    }
  }
  return D;
}

/** An eps near `target` whose square sits mid-gap between consecutive pair distances. */
function epsInGap(D: Float64Array, target: number): number {
  const sorted = Array.from(D).sort((a, b) => a - b);
  let j = Math.max(
    1,
    sorted.findIndex((d) => d >= target * target),
  );
  while (j < sorted.length - 1 && sorted[j] - sorted[j - 1] <= 3 * NEIGHBOUR_EPS_MARGIN) j++;
  return Math.sqrt((sorted[j] + sorted[j - 1]) / 2);
}

/** No pair's d² within the f32 margin of eps²: both paths must then agree exactly. */
function clearOfPairs(D: Float64Array, eps: number): boolean {
  return D.every((d) => Math.abs(d - eps * eps) > NEIGHBOUR_EPS_MARGIN);
}

describe.skipIf(gpu === null)(`GPU pairwise distances and ε-neighbour lists${skipNote}`, () => {
  it('distance tiles match float64 sums within 1e-4 (dims 1, 15, 2080; ragged tile edges)', async () => {
    for (const [rowsA, rowsB, dim] of [
      [5, 7, 1],
      [37, 21, 15],
      [19, 33, 2080],
    ]) {
      const A = randomWeights(rowsA, dim, dim + 1);
      const B = randomWeights(rowsB, dim, dim + 2);
      const tile = await gpuDistanceTile(device(), A, rowsA, B, rowsB, dim);
      for (let i = 0; i < rowsA; i++) {
        for (let j = 0; j < rowsB; j++) {
          let s = 0;
          for (let r = 0; r < dim; r++) s += (Math.fround(A[i * dim + r]) - Math.fround(B[j * dim + r])) ** 2;
          // Random Gaussian rows have d² ≈ 2·dim: the bound scales with it.
          expect(Math.abs(tile[i * rowsB + j] - s)).toBeLessThanOrEqual(DISTANCE_SQUARED_TOLERANCE * Math.max(1, s / 8));
        }
      }
    }
  });

  it('neighbour lists equal the float64 CSR lists on projector embeddings (eps inside gaps)', async () => {
    const n = 12;
    const m = 5;
    const W = randomWeights(n, m, 77);
    const count = binomial(n, 2);
    const L = embeddingLength(m);
    const X = embedSubsets(W, m, n, 2, 0, count).embeddings;
    const D = distancesSquared(X, L, count);
    for (const eps of [0.3, 0.8, 1.2, 1.6].map((t) => epsInGap(D, t))) {
      expect(clearOfPairs(D, eps)).toBe(true);
      const g = await gpuNeighbours(device(), X, L, count, eps);
      const c = epsNeighbours({ points: X, dim: L }, eps);
      expect(g.offsets).toEqual(c.offsets);
      expect(g.neighbours).toEqual(c.neighbours);
      for (let i = 0; i < count; i++) expect(g.counts[i]).toBe(c.offsets[i + 1] - c.offsets[i]);
    }
  });

  it('separates nearly coinciding planes at eps = 1e-3 and joins them at 0.05', async () => {
    const shape = pentagonDigon(5);
    const count = binomial(shape.n, 2);
    const X = embedSubsets(shape.W, shape.m, shape.n, 2, 0, count, { tol: 1e-5 }).embeddings;
    const L = embeddingLength(shape.m);
    // The tilted plane is √2·sin(1e-3) ≈ 1.41e-3 from the pentagon's: d² = 2e-6 vs eps² = 1e-6.
    // At these small distances f32 errs by ~2d·√L·ε₃₂ ≈ 1e-9 in d², far below the gap.
    for (const eps of [1e-3, 0.05]) {
      const g = await gpuNeighbours(device(), X, L, count, eps);
      const c = epsNeighbours({ points: X, dim: L }, eps);
      expect(g.offsets).toEqual(c.offsets);
      expect(g.neighbours).toEqual(c.neighbours);
    }
    // The 10 pentagon pairs (ranks 0..3, 8..10, 15, 16, 21) span one plane; the
    // tilted pair {7, 8} (last rank) joins them only at the larger eps.
    const pentagonPairs = [0, 1, 2, 3, 8, 9, 10, 15, 16, 21];
    const tilted = count - 1;
    const near = await gpuNeighbours(device(), X, L, count, 1e-3);
    const far = await gpuNeighbours(device(), X, L, count, 0.05);
    const row = (lists: typeof near, i: number) => Array.from(lists.neighbours.subarray(lists.offsets[i], lists.offsets[i + 1]));
    for (const p of pentagonPairs) expect(row(near, 0)).toContain(p);
    expect(row(near, 0)).not.toContain(tilted);
    expect(row(far, 0)).toContain(tilted);
  });

  it('blocks rows and splits the fill pass without changing the lists', async () => {
    const count = 150;
    const dim = 20;
    const X = randomWeights(count, dim, 4);
    const D = distancesSquared(X, dim, count);
    const eps = epsInGap(D, 5);
    expect(clearOfPairs(D, eps)).toBe(true);
    const whole = await gpuNeighbours(device(), X, dim, count, eps);
    const blocked = await gpuNeighbours(device(), X, dim, count, eps, { maxRowsPerBlock: 23, maxNeighboursPerPass: 97 });
    const c = epsNeighbours({ points: X, dim }, eps);
    expect(whole.neighbours.length).toBeGreaterThan(count); // not only the points themselves
    expect(blocked.offsets).toEqual(c.offsets);
    expect(blocked.neighbours).toEqual(c.neighbours);
    expect(whole.neighbours).toEqual(c.neighbours);
  });

  it('includes each point itself at eps = 0 and rejects a bad eps', async () => {
    const X = randomWeights(9, 3, 2);
    const g = await gpuNeighbours(device(), X, 3, 9, 0);
    expect(Array.from(g.neighbours)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    await expect(gpuNeighbours(device(), X, 3, 9, -1)).rejects.toThrow(/eps/);
  });
});
