import { describe, expect, it } from 'vitest';
import {
  chordalDistance,
  embeddingDistanceSquared,
  embeddingIndex,
  embeddingLength,
  orthonormalBasis,
  projectorDistanceSquared,
  projectorEmbedding,
  projectorFromEmbedding,
} from '../../src/grassmannian/index.js';
import { fixture, flat, projectorMatrix, randn, randomRotation, rotateRows } from './helpers.js';

interface DistanceCase {
  m: number;
  A: number[][];
  B: number[][];
  frobenius: number;
}

function basisOf(rows: Float64Array, m: number): { basis: Float64Array; rank: number } {
  return orthonormalBasis(
    rows,
    m,
    Array.from({ length: rows.length / m }, (_, i) => i),
  );
}

function maxAbs(x: Float64Array): number {
  return x.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
}

describe('projector embedding', () => {
  it('has length m(m+1)/2 and lays out row i, columns i..m−1', () => {
    expect(embeddingLength(1)).toBe(1);
    expect(embeddingLength(64)).toBe(2080);
    const m = 5;
    let o = 0;
    for (let i = 0; i < m; i++) for (let j = i; j < m; j++) expect(embeddingIndex(i, j, m)).toBe(o++);
    // e_0 and (e_1 + e_2)/√2: P[0][0] = 1, P[1][1] = P[2][2] = P[1][2] = ½.
    const B = flat([
      [1, 0, 0, 0, 0],
      [0, Math.SQRT1_2, Math.SQRT1_2, 0, 0],
    ]);
    const x = projectorEmbedding(B, 2, m);
    const expected = new Float64Array(15);
    expected[embeddingIndex(0, 0, m)] = 1;
    expected[embeddingIndex(1, 1, m)] = 0.5;
    expected[embeddingIndex(2, 2, m)] = 0.5;
    expected[embeddingIndex(1, 2, m)] = 0.5 * Math.SQRT2;
    for (let i = 0; i < 15; i++) expect(x[i]).toBeCloseTo(expected[i], 15);
  });

  it('reconstructs a symmetric idempotent P of trace k', () => {
    for (const [m, k, seed] of [
      [3, 1, 1],
      [4, 2, 2],
      [7, 3, 3],
      [12, 5, 4],
    ]) {
      const { basis, rank } = basisOf(randn(k * m, seed), m);
      const P = projectorFromEmbedding(projectorEmbedding(basis, rank, m), m);
      let trace = 0;
      for (let i = 0; i < m; i++) {
        trace += P[i * m + i];
        for (let j = 0; j < m; j++) {
          expect(P[i * m + j]).toBe(P[j * m + i]);
          let pp = 0;
          for (let r = 0; r < m; r++) pp += P[i * m + r] * P[r * m + j];
          expect(Math.abs(pp - P[i * m + j])).toBeLessThan(1e-13);
        }
      }
      expect(trace).toBeCloseTo(k, 13);
      const direct = projectorMatrix(basis, rank, m);
      for (let i = 0; i < m * m; i++) expect(Math.abs(direct[i] - P[i])).toBeLessThan(1e-15);
    }
  });
});

