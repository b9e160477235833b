import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, tegum } from '../cli/run-cli.js';

// The loss a user reads in `tegum compare` must be the one `tegum train` stored
// (its finalLoss, 10^6 samples, float64 weights), and any other loss printed must
// say what it is (the baseline's estimate for the float32 W in the file).
const runs = ['n5_m2_p0.05_seed0', 'n5_m2_p0.02_seed0'];
const files = runs.map((r) => join(root, 'samples', 'runs', `${r}.npz`));
const records = runs.map(
  (r) => JSON.parse(readFileSync(join(root, 'samples', 'runs', `${r}.json`), 'utf8')) as { finalLoss: number; finalLossSamples: number },
);

describe('tegum compare (the real CLI) reports the trainer’s recorded loss', () => {
  it('terminal: the recorded loss, labelled, then the baseline’s own estimate on its samples', () => {
    const r = tegum(['compare', ...files]);
    expect(r.code, r.stderr).toBe(0);
    for (const [k, run] of runs.entries()) {
      const line = r.stdout.split('\n').find((l) => l.startsWith(`${run}: loss `));
      expect(line).toBeDefined();
      expect(line).toContain(
        `loss ${records[k].finalLoss.toPrecision(4)} as tegum train recorded it (${records[k].finalLossSamples} samples); on the baseline's 200000 samples `,
      );
      expect(line).toMatch(/ for W as stored vs [\d.e-]+ for random unit directions /);
    }
  });

  it('JSON carries the recorded loss exactly; --out writes the reports and says so on stderr, not stdout', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tegum-compare-loss-')), 'o');
    const r = tegum(['compare', ...files, '--json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    // Sorted by descending p: p = 0.05 first.
    expect(report.runs.map((x: { settings: { loss: number; lossSamples: number } }) => x.settings)).toEqual(
      records.map((rec, k) => expect.objectContaining({ p: [0.05, 0.02][k], loss: rec.finalLoss, lossSamples: rec.finalLossSamples })),
    );
    expect(r.stderr).toBe(`tegum: wrote ${['report.json', 'report.md', 'report.html'].map((f) => join(out, f)).join(', ')}\n`);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain('| run | recorded loss | learned loss | random loss (best bias) |');
    for (const [k, run] of runs.entries()) expect(md).toContain(`| ${run} | ${records[k].finalLoss.toPrecision(4)} | `);
    expect(md).toMatch(/Recorded loss: the trainer’s own final loss|Recorded loss: the trainer's own final loss/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<th>recorded loss</th>');
    for (const rec of records) expect(html).toContain(`<td>${rec.finalLoss.toPrecision(4)}</td>`);
  });
});
