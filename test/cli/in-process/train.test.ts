import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tegumInProcess } from '../run-cli.js';
import { parseTrainOptions } from '../../../src/cli/train-command.js';
import { UsageError } from '../../../src/cli/usage-error.js';
import { parseRunRecord } from '../../../src/report/validate.js';
import { readTensors } from '../../../src/import/index.js';
import { expectOneLineError, stderrLines, tempDir } from './helpers.js';

const base = { n: '5', m: '2' };
const refused = (raw: Record<string, unknown>, message: string): void => {
  expect(() => parseTrainOptions(raw)).toThrow(UsageError);
  expect(() => parseTrainOptions(raw)).toThrow(message);
  try {
    parseTrainOptions(raw);
  } catch (err) {
    expect((err as Error).message).toBe(message);
  }
};

describe('parseTrainOptions: README defaults and ranges, each error naming its flag', () => {
  it('defaults: importance 1, p 1, 10000 steps, batch 1024, lr 1e-3, seed 0, notebook init over the p runs, runs/', () => {
    expect(parseTrainOptions(base)).toEqual({
      n: 5,
      m: 2,
      importance: 1,
      p: [1],
      steps: 10000,
      batch: 1024,
      lr: 1e-3,
      seed: 0,
      init: 'notebook',
      instances: 1,
      out: 'runs',
      force: false,
    });
  });

  it('every flag is read as typed', () => {
    expect(
      parseTrainOptions({
        n: ' 20 ',
        m: '+5',
        importance: '0.7',
        p: '1, 0.3,0.1',
        steps: '7',
        batch: '3',
        lr: '2e-2',
        seed: '4294967295',
        init: 'xavier2d',
        instances: '10',
        out: 'x/y',
        force: true,
      }),
    ).toEqual({
      n: 20,
      m: 5,
      importance: 0.7,
      p: [1, 0.3, 0.1],
      steps: 7,
      batch: 3,
      lr: 0.02,
      seed: 2 ** 32 - 1,
      init: 'xavier2d',
      instances: 10,
      out: 'x/y',
      force: true,
    });
    expect(parseTrainOptions({ ...base, p: '0.5,0.25', force: 'yes' })).toMatchObject({ instances: 2, force: false });
    expect(parseTrainOptions({ n: 1, m: 1, seed: 0, steps: 1, batch: 1, instances: 1 })).toMatchObject({
      n: 1,
      m: 1,
      seed: 0,
      steps: 1,
      batch: 1,
      instances: 1,
    });
  });

  it('--n and --m are required positive integers', () => {
    refused({ m: '2' }, '--n: required (the number of features)');
    refused({ n: '5' }, '--m: required (the hidden dimension)');
    for (const bad of ['0', '-3', '1.5', '1e3', '0x10', '', ' ', 'five', '5 5'])
      refused({ n: bad, m: '2' }, `--n: expected a positive number of features, got '${bad}'`);
    refused({ n: '5', m: '0' }, "--m: expected a positive hidden dimension, got '0'");
    refused({ ...base, steps: '0' }, "--steps: expected a positive number of steps, got '0'");
    refused({ ...base, batch: '2.5' }, "--batch: expected a positive batch size, got '2.5'");
    refused({ ...base, instances: '0' }, "--instances: expected a positive number of instances, got '0'");
    refused({ n: [5], m: '2' }, "--n: expected a positive number of features, got '[5]'");
  });

  it('--seed is a 32-bit integer; --importance and --lr positive numbers', () => {
    for (const bad of ['-1', '4294967296', '1.5', '1e3', 'x']) refused({ ...base, seed: bad }, `--seed: expected an integer in [0, 4294967295], got '${bad}'`);
    for (const bad of ['0', '-0.5', '', 'x', 'Infinity', 'NaN'])
      refused({ ...base, importance: bad }, `--importance: expected a positive ratio r (importance r^i), got '${bad}'`);
    for (const bad of ['0', '-1e-3', ' ', 'fast']) refused({ ...base, lr: bad }, `--lr: expected a positive learning rate, got '${bad}'`);
    expect(parseTrainOptions({ ...base, importance: '1e-3', lr: ' 0.5 ' })).toMatchObject({ importance: 1e-3, lr: 0.5 });
  });

  it('--p is a comma-separated list in (0, 1] without repeats', () => {
    for (const bad of ['0', '1.5', '-0.1', 'x', 'Infinity']) refused({ ...base, p: `0.5,${bad}` }, `--p: expected probabilities in (0, 1], got '${bad}'`);
    refused({ ...base, p: '0.5,,0.1' }, "--p: expected probabilities in (0, 1], got ''");
    refused({ ...base, p: '0.5,0.1,0.50' }, '--p: 0.5 is listed twice');
    refused({ ...base, p: true }, '--p: expected a comma-separated list of probabilities');
    expect(parseTrainOptions({ ...base, p: '1' }).p).toEqual([1]);
    expect(parseTrainOptions({ ...base, p: '1e-3' }).p).toEqual([0.001]);
  });

  it('--init and --out', () => {
    refused({ ...base, init: 'zeros' }, "--init: expected notebook or xavier2d, got 'zeros'");
    refused({ ...base, init: 3 }, "--init: expected notebook or xavier2d, got '3'");
    refused({ ...base, out: '' }, '--out: expected a directory');
    refused({ ...base, out: true }, '--out: expected a directory');
    expect(parseTrainOptions({ ...base, init: 'notebook' }).init).toBe('notebook');
  });
});

