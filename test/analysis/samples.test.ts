import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTensors, chooseWeights } from '../../src/import/index.js';
import { analyze } from '../../src/analysis/analyze.js';

// The oracle: scripts/samples/make_samples.py built each sample from known
// polytopes and wrote, in stored feature indices, what must be found.
const root = join(import.meta.dirname, '..', '..');
const truth: Record<string, { bundles: { polytope: string; features: number[] }[]; unrepresented: number[] }> = JSON.parse(
  readFileSync(join(root, 'samples', 'truth.json'), 'utf8'),
);

const sortBundles = (bs: { polytope: string; features: number[] }[]) =>
  bs.map((b) => ({ polytope: b.polytope, features: [...b.features].sort((x, y) => x - y) })).sort((a, b) => a.features[0] - b.features[0]);

describe('samples: tegum finds what each sample was built from', () => {
  for (const [file, expected] of Object.entries(truth)) {
    it(file, async () => {
      const path = join(root, 'samples', file);
      const report = await analyze(chooseWeights(path, await readTensors(path)));
      expect(sortBundles(report.bundles)).toEqual(sortBundles(expected.bundles));
      expect(report.unrepresented).toEqual(expected.unrepresented);
      // Every bundle of more than k features in k dimensions shows up as a plane of the Hough step.
      for (const b of expected.bundles) {
        if (b.features.length > 1 && b.polytope !== 'dedicated') {
          expect(report.planes.some((p) => p.features.join() === b.features.join())).toBe(true);
        }
      }
      for (const f of report.features) expect(f.represented).toBe(!expected.unrepresented.includes(f.index));
    });
  }
});
