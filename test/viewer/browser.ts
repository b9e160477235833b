/**
 * Shared set-up of the browser tests: Debian's Chromium through
 * playwright-core with the flags docs/ARCHITECTURE.md lists (SwiftShader for WebGL and
 * WebGPU). Tests skip when /usr/bin/chromium is missing, unless
 * TEGUM_REQUIRE_GPU=1, where a missing browser is a failure.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const root = join(import.meta.dirname, '..', '..');
export const artifacts = join(root, 'test', 'artifacts');

/** Whether the browser tests run (false: skip). Throws when they must run but cannot. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.TEGUM_REQUIRE_GPU === '1') throw new Error(`TEGUM_REQUIRE_GPU=1 but ${CHROMIUM} is missing`);
  return false;
}

export async function launch(): Promise<Browser> {
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--enable-unsafe-webgpu',
      '--enable-unsafe-swiftshader',
      '--use-webgpu-adapter=swiftshader',
      '--use-angle=swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Fail early with a useful message when the page's modules were not compiled. */
export function assertBuilt(): void {
  const entry = join(root, 'dist', 'src', 'viewer', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npx tsc -p tsconfig.json (npm test builds first)`);
}

/**
 * Spawn `tegum view FILE… --no-open --port 0` and wait for the URL it prints.
 *
 * @param files One file, or two for compare mode.
 * @returns The child process and the URL.
 */
export async function spawnView(...files: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'tegum.js'), 'view', ...files, '--no-open', '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /tegum view: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`tegum view exited with ${code}: ${stderr}`)));
  });
  return { child, url };
}

/** Count pixels of the 3D canvas that differ from the background colour (in the page). */
export const COUNT_NON_BACKGROUND = `(() => {
  const canvas = document.querySelector('#view canvas');
  const copy = document.createElement('canvas');
  copy.width = canvas.width; copy.height = canvas.height;
  const ctx = copy.getContext('2d');
  ctx.drawImage(canvas, 0, 0);
  const px = ctx.getImageData(0, 0, copy.width, copy.height).data;
  const bg = [0xfb, 0xfb, 0xf8];
  let differing = 0;
  for (let k = 0; k < px.length; k += 4) {
    if (Math.abs(px[k] - bg[0]) + Math.abs(px[k + 1] - bg[1]) + Math.abs(px[k + 2] - bg[2]) > 30) differing++;
  }
  return { differing, total: px.length / 4 };
})()`;
