#!/usr/bin/env node
// `npm run app [FILE]`: build the desktop shell and start it in Electron.
// Electron is an optional dependency whose binary is downloaded by its install
// script; where that could not happen (no network, ELECTRON_SKIP_BINARY_DOWNLOAD=1,
// npm run without scripts) this says in one line how to get it, instead of
// Electron's own stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** The Electron executable, or why there is none. */
function electronBinary() {
  let path;
  try {
    // The electron package's main export is the path of its downloaded binary; it throws when none was downloaded.
    path = require('electron');
  } catch (err) {
    return { why: err.code === 'MODULE_NOT_FOUND' ? 'the electron package is not installed' : "Electron's binary was never downloaded" };
  }
  return existsSync(path) ? { path } : { why: `Electron's binary ${path} is missing` };
}

const electron = electronBinary();
if (!electron.path) {
  process.stderr.write(
    `tegum: the desktop app needs Electron, but ${electron.why}: run \`node node_modules/electron/install.js\` where github.com is reachable ` +
      '(or `npm install` without ELECTRON_SKIP_BINARY_DOWNLOAD); `tegum view` shows the same viewer in a browser\n',
  );
  process.exit(1);
}
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.electron.json')], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
const app = spawnSync(electron.path, [join(root, 'dist', 'electron', 'main.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(app.status ?? 1);
