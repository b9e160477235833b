/**
 * The viewer at dictionary scale: `tegum view` (the real CLI, spawned) on a
 * 16,384-feature SAE-like dictionary drawn here with the project's seeded
 * generator (src/synthetic: random unit directions plus 21 planted
 * structures), in Debian Chromium on SwiftShader.
 *
 * What is held to account, from issue 14:
 *  - the CLI prints its URL and staged progress (reading, serving, analysing);
 *  - the first frame (W drawn, before the analysis arrives) within
 *    FIRST_FRAME_BUDGET_MS of opening the page and AFTER_DATA_BUDGET_MS of W
 *    arriving;
 *  - once the analysis is shown, clicking the three largest structures and
 *    orbiting never blocks the page for more than BLOCK_BUDGET_MS, measured
 *    by a heartbeat inside the page (a setInterval recording its largest gap);
 *  - no console errors or page errors.
 *
 * The hidden dimension is TEGUM_DICT_M (default 768, the case; the
 * analysis takes ~20 s of it here). At m = 64 the random interference of
 * 16k directions in 64 dims buries the planted structures (the analysis finds
 * none, and its Hough step takes minutes), so there is nothing to click.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifacts, assertBuilt, browserAvailable, COUNT_NON_BACKGROUND, launch, spawnView } from './browser.js';
import { generateDictionary } from '../../src/synthetic/index.js';
import { encodeNpyFloat32 } from '../../src/toymodel/npz-writer.js';

const N = 16384;
const M = Number(process.env.TEGUM_DICT_M ?? 768);
const FIRST_FRAME_BUDGET_MS = 20_000;
const BLOCK_BUDGET_MS = 1_000;
const AFTER_DATA_BUDGET_MS = 5_000;
/** The analysis runs in `tegum view` while the page is open; generous for 2 busy cores. */
const ANALYSIS_TIMEOUT_MS = 600_000;

interface Heartbeat {
  maxGap: number;
  last: number;
}

describe.skipIf(!browserAvailable())(`a ${N} × ${M} dictionary`, () => {
  let dir: string;
  let view: { child: ChildProcess; url: string };
  let stderr = '';
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  let planted: { features: number[]; label: string }[] = [];

  beforeAll(async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tegum-dictionary-'));
    const dictionary = generateDictionary({ n: N, m: M, seed: 1 });
    planted = dictionary.truth.structures;
    const file = join(dir, `dictionary-${N}x${M}.npy`);
    writeFileSync(file, encodeNpyFloat32({ data: dictionary.W, shape: [N, M] }));
    view = await spawnView(file);
    view.child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    // The heartbeat: a 20 ms interval; a gap much longer than that is the main thread blocked.
    await page.addInitScript(() => {
      const beat = { maxGap: 0, last: performance.now() };
      (window as unknown as { __beat: Heartbeat }).__beat = beat;
      setInterval(() => {
        const now = performance.now();
        beat.maxGap = Math.max(beat.maxGap, now - beat.last);
        beat.last = now;
      }, 20);
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    view?.child.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints the URL, and progress on stderr', async () => {
    expect(view.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await expect.poll(() => stderr, { timeout: 10_000 }).toMatch(/tegum view: analysing/);
  });

  it(`draws W within ${FIRST_FRAME_BUDGET_MS / 1000} s of opening, before the analysis`, async () => {
    await page.goto(view.url);
    await page.waitForFunction(() => window.__tegum?.firstFrameAt != null, null, { timeout: FIRST_FRAME_BUDGET_MS + 10_000 });
    const firstFrame = await page.evaluate(() => window.__tegum!.firstFrameAt!);
    console.log(`${N} × ${M}: first frame ${Math.round(firstFrame)} ms after navigation start`);
    expect(firstFrame).toBeLessThan(FIRST_FRAME_BUDGET_MS);
    // From W in hand to the frame: scene set-up, projection and shader compilation on SwiftShader.
    const afterData = firstFrame - (await page.evaluate(() => window.__tegum!.dataAt!));
    console.log(`${N} × ${M}: first frame ${Math.round(afterData)} ms after the data arrived`);
    expect(afterData).toBeLessThan(AFTER_DATA_BUDGET_MS);
    expect(await page.evaluate(() => window.__tegum!.featureCount())).toBe(N);
    const early = await page.evaluate(() => window.__tegum!.reportFrameAt);
    if (early === null) {
      // Still analysing: the page says so on its status line.
      expect(await page.textContent('#status')).toMatch(/^analysing/);
      await page.screenshot({ path: join(artifacts, 'view-dictionary-analysing.png') });
    }
    const { differing, total } = await page.evaluate<{ differing: number; total: number }>(COUNT_NON_BACKGROUND);
    expect(differing / total).toBeGreaterThan(0.01);
  }, 60_000);

  it(
    `fills in the analysis; clicking the three largest structures and orbiting never blocks for ${BLOCK_BUDGET_MS} ms`,
    async () => {
      await page.waitForFunction(() => window.__tegum?.reportFrameAt != null, null, { timeout: ANALYSIS_TIMEOUT_MS, polling: 1000 });
      const analysed = await page.evaluate(() => window.__tegum!.reportFrameAt!);
      console.log(`${N} × ${M}: analysis shown ${Math.round(analysed / 1000)} s after navigation start`);
      // The planted structures are what a researcher looks for; the largest ones must be listed.
      const rows = await page.$$eval('li.bundle', (lis) =>
        lis.map((li) => ({ id: (li as HTMLElement).dataset.bundle!, size: ((li as HTMLElement).dataset.features ?? '').split(',').length })),
      );
      expect(rows.length).toBeGreaterThanOrEqual(3);
      const sizes = rows.map((r) => r.size);
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      const largestPlanted = Math.max(...planted.map((s) => s.features.length));
      expect(sizes[0]).toBeGreaterThanOrEqual(Math.min(largestPlanted, 8));

      await page.evaluate(() => ((window as unknown as { __beat: Heartbeat }).__beat.maxGap = 0));
      for (const row of rows.slice(0, 3)) {
        await page.click(`li.bundle[data-bundle="${row.id}"]`);
        await page.waitForFunction((id) => document.querySelector('#details')?.getAttribute('data-selection') === `bundle:${id}`, row.id);
        await page.waitForFunction(() => !/computing/.test(document.querySelector('#details .angles')?.textContent ?? ''), null, { timeout: 30_000 });
        await orbit(page);
      }
      await page.screenshot({ path: join(artifacts, 'view-16384.png') });
      const maxGap = await page.evaluate(() => (window as unknown as { __beat: Heartbeat }).__beat.maxGap);
      console.log(`${N} × ${M}: longest main-thread gap while clicking and orbiting ${Math.round(maxGap)} ms`);
      expect(maxGap).toBeLessThan(BLOCK_BUDGET_MS);
    },
    ANALYSIS_TIMEOUT_MS + 60_000,
  );

  it('logged no console errors or page errors', () => {
    expect(errors).toEqual([]);
  });
});

/** Drag across the view as a user orbits the camera. */
async function orbit(page: Page): Promise<void> {
  const box = (await page.locator('#view canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let k = 1; k <= 8; k++) await page.mouse.move(cx + 25 * k, cy + 8 * k);
  await page.mouse.up();
}
