/**
 * The page checks the Report it fetches against the schema (src/report/validate.ts):
 * a server that serves a Report missing a required section, or one of another schema
 * version, gets one line on the status bar, not a page that fails somewhere inside.
 * The Reports come from the real analysis of the default sample, then damaged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { analyze, readWeights } from '../../src/index.js';
import { ServedData } from '../../src/viewer-server/served-data.js';
import { encodeReport, encodeWeights } from '../../src/viewer-server/payload.js';
import { startViewServer } from '../../src/viewer-server/server.js';
import type { Report } from '../../src/report/types.js';
import { assertBuilt, browserAvailable, launch, root } from './browser.js';

describe.skipIf(!browserAvailable())('the viewer validates the Report it fetches', () => {
  let browser: Browser;
  let report: Report;
  let W: Float64Array;

  beforeAll(async () => {
    assertBuilt();
    const weights = await readWeights(`${root}/samples/superposition-r8.npz`);
    W = Float64Array.from(weights.W);
    report = await analyze(weights);
    browser = await launch();
  });
  afterAll(() => browser?.close());

  /** Serve `served` as the Report (W unchanged) and return the page's status line and errors. */
  async function statusFor(served: unknown): Promise<{ status: string; errors: string[] }> {
    const data = new ServedData(null);
    data.a.report = encodeReport(served as Report);
    data.a.weights = encodeWeights(W, report.input.m, report.input.n);
    const server = await startViewServer({ packageRoot: root, data, log: () => undefined });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(server.url);
      await page.waitForFunction(() => /^tegum: /.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: 30_000 });
      return { status: (await page.textContent('#status')) ?? '', errors };
    } finally {
      await page.close();
      await server.close();
    }
  }

  it('a Report without its structures section: one line naming the endpoint and the field', async () => {
    const { structures: _dropped, ...damaged } = report;
    const { status, errors } = await statusFor(damaged);
    expect(status).toMatch(/^tegum: \/api\/report: invalid report: .*structures/);
    expect(status).not.toContain('\n');
    expect(errors).toEqual([]);
  });

  it('a Report of another schema version is named as such', async () => {
    const { status } = await statusFor({ ...report, schema: 'tegum.report/1' });
    expect(status).toBe('tegum: /api/report: invalid report: report schema "tegum.report/1" is not the supported "tegum.report/2"');
  });

  it('the undamaged Report passes the same check (the page shows its structures)', async () => {
    const data = new ServedData(null);
    data.a.report = encodeReport(report);
    data.a.weights = encodeWeights(W, report.input.m, report.input.n);
    const server = await startViewServer({ packageRoot: root, data, log: () => undefined });
    const page = await browser.newPage();
    try {
      await page.goto(server.url);
      await page.waitForFunction(() => window.__tegum?.firstFrameAt != null && document.querySelectorAll('li.bundle').length > 0, null, { timeout: 60_000 });
      expect(await page.$$eval('li.bundle', (lis) => lis.length)).toBe(report.structures.length);
      expect((await page.textContent('#status')) ?? '').not.toMatch(/^tegum: /);
    } finally {
      await page.close();
      await server.close();
    }
  });
});
