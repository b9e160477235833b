import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tegumInProcess } from '../run-cli.js';
import { versionOf } from '../../../src/cli/paths.js';
import { PENTAGONS, expectOneLineError, jsonWeights, reportOf, root } from './helpers.js';

const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

describe('main(): help, version, commands', () => {
  it('bare tegum prints the usage with every command on stdout and exits 0, like --help', async () => {
    const bare = await tegumInProcess([]);
    expect(bare.code).toBe(0);
    expect(bare.stderr).toBe('');
    for (const cmd of ['analyze', 'inspect', 'compare', 'view', 'train', 'gpu|doctor']) expect(bare.stdout).toContain(cmd);
    expect(bare.stdout).toMatch(/^Usage: tegum /);
    const help = await tegumInProcess(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(bare.stdout);
  });

  it('--version and -V print the package version and exit 0', async () => {
    for (const flag of ['--version', '-V']) {
      const r = await tegumInProcess([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(version);
      expect(r.stderr).toBe('');
    }
  });

  it('the version field of a package.json, or "unknown" when it is missing or not a string', () => {
    expect(versionOf({ name: 'tegum', version: '1.2.3' })).toBe('1.2.3');
    for (const pkg of [{ name: 'tegum' }, { version: 3 }, null, 'tegum', 7, []]) expect(versionOf(pkg)).toBe('unknown');
  });

  it('each subcommand has its own help (exit 0) naming its flags', async () => {
    const analyze = await tegumInProcess(['analyze', '--help']);
    expect(analyze.code).toBe(0);
    for (const flag of [
      '--tensor',
      '--bias',
      '--features',
      '--instance',
      '--max-k',
      '--represented-norm',
      '--noise-floor',
      '--eps',
      '--min-samples',
      '--gpu',
      '--json',
      '--out',
      '--force',
      '--allow-large',
    ])
      expect(analyze.stdout).toContain(flag);
    const train = await tegumInProcess(['train', '--help']);
    expect(train.code).toBe(0);
    expect(train.stdout).not.toContain('--gpu');
  });

  it('an unknown command or option is one line with the suggestion, exit 2', async () => {
    expect(expectOneLineError(await tegumInProcess(['anal']), '')).toBe("tegum: unknown command 'anal' (did you mean analyze?)");
    expect(expectOneLineError(await tegumInProcess(['analyze', '--biass', 'b']), '')).toBe("tegum: unknown option '--biass' (did you mean --bias?)");
    expectOneLineError(await tegumInProcess(['analyze', '--tensor']), "option '--tensor <name>' argument missing");
    expectOneLineError(await tegumInProcess(['analyze', PENTAGONS, PENTAGONS]), "too many arguments for 'analyze'.");
    expectOneLineError(await tegumInProcess(['train', '--m', '2']), "required option '--n <n>' not specified");
    expectOneLineError(await tegumInProcess(['compare']), "missing required argument 'files'");
  });

  it('a choice flag outside its choices names the flag, the choices and the value', async () => {
    expect(expectOneLineError(await tegumInProcess(['analyze', PENTAGONS, '--features', 'diag']), '')).toBe(
      "tegum: --features: allowed choices are rows, columns, got 'diag'",
    );
    expect(expectOneLineError(await tegumInProcess(['analyze', PENTAGONS, '--gpu', 'maybe']), '')).toBe(
      "tegum: --gpu: allowed choices are auto, on, off, got 'maybe'",
    );
    expect(expectOneLineError(await tegumInProcess(['train', '--n', '5', '--m', '2', '--init', 'zeros']), '')).toBe(
      "tegum: --init: allowed choices are notebook, xavier2d, got 'zeros'",
    );
  });
});

describe('main(): numeric flags of analyze', () => {
  const refuse = async (flag: string, value: string, expected: string): Promise<void> => {
    const r = await tegumInProcess(['analyze', PENTAGONS, '--gpu', 'off', flag, value]);
    expect(expectOneLineError(r, '')).toBe(`tegum: ${flag}: expected ${expected}, got '${value}'`);
  };
  const accept = async (args: string[]): Promise<ReturnType<typeof reportOf>> => {
    const r = await tegumInProcess(['analyze', PENTAGONS, '--gpu', 'off', '--json', ...args]);
    expect(r.code, r.stderr).toBe(0);
    return reportOf(r.stdout);
  };

  it('integers are plain decimal digits, ≥ 1 for --max-k and --min-samples', async () => {
    for (const flag of ['--max-k', '--min-samples'])
      for (const bad of ['0', '-1', '', ' ', 'x', '1x', 'x1', '1.5', '0x10', '1e3', '2 ']) await refuse(flag, bad, 'a positive integer');
    const one = await accept(['--max-k', '1', '--min-samples', '1']);
    expect(one.params.maxK).toBe(1);
    expect(one.params.minSamples).toBe(1);
    const two = await accept(['--max-k', '2', '--min-samples', '12']);
    expect(two.params.maxK).toBe(2);
    expect(two.params.minSamples).toBe(12);
  });

  it('README defaults: --max-k 3, --min-samples 2, --gpu auto (the CPU on a small model)', async () => {
    const r = await accept([]);
    expect(r.params.maxK).toBe(3);
    expect(r.params.minSamples).toBe(2);
    expect(r.params.backend).toBe('cpu');
    const auto = await tegumInProcess(['analyze', PENTAGONS, '--json']);
    expect(auto.code, auto.stderr).toBe(0);
    expect(reportOf(auto.stdout).params.backend).toMatch(/^cpu \(auto: /);
  });

  it('--max-k is at most m − 1 (an m-plane is the whole space), refused before any analysis', async () => {
    for (const k of ['5', '6'])
      expect(expectOneLineError(await tegumInProcess(['analyze', PENTAGONS, '--gpu', 'off', '--max-k', k]), '')).toBe(
        `tegum: --max-k ${k}: at most m − 1 = 4 (a 5-plane is the whole hidden space R^5)`,
      );
    expect((await accept(['--max-k', '4'])).params.maxK).toBe(4);
    // Regression: --max-k 2 on an n = 5, m = 2 run used to report a "2-plane" holding all five features.
    const toy = join(root, 'samples', 'runs', 'n5_m2_p0.05_seed0.npz');
    expect(expectOneLineError(await tegumInProcess(['analyze', toy, '--gpu', 'off', '--max-k', '2']), '')).toMatch(/^tegum: --max-k 2: at most m − 1 = 1 /);
  });

  it('thresholds are non-negative finite numbers and are recorded as given', async () => {
    for (const flag of ['--represented-norm', '--noise-floor', '--eps'])
      for (const bad of ['-1', '-0.5', '', '  ', 'x', 'Infinity', 'NaN', '1/2']) await refuse(flag, bad, 'a non-negative number');
    const r = await accept(['--represented-norm', '0.1', '--noise-floor', '5e-2', '--eps', '0']);
    expect(r.params.representedNorm).toMatchObject({ value: 0.1, source: 'user' });
    expect(r.params.noiseFloor).toMatchObject({ value: 0.05, source: 'user' });
    for (const e of Object.values(r.params.eps as Record<string, { value: number; source: string }>)) expect(e).toMatchObject({ value: 0, source: 'user' });
    const adaptive = await accept([]);
    expect(adaptive.params.representedNorm).not.toMatchObject({ source: 'user' });
    expect(adaptive.params.noiseFloor).not.toMatchObject({ source: 'user' });
  });

  it('--instance takes 0 and picks that instance of a 3-D stack; a negative or fractional one is refused', async () => {
    const stack = jsonWeights('stack.json', {
      W: [
        [
          [1, 0, 0.5, 0.2],
          [0, 1, 0.5, -0.3],
        ],
        [
          [1, 0, 0.6, 0.1],
          [0, 1, -0.5, 0.3],
        ],
      ],
    });
    for (const i of [0, 1]) {
      const r = await tegumInProcess(['analyze', stack, '--gpu', 'off', '--json', '--instance', String(i)]);
      expect(r.code, r.stderr).toBe(0);
      const report = reportOf(r.stdout);
      expect(report.input.instance).toBe(i);
      expect(report.features[2].norm).toBeCloseTo(i === 0 ? Math.hypot(0.5, 0.5) : Math.hypot(0.6, 0.5), 12);
    }
    for (const bad of ['-1', '1.5', 'one', '', '1e0', '0x1', ' 1'])
      expect(expectOneLineError(await tegumInProcess(['analyze', stack, '--instance', bad]), '')).toBe(
        `tegum: --instance: expected a non-negative integer, got '${bad}'`,
      );
    expectOneLineError(await tegumInProcess(['analyze', stack, '--gpu', 'off', '--instance', '2']), `${stack}: instance 2 out of range`);
  });
});