describe('distances', () => {
  it('match numpy’s ‖P − Q‖_F for random subspaces, in all three forms', () => {
    for (const c of fixture<DistanceCase[]>('distances.json')) {
      const a = basisOf(flat(c.A), c.m);
      const b = basisOf(flat(c.B), c.m);
      const d2 = projectorDistanceSquared(a.basis, a.rank, b.basis, b.rank, c.m);
      const e2 = embeddingDistanceSquared(projectorEmbedding(a.basis, a.rank, c.m), projectorEmbedding(b.basis, b.rank, c.m));
      expect(Math.abs(Math.sqrt(d2) - c.frobenius)).toBeLessThan(1e-12);
      expect(Math.abs(Math.sqrt(e2) - c.frobenius)).toBeLessThan(1e-12);
      expect(chordalDistance(a.basis, a.rank, b.basis, b.rank, c.m)).toBeCloseTo(c.frobenius / Math.SQRT2, 12);
    }
  });

  it('are invariant under rotations of the hidden space and changes of basis of the subset', () => {
    const m = 7;
    const A = randn(3 * m, 21);
    const B = randn(3 * m, 22);
    const a = basisOf(A, m);
    const b = basisOf(B, m);
    const ref = projectorDistanceSquared(a.basis, 3, b.basis, 3, m);
    const R = randomRotation(m, 23);
    const ra = basisOf(rotateRows(A, m, R), m);
    const rb = basisOf(rotateRows(B, m, R), m);
    expect(Math.abs(projectorDistanceSquared(ra.basis, 3, rb.basis, 3, m) - ref)).toBeLessThan(1e-12);
    // Mix A's vectors by an invertible 3×3 matrix M: rows of M·A span the same plane.
    const M = [
      [2, -1, 0.5],
      [0.1, 3, 1],
      [-1, 0.2, 0.7],
    ];
    const mixed = new Float64Array(3 * m);
    for (let p = 0; p < 3; p++) for (let q = 0; q < 3; q++) for (let r = 0; r < m; r++) mixed[p * m + r] += M[p][q] * A[q * m + r];
    const ma = basisOf(mixed, m);
    expect(Math.abs(projectorDistanceSquared(ma.basis, 3, b.basis, 3, m) - ref)).toBeLessThan(1e-12);
    expect(projectorDistanceSquared(ma.basis, 3, a.basis, 3, m)).toBeLessThan(1e-26);
    const ex = projectorEmbedding(a.basis, 3, m);
    expect(maxAbs(ex.map((v, i) => v - projectorEmbedding(ma.basis, 3, m)[i]))).toBeLessThan(1e-14);
  });

  it('keeps the distance of nearly coinciding planes where the trace form loses it', () => {
    // Planes span(e1, e2) and span(e1, e2 + t·e3), rotated randomly in R^5:
    // one principal angle θ = atan(t), ‖P − Q‖_F² = 2 sin²θ.
    const m = 5;
    const t = 1e-8;
    const theta = Math.atan(t);
    const truth = 2 * Math.sin(theta) ** 2;
    const R = randomRotation(m, 31);
    const W = rotateRows(
      flat([
        [1, 0, 0, 0, 0],
        [0, 1, 0, 0, 0],
        [0, 1, t, 0, 0],
      ]),
      m,
      R,
    );
    const a = orthonormalBasis(W, m, [0, 1]);
    const b = orthonormalBasis(W, m, [0, 2]);
    const residual = projectorDistanceSquared(a.basis, 2, b.basis, 2, m);
    expect(Math.abs(residual - truth) / truth).toBeLessThan(1e-6);
    // The trace form k_A + k_B − 2 tr(PQ) = ‖P − Q‖² in exact arithmetic; in
    // float64 it subtracts numbers equal to 16 digits and returns rounding noise.
    const P = projectorMatrix(a.basis, 2, m);
    const Q = projectorMatrix(b.basis, 2, m);
    let trPQ = 0;
    for (let i = 0; i < m * m; i++) trPQ += P[i] * Q[i];
    const trace = 2 + 2 - 2 * trPQ;
    expect(Math.abs(trace - truth) / truth).toBeGreaterThan(0.5);
  });

  it('grow continuously for the talk’s perturb₄(pentagon ⊕ pentagon)', () => {
    // Two regular pentagons in orthogonal planes of R⁴ plus ε·D: span(W₀, W₁)
    // and span(W₀, W₂) are the same plane at ε = 0 and drift apart ∝ ε.
    const data = fixture<{ W: number[][]; D: number[][]; eps: number[]; pairs: number[][]; frobenius: number[] }>('pentagons.json');
    const m = 4;
    const W0 = flat(data.W);
    const D = flat(data.D);
    const ratios: number[] = [];
    let previous = 0;
    data.eps.forEach((eps, i) => {
      const W = W0.map((v, j) => v + eps * D[j]);
      const a = orthonormalBasis(W, m, data.pairs[0]);
      const b = orthonormalBasis(W, m, data.pairs[1]);
      expect(a.rank).toBe(2);
      expect(b.rank).toBe(2);
      const d = Math.sqrt(projectorDistanceSquared(a.basis, 2, b.basis, 2, m));
      expect(Math.abs(d - data.frobenius[i]) / data.frobenius[i]).toBeLessThan(1e-9);
      expect(d).toBeGreaterThan(previous);
      previous = d;
      ratios.push(d / eps);
    });
    const lo = Math.min(...ratios);
    const hi = Math.max(...ratios);
    expect(hi / lo).toBeLessThan(1.01);
  });
});
