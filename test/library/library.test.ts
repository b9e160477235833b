import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The package as a user gets it: a folder outside the repository whose
// node_modules/tegum is the repository (what `npm install <path>` links), so
// `import('tegum')` goes through package.json's "exports" to dist/src/index.js.
// The oracle is samples/truth.json (what scripts/samples/make_samples.py built).
const root = join(import.meta.dirname, '..', '..');
const sample = 'two-pentagons-n20.json';
const truth = (
  JSON.parse(readFileSync(join(root, 'samples', 'truth.json'), 'utf8')) as Record<string, { bundles: { polytope: string; features: number[] }[] }>
)[sample];

/** The README's library example, the block after the `library-example` marker. */
function readmeExample(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const match = /<!-- library-example[^>]*-->\s*```js\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error('README.md has no library-example block');
  return match[1];
}

function runNode(cwd: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe("import('tegum') from another folder", () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'src', 'index.js'))) throw new Error('dist/src/index.js is missing: run npm run build (npm test does)');
    dir = mkdtempSync(join(tmpdir(), 'tegum-library-'));
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(root, join(dir, 'node_modules', 'tegum'), 'dir');
    copyFileSync(join(root, 'samples', sample), join(dir, sample));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the README example: the sample decomposes into what it was built from, report.md is written, the JSON conforms', () => {
    writeFileSync(join(dir, 'example.mjs'), readmeExample());
    const r = runNode(dir, ['example.mjs']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const printed = lines.slice(1).map((l) => {
      const [polytope, features] = l.split(': ');
      return { polytope, features: features.split(' ').map(Number) };
    });
    const key = (b: { polytope: string; features: number[] }): string => `${b.polytope}:${[...b.features].sort((x, y) => x - y).join(',')}`;
    expect(printed.map(key).sort()).toEqual(truth.bundles.map(key).sort());
    expect(lines[0]).toBe('pentagon ⊕ pentagon ⊕ dedicated');
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/pentagon/);
  });

  it('exports the readers, analyze, the writers, the validators and nothing unresolved', () => {
    const script = `const t = await import('tegum');
      const names = ['readWeights', 'readTensors', 'readWeightFile', 'chooseWeights', 'analyze', 'reportToMarkdown', 'reportToHtml', 'reportToJson', 'parseReport', 'reportProblem', 'SchemaError', 'InputError'];
      console.log(JSON.stringify({ missing: names.filter((n) => typeof t[n] !== 'function'), schema: t.REPORT_SCHEMA }));`;
    writeFileSync(join(dir, 'exports.mjs'), script);
    const r = runNode(dir, ['exports.mjs']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { missing: string[]; schema: string };
    expect(out.missing).toEqual([]);
    expect(out.schema).toMatch(/^tegum\.report\/\d+$/);
  });

  it('a deep path is not part of the API ("exports" closes it)', () => {
    writeFileSync(join(dir, 'deep.mjs'), `await import('tegum/dist/src/analysis/analyze.js');`);
    const r = runNode(dir, ['deep.mjs']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });

  it('the readers refuse a bad file with InputError, not a crash', () => {
    writeFileSync(join(dir, 'bad.npy'), 'not a numpy file');
    writeFileSync(
      join(dir, 'bad.mjs'),
      `import { readWeights, InputError } from 'tegum';
       try { await readWeights('bad.npy'); console.log('read'); } catch (e) { console.log(e instanceof InputError ? 'InputError: ' + e.message : 'other: ' + e); }`,
    );
    const r = runNode(dir, ['bad.mjs']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^InputError: /);
  });
});
