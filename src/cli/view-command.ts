/**
 * `tegum view [FILE] [--port N] [--no-open]`: analyse FILE (default: the
 * embedded sample) with the same code as `tegum analyze`, serve the viewer on
 * 127.0.0.1 and print its URL. Runs until interrupted (Ctrl-C).
 */
import { readTensors, chooseWeights } from '../import/index.js';
import { analyze } from '../analysis/analyze.js';
import { encodePayload } from '../viewer-server/payload.js';
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
 * @param file Weight file, or undefined for the default sample.
 * @param opts Port and whether to open a browser.
 * @returns The exit code once the server stops (SIGINT/SIGTERM): 0.
 * @throws InputError for unreadable input (exit 2, before anything is served).
 */
export async function runView(file: string | undefined, opts: ViewCommandOptions): Promise<number> {
  if (opts.port !== undefined && opts.port > 65535) throw new UsageError(`--port ${opts.port} is not a TCP port (0–65535)`);
  const path = file ?? defaultSamplePath();
  const ws = chooseWeights(path, await readTensors(path));
  const report = await analyze(ws, { version: packageVersion() });
  let server;
  try {
    server = await startViewServer({ packageRoot: packageRoot(), payload: encodePayload(report, ws.W), port: opts.port });
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
