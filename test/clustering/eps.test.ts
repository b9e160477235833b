import { describe, expect, it } from 'vitest';
import { chooseEps, dbscan } from '../../src/clustering/index.js';
import { distance, embedSpan, gaussian, rng } from './helpers.js';

interface PlantedCloud {
  points: Float64Array;
  dim: number;
  /** group id of each point; −1 for a random plane (a group of its own). */
  group: number[];
}

/**
 * `groups` k-planes in R^m, each seen `copies` times with its basis perturbed by noise σ,
 * plus `random` random k-planes: projector embeddings (L = m(m+1)/2).
 */
function plantedCloud(seed: number, m: number, k: number, groups: number, copies: number, sigma: number, random: number): PlantedCloud {
  const u = rng(seed);
  const vectors: Float64Array[] = [];
  const group: number[] = [];
  for (let g = 0; g < groups; g++) {
    const A = Float64Array.from({ length: m * k }, () => gaussian(u));
    for (let c = 0; c < copies; c++) {
      vectors.push(
        embedSpan(
          A.map((a) => a + sigma * gaussian(u)),
          m,
          k,
        ),
      );
      group.push(g);
    }
  }
  for (let q = 0; q < random; q++) {
    vectors.push(
      embedSpan(
        Float64Array.from({ length: m * k }, () => gaussian(u)),
        m,
        k,
      ),
    );
    group.push(-1);
  }
  const dim = (m * (m + 1)) / 2;
  const points = new Float64Array(vectors.length * dim);
  vectors.forEach((v, i) => points.set(v, i * dim));
  return { points, dim, group };
}

/** Largest distance inside a planted group and smallest distance across groups (naive). */
function separation(c: PlantedCloud): { within: number; across: number } {
  let within = 0;
  let across = Infinity;
  const n = c.group.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = distance(c.points, c.dim, i, j);
      if (c.group[i] === c.group[j] && c.group[i] !== -1) within = Math.max(within, d);
      else across = Math.min(across, d);
    }
  }
  return { within, across };
}

function pairwise(c: PlantedCloud): Float64Array {
  const n = c.group.length;
  const out: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out.push(distance(c.points, c.dim, i, j));
  return Float64Array.from(out);
}

describe('chooseEps', () => {
  const cases = [
    { m: 5, k: 2, sigma: 1e-3, groups: 8, copies: 6, random: 40 },
    { m: 5, k: 2, sigma: 1e-4, groups: 5, copies: 10, random: 60 },
    { m: 6, k: 3, sigma: 3e-3, groups: 6, copies: 4, random: 30 },
    { m: 4, k: 1, sigma: 1e-3, groups: 4, copies: 5, random: 12 },
    { m: 5, k: 2, sigma: 0, groups: 6, copies: 5, random: 40 },
  ];
  for (const [idx, cs] of cases.entries()) {
    const label = `${cs.groups}×${cs.copies} coinciding ${cs.k}-planes in R^${cs.m} (σ ${cs.sigma}) + ${cs.random} random planes`;
    const cloud = plantedCloud(100 + idx, cs.m, cs.k, cs.groups, cs.copies, cs.sigma, cs.random);
    const scale = Math.sqrt(2 * cs.k);

    it(`separates ${label}, from points`, () => {
      const { within, across } = separation(cloud);
      expect(within).toBeLessThan(across); // the planted structure is separable at all
      const { eps, rationale } = chooseEps(cloud, { scale });
      expect(eps).toBeGreaterThan(within);
      expect(eps).toBeLessThan(across);
      expect(rationale).toMatch(/eps = /);
      // With this eps DBSCAN recovers exactly the planted groups; random planes are noise.
      const r = dbscan(cloud, { eps, minSamples: 2 });
      expect(r.nClusters).toBe(cs.groups);
      cloud.group.forEach((g, i) => {
        if (g === -1) expect(r.labels[i]).toBe(-1);
        else expect(r.labels[i]).toBe(g);
      });
    });

    it(`separates ${label}, from pairwise distances`, () => {
      const { within, across } = separation(cloud);
      const { eps } = chooseEps(pairwise(cloud), { scale });
      expect(eps).toBeGreaterThan(within);
      expect(eps).toBeLessThan(across);
    });
  }

  it('puts eps below every distance when all planes are distinct', () => {
    const cloud = plantedCloud(7, 5, 2, 0, 0, 0, 50);
    const { across } = separation(cloud);
    const { eps, rationale } = chooseEps(cloud, { scale: 2 });
    expect(eps).toBeLessThan(across);
    expect(rationale).toMatch(/none of the 50/);
    expect(dbscan(cloud, { eps, minSamples: 2 }).nClusters).toBe(0);
  });

  it('treats float32-level scatter as duplicates when told the precision', () => {
    // Distances 1e-7 … 1e-6 (float32 round-off of exact duplicates) and far ones ≥ 0.3.
    const d = Float64Array.from([1e-7, 3e-7, 1e-6, 2e-7, 0.3, 0.5, 1.2, 0.9]);
    const f32 = chooseEps(d, { scale: 2, precision: 2 ** -23 });
    expect(f32.rationale).toMatch(/none of the 8/);
    expect(f32.eps).toBeGreaterThan(1e-6);
    expect(f32.eps).toBeLessThan(0.3);
  });

  it('is scale-aware: rescaling the distances rescales eps', () => {
    const cloud = plantedCloud(3, 5, 2, 4, 5, 1e-3, 20);
    const d = pairwise(cloud);
    const a = chooseEps(d, { scale: 2 }).eps;
    const b = chooseEps(
      d.map((x) => x * 8),
      { scale: 16 },
    ).eps;
    expect(b / a).toBeCloseTo(8, 10);
  });

  it('rejects bad options', () => {
    expect(() => chooseEps(Float64Array.from([1]), { ceilingFraction: 0 })).toThrow(RangeError);
    expect(() => chooseEps(Float64Array.from([-1, 1]))).toThrow(RangeError);
  });
});
