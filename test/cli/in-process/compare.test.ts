import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tegumInProcess } from '../run-cli.js';
import { parseCompareReport } from '../../../src/report/validate.js';
import { compareToMarkdown } from '../../../src/report/compare-writers.js';
import type { CompareReport } from '../../../src/report/compare-types.js';
import { RUNS, expectOneLineError, npy, stderrLines, tempDir } from './helpers.js';

const FILES = ['report.json', 'report.md', 'report.html'];
const P1 = join(RUNS, 'n5_m2_p1_seed0.npz');
const P01 = join(RUNS, 'n5_m2_p0.1_seed0.npz');
const record = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file.replace(/\.npz$/, '.json'), 'utf8')) as Record<string, unknown>;

/** A 3-D stack of two n = 4, m = 2 instances, stored as (2, 2, 4). */
function stack(dir: string, name = 'stack.npy'): string {
  const a = [1, 0, -1, 0, 0, 1, 0, -1];
  const b = [1, 0, 0.7, -0.7, 0, 1, 0.7, 0.7];
  return npy(join(dir, name), [2, 2, 4], [...a, ...b]);
}

describe('tegum compare in process', () => {
  it('two runs with their records: the runs table, what changed, the baselines, and --json the same CompareReport', async () => {
    // One run (the baselines are the slow part): the terminal text on stdout, the JSON in --out.
    const out = join(tempDir('terminal'), 'out');
    const r = await tegumInProcess(['compare', P1, P01, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(stderrLines(r.stderr)).toEqual([`tegum: wrote ${FILES.map((f) => join(out, f)).join(', ')}`]);
    const written = readFileSync(join(out, 'report.json'), 'utf8');
    const report = parseCompareReport(JSON.parse(written));
    expect(written).toBe(JSON.stringify(report, null, 2) + '\n');
    expect(report.runs.map((run) => run.label)).toEqual(['n5_m2_p1_seed0', 'n5_m2_p0.1_seed0']);
    for (const [i, file] of [P1, P01].entries()) {
      const rec = record(file);
      expect(report.runs[i].settings).toEqual({
        p: rec.p,
        importance: (rec.importance as { base: number }).base,
        loss: rec.finalLoss,
        lossSamples: rec.finalLossSamples,
      });
    }
    const lines = r.stdout.split('\n');
    expect(lines[0].trim().split(/\s+/)).toEqual(['run', 'p', 'repr.', 'decomposition', 'residual']);
    const rows = lines.slice(2, 4).map((l) => l.split(/\s{2,}/).map((c) => c.trim()));
    report.runs.forEach((run, i) => {
      const al = report.alignments.find((a) => a.run === i);
      expect(rows[i]).toEqual([
        run.label,
        String(run.settings.p),
        String(run.report.input.n - run.report.unrepresented.length),
        run.report.decomposition,
        al ? al.residual.toPrecision(3) : '—',
      ]);
    });
    expect(rows[0][4]).toBe('—');
    expect(rows[1][2]).toBe('4');
    expect(r.stdout).toContain('\nn5_m2_p1_seed0 → n5_m2_p0.1_seed0:\n');
    for (const c of report.steps[0].changes) expect(r.stdout).toContain(`\n  ${c.text}\n`);
    expect(report.steps[0].changes.length).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/\nn5_m2_p1_seed0: loss 0\.0366\d? as tegum train recorded it/);
    expect(r.stdout).toMatch(/\nn5_m2_p0\.1_seed0: loss .* as tegum train recorded it/);
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(r.stdout).not.toContain('note: ');
  });

  it('runs without settings: p is —, kept in the order given, said in notes; identical runs change nothing', async () => {
    const dir = tempDir('bare');
    const a = join(dir, 'a.npz');
    const b = join(dir, 'b.npz');
    copyFileSync(P01, a);
    copyFileSync(P01, b);
    const r = await tegumInProcess(['compare', a, b]);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout
      .split('\n')
      .slice(2, 4)
      .map((l) => l.split(/\s{2,}/).map((c) => c.trim()));
    expect(rows.map((row) => row.slice(0, 2))).toEqual([
      ['a', '—'],
      ['b', '—'],
    ]);
    expect(r.stdout).toContain('\na → b: nothing changed\n');
    expect(r.stdout).toContain('\nnote: runs kept in the order given: not every run has a known p\n');
    expect(r.stdout).toContain('\nnote: random baseline only for runs whose p and importance are known');
    const report = parseCompareReport(JSON.parse((await tegumInProcess(['compare', a, b, '--json'])).stdout));
    expect(report.runs.map((run) => run.settings)).toEqual([{}, {}]);
  });

  it('a 3-D stack is one run per instance, with per-instance settings from the JSON beside it', async () => {
    const dir = tempDir('stack');
    const file = stack(dir);
    writeFileSync(join(dir, 'stack.json'), JSON.stringify({ feature_probability: [0.5, 0.1], importance: 0.8, final_loss: [0.25, 0.125], p: 'x' }));
    const r = await tegumInProcess(['compare', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report: CompareReport = parseCompareReport(JSON.parse(r.stdout));
    expect(report.runs.map((run) => run.label)).toEqual(['stack[0]', 'stack[1]']);
    expect(report.runs.map((run) => run.settings)).toEqual([
      { p: 0.5, importance: 0.8, loss: 0.25 },
      { p: 0.1, importance: 0.8, loss: 0.125 },
    ]);
    expect(report.runs.map((run) => run.report.input.instance)).toEqual([0, 1]);
    expect(report.runs[1].report.input).toMatchObject({ n: 4, m: 2 });
    expect(report.runs[0].report.features[2].norm).toBeCloseTo(1, 12);
    expect(report.runs[1].report.features[2].norm).toBeCloseTo(Math.hypot(0.7, 0.7), 12);
  });

  it('settings JSON: lossy keys and `loss`/`finalLoss` spellings are read; an array or other JSON is ignored', async () => {
    const dir = tempDir('keys');
    const a = join(dir, 'a.npz');
    const b = join(dir, 'b.npz');
    copyFileSync(P1, a);
    copyFileSync(P01, b);
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ p: 1, importance: [0.9], loss: 0.5, finalLossSamples: 7 }));
    writeFileSync(join(dir, 'b.json'), JSON.stringify([1, 2, 3]));
    const report = parseCompareReport(JSON.parse((await tegumInProcess(['compare', a, b, '--json'])).stdout));
    expect(report.runs.map((run) => run.settings)).toEqual([{ p: 1, loss: 0.5, lossSamples: 7 }, {}]);
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ p: 0.3, importance: { base: 'x' }, finalLoss: 0.25 }));
    writeFileSync(join(dir, 'b.json'), '"a string"');
    const again = parseCompareReport(JSON.parse((await tegumInProcess(['compare', a, b, '--json'])).stdout));
    expect(again.runs.map((run) => run.settings)).toEqual([{ p: 0.3, loss: 0.25 }, {}]);
  });

  it('JSON weight files are labelled by their stem, and a settings file holding null is ignored', async () => {
    const dir = tempDir('json-runs');
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.npy');
    writeFileSync(
      a,
      JSON.stringify({
        W: [
          [1, 0, -1, 0],
          [0, 1, 0, -1],
        ],
      }),
    );
    npy(b, [2, 4], [1, 0, 0.6, -0.8, 0, 1, 0.8, 0.6]);
    const r = await tegumInProcess(['compare', a, b, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(parseCompareReport(JSON.parse(r.stdout)).runs.map((run) => [run.label, run.settings])).toEqual([
      ['a', {}],
      ['b', {}],
    ]);
    const c = join(dir, 'c.npy');
    copyFileSync(b, c);
    writeFileSync(join(dir, 'c.json'), 'null');
    const n = await tegumInProcess(['compare', b, c, '--json']);
    expect(n.code, n.stderr).toBe(0);
    expect(parseCompareReport(JSON.parse(n.stdout)).runs[1].settings).toEqual({});
  });

  it('a settings file that is not JSON, or a run record that is not valid, is refused naming it', async () => {
    const dir = tempDir('bad-settings');
    const a = join(dir, 'a.npz');
    const b = join(dir, 'b.npz');
    copyFileSync(P1, a);
    copyFileSync(P01, b);
    writeFileSync(join(dir, 'a.json'), '{ nope');
    expect(expectOneLineError(await tegumInProcess(['compare', a, b]), '')).toBe(`tegum: ${join(dir, 'a.json')}: settings file is not valid JSON`);
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ ...record(P1), finalLoss: 'low' }));
    expectOneLineError(await tegumInProcess(['compare', a, b]), `${join(dir, 'a.json')}: `);
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ schema: 'something/else', p: 0.5 }));
    const fine = await tegumInProcess(['compare', a, b, '--json']);
    expect(fine.code, fine.stderr).toBe(0);
    expect(parseCompareReport(JSON.parse(fine.stdout)).runs[0].settings).toEqual({ p: 0.5 });
  });

  it('--out writes the three reports (report.json = --json), says so on stderr, never overwrites without --force', async () => {
    const dir = tempDir('out');
    const [a, b] = ['a.npz', 'b.npz'].map((f) => join(dir, f));
    copyFileSync(P1, a);
    copyFileSync(P01, b);
    const out = join(dir, 'sweep');
    const r = await tegumInProcess(['compare', a, b, '--json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...FILES].sort());
    expect(r.stdout).toMatch(/^\{\n/);
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe(r.stdout);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toBe(compareToMarkdown(parseCompareReport(JSON.parse(r.stdout))));
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    expect(stderrLines(r.stderr)).toEqual([`tegum: wrote ${FILES.map((f) => join(out, f)).join(', ')}`]);
    const again = await tegumInProcess(['compare', a, b, '--out', out]);
    expect(expectOneLineError(again, '')).toBe(`tegum: ${join(out, 'report.json')}: already exists; pass --force to overwrite`);
    writeFileSync(join(out, 'report.md'), 'mine');
    const forced = await tegumInProcess(['compare', a, b, '--out', out, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).not.toBe('mine');
    const file = join(tempDir('file-out'), 'x');
    writeFileSync(file, '');
    expect(expectOneLineError(await tegumInProcess(['compare', a, b, '--out', file]), '')).toBe(`tegum: ${file}: exists and is not a directory`);
  });

  it('--tensor and --features apply to every file', async () => {
    const dir = tempDir('flags');
    mkdirSync(join(dir, 'x'));
    const a = npy(join(dir, 'x', 'a.npy'), [2, 4], [1, 0, -1, 0, 0, 1, 0, -1]);
    const b = npy(join(dir, 'x', 'b.npy'), [2, 4], [1, 0, 0.6, -0.8, 0, 1, 0.8, 0.6]);
    const cols = parseCompareReport(JSON.parse((await tegumInProcess(['compare', a, b, '--json', '--features', 'columns'])).stdout));
    expect(cols.runs.map((run) => [run.report.input.n, run.report.input.m, run.report.input.featuresAre])).toEqual([
      [4, 2, 'columns'],
      [4, 2, 'columns'],
    ]);
    const rows = parseCompareReport(JSON.parse((await tegumInProcess(['compare', a, b, '--json', '--features', 'rows'])).stdout));
    expect(rows.runs.map((run) => run.report.input.featuresAre)).toEqual(['rows', 'rows']);
    expectOneLineError(await tegumInProcess(['compare', a, b, '--tensor', 'W_dec']), `${a}: `);
    const named = await tegumInProcess(['compare', a, b, '--json', '--tensor', 'a']);
    expectOneLineError(named, `${b}: `);
  });
});
