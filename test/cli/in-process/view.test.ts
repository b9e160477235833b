import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startInProcess, tegumInProcess } from '../run-cli.js';
import type { InProcessOptions } from '../run-cli.js';
import { parseReport } from '../../../src/report/validate.js';
import type { ViewStatus } from '../../../src/viewer-server/served-data.js';
import { readTensors, chooseWeights } from '../../../src/import/index.js';
import { DEFAULT_SAMPLE, PENTAGONS, expectOneLineError, jsonWeights, npy, stderrLines, tempDir } from './helpers.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, get: () => T | null | Promise<T | null>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await get();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * Start `tegum view ARGS --no-open --port 0` in this process, wait until its analysis is
 * ready (or failed), look at it with `probe`, then stop it as Ctrl-C would.
 */
async function view(
  args: string[],
  probe: (url: string, status: ViewStatus, stderr: () => string) => Promise<void>,
  opts: InProcessOptions & { open?: boolean; stopEarly?: boolean; signal?: 'SIGINT' | 'SIGTERM' } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const listeners = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
  const run = startInProcess(['view', ...args, ...(opts.open ? [] : ['--no-open']), '--port', '0'], opts);
  let settled = false;
  void run.done.then(
    () => (settled = true),
    () => (settled = true),
  );
  try {
    const url = await waitFor('the URL', () => (settled ? '' : (/^tegum view: (http:\/\/127\.0\.0\.1:\d+\/)\n$/.exec(run.stdout())?.[1] ?? null)));
    if (url === '') return { code: await run.done, stdout: run.stdout(), stderr: run.stderr() };
    const status = opts.stopEarly
      ? ((await (await fetch(`${url}api/status`)).json()) as ViewStatus)
      : await waitFor('the analysis', async () => {
          const s = (await (await fetch(`${url}api/status`)).json()) as ViewStatus;
          return s.stage === 'ready' || s.error !== null ? s : null;
        });
    await probe(url, status, run.stderr);
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(listeners.map((k) => k + 1));
    process.emit(opts.signal ?? 'SIGINT');
    const code = await run.done;
    await expect(fetch(`${url}api/status`)).rejects.toThrow();
    // Its handlers are gone with it.
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(listeners);
    return { code, stdout: run.stdout(), stderr: run.stderr() };
  } finally {
    if (!settled) {
      process.emit('SIGINT');
      await run.done.catch(() => undefined);
    }
  }
}

