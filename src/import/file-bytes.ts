/**
 * Reading files from disk (Node only) with file-system failures reported as
 * InputError, so a wrong path is a one-line message rather than a stack trace.
 */
import { open, stat } from 'node:fs/promises';
import { constants, readSync } from 'node:fs';
import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { InputError } from './errors.js';

const FS_REASONS: ReadonlyMap<string, string> = new Map([
  ['ENOENT', 'no such file'],
  ['EISDIR', 'is a directory, not a weight file'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'permission denied'],
  ['ENOTDIR', 'a component of the path is not a directory'],
  ['ELOOP', 'too many symbolic links'],
  ['ENAMETOOLONG', 'path too long'],
]);

/**
 * Turn a file-system error into an InputError; anything else is rethrown.
 *
 * @param file Path named in the error.
 * @param error What `node:fs` threw.
 * @returns Never; always throws.
 */
export function rethrowFsError(file: string, error: unknown): never {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code !== undefined) throw new InputError(file, FS_REASONS.get(code) ?? `cannot read the file (${code})`);
  throw error;
}

/**
 * Open a file for reading and learn its size.
 *
 * @param path File path.
 * @returns The open handle (the caller closes it) and the size in bytes.
 * @throws InputError when the file cannot be opened or is not a regular file.
 */
export async function openForReading(path: string): Promise<{ handle: FileHandle; size: number }> {
  // Opening a FIFO blocks until a writer appears: open non-blocking where the
  // platform has the flag (a regular file reads the same), else look first.
  if (constants.O_NONBLOCK === undefined) {
    try {
      refuseNonRegular(path, await stat(path));
    } catch (e) {
      if (e instanceof InputError) throw e;
      rethrowFsError(path, e);
    }
  }
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    // A socket cannot be opened at all (ENXIO): name what the path is instead.
    const info = await stat(path).catch(() => undefined);
    if (info !== undefined) refuseNonRegular(path, info);
    rethrowFsError(path, e);
  }
  try {
    const info = await handle.stat(); // what was opened, not what the path named a moment ago
    refuseNonRegular(path, info);
    return { handle, size: info.size };
  } catch (e) {
    await handle.close();
    if (e instanceof InputError) throw e;
    rethrowFsError(path, e);
  }
}

/** Refuse anything but a regular file, naming what it is. */
function refuseNonRegular(path: string, info: Stats): void {
  if (info.isFile()) return;
  if (info.isDirectory()) throw new InputError(path, 'is a directory, not a weight file');
  const kind = info.isFIFO()
    ? 'a named pipe (FIFO)'
    : info.isSocket()
      ? 'a socket'
      : info.isCharacterDevice() || info.isBlockDevice()
        ? 'a device'
        : 'not a regular file';
  throw new InputError(path, `is ${kind}, not a regular file; tegum reads weight files only`);
}

/**
 * Read `length` bytes at `position` into `target` (from its start), looping over short reads.
 *
 * @param handle Open file.
 * @param target Destination; at least `length` bytes.
 * @param length Bytes to read.
 * @param position File offset.
 * @returns Bytes actually read (less than `length` only at end of file).
 */
export async function readAt(handle: FileHandle, target: Uint8Array, length: number, position: number): Promise<number> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(target, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

/**
 * Fill `target` from `position` with blocking reads, looping over short reads.
 *
 * @param handle Open file.
 * @param target Destination, filled from its start.
 * @param position File offset.
 * @returns Bytes actually read (less than `target.length` only at end of file).
 */
export function readAtSync(handle: FileHandle, target: Uint8Array, position: number): number {
  let done = 0;
  while (done < target.length) {
    const bytesRead = readSync(handle.fd, target, done, target.length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

/**
 * Read a whole file into one buffer with a single sized read (faster than
 * `fs.promises.readFile`, which reads large files in 512 KiB pieces).
 *
 * @param path File path.
 * @returns The file's bytes.
 * @throws InputError when the file cannot be read.
 */
export async function readFileBytes(path: string): Promise<Uint8Array> {
  const { handle, size } = await openForReading(path);
  try {
    const bytes = new Uint8Array(size);
    const read = await readAt(handle, bytes, size, 0);
    return read === size ? bytes : bytes.subarray(0, read);
  } catch (e) {
    rethrowFsError(path, e);
  } finally {
    await handle.close();
  }
}
