import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTensors, readTensorsFromBytes, readWeightFile } from '../../src/import/index.js';
import type { Tensor } from '../../src/import/index.js';
import { expectedValue, firstMismatch, goodFixtures } from './fixtures.js';
import type { Expected } from './fixtures.js';

const fixtures = goodFixtures();

function compare(actual: Tensor[], expected: Expected): void {
  expect(actual.map((t) => t.name)).toEqual(expected.tensors.map((t) => t.name));
  actual.forEach((t, k) => {
    const e = expected.tensors[k];
    expect(t.dtype, t.name).toBe(e.dtype);
    expect(t.shape, t.name).toEqual(e.shape);
    // float16/bfloat16/float32 stay float32 (exact), the rest widen to float64.
    expect(t.data, t.name).toBeInstanceOf(['float16', 'bfloat16', 'float32'].includes(e.dtype) ? Float32Array : Float64Array);
    const bad = firstMismatch(t.data, e.data);
    expect(bad, `${t.name}[${bad}] = ${t.data[bad]}, numpy says ${e.data[bad]}`).toBe(-1);
  });
}

describe('every good fixture reads exactly what numpy / the byte-level construction says', () => {
  it('covers every format and every dtype', () => {
    const files = fixtures.map((f) => f.file);
    for (const ext of ['.npy', '.npz', '.json', '.safetensors', '.safetensors.index.json']) {
      expect(
        files.some((f) => f.endsWith(ext)),
        ext,
      ).toBe(true);
    }
    const dtypes = new Set(fixtures.flatMap((f) => f.expected.tensors.map((t) => t.dtype)));
    expect([...dtypes].sort()).toEqual([
      'bfloat16',
      'bool',
      'float16',
      'float32',
      'float64',
      'int16',
      'int32',
      'int64',
      'int8',
      'uint16',
      'uint32',
      'uint64',
      'uint8',
    ]);
    // every multi-byte npy dtype in both byte orders and both storage orders
    for (const code of ['i2', 'i4', 'i8', 'u2', 'u4', 'u8', 'f2', 'f4', 'f8']) {
      for (const variant of ['le_C', 'le_F', 'be_C', 'be_F']) expect(files).toContain(`${code}_${variant}.npy`);
    }
  });

  it.each(fixtures.map((f) => [f.file, f] as const))('readTensors(%s)', async (_file, fixture) => {
    compare(await readTensors(fixture.path), fixture.expected);
  });

  it.each(fixtures.filter((f) => !f.file.endsWith('.index.json')).map((f) => [f.file, f] as const))('readTensorsFromBytes(%s)', (_file, fixture) => {
    const bytes = new Uint8Array(readFileSync(fixture.path));
    compare(readTensorsFromBytes(basename(fixture.path), bytes), fixture.expected);
  });

  it('reads bytes at an odd offset inside a larger buffer (misaligned float views are copied)', () => {
    const fixture = fixtures.find((f) => f.file === 'f8_le_C.npy');
    if (fixture === undefined) throw new Error('fixture missing');
    const raw = readFileSync(fixture.path);
    const padded = new Uint8Array(raw.length + 3);
    padded.set(raw, 3);
    compare(readTensorsFromBytes('f8_le_C.npy', padded.subarray(3)), fixture.expected);
  });
});

describe('metadata', () => {
  it.each(fixtures.filter((f) => f.expected.metadata !== undefined).map((f) => [f.file, f] as const))('%s', async (_file, fixture) => {
    const { metadata } = await readWeightFile(fixture.path);
    expect(Object.fromEntries(metadata)).toEqual(fixture.expected.metadata);
  });

  it('non-safetensors formats have empty metadata', async () => {
    const fixture = fixtures.find((f) => f.file === 'named.json');
    if (fixture === undefined) throw new Error('fixture missing');
    expect((await readWeightFile(fixture.path)).metadata.size).toBe(0);
  });
});

