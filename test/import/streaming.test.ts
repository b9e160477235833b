/**
 * Reading .npy files larger than the 1 MiB read chunk from disk, so elements
 * are decoded across several chunks. The files are built byte by byte here
 * from the format spec (header + raw values), independent of the reader.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTensors, readTensorsFromBytes } from '../../src/import/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tegum-npy-stream-'));
afterAll(() => rmSync(dir, { recursive: true }));

/** A version 1.0 .npy file: magic, version, u16 header length, dict padded to a multiple of 64, data. */
/** Index of the first element that differs (Object.is), or -1; vitest's deep equality is slow on arrays this large. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function npyFile(descr: string, fortran: boolean, shape: number[], data: Uint8Array): Uint8Array {
  const dict = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const unpadded = 10 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  out.set(new TextEncoder().encode(header), 10);
  out.set(data, 10 + header.length);
  return out;
}

describe('multi-chunk .npy reads', () => {
  it('little-endian float32, 1.2 MB (fast path across chunks)', async () => {
    const [rows, cols] = [600, 500];
    const values = new Float32Array(rows * cols);
    for (let i = 0; i < values.length; i++) values[i] = Math.sin(i) * 1000;
    const path = join(dir, 'f4.npy');
    writeFileSync(path, npyFile('<f4', false, [rows, cols], new Uint8Array(values.buffer)));
    const [t] = await readTensors(path);
    expect(t.shape).toEqual([rows, cols]);
    expect(t.dtype).toBe('float32');
    expect(firstDifference(t.data, values)).toBe(-1);
  });

  it('big-endian int64, 1.6 MB', async () => {
    const count = 200_000;
    const bytes = new Uint8Array(count * 8);
    const dv = new DataView(bytes.buffer);
    const expected = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const v = BigInt(i - 100_000) * 1_000_003_000_007n; // magnitudes past 2^53, so rounding matters
      dv.setBigInt64(8 * i, v, false);
      expected[i] = Number(v); // Number(bigint) rounds to nearest, ties to even
    }
    const path = join(dir, 'i8.npy');
    writeFileSync(path, npyFile('>i8', false, [count], bytes));
    const [t] = await readTensors(path);
    expect(firstDifference(t.data, expected)).toBe(-1);
  });

  it('Fortran-ordered float16 matrix, 1.4 MB, equals its C-order reading', async () => {
    const [rows, cols] = [700, 1000];
    const fortran = new Uint16Array(rows * cols);
    const c = new Uint16Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const bits = (i * 7 + j * 13) % 0x7c00; // finite positive half floats
        fortran[i + rows * j] = bits;
        c[i * cols + j] = bits;
      }
    }
    const path = join(dir, 'f2.npy');
    writeFileSync(path, npyFile('<f2', true, [rows, cols], new Uint8Array(fortran.buffer)));
    const [fromDisk] = await readTensors(path);
    const [reference] = readTensorsFromBytes('c.npy', npyFile('<f2', false, [rows, cols], new Uint8Array(c.buffer)));
    expect(fromDisk.shape).toEqual([rows, cols]);
    expect(firstDifference(fromDisk.data, reference.data)).toBe(-1);
  });
});

describe('copies: a float32 file is read with at most one copy', () => {
  /** A safetensors file of one F32 tensor [2, 3] holding 0.5·k, header padded so that the data start at `dataStart`. */
  function safetensors(dataStart: number): Uint8Array {
    const json = JSON.stringify({ W_dec: { dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] } });
    const header = new TextEncoder().encode(json.padEnd(dataStart - 8, ' '));
    const bytes = new Uint8Array(8 + header.length + 24);
    new DataView(bytes.buffer).setUint32(0, header.length, true);
    bytes.set(header, 8);
    const values = new DataView(bytes.buffer, 8 + header.length);
    for (let k = 0; k < 6; k++) values.setFloat32(4 * k, 0.5 * k, true);
    return bytes;
  }

  it('aligned little-endian float32 in memory: the tensor is a view of the file bytes', () => {
    const bytes = safetensors(96);
    const [t] = readTensorsFromBytes('W.safetensors', bytes);
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(t.data.buffer).toBe(bytes.buffer);
    expect(Array.from(t.data)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
  });

  it('misaligned data are decoded into their own float32 array, same values', () => {
    const bytes = safetensors(98);
    const [t] = readTensorsFromBytes('W.safetensors', bytes);
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(t.data.buffer).not.toBe(bytes.buffer);
    expect(Array.from(t.data)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
  });
});
