import { describe, expect, it } from 'vitest';
import { allocateBatch, sampleBatch } from '../../src/toymodel/batch.js';
import { Xoshiro128ss } from '../../src/random/index.js';

describe('sampleBatch', () => {
  // p = 0.3 and 1 use the per-entry sampler, p = 0.05 and 0.003 the geometric gaps.
  it.each([1, 0.3, 0.05, 0.003])('draws features active with probability %s, uniform on [0, 1) when active', (p) => {
    const n = 20;
    const size = 1024;
    const batch = allocateBatch(size, n);
    const rng = Xoshiro128ss.seeded(7, 3);
    const perFeature = new Float64Array(n);
    let active = 0;
    let sum = 0;
    let sumSq = 0;
    let ordered = true;
    let inRange = true;
    const rounds = 20;
    for (let round = 0; round < rounds; round++) {
      sampleBatch(batch, p, rng);
      for (let s = 0; s < size; s++) {
        for (let k = batch.start[s]; k < batch.start[s + 1]; k++) {
          if (k > batch.start[s] && batch.feature[k] <= batch.feature[k - 1]) ordered = false;
          const v = batch.value[k];
          if (!(v >= 0 && v < 1)) inRange = false;
          perFeature[batch.feature[k]]++;
          sum += v;
          sumSq += v * v;
          active++;
        }
      }
    }
    expect(ordered).toBe(true);
    expect(inRange).toBe(true);
    const slots = rounds * size * n;
    // Binomial count: 5 standard deviations.
    expect(Math.abs(active - p * slots)).toBeLessThanOrEqual(5 * Math.sqrt(slots * p * (1 - p)) + 1e-9);
    for (const c of perFeature) expect(Math.abs(c - p * rounds * size)).toBeLessThanOrEqual(5 * Math.sqrt(rounds * size * p * (1 - p)) + 1e-9);
    // Uniform on [0, 1): mean 1/2 (sd 1/sqrt(12 N)), second moment 1/3 (sd sqrt(4/45 / N)).
    expect(Math.abs(sum / active - 0.5)).toBeLessThan(5 / Math.sqrt(12 * active));
    expect(Math.abs(sumSq / active - 1 / 3)).toBeLessThan(5 * Math.sqrt(4 / 45 / active));
  });
});
