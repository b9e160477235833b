import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, tegum } from './run-cli.js';

describe('tegum compare (the real CLI) on the committed n = 5, m = 2 sweep', () => {
  it('orders runs by p, says what changed, and beats the random baseline at every p', () => {
    const dir = join(root, 'samples', 'runs');
    const files = readdirSync(dir)
      .filter((f) => f.startsWith('n5_m2_') && f.endsWith('.npz'))
      .map((f) => join(dir, f));
    expect(files).toHaveLength(5);
    const r = tegum(['compare', ...files, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.schema).toBe('tegum.compare/1');
    expect(report.runs.map((x: { settings: { p: number } }) => x.settings.p)).toEqual([1, 0.3, 0.1, 0.05, 0.02]);
    // Dense: the two most important features alone; sparse: all five in a pentagon (samples/README.md).
    expect(report.runs[0].report.decomposition).toBe('dedicated ⊕ dedicated');
    expect(report.runs[4].report.decomposition).toBe('pentagon');
    expect(report.phase[0]).toEqual(
      report.runs.map(
        (x: { report: { bundles: { features: number[]; polytope: string }[] } }) => x.report.bundles.find((b) => b.features.includes(0))?.polytope,
      ),
    );
    expect(report.steps[0].changes.map((c: { text: string }) => c.text).join('\n')).toMatch(/dedicated.*→ digon/);
    expect(report.baselines).toHaveLength(5);
    for (const b of report.baselines) expect(b.randomLoss).toBeGreaterThan(b.learnedLoss);
  });
});
