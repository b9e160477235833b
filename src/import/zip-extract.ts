/**
 * Extracting one zip entry with its sizes enforced: the data must lie inside
 * the archive and must inflate to exactly the declared size. Inflation is
 * streamed in small compressed chunks, so a lying header is caught after at
 * most one chunk's worth of output (deflate expands at most ~1032:1).
 */
import { Inflate } from 'fflate';
import { InputError } from './errors.js';
import { formatBytes, quote } from './format.js';
import type { ZipEntry } from './zip-directory.js';

const LOCAL_SIGNATURE = 0x04034b50;
/** Compressed bytes pushed per inflate step: bounds transient output to about 1032 × 64 KiB. */
const INFLATE_CHUNK = 64 * 1024;

/** Thrown from the inflate callback to stop as soon as the output passes its declared size. */
class OverflowSignal extends Error {}

/**
 * The bytes of one entry, inflated if needed.
 *
 * @param file File named in errors.
 * @param bytes The whole archive.
 * @param entry The entry from {@link readZipDirectory}.
 * @returns Exactly `entry.uncompressedSize` bytes (a view into `bytes` for stored entries).
 * @throws InputError for encrypted entries, unsupported methods, data beyond the archive,
 *   corrupt deflate streams, or an inflated size different from the declared one.
 */
export function extractZipEntry(file: string, bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const shown = quote(entry.name);
  if (entry.flags & 1) throw new InputError(file, `entry ${shown} is encrypted`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const local = entry.localHeaderOffset;
  if (local + 30 > bytes.length || dv.getUint32(local, true) !== LOCAL_SIGNATURE) {
    throw new InputError(file, `corrupt zip archive: bad local header for entry ${shown}`);
  }
  const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) {
    throw new InputError(file, `entry ${shown} is truncated: it needs ${formatBytes(end)} of archive but the file holds ${formatBytes(bytes.length)}`);
  }
  const data = bytes.subarray(start, end);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) {
      throw new InputError(file, `corrupt zip archive: stored entry ${shown} has different stored and declared sizes`);
    }
    return data;
  }
  if (entry.method !== 8) {
    throw new InputError(file, `entry ${shown} uses zip compression method ${entry.method}; tegum reads stored (0) and deflate (8)`);
  }
  return inflateExactly(file, shown, data, entry.uncompressedSize);
}

function inflateExactly(file: string, shown: string, data: Uint8Array, declared: number): Uint8Array {
  const out = new Uint8Array(declared);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > declared) throw new OverflowSignal();
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let p = 0; p < data.length; p += INFLATE_CHUNK) {
      const end = Math.min(p + INFLATE_CHUNK, data.length);
      inflater.push(data.subarray(p, end), end === data.length);
    }
  } catch (e) {
    if (e instanceof OverflowSignal) {
      throw new InputError(file, `entry ${shown} inflates past its declared size of ${formatBytes(declared)} (corrupt or hostile archive)`);
    }
    const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new InputError(file, `entry ${shown} is corrupt: ${detail}`);
  }
  if (written !== declared) {
    throw new InputError(file, `entry ${shown} inflates to ${formatBytes(written)} but declares ${formatBytes(declared)} (corrupt archive)`);
  }
  return out;
}
