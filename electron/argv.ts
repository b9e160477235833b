/**
 * Files named on the command line (`tegum-app W.npz`, or a second instance's
 * argv forwarded by the single-instance lock).
 */
import { isAbsolute, resolve } from 'node:path';
import { isOpenable } from './formats.js';

/**
 * @param argv process.argv (or the second instance's argv).
 * @param cwd Directory relative paths are resolved against.
 * @param packaged app.isPackaged: a packaged app's argv is [exe, ...args]; a
 *   development run's is [electron, main.js, ...args].
 * @returns Absolute paths of the openable files named, in order; flags (anything
 *   starting with '-') and other arguments are ignored.
 */
export function filesFromArgv(argv: readonly string[], cwd: string, packaged: boolean): string[] {
  const args = argv.slice(packaged ? 1 : 2);
  return args.filter((a) => !a.startsWith('-') && isOpenable(a)).map((a) => (isAbsolute(a) ? a : resolve(cwd, a)));
}
