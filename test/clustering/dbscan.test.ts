import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { dbscan, epsNeighbours } from '../../src/clustering/index.js';
import type { NeighbourLists } from '../../src/clustering/index.js';
import { loadFixtures } from './helpers.js';

interface DensityClusteringDbscan {
  run(dataset: number[][], epsilon: number, minPts: number): number[][];
  noise: number[];
}
const require = createRequire(import.meta.url);
const { DBSCAN: DensityDBSCAN } = require('density-clustering') as {
  DBSCAN: new () => DensityClusteringDbscan;
};

const fixtures = loadFixtures();

function coreIndices(core: Uint8Array): number[] {
  const out: number[] = [];
  core.forEach((c, i) => {
    if (c === 1) out.push(i);
  });
  return out;
}

describe('dbscan matches scikit-learn exactly', () => {
  it('has the fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(9);
  });

  for (const fx of fixtures) {
    const cloud = { points: Float64Array.from(fx.points), dim: fx.dim };
    for (const run of fx.runs) {
      it(`${fx.name}: eps=${run.eps} min_samples=${run.min_samples}`, () => {
        const fromPoints = dbscan(cloud, { eps: run.eps, minSamples: run.min_samples });
        expect(Array.from(fromPoints.labels)).toEqual(run.labels);
        expect(coreIndices(fromPoints.core)).toEqual(run.core_sample_indices);
        expect(fromPoints.nClusters).toBe(run.n_clusters);

        const lists = epsNeighbours(cloud, run.eps);
        const fromLists = dbscan(lists, { minSamples: run.min_samples });
        expect(Array.from(fromLists.labels)).toEqual(run.labels);
        expect(coreIndices(fromLists.core)).toEqual(run.core_sample_indices);
      });
    }
  }

  it('covers border points reachable from two clusters', () => {
    const shared = fixtures.flatMap((fx) => fx.runs.map((r) => r.shared_border ?? 0));
    expect(Math.max(...shared)).toBeGreaterThanOrEqual(20);
  });
});

