import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tegum } from './run-cli.js';
import { TORCH_ADAMW } from '../../src/toymodel/adamw.js';
import type { ToyInit } from '../../src/toymodel/init.js';
import { runFiles } from '../../src/toymodel/run-files.js';
import { trainToyModel } from '../../src/toymodel/train.js';
import { runRecordProblem } from '../../src/report/validate.js';

// The compiled CLI (npm test builds dist/ first), which trains in worker threads.
const importance = Float64Array.from({ length: 5 }, (_, i) => 0.9 ** i);
const settingsOf = (p: number, init: ToyInit) => ({ n: 5, m: 2, importance, p, steps: 100, batch: 1024, seed: 3, optimizer: TORCH_ADAMW, init });
const freshDir = (): string => join(mkdtempSync(join(tmpdir(), 'tegum-train-cli-')), 'runs');

describe('tegum train (the real CLI)', () => {
  const out = freshDir();
  const args = ['train', '--n', '5', '--m', '2', '--importance', '0.9', '--p', '0.05,0.02', '--steps', '100', '--seed', '3', '--out', out];

  it("trains with the notebook's initialisation by default (instances = the 2 runs trained together), files identical to training in this thread", () => {
    const r = tegum(args);
    expect(r.code, r.stderr).toBe(0);
    // stdout: one result line per run, in --p order, and nothing else.
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^n5_m2_p0\.05_seed3: loss \d\.\d{4}e-\d · \d\/5 features with norm > 0\.5 · trained on cpu in [\d.]+ s$/);
    expect(lines[1]).toMatch(/^n5_m2_p0\.02_seed3: /);
    for (const p of [0.05, 0.02]) {
      const name = `n5_m2_p${p}_seed3`;
      const settings = settingsOf(p, { scheme: 'notebook', instances: 2 });
      const expected = runFiles(settings, 0.9, trainToyModel(settings));
      expect(readFileSync(join(out, `${name}.npz`)).equals(Buffer.from(expected.npz))).toBe(true);
      const record = JSON.parse(readFileSync(join(out, `${name}.json`), 'utf8'));
      expect(record).toEqual(JSON.parse(JSON.stringify(expected.record)));
      expect(record).toMatchObject({
        n: 5,
        m: 2,
        p,
        steps: 100,
        batch: 1024,
        lr: 1e-3,
        weightDecay: 0.01,
        seed: 3,
        device: 'cpu',
        initScheme: 'notebook',
        initInstances: 2,
      });
      expect(record.initStd).toBeCloseTo(Math.sqrt(2 / ((5 + 2) * 2)), 15);
      // The record is what schema/toymodel-run.schema.json (and so compare) accepts.
      expect(runRecordProblem(record)).toBeNull();
    }
  });

  it('prints live progress per run on stderr (a line per 10 % of its steps without a terminal) and the "wrote" lines there too', () => {
    const r = tegum([...args, '--force']);
    expect(r.code, r.stderr).toBe(0);
    const err = r.stderr.trim().split('\n');
    for (const name of ['n5_m2_p0.05_seed3', 'n5_m2_p0.02_seed3']) {
      const steps = err.filter((l) => l.startsWith(`tegum: train ${name}: step `)).map((l) => Number(/step (\d+)\/100/.exec(l)?.[1]));
      expect(steps).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
      expect(err).toContain(`tegum: wrote ${join(out, `${name}.npz`)}, ${join(out, `${name}.json`)}`);
    }
    expect(err.every((l) => l.startsWith('tegum: train ') || l.startsWith('tegum: wrote '))).toBe(true);
    expect(r.stdout).not.toMatch(/wrote/);
  });

  it('--init xavier2d and --instances 10 set the initial scale, and the record says which', () => {
    const dir = freshDir();
    const a = tegum([
      'train',
      '--n',
      '5',
      '--m',
      '2',
      '--importance',
      '0.9',
      '--p',
      '0.05',
      '--steps',
      '100',
      '--seed',
      '3',
      '--init',
      'xavier2d',
      '--out',
      dir,
    ]);
    expect(a.code, a.stderr).toBe(0);
    const twoD = JSON.parse(readFileSync(join(dir, 'n5_m2_p0.05_seed3.json'), 'utf8'));
    expect(twoD.initScheme).toBe('xavier2d');
    expect(twoD.initStd).toBeCloseTo(Math.sqrt(2 / 7), 15);
    const settings = settingsOf(0.05, { scheme: 'xavier2d', instances: 1 });
    expect(readFileSync(join(dir, 'n5_m2_p0.05_seed3.npz')).equals(Buffer.from(runFiles(settings, 0.9, trainToyModel(settings)).npz))).toBe(true);

    const b = tegum(['train', '--n', '5', '--m', '2', '--p', '0.05', '--steps', '10', '--instances', '10', '--out', dir, '--force']);
    expect(b.code, b.stderr).toBe(0);
    const notebook = JSON.parse(readFileSync(join(dir, 'n5_m2_p0.05_seed0.json'), 'utf8'));
    expect(notebook).toMatchObject({ initScheme: 'notebook', initInstances: 10 });
    expect(notebook.initStd).toBeCloseTo(Math.sqrt(2 / 30), 15);
  });

  it('refuses to overwrite without --force', () => {
    const again = tegum(args);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^tegum: .*n5_m2_p0\.05_seed3\.npz: already exists; pass --force to overwrite\n$/);
  });

  it.each([
    [['--steps', '0'], /^tegum: --steps: expected a positive number of steps, got '0'$/],
    [['--steps', 'abc'], /^tegum: --steps: expected a positive number of steps, got 'abc'$/],
    [['--batch', '1.5'], /^tegum: --batch: expected a positive batch size, got '1\.5'$/],
    [['--n', '0'], /^tegum: --n: expected a positive number of features, got '0'$/],
    [['--m', 'two'], /^tegum: --m: expected a positive hidden dimension, got 'two'$/],
    [['--lr', '-1'], /^tegum: --lr: expected a positive learning rate, got '-1'$/],
    [['--seed', '-3'], /^tegum: --seed: expected an integer in \[0, 4294967295\], got '-3'$/],
    [['--instances', '0'], /^tegum: --instances: expected a positive number of instances, got '0'$/],
    [['--importance', '0'], /^tegum: --importance: expected a positive ratio r \(importance r\^i\), got '0'$/],
    [['--init', 'he'], /^tegum: --init: allowed choices are notebook, xavier2d, got 'he'$/],
    [['--steps', '1e3'], /^tegum: --steps: expected a positive number of steps, got '1e3'$/],
    [['--p', '0,0.5'], /^tegum: --p: expected probabilities in \(0, 1\], got '0'$/],
    [['--p', '0.1,0.1'], /^tegum: --p: 0\.1 is listed twice$/],
    [['--gpu', 'on'], /^tegum: unknown option '--gpu'/],
  ])('refuses %j with one line naming the flag, exit 2, and writes nothing', (extra, message) => {
    const dir = freshDir();
    const base = ['train', '--n', '5', '--m', '2', '--steps', '10', '--out', dir];
    // A later --n/--m/--steps overrides the one in base (commander keeps the last).
    const r = tegum([...base, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
    expect(existsSync(dir)).toBe(false);
  });

  it('has no --gpu flag: training runs on the CPU only, and the help says so', () => {
    const help = tegum(['train', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).not.toMatch(/--gpu/);
    expect(help.stdout).toMatch(/--init <scheme>/);
    expect(help.stdout).toMatch(/--instances <k>/);
  });
});
