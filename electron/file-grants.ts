/**
 * Only files the user chose are ever read: paths enter the grant list from
 * the open dialog, a real drop or file-input pick seen by the preload, the
 * command line or the recent list (which only holds paths granted before),
 * and reading checks the grant, the extension, that it is a regular file,
 * and a size limit. Reading is asynchronous, so a large file never blocks
 * the main process (menus, other windows' IPC).
 */
import { realpathSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { isOpenable } from './formats.js';
import type { OpenedFile } from '../src/viewer/data/preload-api.js';

/** Largest file the app reads into the page (the page holds it as one ArrayBuffer). */
export const MAX_OPEN_BYTES = 1 << 30;

/** Most paths kept granted at once; the oldest grant goes first (a page cannot grow the list without bound). */
export const MAX_GRANTS = 256;

/** The file-system calls used, injectable for tests. */
export interface GrantFs {
  realpathSync(path: string): string;
  statSync(path: string): { isFile(): boolean; size: number };
  stat(path: string): Promise<{ isFile(): boolean; size: number }>;
  readFile(path: string): Promise<Uint8Array>;
}

const nodeFs: GrantFs = { realpathSync: (p) => realpathSync(p), statSync: (p) => statSync(p), stat: (p) => stat(p), readFile: (p) => readFile(p) };

/** A path that may not be read, with the reason for the user. */
export class GrantRefused extends Error {}

export class FileGrants {
  // Insertion-ordered: re-granting moves a path to the end, the front is dropped first.
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
      this.granted.delete(real);
      this.granted.add(real);
      if (this.granted.size > MAX_GRANTS) this.granted.delete(this.granted.values().next().value as string);
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
   * @throws GrantRefused when the path was not granted, is no longer a regular file, or is too large.
   */
  async read(path: string): Promise<OpenedFile> {
    if (!this.isGranted(path)) throw new GrantRefused(`not a file the user opened: ${path}`);
    const real = this.fs.realpathSync(path);
    const info = await this.fs.stat(real);
    if (!info.isFile()) throw new GrantRefused(`not a regular file: ${path}`);
    if (info.size > MAX_OPEN_BYTES)
      throw new GrantRefused(`${path} is ${info.size} bytes; the app opens files up to ${MAX_OPEN_BYTES} bytes (use the tegum CLI)`);
    return { name: basename(real), bytes: await this.fs.readFile(real) };
  }
}