describe('tegum train in process', () => {
  const trainArgs = (out: string, ...more: string[]): string[] => [
    'train',
    '--n',
    '5',
    '--m',
    '2',
    '--importance',
    '0.9',
    '--p',
    '0.5,0.2',
    '--steps',
    '20',
    '--batch',
    '16',
    '--seed',
    '3',
    '--out',
    out,
    ...more,
  ];

  it('writes <name>.npz (W m×n, b n) and a valid <name>.json per p; one result line per run on stdout in --p order', async () => {
    const out = join(tempDir('train'), 'runs');
    const r = await tegumInProcess(trainArgs(out), { tty: false });
    expect(r.code, r.stderr).toBe(0);
    const names = ['n5_m2_p0.5_seed3', 'n5_m2_p0.2_seed3'];
    expect(readdirSync(out).sort()).toEqual(names.flatMap((n) => [`${n}.json`, `${n}.npz`]).sort());
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const [i, name] of names.entries()) {
      const record = parseRunRecord(JSON.parse(readFileSync(join(out, `${name}.json`), 'utf8')));
      expect(record).toMatchObject({ name, n: 5, m: 2, p: [0.5, 0.2][i], steps: 20, batch: 16, lr: 1e-3, seed: 3, initScheme: 'notebook', initInstances: 2 });
      expect(record.importance.base).toBe(0.9);
      expect(record.importance.values).toEqual([0, 1, 2, 3, 4].map((k) => 0.9 ** k));
      expect(readFileSync(join(out, `${name}.json`), 'utf8')).toBe(JSON.stringify(record, null, 2) + '\n');
      expect(lines[i]).toBe(
        `${name}: loss ${record.finalLoss.toExponential(4)} · ${record.represented}/5 features with norm > ${record.representedNorm} · trained on cpu in ${/in ([\d.]+) s$/.exec(lines[i])?.[1]} s`,
      );
      expect(lines[i]).toMatch(/ in \d+\.\d s$/);
      const tensors = await readTensors(join(out, `${name}.npz`));
      expect(tensors.map((t) => [t.name, t.shape])).toEqual([
        ['W', [2, 5]],
        ['b', [5]],
      ]);
    }
    const err = stderrLines(r.stderr);
    for (const name of names) {
      const steps = err
        .filter((l) => l.startsWith(`tegum: train ${name}: step `))
        .map((l) => Number(/step (\d+)\/20, batch loss \d\.\d{3}e[-+]\d+$/.exec(l)?.[1]));
      expect(steps).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
      expect(err).toContain(`tegum: wrote ${join(out, `${name}.npz`)}, ${join(out, `${name}.json`)}`);
    }
    expect(r.stderr).not.toContain('\r');
  });

  it('--init xavier2d and --instances reach the record; the defaults are the notebook over the p runs', async () => {
    const out = tempDir('init');
    const r = await tegumInProcess([
      'train',
      '--n',
      '4',
      '--m',
      '3',
      '--steps',
      '1',
      '--batch',
      '2',
      '--init',
      'xavier2d',
      '--instances',
      '7',
      '--lr',
      '0.01',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const record = parseRunRecord(JSON.parse(readFileSync(join(out, 'n4_m3_p1_seed0.json'), 'utf8')));
    expect(record).toMatchObject({ p: 1, seed: 0, steps: 1, batch: 2, lr: 0.01, initScheme: 'xavier2d', initInstances: 7 });
    expect(record.initStd).toBeCloseTo(Math.sqrt(2 / (4 + 3)), 12);
    expect(record.importance).toEqual({ base: 1, values: [1, 1, 1, 1] });
    // 1 step: progress every step, one log line at the end.
    expect(stderrLines(r.stderr).filter((l) => l.includes(': step '))).toEqual([expect.stringMatching(/^tegum: train n4_m3_p1_seed0: step 1\/1, batch loss /)]);
  });

  it('never overwrites a run without --force, and checks before training', async () => {
    const out = tempDir('exists');
    writeFileSync(join(out, 'n5_m2_p0.2_seed3.json'), 'mine');
    const r = await tegumInProcess(trainArgs(out));
    expect(expectOneLineError(r, '')).toBe(`tegum: ${join(out, 'n5_m2_p0.2_seed3.json')}: already exists; pass --force to overwrite`);
    expect(readdirSync(out)).toEqual(['n5_m2_p0.2_seed3.json']);
    writeFileSync(join(out, 'n5_m2_p0.5_seed3.npz'), 'mine');
    expect(expectOneLineError(await tegumInProcess(trainArgs(out)), '')).toBe(
      `tegum: ${join(out, 'n5_m2_p0.5_seed3.npz')}: already exists; pass --force to overwrite`,
    );
    const forced = await tegumInProcess(trainArgs(out, '--force'));
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(out, 'n5_m2_p0.2_seed3.json'), 'utf8')).not.toBe('mine');
  });

  it('a bad flag is one line naming it, exit 2, before anything is written', async () => {
    const out = join(tempDir('bad'), 'never');
    expect(expectOneLineError(await tegumInProcess(['train', '--n', '5', '--m', '2', '--steps', '1e3', '--out', out]), '')).toBe(
      "tegum: --steps: expected a positive number of steps, got '1e3'",
    );
    expect(expectOneLineError(await tegumInProcess(['train', '--n', '5', '--m', '2', '--p', '0.5,0.5', '--out', out]), '')).toBe(
      'tegum: --p: 0.5 is listed twice',
    );
    expect(() => readdirSync(out)).toThrow();
  });

  it('on a terminal the runs share one redrawn line of percentages and the last loss, cleared before each "wrote" line', async () => {
    const out = tempDir('tty');
    // Seed 12: the line drops the whole _seed12 suffix of each name, not only its last digit.
    const r = await tegumInProcess(['train', '--n', '5', '--m', '2', '--p', '0.5,0.2', '--steps', '10', '--batch', '8', '--seed', '12', '--out', out], {
      tty: true,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['n5_m2_p0.2_seed12.json', 'n5_m2_p0.2_seed12.npz', 'n5_m2_p0.5_seed12.json', 'n5_m2_p0.5_seed12.npz']);
    expect(r.stderr).toContain('\rtegum: train n5_m2_p0.5 10% · n5_m2_p0.2 0% · loss ');
    expect(r.stderr).toContain('\rtegum: train n5_m2_p0.5 100% · n5_m2_p0.2 100% · loss ');
    expect(r.stderr).toContain('\r\x1b[Ktegum: wrote ');
    expect(r.stderr).not.toMatch(/: step \d+\/10/);
    expect(r.stderr.endsWith('.json\n')).toBe(true);
  });
});
