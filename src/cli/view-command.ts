/**
 * `tegum view [FILE] [--port N] [--no-open]`: read FILE (default: the
 * embedded sample), serve the viewer on 127.0.0.1 as soon as W is known and
 * print its URL, then analyse with the same code as `tegum analyze` (in a
 * worker thread) and serve the Report when it arrives. Progress goes to
 * stderr and to /api/status, which the page polls. Runs until interrupted.
 *
 * `tegum view A B`: compare mode. Both runs are read, B is aligned onto A
 * (orthogonal Procrustes with per-feature sign flips, src/compare/align.ts)
 * before serving, then both are analysed. A file holding a 3-D stack (Toy
 * Models instances) names one instance as FILE:INSTANCE, e.g. runs.npz:3.
 */
import { existsSync } from 'node:fs';
import { assertFinite, readTensors, chooseWeights, InputError } from '../import/index.js';
import type { WeightSet } from '../import/index.js';
import { alignRuns } from '../compare/align.js';
import { encodeReport, encodeWeights } from '../viewer-server/payload.js';
import type { CompareInfo } from '../viewer-server/payload.js';
import { ServedData } from '../viewer-server/served-data.js';
import type { ServedRun } from '../viewer-server/served-data.js';
import { startViewServer } from '../viewer-server/server.js';
import type { ViewServer } from '../viewer-server/server.js';
import { openInBrowser } from '../viewer-server/open-browser.js';
import { analyseInBackground } from '../viewer-server/background-analysis.js';
import type { AnalysisProgress } from '../viewer-server/background-analysis.js';
import { UsageError } from './usage-error.js';
import { defaultSamplePath, packageRoot, packageVersion } from './paths.js';
import { progressBar } from './progress.js';
import { choiceNotes } from './choice-notes.js';

/** Options of `tegum view` as commander parses them. */
export interface ViewCommandOptions {
  port?: number;
  /** false with --no-open. */
  open: boolean;
}

const say = (line: string): void => void process.stderr.write(`tegum view: ${line}\n`);

/**
 * @param files Weight files: none (the default sample), one (a single run) or two (compare mode).
 * @param opts Port and whether to open a browser.
 * @returns The exit code once the server stops (SIGINT/SIGTERM): 0.
 * @throws InputError for unreadable input, NaN/Inf weights or runs with different n or m (exit 2, before
 *   anything is served), and for weights the analysis refuses later (all zeros; the server is stopped first).
 * @throws UsageError for more than two files or an unusable port.
 */
