// `tegum analyze` on every sample and toy-model fixture prints no impossible number in its
// arrangement and topology: counts that pass Zaslavsky's identities and the Euler
// characteristic, or an error field and no count at all; barcodes with 0 ≤ birth < death.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTensors } from '../../src/import/index.js';
import { root, tegumInProcess } from '../cli/run-cli.js';

const WEIGHTS = /\.(npz|npy|safetensors)$/;

/** Weight files: samples (but not their README or truth.json), samples/runs, test/fixtures/toymodels*. */
function weightFiles(): string[] {
  const list = (dir: string, keep: (f: string) => boolean): string[] =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir))
          .filter(keep)
          .sort()
          .map((f) => join(dir, f))
      : [];
  const fixtureDirs = readdirSync(join(root, 'test', 'fixtures')).filter((d) => d.startsWith('toymodels'));
  return [
    ...list('samples', (f) => WEIGHTS.test(f) || (f.endsWith('.json') && f !== 'truth.json')),
    ...list(join('samples', 'runs'), (f) => WEIGHTS.test(f)),
    ...fixtureDirs.flatMap((d) => list(join('test', 'fixtures', d), (f) => WEIGHTS.test(f))),
  ];
}

interface Json {
  arrangement: {
    m: number;
    rank: number;
    chi: number[] | null;
    chiText: string[];
    regionsText: string;
    boundedRegionsText: string;
    faces: string[] | null;
    checks: string[];
    error?: string;
    factorDetails: { rank: number; chi: number[] | null; error?: string }[];
  };
  topology: { diagrams: { dimension: number; pairs: { birth: number; death: number | null }[] }[]; verdict: Record<string, number | string> };
}

/** Every way an arrangement's numbers could be impossible, as messages (empty: possible). */
function impossible(a: Json['arrangement']): string[] {
  const out: string[] = [];
  if (a.error !== undefined) {
    if (a.chi !== null || a.chiText.length > 0 || /\d/.test(a.regionsText) || /\d/.test(a.boundedRegionsText))
      out.push(`error "${a.error}" but counts reported`);
    return out;
  }
  const c = a.chiText.map(BigInt);
  const regions = BigInt(a.regionsText);
  const bounded = BigInt(a.boundedRegionsText);
  if (c.length !== a.m + 1 || c[0] !== 1n) out.push(`χ not monic of degree m: ${a.chiText}`);
  // Coefficients alternate up to the rank, and vanish beyond it (the t^{m−rank} factor).
  c.forEach((x, k) => {
    const s = k % 2 === 0 ? 1n : -1n;
    if (k <= a.rank ? s * x <= 0n : x !== 0n) out.push(`χ coefficient ${k} = ${x}`);
  });
  if (regions !== c.reduce((s, x) => s + (x < 0n ? -x : x), 0n)) out.push(`regions ${regions} ≠ Σ|c_k|`);
  if (!(regions >= bounded && bounded >= 0n && regions >= 1n)) out.push(`regions ${regions}, bounded ${bounded}`);
  if (a.faces !== null) {
    const f = a.faces.map(BigInt);
    const euler = f.reduce((s, x, j) => s + (j % 2 === 0 ? x : -x), 0n);
    if (euler !== (a.m % 2 === 0 ? 1n : -1n)) out.push(`Euler characteristic ${euler} from faces ${a.faces}`);
    if (f[a.m] !== regions) out.push(`f_m = ${f[a.m]} ≠ regions ${regions}`);
  }
  if (a.checks.length === 0 && a.factorDetails.length > 0 && a.factorDetails.some((d) => d.chi !== null)) out.push('no identity was checked');
  return out;
}

describe('tegum analyze prints no impossible number on any sample or fixture', () => {
  for (const file of weightFiles()) {
    it(file, { timeout: 300_000 }, async () => {
      const tensors = await readTensors(join(root, file));
      const stack = tensors.find((t) => t.shape.length === 3);
      const instances = stack ? stack.shape[0] : 1;
      for (let k = 0; k < instances; k++) {
        const args = ['analyze', join(root, file), '--json', '--gpu', 'off', ...(stack ? ['--instance', String(k)] : [])];
        const r = await tegumInProcess(args);
        expect(r.code, r.stderr).toBe(0);
        const report = JSON.parse(r.stdout) as Json;
        expect(impossible(report.arrangement), `${file} instance ${k}`).toEqual([]);
        for (const d of report.topology.diagrams) {
          for (const p of d.pairs) {
            expect(p.birth).toBeGreaterThanOrEqual(0);
            if (p.death !== null) expect(p.death).toBeGreaterThan(p.birth);
          }
        }
        for (const key of ['clusters', 'circles', 'spheres'] as const) expect(report.topology.verdict[key] as number).toBeGreaterThanOrEqual(0);
      }
    });
  }
});
