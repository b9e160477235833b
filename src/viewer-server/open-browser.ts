/**
 * Opening the system browser on a URL: xdg-open (Linux/BSD), open (macOS),
 * `cmd /c start` (Windows). Best effort: a missing opener or a headless
 * machine never fails `tegum view`, the URL is printed anyway.
 */
import { spawn } from 'node:child_process';

/** The command that opens a URL on a platform. */
export function openerFor(platform: NodeJS.Platform, url: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // The empty "" is start's window title; without it a quoted URL would be taken as the title.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

/**
 * Try to open `url`; errors are swallowed.
 *
 * @param url An http://127.0.0.1 URL (never user-supplied text: it is passed as an argument, not through a shell).
 */
export function openInBrowser(url: string): void {
  const { command, args } = openerFor(process.platform, url);
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener on this machine: the printed URL is enough.
  }
}
