import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tegum } from '../cli/run-cli.js';
import { TORCH_ADAMW } from '../../src/toymodel/adamw.js';
import { runFiles } from '../../src/toymodel/run-files.js';
import { trainToyModel } from '../../src/toymodel/train.js';

// The compiled CLI (npm test builds dist/ first), which trains in worker threads.
describe('tegum train', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'tegum-train-cli-')), 'runs');
  const args = ['train', '--n', '5', '--m', '2', '--importance', '0.9', '--p', '0.05,0.02', '--steps', '100', '--seed', '3', '--out', out];

  it('writes one .npz and .json per p, identical to training in this thread, and one line per run', () => {
    const r = tegum(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^n5_m2_p0\.05_seed3: loss \d\.\d{4}e-\d · \d\/5 features with norm > 0\.5 · trained on cpu in [\d.]+ s → /);
    expect(lines[1]).toMatch(/^n5_m2_p0\.02_seed3: /);
    for (const p of [0.05, 0.02]) {
      const name = `n5_m2_p${p}_seed3`;
      const importance = Float64Array.from({ length: 5 }, (_, i) => 0.9 ** i);
      const settings = { n: 5, m: 2, importance, p, steps: 100, batch: 1024, seed: 3, optimizer: TORCH_ADAMW };
      const expected = runFiles(settings, 0.9, trainToyModel(settings));
      expect(readFileSync(join(out, `${name}.npz`)).equals(Buffer.from(expected.npz))).toBe(true);
      const record = JSON.parse(readFileSync(join(out, `${name}.json`), 'utf8'));
      expect(record).toEqual(JSON.parse(JSON.stringify(expected.record)));
      expect(record).toMatchObject({ n: 5, m: 2, p, steps: 100, batch: 1024, lr: 1e-3, weightDecay: 0.01, seed: 3, device: 'cpu' });
    }
  });

  it('refuses to overwrite without --force, and overwrites with it', () => {
    const again = tegum(args);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^tegum: .*n5_m2_p0\.05_seed3\.npz: already exists; pass --force to overwrite\n$/);
    expect(tegum([...args, '--force']).code).toBe(0);
  });

  it.each([
    [['--p', '0,0.5'], /--p: expected probabilities in \(0, 1\], got '0'/],
    [['--p', '0.1,0.1'], /--p: 0\.1 is listed twice/],
    [['--importance', '0'], /--importance: expected a positive ratio/],
    [['--gpu', 'on'], /--gpu on: GPU training is not available/],
  ])('refuses %j with one line and exit 2', (extra, message) => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tegum-train-bad-')), 'runs');
    const r = tegum(['train', '--n', '5', '--m', '2', '--steps', '10', '--out', dir, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(dir)).toBe(false);
  });
});