describe('known exact values', () => {
  const byFile = (file: string): Expected => {
    const f = fixtures.find((x) => x.file === file);
    if (f === undefined) throw new Error(`fixture ${file} missing`);
    return f.expected;
  };

  it('float16 bit patterns decode to their exact IEEE meanings', async () => {
    const [t] = await readTensors(fixtures.find((f) => f.file === 'f2_be_F.npy')?.path ?? '');
    // 0x3C00, 0x0001, 0x03FF, 0x0400, 0x7BFF, 0xFBFF, 0x3555, 0x8000, 0x7C00, 0xFC00, 0x7E00, 0xC248
    const exact = [1, 2 ** -24, 1023 * 2 ** -24, 2 ** -14, 65504, -65504, 0.333251953125, -0, Infinity, -Infinity, NaN, -3.140625];
    expect(Array.from(t.data).every((v, i) => Object.is(v, exact[i]))).toBe(true);
    expect(
      byFile('f2_be_F.npy')
        .tensors[0].data.map(expectedValue)
        .every((v, i) => Object.is(v, exact[i])),
    ).toBe(true);
  });

  it('bfloat16 bit patterns decode to the upper half of a float32', async () => {
    const tensors = await readTensors(fixtures.find((f) => f.file === 'all_dtypes.safetensors')?.path ?? '');
    const bf16 = tensors.find((t) => t.name === 't_BF16');
    // 0x3F80 = 1, 0xC020 = -2.5, 0x0001 = 2^-133 (smallest subnormal), 0x7F7F = (2 - 2^-7)·2^127
    expect(bf16?.data[0]).toBe(1);
    expect(bf16?.data[1]).toBe(-2.5);
    expect(bf16?.data[3]).toBe(2 ** -133);
    expect(bf16?.data[5]).toBe((2 - 2 ** -7) * 2 ** 127);
  });

  it('64-bit integers round to the nearest double, ties to even', async () => {
    const [i8] = await readTensors(fixtures.find((f) => f.file === 'i8_be_C.npy')?.path ?? '');
    expect(i8.data[0]).toBe(-(2 ** 63));
    expect(i8.data[1]).toBe(2 ** 63); // 2^63 - 1 rounds up
    expect(i8.data[7]).toBe(2 ** 53); // 2^53 + 1 is a tie: even wins
    expect(i8.data[8]).toBe(-(2 ** 53) - 4); // -(2^53 + 3) rounds away to the even neighbour
    const [u8] = await readTensors(fixtures.find((f) => f.file === 'u8_le_F.npy')?.path ?? '');
    expect(u8.data[1]).toBe(2 ** 64); // 2^64 - 1
  });

  it('Fortran order is transposed to C order', async () => {
    const [c] = await readTensors(fixtures.find((f) => f.file === 'f4_be_C.npy')?.path ?? '');
    const [fo] = await readTensors(fixtures.find((f) => f.file === 'f4_be_F.npy')?.path ?? '');
    expect(fo.shape).toEqual([3, 4]);
    expect(Array.from(fo.data)).toEqual(Array.from(c.data));
  });

  it('names: file stem for single tensors, npz entries without .npy (nested paths kept), JSON keys', async () => {
    const names = async (file: string): Promise<string[]> => (await readTensors(fixtures.find((f) => f.file === file)?.path ?? '')).map((t) => t.name);
    expect(await names('version_3.npy')).toEqual(['version_3']);
    expect(await names('savez_compressed.npz')).toEqual(['W', 'b', 'layer1/W']);
    expect(await names('nested.json')).toEqual(['nested']);
    expect(await names('unicode_bom.json')).toEqual(['Wé', 'unicodé']);
  });
});

describe('prototype safety', () => {
  it('__proto__, constructor, toString and hasOwnProperty are tensor names and Object.prototype is untouched', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const tensors = await readTensors(fixtures.find((f) => f.file === 'proto_keys.json')?.path ?? '');
    expect(tensors.map((t) => t.name)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    expect(Array.from(tensors[0].data)).toEqual([1, 2, 3, 4]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    const probe: Record<string, unknown> = {};
    expect(probe.shape).toBeUndefined();
    expect(probe.data).toBeUndefined();
    expect(typeof Object.prototype.toString).toBe('function');
  });

  it('a __proto__ key in safetensors metadata is just a key', async () => {
    const { metadata } = await readWeightFile(fixtures.find((f) => f.file === 'all_dtypes.safetensors')?.path ?? '');
    expect(metadata.get('__proto__')).toBe('just a key');
    expect(({} as Record<string, unknown>).format).toBeUndefined();
  });
});
