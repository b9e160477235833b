/**
 * Opening the system browser on a URL: xdg-open (Linux/BSD), open (macOS),
 * `cmd /c start` (Windows). Best effort: a missing opener or a headless
 * machine never fails `tegum view`; the caller says so and the URL printed
 * is enough.
 */
import { spawn } from 'node:child_process';

/** The command that opens a URL on a platform. */
export function openerFor(platform: NodeJS.Platform, url: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // The empty "" is start's window title; without it a quoted URL would be taken as the title.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

/** Whether the browser was (as far as can be told) opened, and why not. */
export type OpenOutcome = { opened: true } | { opened: false; reason: string };

/** An opener still running after this long is taken to have started a browser (xdg-open may wait for it). */
const OPENER_GRACE_MS = 5000;

/**
 * Try to open `url`.
 *
 * @param url An http://127.0.0.1 URL (never user-supplied text: it is passed as an argument, not through a shell).
 * @param platform process.platform.
 * @param env The environment (a Linux/BSD desktop needs DISPLAY or WAYLAND_DISPLAY; without
 *   one xdg-open would fall back to a text browser inside the terminal tegum is printing to).
 * @returns Once the opener has exited, failed to start, or run for a few seconds.
 */
export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): Promise<OpenOutcome> {
  if (platform !== 'darwin' && platform !== 'win32' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return Promise.resolve({ opened: false, reason: 'no graphical display (DISPLAY and WAYLAND_DISPLAY are unset)' });
  }
  const { command, args } = openerFor(platform, url);
  return new Promise((resolve) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', env });
    const timer = setTimeout(() => resolve({ opened: true }), OPENER_GRACE_MS);
    timer.unref();
    child.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ opened: false, reason: `${command} could not be started (${err.code ?? err.message})` });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? { opened: true } : { opened: false, reason: `${command} exited with code ${code}` });
    });
    child.unref();
  });
}
