import { existsSync, lstatSync, mkdirSync, readlinkSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './usage-error.js';

/**
 * Make sure the output folder exists and takes files, and that nothing would
 * be overwritten without --force, before any work is done: a long analysis
 * never ends in a clobber or a late failure. The folder is created here (so
 * an --out that cannot exist is refused at once; it stays, empty, if the
 * work then fails).
 *
 * @param dir The --out folder.
 * @param names Files that will be written there.
 * @param force Whether existing files may be replaced.
 * @throws UsageError (one line) when dir cannot be created or written, is not a folder, or a file exists without force.
 */
export function checkWritable(dir: string, names: string[], force: boolean): void {
  makeFolder(dir);
  if (!force) {
    for (const name of names) {
      const path = join(dir, name);
      if (existsSync(path)) throw new UsageError(`${path}: already exists; pass --force to overwrite`);
    }
  }
  // Permissions alone do not tell (root may write anywhere, /proc refuses new files): try.
  const probe = join(dir, `.tegum-write-test-${process.pid}`);
  try {
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (err) {
    throw new UsageError(`${dir}: cannot write files there (${reason(err)})`);
  }
}

/** Write each file through a temporary name and rename, so a crash never leaves half a report. */
export function writeOutputs(dir: string, files: Record<string, string | Uint8Array>, force: boolean): string[] {
  checkWritable(dir, Object.keys(files), force);
  return Object.entries(files).map(([name, content]) => {
    const path = join(dir, name);
    const tmp = `${path}.tmp-${process.pid}`;
    try {
      writeFileSync(tmp, content);
      renameSync(tmp, path);
    } catch (err) {
      throw new UsageError(`${path}: cannot write (${reason(err)})`);
    }
    return path;
  });
}

/**
 * Create dir and any missing parents one level at a time. Node's own
 * recursive mkdir never returns on /proc (it retries the ENOENT forever),
 * and a dangling symlink deserves its own words.
 */
function makeFolder(dir: string): void {
  const link = lstatOrNull(dir);
  if (link?.isSymbolicLink()) {
    const target = statOrNull(dir);
    if (target === null) throw new UsageError(`${dir}: is a symbolic link to ${readlinkSync(dir)}, which does not exist`);
    if (!target.isDirectory()) throw new UsageError(`${dir}: is a symbolic link to ${readlinkSync(dir)}, which is not a directory`);
    return;
  }
  if (link !== null) {
    if (!link.isDirectory()) throw new UsageError(`${dir}: exists and is not a directory`);
    return;
  }
  const parent = dirname(resolve(dir));
  if (parent !== resolve(dir)) makeFolder(parent);
  try {
    mkdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST' && statOrNull(dir)?.isDirectory()) return;
    throw new UsageError(`${dir}: cannot create the directory (${reason(err)})`);
  }
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** An fs error as a few words: "ENOENT: no such file or directory" without the syscall and path. */
function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (typeof e.code === 'string') {
    const words = (e.message ?? '').replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
    return `${e.code}: ${words}`;
  }
  return err instanceof Error ? err.message : String(err);
}
