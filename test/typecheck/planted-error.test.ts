import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm run typecheck` must cover test/: run it on a copy of the tree (sources
// linked, configs copied) with one test file holding a type error, and expect
// that error by file and code.
const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'tegum-typecheck-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run typecheck', () => {
  it('fails on a type error planted in a test file', () => {
    for (const name of ['src', 'electron', 'node_modules', 'scripts']) symlinkSync(join(root, name), join(dir, name), 'dir');
    for (const name of ['package.json', 'tsconfig.json', 'tsconfig.electron.json', 'tsconfig.test.json', 'vitest.config.ts'])
      copyFileSync(join(root, name), join(dir, name));
    mkdirSync(join(dir, 'test'));
    for (const name of readdirSync(join(root, 'test'))) symlinkSync(join(root, 'test', name), join(dir, 'test', name));
    mkdirSync(join(dir, 'test', 'planted'));
    writeFileSync(join(dir, 'test', 'planted', 'planted.test.ts'), "export const count: number = 'three';\n");
    const r = spawnSync('npm', ['run', '--silent', 'typecheck'], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
    const output = r.stdout + r.stderr;
    expect(r.status).not.toBe(0);
    expect(output).toMatch(/test\/planted\/planted\.test\.ts\(1,14\): error TS2322/);
  }, 300_000);
});
