/**
 * End-to-end: `tegum view A B` (the real CLI, spawned) in Debian Chromium.
 * Oracles: a copy of samples/superposition-r8.npz rotated by a known random
 * orthogonal map and sign-flipped, built here, must align back to residual ~0
 * and show every feature where A shows it; the Toy Models fixture's manifest
 * (written by scripts/fixtures/train_toy_models.py from PyTorch runs) says
 * instance 1 of n5_m2.npz is two antipodal pairs and instance 2 a pentagon.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifacts, assertBuilt, browserAvailable, launch, root, spawnView } from './browser.js';
import { chooseWeights, readTensors } from '../../src/import/index.js';
import { encodeNpyFloat32 } from '../../src/toymodel/npz-writer.js';
import type { CameraState } from '../../src/viewer/compare-app.js';

interface Role {
  features: { bundle: number | null; represented: boolean }[];
  bundles: { polytope: string }[];
}

/** Deterministic uniform numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random m×m orthogonal matrix: Gram–Schmidt on Gaussian rows (Box–Muller). */
function randomOrthogonal(m: number, seed: number): number[][] {
  const u = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  const Q: number[][] = [];
  while (Q.length < m) {
    const v = Array.from({ length: m }, gauss);
    for (const q of Q) {
      const d = q.reduce((s, x, r) => s + x * v[r], 0);
      q.forEach((x, r) => (v[r] -= d * x));
    }
    const norm = Math.hypot(...v);
    Q.push(v.map((x) => x / norm));
  }
  return Q;
}

/** Camera poses equal to float precision. */
function expectSamePose(a: CameraState, b: CameraState) {
  for (const key of Object.keys(a) as (keyof CameraState)[]) {
    const x = [a[key]].flat();
    const y = [b[key]].flat();
    x.forEach((v, k) => expect(Math.abs(v - y[k])).toBeLessThan(1e-9));
  }
}

