/**
 * The WebGPU kernels in Debian's Chromium (SwiftShader adapter), driven by
 * playwright-core: the compiled modules run in a page with navigator.gpu and
 * are compared with the float64 CPU reference there.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { serveStatic } from './gpu-server.js';
import type { StaticServer } from './gpu-server.js';

const CHROMIUM = '/usr/bin/chromium';
const required = process.env.TEGUM_REQUIRE_GPU === '1';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && required) throw new Error(`TEGUM_REQUIRE_GPU=1 but ${CHROMIUM} is missing`);

const FLAGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Newest modification time under a folder (recursively), in ms. */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  return Math.max(
    0,
    ...readdirSync(dir).map((f) => {
      const p = join(dir, f);
      const s = statSync(p);
      return s.isDirectory() ? newest(p) : s.mtimeMs;
    }),
  );
}

/** Rebuilds dist/ when the sources the page imports are newer than it. */
function ensureBuilt(): void {
  const built = existsSync('dist/src/gpu/index.js') ? statSync('dist/src/gpu/index.js').mtimeMs : 0;
  const sources = Math.max(...['src/gpu', 'src/grassmannian', 'src/clustering', 'src/features'].map(newest));
  if (built >= sources) return;
  try {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'pipe' });
  } catch {
    // tsc exits non-zero on type errors elsewhere but still emits; the page import below fails if it did not.
  }
}

interface PageResult {
  error?: string;
  adapter?: { vendor: string; architecture: string; device: string; description: string };
  isSoftware?: boolean;
  selfTest?: { passed: boolean; kernels: { name: string; maxDeviation: number; tolerance: number; passed: boolean }[] };
  embeddings?: { n: number; m: number; k: number; worstRatio: number; rankMismatches: number }[];
}

describe.skipIf(!haveChromium)(
  `WebGPU kernels in Chromium${haveChromium ? '' : ` [skipped: ${CHROMIUM} missing; set TEGUM_REQUIRE_GPU=1 to make this an error]`}`,
  () => {
    let browser: Browser | undefined;
    let server: StaticServer | undefined;
    let result: PageResult;

    beforeAll(async () => {
      ensureBuilt();
      server = await serveStatic({ dist: join(process.cwd(), 'dist'), harness: join(process.cwd(), 'test/browser') });
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}/`);
      // A string, so that vitest's transform does not rewrite the dynamic import.
      result = (await page.evaluate(`import('/harness/gpu-page.mjs').then((m) => m.run())`)) as PageResult;
      if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('finds a WebGPU adapter through navigator.gpu', () => {
      expect(result.error).toBeUndefined();
      expect(result.adapter).toBeDefined();
    });

    it('passes every self-test check against the CPU reference in the page', () => {
      const kernels = result.selfTest?.kernels ?? [];
      expect(kernels.length).toBe(8);
      for (const k of kernels) expect(k.maxDeviation, k.name).toBeLessThanOrEqual(k.tolerance);
      expect(result.selfTest?.passed).toBe(true);
    });

    it('embeds random subsets (m = 2, 5, 16, 64; chunks of 50) within tolerance', () => {
      expect(result.embeddings?.length).toBe(4);
      for (const e of result.embeddings ?? []) {
        expect(e.rankMismatches, `n=${e.n} m=${e.m} k=${e.k}`).toBe(0);
        expect(e.worstRatio, `n=${e.n} m=${e.m} k=${e.k}`).toBeLessThanOrEqual(1);
      }
    });
  },
);
