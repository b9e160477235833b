/**
 * Dictionary-sized inputs (n = 16,384) run end to end through analyze() in
 * memory linear in n: no stage may hold an n×n matrix (16,384² float64 = 2 GB).
 *
 * - Four mutually orthogonal 4-D blocks of 4,000 random directions each, rotated
 *   and shuffled (test/spheres/disguise.ts), plus 384 near-zero features: the
 *   oracle is the construction (which block each feature was put in).
 * - The viewer's 16,384 × 8 Gaussian fixture: the oracle is the report numpy
 *   wrote for it (scripts/fixtures/make_large_sample.py): norms, D_i, the
 *   represented set and one irregular bundle.
 *
 * Budgets (2 cores, possibly under load): each analysis within TIME_BUDGET_S,
 * and the test process's peak RSS (vitest included) under RSS_BUDGET_MB; the
 * dense implementation needed > 4 GB of heap here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { chooseWeights, readTensors } from '../../src/import/index.js';
import type { WeightSet } from '../../src/import/weightset.js';
import { type PointSet } from '../../src/spheres/index.js';
import { gaussian, mulberry32 } from '../../src/random/index.js';
import { disguise, trueBundles } from '../spheres/disguise.js';

const TIME_BUDGET_S = 90;
const RSS_BUDGET_MB = 1536;
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'viewer');

/** Peak resident memory of this process so far, MB. */
const peakRssMB = (): number => process.resourceUsage().maxRSS / 1024;

/** N random unit directions in R^d. */
function sphere(N: number, d: number, seed: number): PointSet {
  const rng = mulberry32(seed);
  const vectors = new Float64Array(N * d);
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let r = 0; r < d; r++) s += (vectors[i * d + r] = gaussian(rng)) ** 2;
    for (let r = 0; r < d; r++) vectors[i * d + r] /= Math.sqrt(s);
  }
  return { vectors, d };
}

async function timed(ws: WeightSet) {
  const t0 = performance.now();
  const report = await analyze(ws);
  const seconds = (performance.now() - t0) / 1000;
  console.log(`${ws.tensor}: n = ${ws.n}, m = ${ws.m}: ${seconds.toFixed(1)} s, peak RSS ${Math.round(peakRssMB())} MB`);
  return { report, seconds };
}

describe('n = 16,384 features', () => {
  it('four orthogonal 4-D blocks of 4,000 directions (m = 16) come out as exactly those four bundles', async () => {
    const D = disguise(
      [1, 2, 3, 4].map((k) => sphere(4000, 4, k)),
      16384,
      0,
    );
    const tiny = 384;
    const rng = mulberry32(99);
    const W = new Float64Array((D.n + tiny) * D.m);
    W.set(D.W);
    for (let i = D.W.length; i < W.length; i++) W[i] = 1e-4 * gaussian(rng);
    const { report, seconds } = await timed({ file: 'blocks', tensor: 'blocks', W, m: D.m, n: D.n + tiny, featuresAre: 'rows' });

    expect(seconds).toBeLessThan(TIME_BUDGET_S);
    expect(peakRssMB()).toBeLessThan(RSS_BUDGET_MB);
    expect(report.unrepresented).toEqual(Array.from({ length: tiny }, (_, k) => D.n + k));
    expect(report.bundles.map((b) => b.features)).toEqual(trueBundles(D));
    for (const b of report.bundles) {
      expect(b.dimension).toBe(4);
      expect(b.polytope).toBe('irregular');
    }
    expect(report.decomposition).toBe('irregular ⊕ irregular ⊕ irregular ⊕ irregular');
  }, 300_000);

  it('the viewer’s Gaussian 16,384 × 8 fixture matches numpy’s report (norms, D_i, one irregular bundle)', async () => {
    const file = join(fixtures, 'large-16384x8.npy');
    const ws = chooseWeights(file, await readTensors(file));
    const oracle = JSON.parse(readFileSync(join(fixtures, 'large-16384x8.report.json'), 'utf8')) as {
      features: { norm: number; dimensionality: number }[];
      unrepresented: number[];
      bundles: { features: number[] }[];
    };
    const { report, seconds } = await timed(ws);

    expect(seconds).toBeLessThan(TIME_BUDGET_S);
    expect(peakRssMB()).toBeLessThan(RSS_BUDGET_MB);
    expect(report.unrepresented).toEqual(oracle.unrepresented);
    expect(report.bundles.map((b) => b.features)).toEqual(oracle.bundles.map((b) => b.features));
    expect(report.bundles[0].dimension).toBe(8);
    expect(report.bundles[0].polytope).toBe('irregular');
    // The oracle is rounded to 6 decimals.
    report.features.forEach((f, i) => {
      expect(Math.abs(f.norm - oracle.features[i].norm)).toBeLessThan(1e-6);
      expect(Math.abs(f.dimensionality - oracle.features[i].dimensionality)).toBeLessThan(1e-6);
    });
  }, 300_000);
});
