/**
 * CRC-32 (ISO-HDLC, the zip/gzip polynomial 0xEDB88320, reflected), computed
 * with slicing-by-8 tables so checking a large stored zip entry costs little
 * next to reading it. fflate computes CRCs internally but does not export them.
 * Everything stays in signed 32-bit integers (Int32Array, `^`, `>>>` then `| 0`)
 * so V8 keeps it in small integers; unsigned values above 2^31 would be boxed doubles.
 */

/** tables[256·t + n]: the CRC of byte n followed by t zero bytes (Sarwate's table, extended). */
const TABLES = buildTables();

function buildTables(): Int32Array {
  const t = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let s = 1; s < 8; s++) {
    for (let n = 0; n < 256; n++) {
      const prev = t[256 * (s - 1) + n];
      t[256 * s + n] = (prev >>> 8) ^ t[prev & 0xff];
    }
  }
  return t;
}

/**
 * CRC-32 of a byte range, as stored in zip headers.
 *
 * @param bytes The data.
 * @returns The unsigned 32-bit checksum (0 for no bytes).
 */
export function crc32(bytes: Uint8Array): number {
  const t = TABLES;
  let crc = -1;
  let i = 0;
  const whole = bytes.length - (bytes.length % 8);
  for (; i < whole; i += 8) {
    const a = crc ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
    crc =
      t[1792 + (a & 0xff)] ^
      t[1536 + ((a >>> 8) & 0xff)] ^
      t[1280 + ((a >>> 16) & 0xff)] ^
      t[1024 + (a >>> 24)] ^
      t[768 + bytes[i + 4]] ^
      t[512 + bytes[i + 5]] ^
      t[256 + bytes[i + 6]] ^
      t[bytes[i + 7]];
  }
  for (; i < bytes.length; i++) crc = t[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
