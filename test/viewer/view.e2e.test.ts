/**
 * End-to-end: `tegum view samples/superposition-r8.npz` (the real CLI,
 * spawned) in Debian Chromium. The oracle for what must be shown is
 * samples/truth.json, written by the sample generator
 * (scripts/samples/make_samples.py) from the polytopes it built.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifacts, assertBuilt, browserAvailable, COUNT_NON_BACKGROUND, launch, root, spawnView } from './browser.js';
import { decodePng } from './png.js';

interface Truth {
  bundles: { polytope: string; features: number[] }[];
  unrepresented: number[];
}
const truth: Record<string, Truth> = JSON.parse(readFileSync(join(root, 'samples', 'truth.json'), 'utf8'));

const sorted = (bs: { polytope: string; features: number[] }[]) =>
  bs.map((b) => ({ polytope: b.polytope, features: [...b.features].sort((x, y) => x - y) })).sort((a, b) => a.features[0] - b.features[0]);

describe.skipIf(!browserAvailable())('tegum view in Chromium', () => {
  let view: { child: ChildProcess; url: string };
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    assertBuilt();
    view = await spawnView('samples/superposition-r8.npz');
    browser = await launch();
    // Reduced motion: projection changes jump instead of animating (one test below turns animation back on).
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, reducedMotion: 'reduce' });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __csp: string[] }).__csp ??= [];
        (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await page.goto(view.url);
    await page.waitForFunction(() => window.__tegum?.firstFrameAt != null, null, { timeout: 60_000 });
  });

  afterAll(async () => {
    await browser?.close();
    view?.child.kill('SIGTERM');
  });

  const rows = () =>
    page.$$eval('li.bundle', (lis) =>
      lis.map((li) => ({
        polytope: (li as HTMLElement).dataset.polytope ?? '',
        features: ((li as HTMLElement).dataset.features ?? '').split(',').map(Number),
      })),
    );

  const settle = async () => {
    await page.waitForFunction(() => !window.__tegum?.animating());
    // Two animation frames: the last tween step and the render it requested.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  };

  it('lists the structures the sample was built from, largest first, and its dedicated features as generic', async () => {
    const expected = truth['superposition-r8.npz'];
    const shapes = expected.bundles.filter((b) => b.features.length > 1);
    const listed = await rows();
    expect(sorted(listed)).toEqual(sorted(shapes));
    const sizes = listed.map((r) => r.features.length);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(await page.textContent('#bundles .unrepresented')).toBe(`unrepresented: ${expected.unrepresented.join(', ')}`);
    const dedicated = expected.bundles.filter((b) => b.features.length === 1).length;
    expect(await page.textContent('#bundles .generic-count')).toMatch(new RegExp(`^${dedicated} generic features? \\(in no structure\\): drawn grey`));
    // The decomposition line names every factor.
    const line = (await page.textContent('#bundles .decomposition')) ?? '';
    expect(line.split(' ⊕ ').sort()).toEqual(expected.bundles.map((b) => b.polytope).sort());
  });

  it('draws something: the canvas differs from the background', async () => {
    await settle();
    await page.screenshot({ path: join(artifacts, 'view-overview.png') });
    const { differing, total } = await page.evaluate<{ differing: number; total: number }>(COUNT_NON_BACKGROUND);
    // Arrows, balls and the pentagon's face cover a few percent of the view at least.
    expect(differing / total).toBeGreaterThan(0.02);
  });

  it('shows a tooltip for the feature under the pointer', async () => {
    const report = await (await fetch(new URL('/api/report', view.url))).json();
    // The represented feature whose glyph is farthest from every other glyph on screen (nothing overlaps it).
    const positions: ({ x: number; y: number } | null)[] = await page.evaluate(
      (n) => Array.from({ length: n }, (_, i) => window.__tegum!.screenPositionOf(i)),
      report.input.n,
    );
    let best = -1;
    let bestGap = 0;
    positions.forEach((p, i) => {
      if (p === null || !report.features[i].represented) return;
      const gap = Math.min(...positions.map((q, j) => (q === null || j === i ? Infinity : Math.hypot(p.x - q.x, p.y - q.y))));
      if (gap > bestGap) [best, bestGap] = [i, gap];
    });
    expect(best).toBeGreaterThanOrEqual(0);
    const p = positions[best]!;
    await page.mouse.move(p.x, p.y);
    await page.waitForSelector('#tooltip:not([hidden])');
    expect(await page.getAttribute('#tooltip', 'data-feature')).toBe(String(best));
    const text = (await page.textContent('#tooltip')) ?? '';
    const feature = report.features[best];
    expect(text).toContain(`feature ${best}`);
    expect(text).toContain(feature.norm.toFixed(3));
    expect(text).toContain(feature.dimensionality.toFixed(3));
    expect(text).toContain(feature.structure === null ? 'generic' : report.structures[feature.structure].label);
    await page.mouse.move(5, 5);
  });

  // Regular polytopes' edge angles: pentagon 72°, tetrahedron arccos(−1/3) ≈ 109.47°, digon 180°.
  const shapes = [
    { polytope: 'pentagon', minAngle: 72 },
    { polytope: 'tetrahedron', minAngle: (Math.acos(-1 / 3) * 180) / Math.PI },
    { polytope: 'digon', minAngle: 180 },
  ];
  for (const shape of shapes) {
    it(`selecting the ${shape.polytope} updates the panel and shows it in its own basis`, async () => {
      const row = page.locator(`li.bundle[data-polytope="${shape.polytope}"]`).first();
      const id = await row.getAttribute('data-bundle');
      await row.click();
      await settle();
      expect(await page.getAttribute('#details', 'data-selection')).toBe(`bundle:${id}`);
      const details = (await page.textContent('#details')) ?? '';
      expect(details).toContain(shape.polytope);
      const angles = /angles between features: ([\d.]+)°/.exec(details);
      expect(angles).not.toBeNull();
      // The samples carry noise σ = 0.01 and ±10 % norms; a few degrees of slack.
      expect(Math.abs(Number(angles![1]) - shape.minAngle)).toBeLessThan(3);
      await page.screenshot({ path: join(artifacts, `view-${shape.polytope}.png`) });
    });
  }

  it('animates a change of projection', async () => {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    const before = await page.evaluate(() => window.__tegum!.tweenFrames());
    await page.locator('li.bundle[data-polytope="pentagon"]').click();
    await settle();
    // At least one in-between frame was drawn (how many depends on the machine's speed).
    expect(await page.evaluate(() => window.__tegum!.tweenFrames())).toBeGreaterThan(before);
    await page.emulateMedia({ reducedMotion: 'reduce' });
  });

  it('exports a PNG of the 3D view with a title band above it', async () => {
    const size = await page.evaluate(() => {
      const c = document.querySelector('#view canvas') as HTMLCanvasElement;
      return { width: c.width, height: c.height, ratio: c.width / c.getBoundingClientRect().width };
    });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    const bytes = readFileSync(await download.path());
    writeFileSync(join(artifacts, 'export-view.png'), bytes);
    const png = decodePng(bytes);
    // The view at its own resolution plus the 44 CSS-pixel band holding the title and the projection caption.
    expect({ width: png.width, height: png.height }).toEqual({ width: size.width, height: size.height + Math.round(44 * size.ratio) });
    // Not an empty image: some scanline byte differs from the first pixel's.
    expect(new Set(png.raw).size).toBeGreaterThan(16);
  });

  it('exports report.json equal to the report the server computed', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    expect(download.suggestedFilename()).toBe('superposition-r8.report.json');
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(exported).toEqual(await (await fetch(new URL('/api/report', view.url))).json());
  });

  it('finds a feature by #index and steps through the structures with a label', async () => {
    await page.fill('#search', '#4');
    await page.press('#search', 'Enter');
    expect(await page.getAttribute('#details', 'data-selection')).toBe('feature:4');
    await page.fill('#search', 'digon');
    await page.press('#search', 'Enter');
    const first = await page.getAttribute('#details', 'data-selection');
    expect(await page.textContent('#search-result')).toBe('1 of 2');
    await page.press('#search', 'Enter');
    expect(await page.textContent('#search-result')).toBe('2 of 2');
    const second = await page.getAttribute('#details', 'data-selection');
    expect(second).not.toBe(first);
    for (const selection of [first, second]) expect(await page.textContent(`li.bundle[data-bundle="${selection!.split(':')[1]}"] .polytope`)).toBe('digon');
    await page.fill('#search', 'no-such-shape');
    await page.press('#search', 'Enter');
    expect(await page.textContent('#search-result')).toBe('no match');
  });

  it('keys: Esc clears, arrows step through the structures largest first, ? shows the keys', async () => {
    // Keys typed into the search box are the box's; the shortcuts listen everywhere else.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Escape');
    expect(await page.getAttribute('#details', 'data-selection')).toBeNull();
    expect(await page.textContent('#details')).toBe('Click a feature or a structure to see its details.');
    const ranked = (await rows()).map((r) => r.polytope);
    for (const label of ranked.slice(0, 3)) {
      await page.keyboard.press('ArrowRight');
      await settle();
      const selection = (await page.getAttribute('#details', 'data-selection'))!;
      expect(await page.textContent(`li.bundle[data-bundle="${selection.split(':')[1]}"] .polytope`)).toBe(label);
    }
    await page.keyboard.press('ArrowLeft');
    expect(await page.textContent('#details h3')).toContain(ranked[1]);
    expect(await page.isHidden('#help')).toBe(true);
    await page.keyboard.press('?');
    expect(await page.isVisible('#help')).toBe(true);
    expect(await page.textContent('#help')).toContain('Home');
    await page.keyboard.press('Escape');
    expect(await page.isHidden('#help')).toBe(true);
  });

  it('offers the selected basis only with a selection, and says how much variance the view holds', async () => {
    const options = () => page.$$eval('#projection option', (os) => os.map((o) => ({ text: o.textContent, hidden: (o as HTMLOptionElement).hidden })));
    expect((await options())[0]).toEqual({ text: 'PCA of all features', hidden: false });
    expect((await options())[1].hidden).toBe(true);
    expect(await page.textContent('#axis-caption')).toMatch(
      /^x, y, z \(red, green, blue\) = principal axes 1–3 of all features · the view holds \d+ % of their variance$/,
    );
    await page.locator('li.bundle[data-polytope="pentagon"]').click();
    await settle();
    expect((await options())[0].text).toBe('selected structure’s basis');
    // A 2-D structure in its own basis: the view holds all of its variance.
    expect(await page.textContent('#axis-caption')).toMatch(/of structure \d+ \(pentagon\) · the view holds 100 % of its variance$/);
    await page.locator('li.bundle[data-polytope="tetrahedron"]').click({ modifiers: ['Shift'] });
    await settle();
    expect((await options())[1]).toEqual({ text: 'PCA of the 2 selected structures', hidden: false });
  });

  it('has a legend, opens a plot full-size and saves it as SVG, and never says "use the viewer"', async () => {
    const legend = (await page.textContent('#legend')) ?? '';
    for (const words of ['colour = structure', 'paler = shorter', 'ring = selected feature']) expect(legend).toContain(words);
    await page.click('figure.plot[data-plot="gram"] svg');
    expect(await page.isVisible('#plot-overlay svg')).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.isHidden('#plot-overlay')).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('figure.plot[data-plot="gram"] .svg-export')]);
    expect(download.suggestedFilename()).toBe('superposition-r8-gram.svg');
    expect(readFileSync(await download.path(), 'utf8')).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect((await page.textContent('body')) ?? '').not.toMatch(/use the viewer/i);
  });

  it('plot text is at least 11 px as drawn in the sidebar', async () => {
    const smallest = await page.$$eval('#plots svg text', (texts) =>
      Math.min(
        ...texts
          .filter((t) => (t as SVGTextElement).getBBox().width > 0)
          .map((t) => {
            const svg = (t as SVGTextElement).ownerSVGElement!;
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return parseFloat(getComputedStyle(t).fontSize) * scale;
          }),
      ),
    );
    expect(smallest).toBeGreaterThanOrEqual(11);
  });

  it('plot labels lie inside their figures as the browser lays them out (glyph boxes, not anchor points)', async () => {
    const outside = await page.$$eval('#plots svg text', (texts) =>
      texts
        .map((t) => {
          const box = (t as SVGTextElement).getBBox();
          const view = (t as SVGTextElement).ownerSVGElement!.viewBox.baseVal;
          const inside = box.x >= -0.5 && box.y >= -0.5 && box.x + box.width <= view.width + 0.5 && box.y + box.height <= view.height + 0.5;
          return inside
            ? ''
            : `${t.textContent}: ${box.x.toFixed(1)},${box.y.toFixed(1)} ${box.width.toFixed(1)}×${box.height.toFixed(1)} in ${view.width}×${view.height}`;
        })
        .filter(Boolean),
    );
    expect(await page.$$eval('#plots svg text', (t) => t.length)).toBeGreaterThan(20);
    expect(outside).toEqual([]);
  });

  it("computes a large group's angle range in a Worker, equal to the pairwise range, sampled above 2,048", async () => {
    const started: string[] = [];
    page.on('worker', (w) => started.push(w.url()));
    // A string, so the test runner does not rewrite the page's dynamic import().
    const result = await page.evaluate<{
      async: boolean;
      stats: { used: number; of: number; range: { min: number; max: number } };
      lo: number;
      hi: number;
    }>(`(async () => {
      const { AngleClient } = await import('/app/viewer/workers/angle-client.js');
      const m = 8;
      // A seeded LCG cloud of 3,000 directions: above the worker's sample size, so 2,048 are used.
      let seed = 5;
      const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
      const W = Float64Array.from({ length: 3000 * m }, rand);
      const features = Array.from({ length: 3000 }, (_, i) => i);
      const pending = new AngleClient().stats(W, m, features);
      const stats = await pending;
      // The oracle: the same evenly spaced 2,048 members, every pair, in the page.
      const used = Array.from({ length: 2048 }, (_, j) => Math.floor((j * 3000) / 2048));
      let lo = 180;
      let hi = 0;
      for (let a = 0; a < used.length; a++) {
        for (let b = a + 1; b < used.length; b++) {
          let d = 0, na = 0, nb = 0;
          for (let r = 0; r < m; r++) {
            const x = W[used[a] * m + r], y = W[used[b] * m + r];
            d += x * y; na += x * x; nb += y * y;
          }
          const deg = (Math.acos(Math.max(-1, Math.min(1, d / Math.sqrt(na * nb)))) * 180) / Math.PI;
          lo = Math.min(lo, deg);
          hi = Math.max(hi, deg);
        }
      }
      return { async: pending instanceof Promise, stats, lo, hi };
    })()`);
    expect(result.async).toBe(true);
    expect(started.some((url) => url.endsWith('/app/viewer/workers/angle-worker.js'))).toBe(true);
    expect(result.stats.used).toBe(2048);
    expect(result.stats.of).toBe(3000);
    expect(result.stats.range.min).toBeCloseTo(result.lo, 9);
    expect(result.stats.range.max).toBeCloseTo(result.hi, 9);
  });

  it('analyses a file opened in the page with the same library', async () => {
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.setInputFiles('#file-input', join(root, 'samples', 'cube-antiprism-r6.npy'));
    await page.waitForFunction(() => document.querySelector('#title')?.textContent?.startsWith('cube-antiprism-r6.npy'), null, { timeout: 30_000 });
    expect(sorted(await rows())).toEqual(sorted(truth['cube-antiprism-r6.npy'].bundles.filter((b) => b.features.length > 1)));
    // The analysis ran in a Worker, not on the page's main thread.
    expect(workers.some((url) => url.endsWith('/app/viewer/workers/analysis-worker.js'))).toBe(true);
    await page.locator('li.bundle[data-polytope="cube"]').click();
    await settle();
    await page.screenshot({ path: join(artifacts, 'view-cube.png') });
  });

  it('reports bad input in the CLI’s words', async () => {
    await page.setInputFiles('#file-input', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.waitForSelector('#status:not([hidden])');
    // The reader's own one-line reason, as the CLI prints it.
    expect(await page.textContent('#status')).toMatch(/^tegum: notes\.txt: \S/);
  });

  it('ran without page errors or Content-Security-Policy violations', async () => {
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
  });
});