describe('dbscan semantics', () => {
  it('treats a pair at exactly eps as neighbours (inclusive)', () => {
    // (0,0)–(3,4): squared distance 25 = eps² exactly in float64.
    const cloud = { points: Float64Array.from([0, 0, 3, 4, 100, 100]), dim: 2 };
    const r = dbscan(cloud, { eps: 5, minSamples: 2 });
    expect(Array.from(r.labels)).toEqual([0, 0, -1]);
    expect(Array.from(r.core)).toEqual([1, 1, 0]);
    const below = dbscan(cloud, { eps: 5 - 2 ** -50, minSamples: 2 });
    expect(Array.from(below.labels)).toEqual([-1, -1, -1]);
  });

  it('makes every point core with minSamples = 1 (singletons are clusters)', () => {
    const fx = fixtures.find((f) => f.name === 'inclusive');
    if (!fx) throw new Error('inclusive fixture missing');
    const cloud = { points: Float64Array.from(fx.points), dim: fx.dim };
    const r = dbscan(cloud, { eps: 5, minSamples: 1 });
    expect(Array.from(r.core)).toEqual(new Array(fx.count).fill(1));
    expect(r.labels.every((l) => l >= 0)).toBe(true);
    expect(Array.from(r.labels)).toEqual(fx.runs.find((x) => x.min_samples === 1)?.labels);
  });

  it('gives a border point to the lowest-numbered cluster that reaches it', () => {
    // 1-D, eps = 1, minSamples = 4, binary-exact coordinates: point 0 at 1.75 is exactly 1 from
    // the cores at 0.75 and 2.75 but has 3 neighbours. Cluster 0 is seeded by point 1 (the
    // group at 2.75…3.5), cluster 1 by point 5 (0…0.75); the border point joins cluster 0.
    const cloud = { points: Float64Array.from([1.75, 2.75, 3, 3.25, 3.5, 0, 0.25, 0.5, 0.75]), dim: 1 };
    const r = dbscan(cloud, { eps: 1, minSamples: 4 });
    expect(Array.from(r.labels)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(Array.from(r.core)).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('accepts CSR lists directly and checks them', () => {
    const lists: NeighbourLists = {
      offsets: Uint32Array.from([0, 2, 4, 5]),
      neighbours: Uint32Array.from([0, 1, 0, 1, 2]),
    };
    const r = dbscan(lists, { minSamples: 2 });
    expect(Array.from(r.labels)).toEqual([0, 0, -1]);
    expect(() => dbscan({ offsets: Uint32Array.from([0, 1, 2]), neighbours: Uint32Array.from([1, 0]) }, { minSamples: 1 })).toThrow(/itself/);
    expect(() => dbscan({ offsets: Uint32Array.from([0, 1]), neighbours: Uint32Array.from([3]) }, { minSamples: 1 })).toThrow(/out of range/);
    expect(() => dbscan({ offsets: Uint32Array.from([0, 2]), neighbours: Uint32Array.from([0]) }, { minSamples: 1 })).toThrow(RangeError);
  });

  it('rejects bad parameters', () => {
    const cloud = { points: Float64Array.from([0, 0, 1, 1]), dim: 2 };
    expect(() => dbscan(cloud, { eps: -1, minSamples: 2 })).toThrow(RangeError);
    expect(() => dbscan(cloud, { eps: 1, minSamples: 0 })).toThrow(RangeError);
    expect(() => dbscan(cloud, { eps: 1, minSamples: 1.5 })).toThrow(RangeError);
    expect(() => dbscan({ points: Float64Array.from([0, 0, 1]), dim: 2 }, { eps: 1, minSamples: 1 })).toThrow(RangeError);
    expect(() => dbscan({ points: Float64Array.from([0, NaN]), dim: 2 }, { eps: 1, minSamples: 1 })).toThrow(/finite/);
  });

  it('handles an empty cloud', () => {
    const r = dbscan({ points: new Float64Array(0), dim: 3 }, { eps: 1, minSamples: 2 });
    expect(r.labels.length).toBe(0);
    expect(r.nClusters).toBe(0);
  });
});

describe('density-clustering (the npm baseline) differs as documented', () => {
  it('uses strict < eps: the exact-eps pairs of the inclusive fixture are not neighbours', () => {
    const fx = fixtures.find((f) => f.name === 'inclusive');
    const run = fx?.runs.find((x) => x.min_samples === 2);
    if (!fx || !run) throw new Error('inclusive fixture missing');
    const rows = Array.from({ length: fx.count }, (_, i) => fx.points.slice(i * fx.dim, i * fx.dim + fx.dim));
    const dc = new DensityDBSCAN();
    const clusters = dc.run(rows, run.eps, run.min_samples);
    // Every neighbour pair of this fixture is at exactly eps, so it finds nothing…
    expect(clusters).toEqual([]);
    expect(dc.noise.length).toBe(fx.count);
    // …while scikit-learn (and tegum) find clusters.
    expect(run.n_clusters).toBeGreaterThan(0);
    const ours = dbscan({ points: Float64Array.from(fx.points), dim: fx.dim }, { eps: run.eps, minSamples: run.min_samples });
    expect(Array.from(ours.labels)).toEqual(run.labels);
  });

  it('keeps border points in its noise list (its issue #18)', () => {
    // Point 0 at x = 0 is visited first, has 2 < 3 neighbours and goes to noise; the core
    // at 0.5 later adds it to the cluster, but it stays in the noise list.
    const rows = [[0], [0.5], [0.6], [0.7]];
    const dc = new DensityDBSCAN();
    const clusters = dc.run(rows, 0.55, 3);
    expect(clusters.length).toBe(1);
    expect(clusters[0]).toContain(0);
    expect(dc.noise).toContain(0);
    const ours = dbscan({ points: Float64Array.from(rows.flat()), dim: 1 }, { eps: 0.55, minSamples: 3 });
    expect(Array.from(ours.labels)).toEqual([0, 0, 0, 0]);
    expect(Array.from(ours.core)).toEqual([0, 1, 1, 1]);
  });
});
