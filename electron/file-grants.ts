/**
 * Only files the user chose are ever read: paths enter the grant list from
 * the open dialog, a drop, the command line or the recent list (which only
 * holds paths granted before), and reading checks the grant, the extension,
 * that it is a regular file, and a size limit.
 */
import { realpathSync, statSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isOpenable } from './formats.js';
import type { OpenedFile } from '../src/viewer/data/preload-api.js';

/** Largest file the app reads into the page (the page holds it as one ArrayBuffer). */
export const MAX_OPEN_BYTES = 1 << 30;

/** The file-system calls used, injectable for tests. */
export interface GrantFs {
  realpathSync(path: string): string;
  statSync(path: string): { isFile(): boolean; size: number };
  readFileSync(path: string): Uint8Array;
}

const nodeFs: GrantFs = { realpathSync: (p) => realpathSync(p), statSync: (p) => statSync(p), readFileSync: (p) => readFileSync(p) };

export class FileGrants {
  private readonly granted = new Set<string>();

  constructor(private readonly fs: GrantFs = nodeFs) {}

  /**
   * Allow reading a path the user chose.
   *
   * @returns The canonical path (symlinks resolved), or null when it is not an openable regular file.
   */
  grant(path: string): string | null {
    try {
      const real = this.fs.realpathSync(path);
      if (!isOpenable(real) || !this.fs.statSync(real).isFile()) return null;
      this.granted.add(real);
      return real;
    } catch {
      return null;
    }
  }

  /** Whether a path (after resolving symlinks) was granted. */
  isGranted(path: string): boolean {
    try {
      return this.granted.has(this.fs.realpathSync(path));
    } catch {
      return false;
    }
  }

  /**
   * Read a granted file for the page.
   *
   * @throws Error when the path was not granted, is no longer a regular file, or is too large.
   */
  read(path: string): OpenedFile {
    if (!this.isGranted(path)) throw new Error(`not a file the user opened: ${path}`);
    const real = this.fs.realpathSync(path);
    const stat = this.fs.statSync(real);
    if (!stat.isFile()) throw new Error(`not a regular file: ${path}`);
    if (stat.size > MAX_OPEN_BYTES) throw new Error(`${path} is ${stat.size} bytes; the app opens files up to ${MAX_OPEN_BYTES} bytes (use the tegum CLI)`);
    return { name: basename(real), bytes: this.fs.readFileSync(real) };
  }
}