describe('tegum view in process', () => {
  it('serves W at once, analyses, serves the Report, and stops with exit 0 on Ctrl-C', async () => {
    const ws = chooseWeights(PENTAGONS, await readTensors(PENTAGONS), {});
    let steps: number[] = [];
    const started = performance.now();
    const r = await view([PENTAGONS], async (url, status) => {
      steps = [status.step, status.steps];
      expect(status).toMatchObject({ stage: 'ready', fraction: 1, detail: '', weightsReady: true, reportReady: true, error: null });
      expect(status.step).toBe(status.steps);
      const served = await fetch(`${url}api/weights`);
      expect(served.headers.get('x-tegum-shape')).toBe('20,5');
      const weights = new Float64Array(await served.arrayBuffer());
      expect(Array.from(weights)).toEqual(Array.from(ws.W));
      const report = parseReport(await (await fetch(`${url}api/report`)).json());
      expect(report.input).toMatchObject({ file: PENTAGONS, n: 20, m: 5, bias: 'b' });
      expect(await (await fetch(`${url}api/compare`)).json()).toBeNull();
      expect((await fetch(`${url}api/b/report`)).status).toBe(404);
    });
    expect(r.code, r.stderr).toBe(0);
    const lines = stderrLines(r.stderr);
    expect(lines[0]).toMatch(/^tegum view: read W \(20 features × 5 dims\) in \d+\.\d s$/);
    expect(lines[1]).toBe('tegum view: serving W; analysing now, the page fills in when the analysis arrives');
    expect(lines[2]).toBe(`tegum view: analysing ${PENTAGONS}`);
    const stages = lines.filter((l) => /^tegum view: analysing stage \d+\/\d+: \S/.test(l));
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const n = Number(/\/(\d+):/.exec(stages[0])?.[1]);
    expect(stages.map((l) => Number(/stage (\d+)\//.exec(l)?.[1]))).toEqual(Array.from({ length: n }, (_, k) => k + 1));
    expect(lines.at(-1)).toMatch(/^tegum view: analysis ready after \d+\.\d s; serving until Ctrl-C$/);
    expect(r.stderr).not.toContain('\r');
    expect(steps).toEqual([n, n]);
    // The times said are seconds, and within the wall time of the whole command.
    const wall = (performance.now() - started) / 1000;
    const said = [lines[0], lines.at(-1) ?? ''].map((l) => Number(/ (\d+\.\d) s/.exec(l)?.[1]));
    for (const t of said) expect(t).toBeLessThanOrEqual(wall + 0.05);
    expect(said[0]).toBeLessThanOrEqual(said[1] + 0.05);
    // --no-open: no browser is tried.
    expect(r.stderr).not.toContain('browser');
  });

  it('no FILE views the embedded default sample, and SIGTERM stops it like Ctrl-C', async () => {
    const r = await view(
      [],
      async (url) => {
        expect(parseReport(await (await fetch(`${url}api/report`)).json()).input.file).toBe(DEFAULT_SAMPLE);
      },
      { signal: 'SIGTERM' },
    );
    expect(r.code).toBe(0);
    expect(stderrLines(r.stderr)[0]).toMatch(/^tegum view: read W \(16 features × 8 dims\)/);
  });

  it('two files: B aligned onto A, both analysed, stages counted across both runs', async () => {
    const dir = tempDir('view2');
    const a = npy(join(dir, 'a.npy'), [2, 4], [1, 0, -1, 0, 0, 1, 0, -1]);
    const b = npy(join(dir, 'b.npy'), [2, 4], [0, 1, 0, -1, -1, 0, 1, 0]);
    let steps: number[] = [];
    const r = await view([a, b], async (url, status) => {
      expect(status.stage).toBe('ready');
      steps = [status.step, status.steps];
      expect((await fetch(`${url}api/b/weights`)).headers.get('x-tegum-shape')).toBe('4,2');
      const info = (await (await fetch(`${url}api/compare`)).json()) as {
        labels: string[];
        residual: number;
        residualRotationOnly: number;
        signFlips: unknown;
      };
      expect(info.labels).toEqual([a, b]);
      expect(typeof info.residualRotationOnly).toBe('number');
      expect(Array.isArray(info.signFlips)).toBe(true);
      expect(info.residual).toBeLessThan(1e-9);
      const bw = new Float64Array(await (await fetch(`${url}api/b/weights`)).arrayBuffer());
      const aw = new Float64Array(await (await fetch(`${url}api/weights`)).arrayBuffer());
      for (let k = 0; k < aw.length; k++) expect(bw[k]).toBeCloseTo(aw[k], 9);
      expect(parseReport(await (await fetch(`${url}api/b/report`)).json()).input.file).toBe(b);
    });
    expect(r.code, r.stderr).toBe(0);
    const lines = stderrLines(r.stderr);
    expect(lines).toContain(`tegum view: analysing run 1/2, ${a}`);
    expect(lines).toContain(`tegum view: analysing run 2/2, ${b}`);
    expect(lines.some((l) => /^tegum view: analysing run 2\/2, stage 1\/\d+: /.test(l))).toBe(true);
    const n = Number(/stage 1\/(\d+):/.exec(lines.find((l) => l.includes('stage 1/')) ?? '')?.[1]);
    expect(steps).toEqual([2 * n, 2 * n]);
  });

  it('FILE:I picks instance I of a 3-D stack; FILE:I whose FILE does not exist is taken as one path', async () => {
    const dir = tempDir('view-stack');
    const file = npy(join(dir, 'stack.npy'), [2, 2, 3], [1, 0, 0.5, 0, 1, 0.5, 1, 0, -0.5, 0, 1, 2]);
    const r = await view([`${file}:1`], async (url) => {
      const report = parseReport(await (await fetch(`${url}api/report`)).json());
      expect(report.input).toMatchObject({ file, instance: 1, n: 3, m: 2 });
      expect(report.features[2].norm).toBeCloseTo(Math.hypot(0.5, 2), 12);
    });
    expect(r.code, r.stderr).toBe(0);
    expectOneLineError(await tegumInProcess(['view', join(dir, 'none.npy:1'), '--no-open', '--port', '0']), `${join(dir, 'none.npy:1')}: `);
    // Only a whole ":digits" suffix is an instance; a missing plain path is named as it is.
    expectOneLineError(await tegumInProcess(['view', `${file}:1x`, '--no-open', '--port', '0']), `${file}:1x: `);
    expect(expectOneLineError(await tegumInProcess(['view', `${file}:12`, '--no-open', '--port', '0']), `${file}: `)).toMatch(/instance 12\b/);
    expectOneLineError(await tegumInProcess(['view', join(dir, 'none.npy'), '--no-open', '--port', '0']), `${join(dir, 'none.npy')}: `);
  });

  it('refusals before serving: three files, a port above 65535, a busy port, NaN weights, runs of different shapes', async () => {
    expect(expectOneLineError(await tegumInProcess(['view', PENTAGONS, PENTAGONS, PENTAGONS, '--no-open']), '')).toBe(
      'tegum: view shows one run or compares two; got 3 files (tegum compare takes more)',
    );
    expect(expectOneLineError(await tegumInProcess(['view', PENTAGONS, '--port', '65536', '--no-open']), '')).toBe(
      'tegum: --port 65536 is not a TCP port (0–65535)',
    );
    expect(expectOneLineError(await tegumInProcess(['view', PENTAGONS, '--port', '-1']), '')).toBe("tegum: --port: expected a non-negative integer, got '-1'");
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    try {
      const r = await tegumInProcess(['view', PENTAGONS, '--port', String(port), '--no-open']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(stderrLines(r.stderr)).toEqual([expect.stringMatching(/^tegum view: read W /), `tegum: cannot listen on 127.0.0.1:${port}: EADDRINUSE`]);
    } finally {
      busy.close();
    }
    const nan = jsonWeights('nan.json', {
      W: [
        [1, 0, 0.5],
        [0, 1, 'NaN'],
      ],
    });
    expect(expectOneLineError(await tegumInProcess(['view', nan, '--no-open', '--port', '0']), '')).toBe(
      `tegum: ${nan}: W contains 1 NaN value; tegum cannot analyse non-finite weights`,
    );
    const dir = tempDir('view-shapes');
    const a = npy(join(dir, 'a.npy'), [2, 4], [1, 0, -1, 0, 0, 1, 0, -1]);
    const n5 = npy(join(dir, 'n5.npy'), [2, 5], [1, 0, -1, 0, 1, 0, 1, 0, -1, 1]);
    const m3 = npy(join(dir, 'm3.npy'), [3, 4], [1, 0, -1, 0, 0, 1, 0, -1, 1, 1, 1, 1]);
    // What was read is said first; the refusal is the last line, and nothing is served.
    const refusedAfterReading = async (files: string[], line: string): Promise<void> => {
      const r = await tegumInProcess(['view', ...files, '--no-open', '--port', '0']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = stderrLines(r.stderr);
      expect(lines).toHaveLength(3);
      expect(lines[2]).toBe(line);
    };
    await refusedAfterReading([a, n5], `tegum: ${n5}: has 5 features but ${a} has 4; view matches features by index`);
    await refusedAfterReading([a, m3], `tegum: ${m3}: has m = 3 hidden dimensions but ${a} has m = 2; the runs cannot be aligned`);
  });

  it('weights the analysis refuses (all zeros) end the command with that one-line reason, exit 2, after serving', async () => {
    const zeros = jsonWeights('zeros.json', {
      W: [
        [0, 0, 0],
        [0, 0, 0],
      ],
    });
    const r = await view([zeros], async () => undefined);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^tegum view: http:/);
    const last = stderrLines(r.stderr).at(-1) ?? '';
    expect(last.startsWith(`tegum: ${zeros}: `)).toBe(true);
  });

  it('a choice note is said on stderr before serving', async () => {
    const W = Array.from({ length: 3 }, (_, r) => Array.from({ length: 6 }, (_, c) => Math.sin(r * 6 + c + 1)));
    const file = jsonWeights('b.json', { W, b: [1, 2] });
    const r = await view([file], async () => undefined);
    expect(r.code, r.stderr).toBe(0);
    expect(stderrLines(r.stderr)[0]).toBe(
      "tegum: note: 'b' (2,) looks like the bias but is not used: its length 2 is not n = 6; the arrangement assumes b = 0",
    );
  });

  it('without --no-open and no display it says the browser could not be opened and keeps serving', async () => {
    const r = await view(
      [PENTAGONS],
      async (url, _status, stderr) => {
        await waitFor('the note', () => (stderr().includes('could not open a browser') ? true : null));
        expect((await fetch(`${url}api/status`)).status).toBe(200);
      },
      { open: true, env: { DISPLAY: undefined, WAYLAND_DISPLAY: undefined } },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^tegum view: could not open a browser: no graphical display \(DISPLAY and WAYLAND_DISPLAY are unset\); open http:\/\/127\.0\.0\.1:\d+\/ yourself$/m,
    );
  });

  it('on a terminal the reading line and the stage bars are redrawn and cleared', async () => {
    const r = await view([PENTAGONS], async () => undefined, { tty: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.startsWith(`tegum view: reading ${PENTAGONS}\r\x1b[Ktegum view: read W (20 features × 5 dims) in `)).toBe(true);
    expect(r.stderr).toMatch(/\rtegum view: analysing stage 1\/\d+: \S.* \[░{24}\] {3}0% /);
    expect(r.stderr).not.toMatch(/\ntegum view: analysing stage/);
  });
});
