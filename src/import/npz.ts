/**
 * The .npz format: a zip archive of .npy files, written by `np.savez`
 * (stored) or `np.savez_compressed` (deflate). Entry names minus `.npy`
 * become tensor names; nested paths (`layer1/W.npy`) are kept as `layer1/W`.
 *
 * Zip-bomb policy, all checked before anything large is allocated:
 * - entries may not overlap (zip-directory.ts), so one deflate stream cannot
 *   be counted many times;
 * - a deflated entry may not declare more than deflate can produce from its
 *   compressed bytes (1032:1 plus 1 kB);
 * - the arrays' float64 size (what tegum allocates: element count × 8, read
 *   from each entry's .npy header by inflating only the header) may be at
 *   most max(16 × archive size, 256 MiB) unless the caller allows large
 *   reads (`--allow-large`); see size-guard.ts;
 * - inflation stops as soon as an entry exceeds its declared size, and every
 *   entry's CRC-32 is checked.
 */
import { InputError } from './errors.js';
import { formatBytes, quote } from './format.js';
import { decodeNpyData, npyPrelude, NPY_PRELUDE_BYTES, parseNpyHeader } from './npy.js';
import type { NpyHeader } from './npy.js';
import type { ReadOptions } from './read-bytes.js';
import { elementCount, guardWidened, WIDENED_FLOOR, WIDENED_RATIO } from './size-guard.js';
import type { Tensor } from './tensor.js';
import { readZipDirectory } from './zip-directory.js';
import type { ZipEntry } from './zip-directory.js';
import { extractZipEntry, extractZipPrefix } from './zip-extract.js';

/** Deflate's largest possible expansion ratio (a 258-byte match in 2 bits). */
const DEFLATE_MAX_RATIO = 1032;

/**
 * Read every array in a .npz archive held in memory.
 *
 * @param file File named in errors.
 * @param bytes The whole archive.
 * @param opts Size policy ({@link ReadOptions}).
 * @returns One tensor per `.npy` entry, in archive order.
 * @throws InputError for non-zip input, archives without .npy entries, likely zip bombs,
 *   corrupt entries, and anything the .npy reader refuses (the reason names the entry).
 */
export function readNpz(file: string, bytes: Uint8Array, opts: ReadOptions = {}): Tensor[] {
  const entries = readZipDirectory(file, bytes).filter((e) => !e.name.endsWith('/'));
  const arrays = entries.filter((e) => e.name.endsWith('.npy'));
  if (arrays.length === 0) {
    const found =
      entries.length === 0
        ? 'the archive is empty'
        : `found ${entries
            .slice(0, 5)
            .map((e) => quote(e.name))
            .join(', ')}`;
    throw new InputError(file, `no .npy entries in the .npz archive (${found})`);
  }
  const seen = new Set<string>();
  for (const entry of arrays) {
    const name = entry.name.slice(0, -'.npy'.length);
    if (seen.has(name)) throw new InputError(file, `duplicate entry ${quote(entry.name)} in the archive`);
    seen.add(name);
  }
  checkDeclaredSizes(file, bytes.length, arrays, opts);
  const headers = arrays.map((entry) => readEntryHeader(file, bytes, entry));
  guardWidened(
    file,
    headers.reduce((sum, h) => sum + elementCount(h.shape), 0),
    bytes.length,
    opts,
    'its arrays',
  );
  return arrays.map((entry, i) => {
    const data = extractZipEntry(file, bytes, entry);
    return inEntry(file, entry, () => decodeNpyData(file, entry.name.slice(0, -'.npy'.length), headers[i], data.subarray(headers[i].dataOffset)));
  });
}

/** Run a step of the .npy reader on one entry, prefixing the entry's name to its refusal. */
function inEntry<T>(file: string, entry: ZipEntry, step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof InputError) throw new InputError(file, `entry ${quote(entry.name)}: ${e.reason}`);
    throw e;
  }
}

/** The .npy header of an entry, inflating only as far as the header reaches. */
function readEntryHeader(file: string, bytes: Uint8Array, entry: ZipEntry): NpyHeader {
  const prelude = extractZipPrefix(file, bytes, entry, NPY_PRELUDE_BYTES);
  const { dataOffset } = inEntry(file, entry, () => npyPrelude(file, prelude));
  const head = extractZipPrefix(file, bytes, entry, dataOffset);
  return inEntry(file, entry, () => parseNpyHeader(file, head));
}

/** Quick refusals from the directory alone: declared sizes no archive of this size can hold. */
function checkDeclaredSizes(file: string, archiveSize: number, arrays: ZipEntry[], opts: ReadOptions): void {
  // Each stored byte widens to at least one float64 byte, so declared bytes above the budget are over it.
  const limit = Math.max(WIDENED_RATIO * archiveSize, WIDENED_FLOOR);
  const total = arrays.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (opts.allowLarge !== true && total > limit) {
    throw new InputError(
      file,
      `refusing a likely zip bomb: entries declare ${formatBytes(total)} uncompressed from a ${formatBytes(archiveSize)} archive (limit ${formatBytes(limit)}); pass --allow-large if you trust it`,
    );
  }
  for (const entry of arrays) {
    if (entry.method === 8 && entry.uncompressedSize > DEFLATE_MAX_RATIO * entry.compressedSize + 1024) {
      throw new InputError(
        file,
        `entry ${quote(entry.name)} declares ${formatBytes(entry.uncompressedSize)} from ${formatBytes(entry.compressedSize)} of deflate data, more than deflate can produce (corrupt or hostile archive)`,
      );
    }
  }
}
