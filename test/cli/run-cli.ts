import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');

/** Run the real, compiled `tegum` (npm test builds dist/ first) and capture everything. */
export function tegum(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'tegum.js'), ...args], {
    cwd: opts.cwd ?? root,
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** How an in-process run sees its terminal and environment. */
export interface InProcessOptions {
  /** Pretend stderr is a terminal (process.stderr.isTTY) for the run. */
  tty?: boolean;
  /** Variables set (a string) or removed (undefined) for the run, restored after. */
  env?: Record<string, string | undefined>;
}

/**
 * The same CLI entry point run in this process (no node start-up per call), for
 * loops over many inputs and for mutation testing (a spawned bin runs dist/, which
 * never sees a mutant). Output is captured from process.stdout/stderr.
 */
export async function tegumInProcess(args: string[], opts: InProcessOptions = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = startInProcess(args, opts);
  const code = await run.done;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/**
 * Start main(args) in this process and return at once: the output so far can be read
 * while it runs (`tegum view` serves until SIGINT). Capture ends when `done` settles.
 */
export function startInProcess(args: string[], opts: InProcessOptions = {}): { done: Promise<number>; stdout: () => string; stderr: () => string } {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
  const saved = Object.fromEntries(Object.keys(opts.env ?? {}).map((k) => [k, process.env[k]]));
  const setEnv = (vars: Record<string, string | undefined>): void => {
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  process.stdout.write = (chunk: string | Uint8Array) => ((stdout += String(chunk)), true);
  process.stderr.write = (chunk: string | Uint8Array) => ((stderr += String(chunk)), true);
  if (opts.tty !== undefined) Object.defineProperty(process.stderr, 'isTTY', { value: opts.tty, configurable: true, writable: true });
  setEnv(opts.env ?? {});
  const done = (async () => {
    try {
      const { main } = await import('../../src/cli/main.js');
      return await main(args);
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
      if (opts.tty !== undefined) {
        if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
        else delete (process.stderr as { isTTY?: boolean }).isTTY;
      }
      setEnv(saved);
    }
  })();
  return { done, stdout: () => stdout, stderr: () => stderr };
}
