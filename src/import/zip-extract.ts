/**
 * Extracting one zip entry with its sizes and checksum enforced: the data must
 * lie inside the archive, must inflate to exactly the declared size, and must
 * match the CRC-32 the central directory records (as numpy's zipfile checks).
 * Inflation is streamed in small compressed chunks, so a lying header is
 * caught after at most one chunk's worth of output (deflate expands at most ~1032:1).
 */
import { Inflate } from 'fflate';
import { crc32 } from './crc32.js';
import { InputError } from './errors.js';
import { formatBytePair, formatBytes, quote } from './format.js';
import type { ZipEntry } from './zip-directory.js';

const LOCAL_SIGNATURE = 0x04034b50;
/** Compressed bytes pushed per inflate step: bounds transient output to about 1032 × 64 KiB. */
const INFLATE_CHUNK = 64 * 1024;
/** Compressed bytes per step when only a prefix is wanted: at most ~1 MB of output past it. */
const PREFIX_CHUNK = 1024;

/** Thrown from the inflate callback to stop as soon as the output passes its declared size. */
class OverflowSignal extends Error {}
/** Thrown from the inflate callback once a wanted prefix is out. */
class PrefixSignal extends Error {}

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
  const out = entryData(file, bytes, entry, Infinity);
  const actual = crc32(out);
  if (actual !== entry.crc32) {
    throw new InputError(file, `entry ${quote(entry.name)} fails its CRC-32 check (corrupt archive: the data changed after it was written)`);
  }
  return out;
}

/**
 * The first bytes of an entry, inflating no more than needed (to read a
 * header before deciding whether the whole entry may be inflated). Not
 * checksummed: the whole entry is, when it is extracted.
 *
 * @param file File named in errors.
 * @param bytes The whole archive.
 * @param entry The entry.
 * @param length Bytes wanted.
 * @returns At least `length` bytes, or the whole entry if it is shorter.
 * @throws InputError as {@link extractZipEntry}, except the checksum.
 */
export function extractZipPrefix(file: string, bytes: Uint8Array, entry: ZipEntry, length: number): Uint8Array {
  return entryData(file, bytes, entry, length);
}

function entryData(file: string, bytes: Uint8Array, entry: ZipEntry, wanted: number): Uint8Array {
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
    const [need, have] = formatBytePair(end, bytes.length);
    throw new InputError(file, `entry ${shown} is truncated: it needs ${need} of archive but the file holds ${have}`);
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
  return inflateExactly(file, shown, data, entry.uncompressedSize, wanted);
}

/**
 * Inflate to exactly `declared` bytes; with `wanted` below that, stop once
 * `wanted` bytes are out and return them (a prefix).
 */
function inflateExactly(file: string, shown: string, data: Uint8Array, declared: number, wanted: number): Uint8Array {
  const prefix = wanted < declared;
  const out = new Uint8Array(prefix ? wanted : declared);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > declared) throw new OverflowSignal();
    const room = Math.min(chunk.length, out.length - written);
    out.set(chunk.subarray(0, room), written);
    written += room;
    if (prefix && written >= wanted) throw new PrefixSignal();
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    // A prefix is wanted for its header: feed small steps so inflation stops early.
    const step = prefix ? PREFIX_CHUNK : INFLATE_CHUNK;
    for (let p = 0; p < data.length; p += step) {
      const end = Math.min(p + step, data.length);
      inflater.push(data.subarray(p, end), end === data.length);
    }
  } catch (e) {
    if (e instanceof PrefixSignal) return out.subarray(0, written);
    if (e instanceof OverflowSignal) {
      throw new InputError(file, `entry ${shown} inflates past its declared size of ${formatBytes(declared)} (corrupt or hostile archive)`);
    }
    const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new InputError(file, `entry ${shown} is corrupt: ${detail}`);
  }
  if (prefix) return out.subarray(0, written);
  if (written !== declared) {
    const [got, said] = formatBytePair(written, declared);
    throw new InputError(file, `entry ${shown} inflates to ${got} but declares ${said} (corrupt archive)`);
  }
  return out;
}
