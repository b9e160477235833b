/**
 * `tegum view [FILE] [--port N] [--no-open]`: analyse FILE (default: the
 * embedded sample) with the same code as `tegum analyze`, serve the viewer on
 * 127.0.0.1 and print its URL. Runs until interrupted (Ctrl-C).
 *
 * `tegum view A B`: compare mode. Both runs are analysed, B is aligned onto A
 * (orthogonal Procrustes with per-feature sign flips, src/compare/align.ts) and
 * the page shows them side by side. A file holding a 3-D stack (Toy Models
 * instances) names one instance as FILE:INSTANCE, e.g. runs.npz:3.
 */
import { existsSync } from 'node:fs';
import { readTensors, chooseWeights, InputError } from '../import/index.js';
import type { WeightSet } from '../import/index.js';
import { analyze } from '../analysis/analyze.js';
import { alignRuns } from '../compare/align.js';
import { encodeComparePayload, encodePayload } from '../viewer-server/payload.js';
import type { ViewPayload } from '../viewer-server/payload.js';
import { startViewServer } from '../viewer-server/server.js';
import { openInBrowser } from '../viewer-server/open-browser.js';
import { UsageError } from './usage-error.js';
import { defaultSamplePath, packageRoot, packageVersion } from './paths.js';

/** Options of `tegum view` as commander parses them. */
export interface ViewCommandOptions {
  port?: number;
  /** false with --no-open. */
  open: boolean;
}

/**
 * @param files Weight files: none (the default sample), one (a single run) or two (compare mode).
 * @param opts Port and whether to open a browser.
 * @returns The exit code once the server stops (SIGINT/SIGTERM): 0.
 * @throws InputError for unreadable input or runs with different n or m (exit 2, before anything is served).
 * @throws UsageError for more than two files or an unusable port.
 */
export async function runView(files: readonly string[], opts: ViewCommandOptions): Promise<number> {
  if (opts.port !== undefined && opts.port > 65535) throw new UsageError(`--port ${opts.port} is not a TCP port (0–65535)`);
  if (files.length > 2) throw new UsageError(`view shows one run or compares two; got ${files.length} files (tegum compare takes more)`);
  const payload = files.length === 2 ? await comparePayload(files[0], files[1]) : await singlePayload(files[0] ?? defaultSamplePath());
  let server;
  try {
    server = await startViewServer({ packageRoot: packageRoot(), payload, port: opts.port });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') throw new UsageError(`cannot listen on 127.0.0.1:${opts.port}: ${code}`);
    throw err;
  }
  process.stdout.write(`tegum view: ${server.url}\n`);
  if (opts.open) openInBrowser(server.url);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}

async function singlePayload(path: string): Promise<ViewPayload> {
  const ws = await loadRun(path);
  return encodePayload(await analyze(ws, { version: packageVersion() }), ws.W);
}

/** Both runs analysed as they are; B's W is served aligned onto A so the two hidden spaces correspond. */
async function comparePayload(labelA: string, labelB: string): Promise<ViewPayload> {
  const a = await loadRun(labelA);
  const b = await loadRun(labelB);
  if (b.n !== a.n) throw new InputError(labelB, `has ${b.n} features but ${labelA} has ${a.n}; view matches features by index`);
  if (b.m !== a.m) throw new InputError(labelB, `has m = ${b.m} hidden dimensions but ${labelA} has m = ${a.m}; the runs cannot be aligned`);
  const [reportA, reportB] = [await analyze(a, { version: packageVersion() }), await analyze(b, { version: packageVersion() })];
  const al = alignRuns(b.W, a.W, a.m);
  const info = { labels: [labelA, labelB] as [string, string], residual: al.residual, residualRotationOnly: al.residualRotationOnly, signFlips: al.signFlips };
  return { ...encodePayload(reportA, a.W), compare: encodeComparePayload(info, reportB, al.aligned) };
}

/**
 * Read one run. "FILE:INSTANCE" takes one instance of a 3-D stack when FILE
 * itself exists and the whole argument does not (so paths with colons still work).
 */
async function loadRun(arg: string): Promise<WeightSet> {
  const match = /^(.*):(\d+)$/.exec(arg);
  if (match && !existsSync(arg) && existsSync(match[1])) {
    return chooseWeights(match[1], await readTensors(match[1]), { instance: Number(match[2]) });
  }
  return chooseWeights(arg, await readTensors(arg));
}
