/**
 * The .npz format: a zip archive of .npy files, written by `np.savez`
 * (stored) or `np.savez_compressed` (deflate). Entry names minus `.npy`
 * become tensor names; nested paths (`layer1/W.npy`) are kept as `layer1/W`.
 *
 * Zip-bomb policy: the declared uncompressed sizes of the .npy entries may
 * add up to at most max(1000 × archive size, 1 GiB), and a deflated entry
 * may not declare more than deflate can produce from its compressed bytes
 * (1032:1 plus 1 kB). Both are checked before anything is inflated, and
 * inflation stops as soon as an entry exceeds its declared size.
 */
import { InputError } from './errors.js';
import { formatBytes, quote } from './format.js';
import { readNpy } from './npy.js';
import type { Tensor } from './tensor.js';
import { readZipDirectory } from './zip-directory.js';
import type { ZipEntry } from './zip-directory.js';
import { extractZipEntry } from './zip-extract.js';

/** Allowed expansion of the whole archive (see the module comment). */
export const ZIP_EXPANSION_LIMIT = 1000;
/** Floor of the total-size limit, so small archives of sparse arrays still open. */
export const ZIP_SIZE_FLOOR = 2 ** 30;
/** Deflate's largest possible expansion ratio (a 258-byte match in 2 bits). */
const DEFLATE_MAX_RATIO = 1032;

/**
 * Read every array in a .npz archive held in memory.
 *
 * @param file File named in errors.
 * @param bytes The whole archive.
 * @returns One tensor per `.npy` entry, in archive order.
 * @throws InputError for non-zip input, archives without .npy entries, likely zip bombs,
 *   corrupt entries, and anything {@link readNpy} refuses (the reason names the entry).
 */
export function readNpz(file: string, bytes: Uint8Array): Tensor[] {
  const entries = readZipDirectory(file, bytes).filter((e) => !e.name.endsWith('/'));
  const arrays = entries.filter((e) => e.name.endsWith('.npy'));
  if (arrays.length === 0) {
    const found = entries.length === 0 ? 'the archive is empty' : `found ${entries.slice(0, 5).map((e) => quote(e.name)).join(', ')}`;
    throw new InputError(file, `no .npy entries in the .npz archive (${found})`);
  }
  checkExpansion(file, bytes.length, arrays);
  const seen = new Set<string>();
  const tensors: Tensor[] = [];
  for (const entry of arrays) {
    const name = entry.name.slice(0, -'.npy'.length);
    if (seen.has(name)) throw new InputError(file, `duplicate entry ${quote(entry.name)} in the archive`);
    seen.add(name);
    const data = extractZipEntry(file, bytes, entry);
    try {
      tensors.push(readNpy(file, name, data));
    } catch (e) {
      if (e instanceof InputError) throw new InputError(file, `entry ${quote(entry.name)}: ${e.reason}`);
      throw e;
    }
  }
  return tensors;
}

function checkExpansion(file: string, archiveSize: number, arrays: ZipEntry[]): void {
  const limit = Math.max(ZIP_EXPANSION_LIMIT * archiveSize, ZIP_SIZE_FLOOR);
  const total = arrays.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > limit) {
    throw new InputError(
      file,
      `refusing a likely zip bomb: entries declare ${formatBytes(total)} uncompressed from a ${formatBytes(archiveSize)} archive (limit ${formatBytes(limit)})`,
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