export async function runView(files: readonly string[], opts: ViewCommandOptions): Promise<number> {
  if (opts.port !== undefined && opts.port > 65535) throw new UsageError(`--port ${opts.port} is not a TCP port (0–65535)`);
  if (files.length > 2) throw new UsageError(`view shows one run or compares two; got ${files.length} files (tegum compare takes more)`);
  const labels = files.length ? [...files] : [defaultSamplePath()];
  const runs: WeightSet[] = [];
  for (const label of labels)
    runs.push(
      await timed(
        `reading ${label}`,
        () => loadRun(label),
        (ws) => `read ${ws.tensor} (${ws.n} features × ${ws.m} dims)`,
      ),
    );
  const aligned = runs.length === 2 ? alignB(labels as [string, string], runs[0], runs[1]) : null;
  const data = new ServedData(aligned?.info ?? null);
  const served = data.b === null ? [data.a] : [data.a, data.b];
  const [a] = runs;
  data.a.weights = encodeWeights(a.W, a.m, a.n);
  if (data.b !== null && aligned !== null) data.b.weights = encodeWeights(aligned.W, a.m, a.n);
  // The page draws W as soon as it has it; the header tells it the shape before the Report does.
  for (const run of served) run.shape = [a.n, a.m];

  const server = await listen(data, opts.port);
  process.stdout.write(`tegum view: ${server.url}\n`);
  say('serving W; analysing now, the page fills in when the analysis arrives');
  if (opts.open) {
    void openInBrowser(server.url).then((outcome) => {
      if (!outcome.opened) say(`could not open a browser: ${outcome.reason}; open ${server.url} yourself`);
    });
  }
  // Ctrl-C stops serving at any time, a running analysis included.
  const stop = new AbortController();
  const onSignal = (): void => stop.abort(new Error('stopped'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await analyseAll(runs, served, data, stop.signal);
    if (!stop.signal.aborted) await new Promise((resolve) => stop.signal.addEventListener('abort', resolve, { once: true }));
  } catch (err) {
    if (!stop.signal.aborted) throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await server.close();
  }
  return 0;
}

/**
 * Analyse each run in turn (from its own W) and publish its Report. Stages go
 * to stderr (one line each; a redrawn bar on a terminal) and to /api/status,
 * where compare mode counts run A's stages, then run B's.
 */
async function analyseAll(runs: readonly WeightSet[], served: readonly ServedRun[], data: ServedData, signal: AbortSignal): Promise<void> {
  const started = performance.now();
  let position = { step: 0, steps: 0, stage: '' };
  for (const [k, ws] of runs.entries()) {
    const run = runs.length > 1 ? `run ${k + 1}/${runs.length}, ` : '';
    say(`analysing ${run}${ws.file}`);
    data.setProgress('analysing', position.step, position.steps, 0, ws.file);
    let bar = progressBar('tegum view:');
    const progress: AnalysisProgress = {
      onStage(stage, step, steps) {
        bar.done();
        position = { step: k * steps + step, steps: runs.length * steps, stage };
        data.setProgress('analysing', position.step, position.steps, 0, stage);
        const head = `analysing ${run}stage ${step}/${steps}: ${stage}`;
        if (process.stderr.isTTY === true) {
          // Drawn at once: stages that report no progress of their own are seen too.
          bar = progressBar(`tegum view: ${head}`);
          bar.update(0);
        } else say(head);
      },
      onProgress(fraction, detail) {
        data.setProgress('analysing', position.step, position.steps, fraction, position.stage ? `${position.stage}: ${detail}` : detail);
        bar.update(fraction, detail);
      },
    };
    try {
      served[k].report = encodeReport(await analyseInBackground({ ws, version: packageVersion() }, progress, signal));
    } catch (err) {
      if (!signal.aborted) data.fail(err instanceof InputError ? err.reason : 'internal error (see the terminal)');
      throw err;
    } finally {
      bar.done();
    }
  }
  data.setProgress('ready', position.steps, position.steps, 1, '');
  say(`analysis ready after ${((performance.now() - started) / 1000).toFixed(1)} s; serving until Ctrl-C`);
}

/** Align B onto A: B's W is served aligned so the two hidden spaces correspond (the analysis is rotation-invariant). */
function alignB(labels: [string, string], a: WeightSet, b: WeightSet): { info: CompareInfo; W: Float64Array } {
  if (b.n !== a.n) throw new InputError(labels[1], `has ${b.n} features but ${labels[0]} has ${a.n}; view matches features by index`);
  if (b.m !== a.m) throw new InputError(labels[1], `has m = ${b.m} hidden dimensions but ${labels[0]} has m = ${a.m}; the runs cannot be aligned`);
  const al = alignRuns(b.W, a.W, a.m);
  return { info: { labels, residual: al.residual, residualRotationOnly: al.residualRotationOnly, signFlips: al.signFlips }, W: al.aligned };
}

async function listen(data: ServedData, port: number | undefined): Promise<ViewServer> {
  try {
    return await startViewServer({ packageRoot: packageRoot(), data, port });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') throw new UsageError(`cannot listen on 127.0.0.1:${port}: ${code}`);
    throw err;
  }
}

/**
 * Run one stage, saying on stderr what it gave and how long it took. What it
 * is doing is shown meanwhile on a terminal only (a line the result replaces),
 * so that a refusal stays the only line in a log.
 */
async function timed<T>(what: string, work: () => Promise<T>, result: (value: T) => string): Promise<T> {
  const tty = process.stderr.isTTY === true;
  if (tty) process.stderr.write(`tegum view: ${what}`);
  const t0 = performance.now();
  try {
    const value = await work();
    if (tty) process.stderr.write('\r\x1b[K');
    say(`${result(value)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return value;
  } catch (err) {
    if (tty) process.stderr.write('\r\x1b[K');
    throw err;
  }
}

/**
 * Read one run. "FILE:INSTANCE" takes one instance of a 3-D stack when FILE
 * itself exists and the whole argument does not (so paths with colons still work).
 */
async function loadRun(arg: string): Promise<WeightSet> {
  const match = /^(.*):(\d+)$/.exec(arg);
  const stacked = match !== null && !existsSync(arg) && existsSync(match[1]);
  const file = stacked ? match[1] : arg;
  const tensors = await readTensors(file);
  const ws = chooseWeights(file, tensors, stacked ? { instance: Number(match[2]) } : {});
  // Refused before anything is served, as `tegum analyze` would refuse it.
  assertFinite(ws.file, ws);
  for (const note of choiceNotes(ws, tensors, {})) process.stderr.write(`tegum: note: ${note}\n`);
  return ws;
}
