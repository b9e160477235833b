import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './usage-error.js';

/**
 * Refuse before any work is done if a file would be overwritten without
 * --force, so a long analysis never ends in a clobber or a late failure.
 */
export function checkWritable(dir: string, names: string[], force: boolean): void {
  if (existsSync(dir) && !isDirectory(dir)) throw new UsageError(`${dir}: exists and is not a directory`);
  if (force) return;
  for (const name of names) {
    const path = join(dir, name);
    if (existsSync(path)) throw new UsageError(`${path}: already exists; pass --force to overwrite`);
  }
}

/** Write each file through a temporary name and rename, so a crash never leaves half a report. */
export function writeOutputs(dir: string, files: Record<string, string | Uint8Array>, force: boolean): string[] {
  checkWritable(dir, Object.keys(files), force);
  mkdirSync(dir, { recursive: true });
  return Object.entries(files).map(([name, content]) => {
    const path = join(dir, name);
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, content);
    renameSync(tmp, path);
    return path;
  });
}

function isDirectory(path: string): boolean {
  return statSync(path).isDirectory();
}