describe.skipIf(!browserAvailable())('tegum view A B (compare mode) in Chromium', () => {
  let browser: Browser;
  let tmp: string;
  const errors: string[] = [];
  const children: ChildProcess[] = [];

  // Both servers and both pages start together: loading the page's modules dominates the time.
  let rotated: { page: Page; url: string };
  let different: { page: Page; url: string };
  const flipped = [0, 3, 5, 6, 11];
  const fixture = join('test', 'fixtures', 'toymodels', 'n5_m2.npz');

  beforeAll(async () => {
    assertBuilt();
    tmp = mkdtempSync(join(tmpdir(), 'tegum-compare-'));
    const ws = chooseWeights('superposition-r8.npz', await readTensors(join(root, 'samples', 'superposition-r8.npz')));
    const { n, m, W } = ws;
    const Q = randomOrthogonal(m, 7);
    const out = new Float32Array(n * m);
    for (let i = 0; i < n; i++) {
      const s = flipped.includes(i) ? -1 : 1;
      for (let r = 0; r < m; r++) out[i * m + r] = s * Q[r].reduce((acc, q, c) => acc + q * W[i * m + c], 0);
    }
    writeFileSync(join(tmp, 'rotated.npy'), encodeNpyFloat32({ data: out, shape: [n, m] }));
    browser = await launch();
    [rotated, different] = await Promise.all([open('samples/superposition-r8.npz', join(tmp, 'rotated.npy')), open(`${fixture}:1`, `${fixture}:2`)]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    for (const child of children) child.kill('SIGTERM');
    rmSync(tmp, { recursive: true, force: true });
  });

  async function open(...files: string[]): Promise<{ page: Page; url: string }> {
    const view = await spawnView(...files);
    children.push(view.child);
    const page = await browser.newPage({ viewport: { width: 1400, height: 760 }, reducedMotion: 'reduce' });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(view.url);
    await page.waitForFunction(() => window.__tegumCompare?.firstFrameAt != null, null, { timeout: 30_000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    return { page, url: view.url };
  }

  /** Pixels of a pane's canvas that differ from the background. */
  const nonBlank = (page: Page, pane: 'a' | 'b') =>
    page.evaluate((id) => {
      const canvas = document.querySelector(`#pane-${id} canvas`) as HTMLCanvasElement;
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const ctx = copy.getContext('2d')!;
      ctx.drawImage(canvas, 0, 0);
      const px = ctx.getImageData(0, 0, copy.width, copy.height).data;
      let differing = 0;
      for (let k = 0; k < px.length; k += 4) if (Math.abs(px[k] - 0xfb) + Math.abs(px[k + 1] - 0xfb) + Math.abs(px[k + 2] - 0xf8) > 30) differing++;
      return differing / (px.length / 4);
    }, pane);

  describe('a rotated, sign-flipped copy of one run', () => {
    let page: Page;
    let url: string;
    beforeAll(() => ({ page, url } = rotated));

    it('draws both views and says the alignment residual is ~0', async () => {
      await page.bringToFront();
      await page.screenshot({ path: join(artifacts, 'compare-rotated.png') });
      expect(await nonBlank(page, 'a')).toBeGreaterThan(0.02);
      expect(await nonBlank(page, 'b')).toBeGreaterThan(0.02);
      const text = (await page.textContent('.alignment')) ?? '';
      const residual = /residual ([\d.]+)/.exec(text);
      expect(residual).not.toBeNull();
      // float32 storage of the rotated copy leaves ~1e-7; the line shows 3 decimals.
      expect(Number(residual![1])).toBeLessThan(0.001);
      expect(text).toMatch(/B aligned onto A: residual 0\.000, \d+ sign flips?/);
      // Orthogonality (|cos| = 0) survives rotation and sign flips, so the bundles hold the same features;
      // their polytope labels may differ (a pentagon with one feature flipped is no longer a pentagon).
      const sets = async (path: string) =>
        ((await (await fetch(new URL(path, url))).json()).bundles as { features: number[] }[])
          .map((b) => [...b.features].sort((x, y) => x - y).join(','))
          .sort();
      expect(await sets('/api/b/report')).toEqual(await sets('/api/report'));
    });

    it('shows every feature at the same place in both views (one basis, B aligned onto A)', async () => {
      const report = await (await fetch(new URL('/api/report', url))).json();
      for (let i = 0; i < report.input.n; i++) {
        if (!report.features[i].represented) continue;
        const [pa, pb] = await page.evaluate((k) => [window.__tegumCompare!.screenPositionOf(0, k), window.__tegumCompare!.screenPositionOf(1, k)], i);
        const paneOffset = await page.evaluate(
          () => document.querySelector('#pane-b')!.getBoundingClientRect().left - document.querySelector('#pane-a')!.getBoundingClientRect().left,
        );
        expect(Math.abs(pa!.x + paneOffset - pb!.x)).toBeLessThan(1.5);
        expect(Math.abs(pa!.y - pb!.y)).toBeLessThan(1.5);
      }
    });

    for (const [width, height] of [
      [1400, 900],
      [1920, 1080],
    ]) {
      it(`fits each pane to its content at ${width} × ${height}: sphere, features and labels inside, one hint, the residual explained`, async () => {
        await page.setViewportSize({ width, height });
        await page.click('#reset-view');
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        await page.screenshot({ path: join(artifacts, `compare-${width}x${height}.png`) });
        const inside = await page.evaluate(() => {
          const out: string[] = [];
          for (const [v, id] of [
            [0, 'a'],
            [1, 'b'],
          ] as const) {
            const pane = document.querySelector(`#pane-${id}`)!.getBoundingClientRect();
            // The unit sphere's silhouette: features reach radius 1, labels sit at 1.18 × the outermost feature.
            for (let i = 0; i < 16; i++) {
              const p = window.__tegumCompare!.screenPositionOf(v, i);
              if (p && (p.x < pane.left || p.x > pane.right || p.y < pane.top || p.y > pane.bottom)) out.push(`feature ${i} outside pane ${id}`);
            }
            for (const label of document.querySelectorAll(`#pane-${id} .label`)) {
              const r = label.getBoundingClientRect();
              if ((label as HTMLElement).hidden) continue;
              if (r.left < pane.left || r.right > pane.right || r.top < pane.top || r.bottom > pane.bottom)
                out.push(`label ${label.textContent} cut at the edge of pane ${id}`);
            }
          }
          return out;
        });
        expect(inside).toEqual([]);
        // Labels are drawn, and none overprints another (one that would is left out).
        const boxes = await page.$$eval('#pane-a .label:not([hidden])', (ls) => ls.map((l) => l.getBoundingClientRect().toJSON() as DOMRect));
        expect(boxes.length).toBeGreaterThanOrEqual(1);
        for (const [k, a] of boxes.entries())
          for (const b of boxes.slice(k + 1)) expect(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top).toBe(true);
        const details = (await page.textContent('#details')) ?? '';
        expect(details.split('Click a feature').length - 1).toBe(1);
        expect(await page.textContent('#bundles')).toContain('0 = identical up to rotation and sign flips');
      });
    }

    it('links the cameras: orbiting or zooming one view moves the other identically', async () => {
      const before = await page.evaluate(() => window.__tegumCompare!.camera(1));
      const box = (await page.locator('#pane-a canvas').boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4, { steps: 5 });
      await page.mouse.up();
      const [a, b] = await page.evaluate(() => [window.__tegumCompare!.camera(0), window.__tegumCompare!.camera(1)]);
      expect(Math.hypot(...a.position.map((x, k) => x - before.position[k]))).toBeGreaterThan(0.1);
      expectSamePose(a, b);
      // Zoom in view B: A follows.
      const boxB = (await page.locator('#pane-b canvas').boundingBox())!;
      await page.mouse.move(boxB.x + boxB.width / 2, boxB.y + boxB.height / 2);
      await page.mouse.wheel(0, -300);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const [a2, b2] = await page.evaluate(() => [window.__tegumCompare!.camera(0), window.__tegumCompare!.camera(1)]);
      expect(Math.hypot(...b2.position)).toBeLessThan(Math.hypot(...b.position));
      expectSamePose(b2, a2);
      await page.screenshot({ path: join(artifacts, 'compare-orbited.png') });
      await page.click('#reset-view');
    });
  });

  describe('two different runs: instances 1 and 2 of the n = 5, m = 2 Toy Model', () => {
    let page: Page;
    let url: string;
    beforeAll(() => ({ page, url } = different));

    it('shows the differing decompositions the PyTorch runs have', async () => {
      await page.bringToFront();
      await page.screenshot({ path: join(artifacts, 'compare-n5m2.png') });
      expect(await nonBlank(page, 'a')).toBeGreaterThan(0.01);
      expect(await nonBlank(page, 'b')).toBeGreaterThan(0.01);
      const manifest = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'toymodels', 'manifest.json'), 'utf8')).files['n5_m2.npz'];
      const [one, two] = [manifest.instances[1], manifest.instances[2]];
      const [a, b] = await page.$$eval('.pane-decomposition', (els) => els.map((e) => e.textContent ?? ''));
      // Instance 1: learned features in antipodal pairs; instance 2: one pentagon.
      expect(a.split(' ⊕ ').filter((p) => p === 'digon').length).toBe(one.antipodal.length);
      expect(b.split(' ⊕ ')).toContain(two.polygons[0].polygon === 5 ? 'pentagon' : 'other');
      expect(a).not.toBe(b);
    });

    it('hovering feature i in one view highlights i in both, with its role in both runs', async () => {
      const [ra, rb]: Role[] = await Promise.all(['/api/report', '/api/b/report'].map(async (p) => (await fetch(new URL(p, url))).json()));
      // Hover in view B this time: the feature farthest from every other glyph on screen.
      const positions: ({ x: number; y: number } | null)[] = await page.evaluate(() =>
        Array.from({ length: 5 }, (_, i) => window.__tegumCompare!.screenPositionOf(1, i)),
      );
      let best = -1;
      let bestGap = 0;
      positions.forEach((p, i) => {
        if (p === null) return;
        const gap = Math.min(...positions.map((q, j) => (q === null || j === i ? Infinity : Math.hypot(p.x - q.x, p.y - q.y))));
        if (gap > bestGap) [best, bestGap] = [i, gap];
      });
      expect(best).toBeGreaterThanOrEqual(0);
      await page.mouse.move(positions[best]!.x, positions[best]!.y);
      await page.waitForSelector('#tooltip-b:not([hidden])');
      expect(await page.getAttribute('#tooltip-b', 'data-feature')).toBe(String(best));
      expect(await page.evaluate(() => [window.__tegumCompare!.highlighted(0), window.__tegumCompare!.highlighted(1)])).toEqual([[best], [best]]);
      const text = (await page.textContent('#tooltip-b')) ?? '';
      const roleOf = (r: Role) => {
        const b = r.features[best].bundle;
        return b === null ? 'unrepresented' : `bundle ${b} · ${r.bundles[b].polytope}`;
      };
      expect(text).toContain(`feature ${best}`);
      expect(text).toContain(`A: ${roleOf(ra)}`);
      expect(text).toContain(`B: ${roleOf(rb)}`);
      await page.screenshot({ path: join(artifacts, 'compare-hover.png') });
      await page.mouse.move(3, 3);
    });
  });

  it('ran without page errors', () => {
    expect(errors).toEqual([]);
  });
});

