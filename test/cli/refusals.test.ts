import { mkdtempSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, tegum, tegumInProcess } from './run-cli.js';

const bad = join(root, 'test', 'fixtures', 'import', 'bad');
const hostile = readdirSync(bad).filter((f) => statSync(join(bad, f)).isFile());

/** One line on stderr, `tegum: <file>: <reason>`, exit 2, nothing on stdout, no stack trace. */
function expectRefusal(r: { code: number; stdout: string; stderr: string }, file: string): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0].startsWith(`tegum: ${file}: `), lines[0]).toBe(true);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('hostile input through the real CLI: one line, exit 2', () => {
  it(`every hostile fixture (${hostile.length}) is refused by inspect and by analyze`, async () => {
    expect(hostile.length).toBeGreaterThan(40);
    for (const name of hostile) {
      const file = join(bad, name);
      expectRefusal(await tegumInProcess(['inspect', file]), file);
      expectRefusal(await tegumInProcess(['analyze', file, '--gpu', 'off']), file);
    }
    // And a few through the real executable, launcher included.
    for (const name of ['object.npy', 'zip_bomb.npz', 'truncated.npy', 'st_overlap.safetensors', 'ragged.json', 'huge_shape.npy']) {
      expectRefusal(tegum(['inspect', join(bad, name)]), join(bad, name));
    }
  });

  it('a missing file, a directory and an unknown extension', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-bad-'));
    const txt = join(dir, 'weights.txt');
    writeFileSync(txt, '1 2 3');
    for (const file of [join(dir, 'nope.npy'), dir, txt]) expectRefusal(tegum(['inspect', file]), file);
  });

  it('NaN/Inf load and are counted by inspect, and analyze refuses them', () => {
    const file = join(root, 'test', 'fixtures', 'import', 'good', 'nonfinite.json');
    const shown = tegum(['inspect', file, '--json']);
    expect(shown.code).toBe(0);
    const stats = JSON.parse(shown.stdout).tensors.map((t: { stats: { nan: number; inf: number } }) => t.stats);
    expect(stats.some((s: { nan: number; inf: number }) => s.nan > 0 && s.inf > 0)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'tegum-nan-'));
    const W = join(dir, 'W.json');
    writeFileSync(
      W,
      JSON.stringify({
        W: [
          [1, 0, 0.5],
          [0, 1, NaN],
        ],
      }).replace('null', 'NaN'),
    );
    const r = tegum(['analyze', W]);
    expectRefusal(r, W);
    expect(r.stderr).toMatch(/1 NaN value; tegum cannot analyse non-finite weights/);
  });

  it('a zero matrix is refused, and an existing report is not touched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-zero-'));
    const W = join(dir, 'zeros.json');
    writeFileSync(
      W,
      JSON.stringify({
        W: [
          [0, 0, 0, 0],
          [0, 0, 0, 0],
        ],
      }),
    );
    const out = join(dir, 'out');
    const kept = tegum(['analyze', '--out', out, '--gpu', 'off']);
    expect(kept.code).toBe(0);
    const before = readFileSync(join(out, 'report.json'), 'utf8');
    const r = tegum(['analyze', W, '--out', out, '--force', '--gpu', 'off']);
    expectRefusal(r, W);
    expect(r.stderr).toMatch(/all zeros/);
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe(before);
  });
});

describe('formats tegum does not read: one line naming the format and how to convert', () => {
  const hints: Array<[string, RegExp]> = [
    ['W.h5', /an HDF5 file .*np\.savez/],
    ['W.hdf5', /an HDF5 file/],
    ['model.onnx', /an ONNX model; .*numpy_helper\.to_array/],
    ['model.gguf', /a GGUF \(llama\.cpp\) file/],
    ['W.pkl', /a Python pickle; tegum never unpickles arbitrary objects/],
    ['W.mat', /a MATLAB file; convert with .*scipy\.io\.loadmat/],
    ['W.npy.gz', /gzip-compressed; decompress it first/],
  ];
  it.each(hints)('%s', async (name, pattern) => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-hint-'));
    const file = join(dir, name);
    writeFileSync(file, 'not really');
    for (const command of ['inspect', 'analyze']) {
      const r = await tegumInProcess([command, file]);
      expectRefusal(r, file);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).toMatch(/\(tegum reads \.npy, \.npz, \.json, \.safetensors .*PyTorch \.pt\/\.pth\/\.bin\/\.ckpt\)\n$/);
    }
  });
});

describe('checkpoints researchers have', () => {
  const good = join(root, 'test', 'fixtures', 'import', 'good');

  it('analyze picks the decoder and its feature axis in each SAE layout and says so on stderr', () => {
    const cases: Array<[string, string, 'rows' | 'columns']> = [
      [join(good, 'sae', 'saelens'), 'W_dec', 'rows'],
      [join(good, 'sae', 'gemmascope', 'params.npz'), 'W_dec', 'rows'],
      [join(good, 'sae', 'dictionary_learning', 'ae.pt'), 'decoder.weight', 'columns'],
    ];
    for (const [file, tensor, featuresAre] of cases) {
      const r = tegum(['analyze', file, '--json', '--gpu', 'off']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).input).toMatchObject({ tensor, featuresAre, n: 32, m: 8 });
      expect(r.stderr).toContain(`tegum: using W = '${tensor}' `);
      expect(r.stderr).toContain(`${featuresAre} are the n = 32 features in m = 8 dims`);
    }
  });

  it('inspect shows safetensors __metadata__ and cfg.json fields, in the table and in JSON', () => {
    const dir = join(good, 'sae', 'saelens');
    const json = tegum(['inspect', dir, '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).metadata).toMatchObject({ format: 'pt', d_in: '8', d_sae: '32', hook_name: 'blocks.8.hook_resid_pre' });
    const table = tegum(['inspect', join(dir, 'cfg.json')]);
    expect(table.stdout).toMatch(/\nmetadata\n/);
    expect(table.stdout).toMatch(/hook_name\s+blocks\.8\.hook_resid_pre/);
  });

  it('--allow-large is accepted by inspect and analyze, and named by the refusal it lifts', async () => {
    const bomb = join(bad, 'zeros_compressed.npz');
    const r = await tegumInProcess(['inspect', bomb]);
    expectRefusal(r, bomb);
    expect(r.stderr).toMatch(/pass --allow-large if you trust it/);
    // The flag parses on both commands (a small file is unaffected by it).
    const small = join(good, 'torch', 'views.pt');
    expect((await tegumInProcess(['inspect', small, '--allow-large', '--json'])).code).toBe(0);
    const a = tegum(['analyze', join(good, 'sae', 'saelens'), '--allow-large', '--json', '--gpu', 'off']);
    expect(a.code, a.stderr).toBe(0);
  });
});
