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
import { reportProblem } from '../../src/report/validate.js';

const key = (xs: readonly number[]): string => [...xs].sort((a, b) => a - b).join(',');

describe('planted structures among 4096 random directions in R^256', () => {
  // Seed 5 is the CI case; seeds 2 and 7 put a family's weakest planted dimension at σ/σ₁ = 0.083 and 0.059 (far
  // below the 0.2 rank tolerance, above the noise at 0.004), and seed 5 joins a random direction to a family by a chance link.
  for (const seed of [5, 2, 7]) {
    it(`seed ${seed}: every planted polytope, circle, pair and family with its exact features, label and dimension, and nothing else`, async () => {
      const d = generateDictionary({ n: 4096, m: 256, seed });
      const r = await analyze({ file: 'dictionary', tensor: 'W', W: Float64Array.from(d.W), m: d.m, n: d.n, featuresAre: 'rows' });
      // The JSON as written conforms to the schema (χ's coefficients such as C(4096, 256) are past float64).
      expect(reportProblem(JSON.parse(JSON.stringify(r)))).toBeNull();
      expect(r.arrangement!.chi).toBeNull();
      expect(r.arrangement!.chiText).toHaveLength(d.m + 1);
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
      // Families of similar directions (tilted 15–30° from an axis): unnamed, exactly their members, their planted dimension.
      const families = d.truth.structures.filter((s) => s.label === 'irregular');
      expect(families.map((t) => t.dimension)).toEqual([3, 4]);
      for (const t of families) {
        const s = found.get(key(t.features));
        expect(s, `family ${key(t.features)}`).toBeDefined();
        expect({ label: s!.label, dimension: s!.dimension }).toEqual({ label: 'irregular', dimension: t.dimension });
        expect(s!.significance).toBeGreaterThan(5);
      }
      // No structure among the random directions: every structure is one planted set.
      const planted = new Set(d.truth.structures.map((t) => key(t.features)));
      for (const s of r.structures) expect(planted.has(key(s.features)), `structure ${s.label} ${key(s.features)}`).toBe(true);
      expect(r.structures).toHaveLength(d.truth.structures.length);
      expect(r.generic.count).toBeGreaterThan(3900);
      // A random direction may sit weakly beside a stronger one it interferes with; no planted feature is weak.
      const members = new Set(d.truth.structures.flatMap((t) => t.features));
      for (const w of r.weak) expect(members.has(w.index), `weak ${w.index}`).toBe(false);
    }, 180_000);
  }
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