describe('tegum view with runs that cannot be compared', () => {
  const view = (...args: string[]) =>
    spawnSync(process.execPath, [join(root, 'bin', 'tegum.js'), 'view', ...args, '--no-open'], { cwd: root, encoding: 'utf8', timeout: 30_000 });

  /** The refusal: stderr's lines other than `tegum view: …` progress lines (which may precede it). */
  const refusal = (stderr: string) =>
    stderr
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('tegum view: '));

  it('refuses different n with one line and exit 2', () => {
    const r = view('samples/superposition-r8.npz', 'samples/two-pentagons-n20.json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = refusal(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^tegum: samples\/two-pentagons-n20\.json: has 20 features but samples\/superposition-r8\.npz has 16/);
  });

  it('refuses different m (the hidden spaces cannot be aligned) and more than two files', () => {
    const r = view('samples/superposition-r8.npz', 'samples/cube-antiprism-r6.npy');
    expect(r.status).toBe(2);
    expect(refusal(r.stderr)).toHaveLength(1);
    expect(refusal(r.stderr)[0]).toMatch(/^tegum: samples\/cube-antiprism-r6\.npy: has m = 6 hidden dimensions but samples\/superposition-r8\.npz has m = 8/);
    const three = view('samples/superposition-r8.npz', 'samples/superposition-r8.npz', 'samples/superposition-r8.npz');
    expect(three.status).toBe(2);
    expect(refusal(three.stderr)).toHaveLength(1);
  });
});
