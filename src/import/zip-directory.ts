/**
 * The central directory of a zip archive (PKWARE APPNOTE 6.3), read directly
 * so that sizes and offsets can be checked before anything is inflated.
 * ZIP64 is supported: the ZIP64 end-of-central-directory record, and the
 * ZIP64 extended-information extra field (id 0x0001) that numpy's
 * `np.savez` writes (it opens every entry with `force_zip64=True`).
 */
import { InputError } from './errors.js';
import { formatBytes, quote } from './format.js';

/** One file in a zip archive, as the central directory describes it. */
export interface ZipEntry {
  /** Path inside the archive. */
  name: string;
  /** Compression method: 0 stored, 8 deflate. */
  method: number;
  /** General-purpose bit flags (bit 0: encrypted). */
  flags: number;
  /** Bytes of (compressed) data in the archive. */
  compressedSize: number;
  /** Declared size once inflated. */
  uncompressedSize: number;
  /** Offset of the entry's local file header. */
  localHeaderOffset: number;
  /** CRC-32 of the uncompressed data, as the central directory records it. */
  crc32: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const ZIP64_EXTRA_ID = 0x0001;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

/**
 * List the entries of a zip archive held in memory.
 *
 * @param file File named in errors.
 * @param bytes The whole archive.
 * @returns The entries in central-directory order.
 * @throws InputError when the bytes are not a zip archive or its directory is corrupt.
 */
export function readZipDirectory(file: string, bytes: Uint8Array): ZipEntry[] {
  if (bytes.length === 0) throw new InputError(file, 'empty file');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const eocd = findEndOfCentralDirectory(dv);
  if (eocd < 0) {
    throw new InputError(file, 'not a zip archive (no end-of-central-directory record); .npz files are zip archives written by np.savez');
  }
  let count = dv.getUint16(eocd + 10, true);
  let size = dv.getUint32(eocd + 12, true);
  let offset = dv.getUint32(eocd + 16, true);
  if (dv.getUint16(eocd + 4, true) !== 0 || dv.getUint16(eocd + 6, true) !== 0) {
    throw new InputError(file, 'multi-disk zip archives are not supported');
  }
  const locator = eocd - 20;
  if (locator >= 0 && dv.getUint32(locator, true) === ZIP64_LOCATOR_SIGNATURE) {
    const record = readU64(file, dv, locator + 8);
    if (record + 56 > bytes.length || dv.getUint32(record, true) !== ZIP64_EOCD_SIGNATURE) {
      throw new InputError(file, 'corrupt zip archive: bad ZIP64 end-of-central-directory record');
    }
    count = readU64(file, dv, record + 32);
    size = readU64(file, dv, record + 40);
    offset = readU64(file, dv, record + 48);
  } else if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw new InputError(file, 'corrupt zip archive: ZIP64 sizes without a ZIP64 record');
  }
  if (offset + size > bytes.length) {
    throw new InputError(file, `corrupt zip archive: central directory (${formatBytes(size)} at ${offset}) lies beyond the file`);
  }
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > offset + size || dv.getUint32(p, true) !== CENTRAL_SIGNATURE) {
      throw new InputError(file, `corrupt zip archive: central directory entry ${i} is malformed`);
    }
    const flags = dv.getUint16(p + 8, true);
    const nameLength = dv.getUint16(p + 28, true);
    const extraLength = dv.getUint16(p + 30, true);
    const commentLength = dv.getUint16(p + 32, true);
    const next = p + 46 + nameLength + extraLength + commentLength;
    if (next > offset + size) throw new InputError(file, `corrupt zip archive: central directory entry ${i} overruns the directory`);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLength);
    // Bit 11 marks UTF-8 names; otherwise the name is CP437, identical to ASCII for numpy's names.
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(nameBytes);
    const entry: ZipEntry = {
      name,
      method: dv.getUint16(p + 10, true),
      flags,
      compressedSize: dv.getUint32(p + 20, true),
      uncompressedSize: dv.getUint32(p + 24, true),
      localHeaderOffset: dv.getUint32(p + 42, true),
      crc32: dv.getUint32(p + 16, true),
    };
    const diskStart = dv.getUint16(p + 34, true);
    applyZip64Extra(file, dv, p + 46 + nameLength, extraLength, entry, diskStart);
    entries.push(entry);
    p = next;
  }
  // The end record's count must describe the whole directory: a smaller count
  // would silently hide entries (Python's zipfile lists by walking the directory).
  if (p !== offset + size) {
    throw new InputError(
      file,
      `corrupt zip archive: the end record counts ${count} ${count === 1 ? 'entry' : 'entries'} but the central directory holds more (${formatBytes(offset + size - p)} left over)`,
    );
  }
  checkNoOverlap(file, dv, entries, offset);
  return entries;
}

