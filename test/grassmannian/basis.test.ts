import { describe, expect, it } from 'vitest';
import { FLOAT64_EPS, orthonormalBasis } from '../../src/grassmannian/index.js';
import { fixture, flat, randn } from './helpers.js';

interface SvdCase {
  name: string;
  m: number;
  vectors: number[][];
  singularValues: number[];
  rank: number;
}

function indices(k: number): number[] {
  return Array.from({ length: k }, (_, i) => i);
}

/** max |BBᵀ − I| over a rank×m row basis. */
function orthonormalityError(B: Float64Array, rank: number, m: number): number {
  let worst = 0;
  for (let p = 0; p < rank; p++) {
    for (let q = 0; q < rank; q++) {
      let d = 0;
      for (let r = 0; r < m; r++) d += B[p * m + r] * B[q * m + r];
      worst = Math.max(worst, Math.abs(d - (p === q ? 1 : 0)));
    }
  }
  return worst;
}

/** ‖w − B Bᵀ w‖ / ‖w‖: how far w lies outside span(B). */
function relativeResidual(B: Float64Array, rank: number, m: number, w: ArrayLike<number>): number {
  const res = Float64Array.from(w);
  let nw = 0;
  for (let r = 0; r < m; r++) nw += w[r] * w[r];
  for (let p = 0; p < rank; p++) {
    let d = 0;
    for (let r = 0; r < m; r++) d += B[p * m + r] * w[r];
    for (let r = 0; r < m; r++) res[r] -= d * B[p * m + r];
  }
  let nr = 0;
  for (let r = 0; r < m; r++) nr += res[r] * res[r];
  return nw === 0 ? 0 : Math.sqrt(nr / nw);
}

describe('orthonormalBasis', () => {
  it('is orthonormal and spans every vector of random subsets', () => {
    for (const [m, k, seed] of [
      [3, 1, 1],
      [5, 2, 2],
      [5, 3, 3],
      [16, 3, 4],
      [64, 3, 5],
      [8, 6, 6],
    ]) {
      const W = randn(k * m, seed);
      const { basis, rank } = orthonormalBasis(W, m, indices(k));
      expect(rank).toBe(k);
      expect(orthonormalityError(basis, rank, m)).toBeLessThan(1e-12);
      for (let i = 0; i < k; i++) expect(relativeResidual(basis, rank, m, W.subarray(i * m, i * m + m))).toBeLessThan(1e-12);
    }
  });

  it('finds rank 1 for an antipodal pair and rank 2 for three vectors in a plane', () => {
    const pair = flat([
      [0.3, -1.2, 0.7],
      [-0.3, 1.2, -0.7],
    ]);
    const p = orthonormalBasis(pair, 3, [0, 1]);
    expect(p.rank).toBe(1);
    expect(relativeResidual(p.basis, 1, 3, [0.3, -1.2, 0.7])).toBeLessThan(1e-15);
    const plane = flat([
      [1, 0, 0, 0],
      [0.6, 0.8, 0, 0],
      [-0.3, 2, 0, 0],
    ]);
    const q = orthonormalBasis(plane, 4, [0, 1, 2]);
    expect(q.rank).toBe(2);
    expect(orthonormalityError(q.basis, 2, 4)).toBeLessThan(1e-14);
    // Dependent vectors also under a rotation of the plane away from the axes.
    const tilted = flat([
      [1, 1, 1, 0],
      [2, 2, 2, 0],
      [0, 1, -1, 0],
      [3, 4, 2, 0],
    ]);
    expect(orthonormalBasis(tilted, 4, [0, 1, 2, 3]).rank).toBe(2);
  });

  it('honours a tolerance override', () => {
    const W = flat([
      [1, 0, 0],
      [1, 1e-6, 0],
    ]);
    const auto = orthonormalBasis(W, 3, [0, 1]);
    expect(auto.rank).toBe(2);
    // σ₂ = 1e-6/√2 up to O(1e-12): a tolerance above it drops the direction.
    expect(auto.singularValues[1]).toBeCloseTo(1e-6 / Math.SQRT2, 17);
    const coarse = orthonormalBasis(W, 3, [0, 1], 1e-5);
    expect(coarse.rank).toBe(1);
    expect(coarse.basis.length).toBe(3);
    expect(orthonormalBasis(W, 3, [0, 1], 2).rank).toBe(0);
  });

  it('handles zero vectors and duplicate indices', () => {
    const W = flat([
      [0, 0, 0],
      [0, 2, 0],
    ]);
    expect(orthonormalBasis(W, 3, [0]).rank).toBe(0);
    expect(orthonormalBasis(W, 3, [0, 1]).rank).toBe(1);
    expect(orthonormalBasis(W, 3, [1, 1]).rank).toBe(1);
    expect(orthonormalBasis(W, 3, []).rank).toBe(0);
  });

  it('agrees with numpy’s svd and matrix_rank on the fixture matrices', () => {
    const cases = fixture<SvdCase[]>('svd.json');
    for (const c of cases) {
      const k = c.vectors.length;
      const W = flat(c.vectors);
      const { basis, rank, singularValues } = orthonormalBasis(W, c.m, indices(k));
      const s1 = c.singularValues[0];
      const tol = Math.max(c.m, k) * s1 * FLOAT64_EPS;
      // numpy returns min(m, k) values; the rest of ours are zero up to rounding.
      for (let i = 0; i < k; i++) {
        const expected = i < c.singularValues.length ? c.singularValues[i] : 0;
        expect(Math.abs(singularValues[i] - expected), `${c.name} σ${i}`).toBeLessThan(Math.max(1e-13 * expected, 4 * tol));
      }
      // Ranks must agree unless a singular value sits within a factor 4 of the
      // tolerance, where rounding of either SVD legitimately decides.
      const ambiguous = c.singularValues.some((s) => s > tol / 4 && s < tol * 4);
      if (!ambiguous) expect(rank, c.name).toBe(c.rank);
      expect(orthonormalityError(basis, rank, c.m), c.name).toBeLessThan(1e-12);
    }
  });

  it('spans the same subspace whatever the order, signs and scales of the vectors', () => {
    const m = 6;
    const W = randn(3 * m, 11);
    const ref = orthonormalBasis(W, m, [0, 1, 2]);
    const V = new Float64Array(3 * m);
    const scales = [-4.5, 1e-3, 2e3];
    const perm = [2, 0, 1];
    for (let p = 0; p < 3; p++) for (let r = 0; r < m; r++) V[p * m + r] = scales[p] * W[perm[p] * m + r];
    const other = orthonormalBasis(V, m, [0, 1, 2]);
    expect(other.rank).toBe(3);
    for (let p = 0; p < 3; p++) expect(relativeResidual(ref.basis, 3, m, other.basis.subarray(p * m, p * m + m))).toBeLessThan(1e-12);
  });
});
