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
    writeFileSync(W, JSON.stringify({ W: [[1, 0, 0.5], [0, 1, NaN]] }).replace('null', 'NaN'));
    const r = tegum(['analyze', W]);
    expectRefusal(r, W);
    expect(r.stderr).toMatch(/1 NaN value; tegum cannot analyse non-finite weights/);
  });

  it('a zero matrix is refused, and an existing report is not touched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-zero-'));
    const W = join(dir, 'zeros.json');
    writeFileSync(W, JSON.stringify({ W: [[0, 0, 0, 0], [0, 0, 0, 0]] }));
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
