/**
 * Dictionary-scale structure finding against planted truth
 * (src/synthetic/dictionary.ts: random unit directions plus circles,
 * polytopes of the label vocabulary, antipodal pairs and families, each in its
 * own subspace). The larger cases (16384 × 768, 32768 × 512, the small-m
 * 32768 × 256) run in scripts/bench/dictionary.mjs; here 4096 × 256 keeps CI short.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { generateDictionary } from '../../src/synthetic/index.js';

const key = (xs: readonly number[]): string => [...xs].sort((a, b) => a - b).join(',');

describe('planted structures among 4096 random directions in R^256', () => {
  it('finds every planted polytope, circle and pair with its exact features, label and dimension, and nothing else', async () => {
    const d = generateDictionary({ n: 4096, m: 256, seed: 5 });
    const r = await analyze({ file: 'dictionary', tensor: 'W', W: Float64Array.from(d.W), m: d.m, n: d.n, featuresAre: 'rows' });
    const found = new Map(r.structures.map((s) => [key(s.features), s]));
    const shapes = d.truth.structures.filter((s) => s.label !== 'irregular');
    expect(shapes.length).toBeGreaterThanOrEqual(18);
    for (const t of shapes) {
      const s = found.get(key(t.features));
      expect(s, `${t.label} ${key(t.features)}`).toBeDefined();
      expect(s!.label).toBe(t.label);
      expect(s!.dimension).toBe(t.dimension);
      expect(s!.regularity).toBeGreaterThan(0.9);
      expect(s!.significance).toBeGreaterThan(5);
    }
    // Families of similar directions are found as unnamed structures holding them (their rank is borderline: see README).
    for (const t of d.truth.structures.filter((s) => s.label === 'irregular')) {
      const holder = r.structures.find((s) => t.features.every((f) => s.features.includes(f)));
      expect(holder?.label, `family ${key(t.features)}`).toBe('irregular');
    }
    // No structure outside the planted ones, beyond a family's holder.
    const planted = new Set(d.truth.structures.flatMap((t) => t.features));
    for (const s of r.structures)
      expect(s.features.filter((f) => planted.has(f)).length, `structure ${key(s.features)}`).toBeGreaterThanOrEqual(s.features.length - 1);
    expect(r.generic.count).toBeGreaterThan(3900);
    // A random direction may sit weakly beside a stronger one it interferes with; no planted feature is weak.
    for (const w of r.weak) expect(planted.has(w.index), `weak ${w.index}`).toBe(false);
  }, 180_000);
});

describe('dictionary screening on the WebGPU adapter', () => {
  it('finds the same structures as the CPU screening (2048 × 128)', async () => {
    const { gpu, skipNote } = await import('../gpu/gpu-handle.js');
    if (gpu === null) {
      console.log(`skipped${skipNote}`);
      return;
    }
    const { createGpuScreener } = await import('../../src/screening/screener-gpu.js');
    const d = generateDictionary({
      n: 2048,
      m: 128,
      seed: 7,
      structures: [
        { kind: 'shape', label: 'pentagon', count: 2 },
        { kind: 'shape', label: 'tetrahedron', count: 2 },
        { kind: 'shape', label: 'digon', count: 3 },
        { kind: 'shape', label: 'polygon-7', count: 1 },
      ],
    });
    const ws = { file: 'dictionary', tensor: 'W', W: Float64Array.from(d.W), m: d.m, n: d.n, featuresAre: 'rows' as const };
    const cpu = await analyze(ws);
    const onGpu = await analyze(ws, { screener: createGpuScreener(gpu) });
    const shapes = (r: typeof cpu) => r.structures.map((s) => `${s.label}:${key(s.features)}`).sort();
    expect(shapes(onGpu)).toEqual(shapes(cpu));
    for (const t of d.truth.structures) expect(shapes(onGpu)).toContain(`${t.label}:${key(t.features)}`);
    expect(onGpu.params.structureSearch[0]).toMatch(/screened 2048 directions/);
  }, 180_000);
});
