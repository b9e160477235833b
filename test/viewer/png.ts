/**
 * Just enough PNG decoding to check an exported image (PNG spec, ISO/IEC
 * 15948): signature, IHDR, and that the inflated IDAT stream holds exactly
 * height scanlines of 1 + width × bytes-per-pixel bytes.
 */
import { inflateSync } from 'node:zlib';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export interface DecodedPng {
  width: number;
  height: number;
  /** Inflated scanlines (filter byte + pixels per row). */
  raw: Buffer;
  bytesPerPixel: number;
}

/** Decode a PNG's header and image data; throws on anything malformed. */
export function decodePng(bytes: Buffer): DecodedPng {
  SIGNATURE.forEach((b, k) => {
    if (bytes[k] !== b) throw new Error('not a PNG signature');
  });
  let offset = 8;
  let width = 0;
  let height = 0;
  let bytesPerPixel = 0;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      if (depth !== 8) throw new Error(`bit depth ${depth}`);
      bytesPerPixel = CHANNELS[data[9]];
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length !== height * (1 + width * bytesPerPixel)) throw new Error(`IDAT holds ${raw.length} bytes, expected ${height * (1 + width * bytesPerPixel)}`);
  return { width, height, raw, bytesPerPixel };
}
