/**
 * `npm run app` where Electron's binary could not be downloaded (these
 * machines; ELECTRON_SKIP_BINARY_DOWNLOAD=1): one line saying how to get it,
 * exit 1, no stack trace. Skipped where a binary exists (it would start the app).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function hasElectronBinary(): boolean {
  try {
    return existsSync(createRequire(join(root, 'package.json'))('electron') as string);
  } catch {
    return false;
  }
}

describe('npm run app without Electron', () => {
  it.skipIf(hasElectronBinary())('says in one line how to get Electron', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'app.mjs')], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^tegum: the desktop app needs Electron, but .*: run `node node_modules\/electron\/install\.js`/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
