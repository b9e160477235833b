/**
 * Toy Models of Superposition at the paper's scale (n = 200, m = 20, equal
 * importance), trained with PyTorch in the official notebook's setup
 * (scripts/fixtures/train_toy_models_paper.py). The oracle is the independent
 * numpy reading in the manifest: strong = norm > ½ max, groups = components of
 * |cos| > 0.2 among strong directions, labels from the sorted Gram against the
 * ideal shapes, "confident" when the label error ≤ 0.1 and the rank matches.
 * Densities p = 0.1–0.8 cover pentagons and square antiprisms (p = 0.2),
 * digons (0.3–0.5) and, between digons and dedicated features (0.55–0.62),
 * the paper's triangles (D = 2/3) and tetrahedra (D = 3/4).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { chooseWeights, readTensors } from '../../src/import/index.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'toymodels-paper');
interface Reading {
  strong: number[];
  weak: (number | { feature: number })[];
  structures: { features: number[]; label: string; dimension: number }[];
}
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: Record<string, { p: number; reading: Reading }> };
const key = (xs: readonly number[]): string => [...xs].sort((a, b) => a - b).join(',');

describe('Toy Models at n = 200, m = 20 (PyTorch, notebook setup)', () => {
  const confident = Object.values(manifest.files).reduce((n, e) => n + e.reading.structures.length, 0);
  it('the fixtures hold confident structures to find', () => expect(confident).toBeGreaterThanOrEqual(40));
  it('among them triangles from trained weights (the densities between digons and dedicated features)', () => {
    const labels = Object.values(manifest.files).flatMap((e) => e.reading.structures.map((t) => t.label));
    expect(labels.filter((l) => l === 'triangle').length).toBeGreaterThanOrEqual(29);
  });

  for (const [file, entry] of Object.entries(manifest.files)) {
    it(`${file} (p = ${entry.p}): every confident structure exactly, no weak feature in a labelled polytope`, async () => {
      const path = join(dir, file);
      const r = await analyze(chooseWeights(path, await readTensors(path)));
      const found = new Map(r.structures.map((s) => [key(s.features), s]));
      for (const t of entry.reading.structures) {
        const s = found.get(key(t.features));
        expect(s, `${t.label} {${key(t.features)}}`).toBeDefined();
        expect({ label: s!.label, dimension: s!.dimension }).toEqual({ label: t.label, dimension: t.dimension });
      }
      const weak = new Set(entry.reading.weak.map((w) => (typeof w === 'number' ? w : w.feature)));
      for (const s of r.structures.filter((x) => x.label !== 'irregular')) {
        expect(
          s.features.filter((f) => weak.has(f)),
          `${s.label} {${key(s.features)}}`,
        ).toEqual([]);
      }
      // tegum's strong features are numpy's (norm > ½ max) wherever numpy calls every learned feature strong.
      if (weak.size === 0) expect(r.features.filter((f) => f.role === 'strong').map((f) => f.index)).toEqual(entry.reading.strong);
    }, 120_000);
  }
});
