/**
 * How a path becomes a file for the page, by where it came from:
 * - chosen in main (open dialog, command line, menu, recent list, second
 *   instance): granted and read; a failure is told in a native box, rate-limited;
 * - dropped or picked in the page: granted only through tegum:grant-dropped
 *   (the preload's trusted-event listener), and read only if granted; a
 *   failure goes back to the page as an error, never to a native dialog, so
 *   no page can open dialogs at will.
 */
import { FileGrants, GrantRefused } from './file-grants.js';
import type { ErrorNotices } from './error-notices.js';
import { OPENABLE_EXTENSIONS } from './formats.js';
import type { OpenedFile } from '../src/viewer/data/preload-api.js';

const UNOPENABLE = `not a readable weight file (${OPENABLE_EXTENSIONS.join(', ')})`;

export class FileOpener {
  /**
   * @param grants The grant list.
   * @param notices Native error boxes, rate-limited.
   * @param remember Called with the canonical path of every file opened (the recent list).
   */
  constructor(
    private readonly grants: FileGrants,
    private readonly notices: ErrorNotices,
    private readonly remember: (path: string) => void,
  ) {}

  /** A path the user chose through main: grant and read it; null (after one notice) when it cannot be opened. */
  async openChosen(path: string): Promise<OpenedFile | null> {
    const real = this.grants.grant(path);
    if (real === null) {
      this.notices.notify(`Cannot open ${path}: ${UNOPENABLE}.`);
      return null;
    }
    try {
      const file = await this.grants.read(real);
      this.remember(real);
      return file;
    } catch (err) {
      this.notices.notify(err instanceof Error ? err.message : String(err));
      return null;
    }
  }

  /**
   * Paths the preload saw the user drop or pick.
   *
   * @returns How many were granted (openable regular files).
   */
  grantDropped(paths: readonly string[]): number {
    return paths.filter((path) => this.grants.grant(path) !== null).length;
  }

  /**
   * The page asks for a dropped or picked file.
   *
   * @throws GrantRefused when the path was not granted or cannot be read (the page shows the message).
   */
  async openDropped(path: string): Promise<OpenedFile> {
    if (!this.grants.isGranted(path)) throw new GrantRefused(`cannot open ${path}: it was not dropped or picked by the user, or is ${UNOPENABLE}`);
    const file = await this.grants.read(path);
    const real = this.grants.grant(path);
    if (real !== null) this.remember(real);
    return file;
  }
}
