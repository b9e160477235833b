import { describe, expect, it } from 'vitest';
import { representedThreshold } from '../../src/features/index.js';

const represented = (norms: number[], t: number): number[] => norms.flatMap((x, i) => (x > t ? [i] : []));

describe('representedThreshold', () => {
  const trained = [1.02, 0.003, 0.97, 1.1, 0.008, 0.88, 0.0015, 1.0, 0.93];

  it('cuts at the wide gap between unlearned (~1e-3) and learned (~1) norms', () => {
    const { threshold, rationale } = representedThreshold(Float64Array.from(trained));
    expect(represented(trained, threshold)).toEqual([0, 2, 3, 5, 7, 8]);
    // Geometric middle of the gap 0.008 … 0.88.
    expect(threshold).toBeCloseTo(Math.sqrt(0.008 * 0.88), 12);
    expect(rationale).toMatch(/gap/);
  });

  it('is unchanged by a positive rescaling of W', () => {
    const base = representedThreshold(Float64Array.from(trained)).threshold;
    for (const s of [1e-4, 0.3, 250]) {
      const scaled = trained.map((x) => x * s);
      const t = representedThreshold(Float64Array.from(scaled)).threshold;
      expect(t / s).toBeCloseTo(base, 10);
      expect(represented(scaled, t)).toEqual(represented(trained, base));
    }
  });

  it('keeps every non-zero feature when there is no ×10 gap', () => {
    const norms = [1, 0.5, 0.3, 0.12, 0.9, 0];
    const { threshold } = representedThreshold(Float64Array.from(norms));
    expect(represented(norms, threshold)).toEqual([0, 1, 2, 3, 4]);
  });

  it('sets exact zeros aside before looking for a gap', () => {
    const norms = [0, 0, 1, 0.004, 0.95, 0];
    expect(represented(norms, representedThreshold(Float64Array.from(norms)).threshold)).toEqual([2, 4]);
  });

  it('honours a given threshold and handles all-zero W', () => {
    expect(representedThreshold(Float64Array.from(trained), { threshold: 0.95 }).threshold).toBe(0.95);
    expect(representedThreshold(new Float64Array(4)).threshold).toBe(0);
  });
});