/**
 * Refuse entries whose data overlap each other or the central directory, as
 * Python's zipfile does since 3.12 ("Overlapped entries"): many directory
 * entries pointing at one small deflate stream are a classic zip bomb.
 */
function checkNoOverlap(file: string, dv: DataView, entries: ZipEntry[], directoryOffset: number): void {
  const spans = entries.map((e) => {
    const local = e.localHeaderOffset;
    if (local + 30 > directoryOffset) {
      throw new InputError(file, `corrupt zip archive: entry ${quote(e.name)} starts at ${local}, inside or past the central directory`);
    }
    const end = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true) + e.compressedSize;
    return { name: e.name, start: local, end };
  });
  spans.sort((a, b) => a.start - b.start);
  for (let i = 0; i < spans.length; i++) {
    const next = i + 1 < spans.length ? spans[i + 1] : undefined;
    if (spans[i].end > (next?.start ?? directoryOffset)) {
      const other = next === undefined ? 'the central directory' : `entry ${quote(next.name)}`;
      throw new InputError(file, `corrupt or hostile zip archive: entry ${quote(spans[i].name)} overlaps ${other}`);
    }
  }
}

/** Search backwards for the end-of-central-directory signature (it precedes a comment of at most 65535 bytes). */
function findEndOfCentralDirectory(dv: DataView): number {
  const last = dv.byteLength - EOCD_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let p = last; p >= first; p--) {
    if (dv.getUint32(p, true) === EOCD_SIGNATURE && p + EOCD_SIZE + dv.getUint16(p + 20, true) <= dv.byteLength) return p;
  }
  return -1;
}

/**
 * Replace 32-bit placeholders (0xFFFFFFFF) by the 64-bit values of the ZIP64
 * extra field, which lists only the fields that overflowed, in the order
 * uncompressed size, compressed size, local header offset, disk number.
 */
function applyZip64Extra(file: string, dv: DataView, start: number, length: number, entry: ZipEntry, diskStart: number): void {
  const needs = {
    uncompressed: entry.uncompressedSize === 0xffffffff,
    compressed: entry.compressedSize === 0xffffffff,
    offset: entry.localHeaderOffset === 0xffffffff,
  };
  let p = start;
  const end = start + length;
  while (p + 4 <= end) {
    const id = dv.getUint16(p, true);
    const size = dv.getUint16(p + 2, true);
    const body = p + 4;
    if (body + size > end) throw new InputError(file, `corrupt zip archive: bad extra field in entry '${entry.name}'`);
    if (id === ZIP64_EXTRA_ID) {
      let q = body;
      const take = (): number => {
        if (q + 8 > body + size) throw new InputError(file, `corrupt zip archive: short ZIP64 field in entry '${entry.name}'`);
        const v = readU64(file, dv, q);
        q += 8;
        return v;
      };
      if (needs.uncompressed) entry.uncompressedSize = take();
      if (needs.compressed) entry.compressedSize = take();
      if (needs.offset) entry.localHeaderOffset = take();
      needs.uncompressed = needs.compressed = needs.offset = false;
    }
    p = body + size;
  }
  if (needs.uncompressed || needs.compressed || needs.offset) {
    throw new InputError(file, `corrupt zip archive: entry '${entry.name}' has ZIP64 placeholders but no ZIP64 field`);
  }
  if (diskStart !== 0 && diskStart !== 0xffff) throw new InputError(file, 'multi-disk zip archives are not supported');
}

/** Read a little-endian u64 that must fit a double exactly (below 2^53). */
function readU64(file: string, dv: DataView, p: number): number {
  const lo = dv.getUint32(p, true);
  const hi = dv.getUint32(p + 4, true);
  if (hi >= 0x200000) throw new InputError(file, 'corrupt zip archive: a 64-bit size or offset exceeds 2^53');
  return hi * 4294967296 + lo;
}
