import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../src/import/crc32.js';

describe('crc32', () => {
  it('matches zlib on every length around the 8-byte step and at unaligned starts', () => {
    const bytes = new Uint8Array(4099);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) & 255;
    for (const start of [0, 1, 3]) {
      for (const length of [0, 1, 7, 8, 9, 15, 16, 17, 100, 4096]) {
        const s = bytes.subarray(start, start + length);
        expect(crc32(s), `start ${start} length ${length}`).toBe(zlibCrc32(s));
      }
    }
  });

  it('the check value of the CRC-32/ISO-HDLC catalogue', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
