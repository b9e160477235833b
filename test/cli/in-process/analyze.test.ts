import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tegumInProcess } from '../run-cli.js';
import { reportToMarkdown } from '../../../src/report/markdown.js';
import { terminalSummary } from '../../../src/report/terminal.js';
import { DEFAULT_SAMPLE, PENTAGONS, expectOneLineError, jsonWeights, reportOf, root, stderrLines, tempDir } from './helpers.js';

const FILES = ['report.json', 'report.md', 'report.html'];
const notes = (stderr: string): string[] => stderrLines(stderr).filter((l) => l.startsWith('tegum: note: '));

/** n = 12 features in m = 5 (stored as m × n) with a bias of the given length. */
function weightsWithBias(name: string, biasLength: number, extra: Record<string, unknown> = {}): string {
  const W = Array.from({ length: 5 }, (_, r) => Array.from({ length: 12 }, (_, c) => Math.sin(1 + r * 12 + c * 0.7)));
  return jsonWeights(name, { W, b: Array.from({ length: biasLength }, (_, i) => -0.1 * (i + 1)), ...extra });
}

describe('tegum analyze in process: what is printed where', () => {
  it('no FILE analyses the embedded default sample: the terminal summary on stdout, the choice on stderr', async () => {
    const r = await tegumInProcess(['analyze', '--gpu', 'off']);
    expect(r.code, r.stderr).toBe(0);
    const json = await tegumInProcess(['analyze', '--gpu', 'off', '--json']);
    const report = reportOf(json.stdout);
    expect(report.input.file).toBe(DEFAULT_SAMPLE);
    expect(report.input).toMatchObject({ tensor: 'W', n: 16, m: 8, featuresAre: 'columns', bias: 'b' });
    expect(r.stdout).toBe(terminalSummary(report));
    expect(r.stdout).toContain(report.decomposition);
    expect(stderrLines(r.stderr)).toEqual([
      "tegum: using W = 'W' (8, 16): columns are the n = 16 features in m = 8 dims (the longer axis, as superposition has n > m); bias 'b'",
    ]);
    expect(json.stderr).toBe(r.stderr);
  });

  it('--json is the Report and nothing else, valid against the schema, with the package version', async () => {
    const r = await tegumInProcess(['analyze', PENTAGONS, '--gpu', 'off', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    const report = reportOf(r.stdout);
    expect(r.stdout).toBe(JSON.stringify(report, null, 2) + '\n');
    expect(report.tool).toEqual({ name: 'tegum', version: JSON.parse(readFileSync('package.json', 'utf8')).version });
    expect(report.input).toMatchObject({ file: PENTAGONS, n: 20, m: 5, bias: 'b' });
    expect(report.bundles.map((b) => b.polytope).filter((p) => p === 'pentagon')).toHaveLength(2);
  });

  it('--tensor and --bias name what is used; a missing one is refused naming the file', async () => {
    const file = weightsWithBias('named.json', 12, { other: [[1, 2, 3]], c: Array.from({ length: 12 }, () => 0.5) });
    const r = await tegumInProcess(['analyze', file, '--gpu', 'off', '--json', '--tensor', 'W', '--bias', 'c']);
    expect(r.code, r.stderr).toBe(0);
    expect(reportOf(r.stdout).input).toMatchObject({ tensor: 'W', bias: 'c', n: 12, m: 5 });
    expect(notes(r.stderr)).toEqual([]);
    expectOneLineError(await tegumInProcess(['analyze', file, '--gpu', 'off', '--tensor', 'nope']), `${file}: `);
    expectOneLineError(await tegumInProcess(['analyze', file, '--gpu', 'off', '--bias', 'nope']), `${file}: `);
  });

  it('--features rows/columns picks the axis and is said on stderr', async () => {
    const r = await tegumInProcess(['analyze', PENTAGONS, '--gpu', 'off', '--json', '--features', 'columns']);
    expect(r.code, r.stderr).toBe(0);
    expect(reportOf(r.stdout).input).toMatchObject({ n: 20, m: 5, featuresAre: 'columns' });
    expect(stderrLines(r.stderr)[0]).toBe("tegum: using W = 'W' (5, 20): columns are the n = 20 features in m = 5 dims (as --features says); bias 'b'");
    const rows = await tegumInProcess(['analyze', PENTAGONS, '--gpu', 'off', '--json', '--features', 'rows']);
    expect(rows.code, rows.stderr).toBe(0);
    expect(reportOf(rows.stdout).input).toMatchObject({ n: 5, m: 20, featuresAre: 'rows' });
  });

  it('--gpu on runs on the WebGPU adapter (params.backend says so) and finds what the CPU finds', async (ctx) => {
    const cpu = reportOf((await tegumInProcess(['analyze', PENTAGONS, '--gpu', 'off', '--json'])).stdout);
    const r = await tegumInProcess(['analyze', PENTAGONS, '--gpu', 'on', '--json']);
    // Where this process finds no adapter (gpu.test.ts covers that refusal), there is nothing to compare.
    if (r.code === 2 && /^tegum: --gpu on: no WebGPU adapter/.test(r.stderr)) ctx.skip();
    expect(r.code, r.stderr).toBe(0);
    const gpu = reportOf(r.stdout);
    expect(gpu.params.backend).toMatch(/^webgpu/);
    expect(gpu.planes.map((p) => p.features)).toEqual(cpu.planes.map((p) => p.features));
    expect(gpu.decomposition).toBe(cpu.decomposition);
  });
});

describe('tegum analyze in process: choice notes against the input', () => {
  it('a bias that fits n is used, with no note', async () => {
    const r = await tegumInProcess(['analyze', weightsWithBias('fits.json', 12), '--gpu', 'off', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(notes(r.stderr)).toEqual([]);
    expect(reportOf(r.stdout).input.bias).toBe('b');
    expect(stderrLines(r.stderr)).toHaveLength(1);
  });

  it('--features giving n < m is one note naming the other axis and the bias it would use', async () => {
    const r = await tegumInProcess(['analyze', weightsWithBias('wrong-axis.json', 12), '--gpu', 'off', '--json', '--features', 'rows']);
    expect(r.code, r.stderr).toBe(0);
    expect(notes(r.stderr)).toEqual([
      "tegum: note: --features rows gives n = 5 features in m = 12 dims; with fewer features than dimensions there is no superposition to find (--features columns would give n = 12 and use 'b' as the bias)",
    ]);
    expect(reportOf(r.stdout).input.bias).toBeUndefined();
  });

  it('the same mistake the other way round, and without a bias that fits', async () => {
    const W = Array.from({ length: 12 }, (_, r) => Array.from({ length: 5 }, (_, c) => Math.cos(r * 5 + c)));
    const file = jsonWeights('rows.json', { W, bias: [1, 2, 3] });
    const r = await tegumInProcess(['analyze', file, '--gpu', 'off', '--features', 'columns']);
    expect(r.code, r.stderr).toBe(0);
    expect(notes(r.stderr)).toEqual([
      'tegum: note: --features columns gives n = 5 features in m = 12 dims; with fewer features than dimensions there is no superposition to find (--features rows would give n = 12)',
      "tegum: note: 'bias' (3,) looks like the bias but is not used: its length 3 is not n = 5; the arrangement assumes b = 0",
    ]);
  });

  it('--features that fits gives no axis note; a bias of the wrong length is one note', async () => {
    const r = await tegumInProcess(['analyze', weightsWithBias('short-b.json', 7), '--gpu', 'off', '--json', '--features', 'columns']);
    expect(r.code, r.stderr).toBe(0);
    expect(notes(r.stderr)).toEqual(["tegum: note: 'b' (7,) looks like the bias but is not used: its length 7 is not n = 12; the arrangement assumes b = 0"]);
    expect(reportOf(r.stdout).arrangement.hasBias).toBe(false);
  });

  it("an encoder's bias, an unrelated 1-D tensor or a given --bias never give a note; dotted and slashed names do", async () => {
    const W = Array.from({ length: 5 }, (_, r) => Array.from({ length: 12 }, (_, c) => Math.sin(2 + r * 12 + c)));
    const quiet = jsonWeights('quiet.json', { W, b_enc: [1, 2, 3], 'encoder.bias': [1, 2], scale: [1, 2, 3], xb: [1, 2] });
    const r = await tegumInProcess(['analyze', quiet, '--gpu', 'off']);
    expect(r.code, r.stderr).toBe(0);
    expect(notes(r.stderr)).toEqual([]);
    const loud = jsonWeights('loud.json', { W, 'sae.b_dec': [1, 2, 3], 'layer0/b': [[1, 2]], 'sae.b_enc': [1] });
    const l = await tegumInProcess(['analyze', loud, '--gpu', 'off']);
    expect(l.code, l.stderr).toBe(0);
    expect(notes(l.stderr).map((n) => /'([^']+)'/.exec(n)?.[1])).toEqual(['sae.b_dec', 'layer0/b']);
    expect(notes(l.stderr)[1]).toContain("'layer0/b' (1, 2) looks like the bias but is not used: its length 2 is not n = 12");
    const cube = jsonWeights('cube.json', { W, b: [[[1, 2]]] });
    expect(notes((await tegumInProcess(['analyze', cube, '--gpu', 'off'])).stderr)).toEqual([]);
  });

  it('the axis a known name fixes is no note even with n < m (only a --features choice is); every fitting bias is named', async () => {
    const W_dec = Array.from({ length: 5 }, (_, r) => Array.from({ length: 12 }, (_, c) => Math.sin(r * 12 + c + 2)));
    const named = await tegumInProcess(['analyze', jsonWeights('wdec.json', { W_dec }), '--gpu', 'off', '--json']);
    expect(named.code, named.stderr).toBe(0);
    expect(reportOf(named.stdout).input).toMatchObject({ n: 5, m: 12, featuresAre: 'rows' });
    expect(notes(named.stderr)).toEqual([]);
    const W = W_dec;
    const twelve = Array.from({ length: 12 }, () => 0.1);
    const two = await tegumInProcess(['analyze', jsonWeights('two-b.json', { W, b: twelve, bias: twelve }), '--gpu', 'off', '--features', 'rows']);
    expect(two.code, two.stderr).toBe(0);
    expect(notes(two.stderr)).toEqual([
      "tegum: note: --features rows gives n = 5 features in m = 12 dims; with fewer features than dimensions there is no superposition to find (--features columns would give n = 12 and use 'b', 'bias' as the bias)",
    ]);
  });

  it('--features on a square W (n = m) is no note: fewer features than dimensions only', async () => {
    const W = Array.from({ length: 4 }, (_, r) => Array.from({ length: 4 }, (_, c) => Math.sin(r * 4 + c + 0.5)));
    const r = await tegumInProcess(['analyze', jsonWeights('square.json', { W }), '--gpu', 'off', '--features', 'rows']);
    expect(r.code, r.stderr).toBe(0);
    expect(notes(r.stderr)).toEqual([]);
  });

  it("'<prefix>.bias' beside '<prefix>.weight' is the bias the note names", async () => {
    const weight = Array.from({ length: 5 }, (_, r) => Array.from({ length: 12 }, (_, c) => Math.sin(3 + r * 12 + c)));
    const file = jsonWeights('linear.json', { 'dec.weight': weight, 'dec.bias': [1, 2, 3, 4, 5], 'encoder.bias': [1, 2] });
    const r = await tegumInProcess(['analyze', file, '--gpu', 'off', '--tensor', 'dec.weight']);
    expect(r.code, r.stderr).toBe(0);
    expect(notes(r.stderr)).toEqual([
      "tegum: note: 'dec.bias' (5,) looks like the bias but is not used: its length 5 is not n = 12; the arrangement assumes b = 0",
    ]);
  });
});

describe('tegum analyze --out', () => {
  it('writes report.json (= --json), report.md and report.html, and says so on stderr only', async () => {
    const out = join(tempDir('out'), 'a', 'b');
    const r = await tegumInProcess(['analyze', PENTAGONS, '--gpu', 'off', '--json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...FILES].sort());
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe(r.stdout);
    const report = reportOf(r.stdout);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toBe(reportToMarkdown(report));
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('pentagon');
    expect(stderrLines(r.stderr).at(-1)).toBe(`tegum: wrote ${FILES.map((f) => join(out, f)).join(', ')}`);
    expect(r.stdout).not.toContain('wrote');
  });

  it('never overwrites without --force, whichever report file exists, and checks before analysing', async () => {
    const out = tempDir('exists');
    for (const name of FILES) {
      const dir = join(out, name.replace('.', '-'));
      mkdirSync(dir);
      writeFileSync(join(dir, name), 'mine');
      const r = await tegumInProcess(['analyze', PENTAGONS, '--gpu', 'off', '--out', dir]);
      expect(expectOneLineError(r, '')).toBe(`tegum: ${join(dir, name)}: already exists; pass --force to overwrite`);
      expect(readdirSync(dir)).toEqual([name]);
      expect(readFileSync(join(dir, name), 'utf8')).toBe('mine');
    }
    const forced = await tegumInProcess(['analyze', PENTAGONS, '--gpu', 'off', '--out', join(out, 'report-md'), '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(out, 'report-md', 'report.md'), 'utf8')).toContain('pentagon');
    expect(readdirSync(join(out, 'report-md')).sort()).toEqual([...FILES].sort());
  });

  it('an --out that is a file, a dangling link or a link to a file is refused before reading the input', async () => {
    const dir = tempDir('bad-out');
    const file = join(dir, 'plain.txt');
    writeFileSync(file, 'x');
    const missing = join(dir, 'missing.npy');
    expect(expectOneLineError(await tegumInProcess(['analyze', missing, '--out', file]), '')).toBe(`tegum: ${file}: exists and is not a directory`);
    expect(expectOneLineError(await tegumInProcess(['analyze', missing, '--out', join(file, 'sub')]), '')).toBe(
      `tegum: ${file}: exists and is not a directory`,
    );
    const dangling = join(dir, 'dangling');
    symlinkSync(join(dir, 'nowhere'), dangling);
    expect(expectOneLineError(await tegumInProcess(['analyze', missing, '--out', dangling]), '')).toBe(
      `tegum: ${dangling}: is a symbolic link to ${join(dir, 'nowhere')}, which does not exist`,
    );
    const toFile = join(dir, 'to-file');
    symlinkSync(file, toFile);
    expect(expectOneLineError(await tegumInProcess(['analyze', missing, '--out', toFile]), '')).toBe(
      `tegum: ${toFile}: is a symbolic link to ${file}, which is not a directory`,
    );
    const toDir = join(dir, 'to-dir');
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), toDir);
    const ok = await tegumInProcess(['analyze', PENTAGONS, '--gpu', 'off', '--out', toDir]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(readdirSync(join(dir, 'real')).sort()).toEqual([...FILES].sort());
  });

  it('a refused input leaves the new --out folder empty and writes nothing', async () => {
    const dir = tempDir('refused');
    const zeros = jsonWeights('zeros.json', {
      W: [
        [0, 0, 0],
        [0, 0, 0],
      ],
    });
    const out = join(dir, 'new');
    expectOneLineError(await tegumInProcess(['analyze', zeros, '--gpu', 'off', '--out', out]), `${zeros}: `);
    expect(statSync(out).isDirectory()).toBe(true);
    expect(readdirSync(out)).toEqual([]);
    expect(existsSync(join(out, 'report.json'))).toBe(false);
  });
});

describe('tegum analyze --allow-large', () => {
  it('is passed to the reader: the size refusal names the flag, and with it the file is read (and its zeros refused)', async () => {
    const bomb = join(root, 'test', 'fixtures', 'import', 'bad', 'zeros_compressed.npz');
    const refused = expectOneLineError(await tegumInProcess(['analyze', bomb, '--gpu', 'off']), `${bomb}: `);
    expect(refused).toContain('--allow-large');
    const read = expectOneLineError(await tegumInProcess(['analyze', bomb, '--gpu', 'off', '--allow-large']), `${bomb}: `);
    expect(read).not.toContain('--allow-large');
  });
});

describe('tegum analyze progress', () => {
  it('a short run without a terminal prints no stage lines', async () => {
    const r = await tegumInProcess(['analyze', PENTAGONS, '--gpu', 'off'], { tty: false });
    expect(r.stderr).not.toContain('stage');
    expect(r.stderr).not.toContain('\r');
  });

  it('on a terminal the stages are drawn on one line, which is cleared before the choice line', async () => {
    const r = await tegumInProcess(['analyze', PENTAGONS, '--gpu', 'off'], { tty: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^\rtegum: stage 1\/\d+ \w/);
    expect(r.stderr).toContain('\r\x1b[K');
    expect(r.stdout).not.toContain('stage');
  });
});
