import { describe, expect, it } from 'vitest';
import { epsNeighbours } from '../../src/clustering/index.js';
import type { NeighbourLists } from '../../src/clustering/index.js';
import { gaussian, loadFixtures, rng } from './helpers.js';

/** Brute force over all pairs, Σ(x−y)² ≤ eps² summed directly: the oracle. */
function bruteForce(points: Float64Array, dim: number, eps: number): number[][] {
  const n = points.length / dim;
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let r = 0; r < dim; r++) acc += (points[i * dim + r] - points[j * dim + r]) ** 2;
      if (acc <= eps * eps) row.push(j);
    }
    out.push(row);
  }
  return out;
}

function rows(lists: NeighbourLists): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + 1 < lists.offsets.length; i++) {
    out.push(Array.from(lists.neighbours.subarray(lists.offsets[i], lists.offsets[i + 1])));
  }
  return out;
}

describe('epsNeighbours', () => {
  it('equals brute force on the fixtures (sorted rows, self included)', () => {
    for (const fx of loadFixtures().filter((f) => f.count <= 400)) {
      const points = Float64Array.from(fx.points);
      for (const run of fx.runs) {
        const lists = epsNeighbours({ points, dim: fx.dim }, run.eps);
        expect(lists.offsets.length).toBe(fx.count + 1);
        expect(rows(lists)).toEqual(bruteForce(points, fx.dim, run.eps));
      }
    }
  });

  it('is exact for near-duplicates in 2080 dimensions (no ‖x‖²+‖y‖²−2x·y cancellation)', () => {
    // Coordinates are multiples of 2⁻¹⁰ below 2¹⁰, so x + δ·e_r is exact for δ = 2⁻²⁰ and
    // ‖x − y‖ = δ exactly; ‖x‖² ≈ 10⁸ would swamp δ² = 10⁻¹² in the expanded form.
    const dim = 2080;
    const u = rng(7);
    const base = new Float64Array(dim).map(() => Math.round((u() * 2 - 1) * 2 ** 19) / 2 ** 10);
    const delta = 2 ** -20;
    const points = new Float64Array(4 * dim);
    points.set(base, 0);
    points.set(base, dim);
    points[dim + 17] += delta; // point 1: distance δ from point 0
    points.set(base, 2 * dim);
    points[2 * dim + 2000] -= 2 * delta; // point 2: 2δ from 0, √5·δ from 1
    for (let r = 0; r < dim; r++) points[3 * dim + r] = base[r] + 1; // point 3: far
    expect(rows(epsNeighbours({ points, dim }, delta))).toEqual([[0, 1], [0, 1], [2], [3]]);
    expect(rows(epsNeighbours({ points, dim }, delta * (1 - 2 ** -40)))).toEqual([[0], [1], [2], [3]]);
    expect(rows(epsNeighbours({ points, dim }, 2 * delta))).toEqual([[0, 1, 2], [0, 1], [0, 2], [3]]);
    expect(rows(epsNeighbours({ points, dim }, Math.sqrt(5) * delta * (1 + 2 ** -40)))).toEqual([[0, 1, 2], [0, 1, 2], [0, 1, 2], [3]]);
  });

  it('equals brute force on a random high-dimensional cloud with tight clusters', () => {
    const dim = 300;
    const u = rng(11);
    const centres = Array.from({ length: 5 }, () => Float64Array.from({ length: dim }, () => gaussian(u)));
    const n = 200;
    const points = new Float64Array(n * dim);
    for (let i = 0; i < n; i++) {
      const c = centres[i % 5];
      const spread = i % 7 === 0 ? 1 : 0.01;
      for (let r = 0; r < dim; r++) points[i * dim + r] = c[r] + spread * gaussian(u);
    }
    for (const eps of [0.1, 0.2, 0.25, 20]) {
      expect(rows(epsNeighbours({ points, dim }, eps))).toEqual(bruteForce(points, dim, eps));
    }
  });

  it('handles eps = 0 (exact duplicates only)', () => {
    const points = Float64Array.from([1, 2, 1, 2, 1, 2.0000000001]);
    expect(rows(epsNeighbours({ points, dim: 2 }, 0))).toEqual([[0, 1], [0, 1], [2]]);
  });
});
