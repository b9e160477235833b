import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, readTensors, readTensorsFromBytes } from '../../src/import/index.js';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { formatBytePair } from '../../src/import/format.js';
import { guardTensorSize, guardWidened, WIDENED_FLOOR } from '../../src/import/size-guard.js';
import { BAD, FIXTURES } from './fixtures.js';

/** Each hostile fixture and what its one-line reason must say. */
const CASES: Array<[string, RegExp]> = [
  // .npy
  ['truncated.npy', /shape \(10, 10\) float32 needs 400 B but the file holds 250 B/],
  ['truncated_header.npy', /truncated \.npy header/],
  ['bad_magic.npy', /not a \.npy file \(bad magic/],
  ['not_npy.npy', /not a \.npy file/],
  ['empty.npy', /^empty file$/],
  ['bad_version.npy', /unsupported \.npy format version 4\.0/],
  ['object.npy', /pickled object array; tegum never unpickles/],
  ['structured.npy', /structured dtype/],
  ['unicode.npy', /string\/bytes dtype '<U3'/],
  ['bytes.npy', /string\/bytes dtype '\|S2'/],
  ['complex.npy', /complex dtype '<c8'/],
  ['complex128.npy', /complex dtype '<c16'/],
  ['datetime.npy', /datetime\/timedelta dtype '<M8\[D\]'/],
  ['timedelta.npy', /datetime\/timedelta dtype '<m8\[s\]'/],
  ['longdouble.npy', /unsupported dtype '<f16'/],
  ['four_d.npy', /4 dimensions \(2, 2, 2, 2\); tegum reads tensors of 0 to 3 dimensions/],
  ['huge_shape.npy', /shape \(1000000, 1000000\) float32 needs 4\.0 TB but the file holds 1\.2 kB/],
  ['header_eval.npy', /malformed \.npy header/],
  ['header_missing_shape.npy', /malformed \.npy header: keys must be/],
  ['header_extra_key.npy', /malformed \.npy header: keys must be.*'evil'/],
  ['header_not_dict.npy', /malformed \.npy header: not a dict/],
  ['header_negative_dim.npy', /'shape' must be a tuple of non-negative integers/],
  ['header_float_dim.npy', /malformed \.npy header/],
  ['header_fortran_int.npy', /'fortran_order' must be True or False/],
  ['header_pipe_multibyte.npy', /byte order '\|' on multi-byte/],
  ['header_unknown_dtype.npy', /unsupported dtype '<f3'/],
  ['header_unterminated.npy', /malformed \.npy header/],
  // .npz
  ['zip_bomb.npz', /zip bomb: entries declare 3\.0 GB uncompressed from a 8\.0 kB archive/],
  ['impossible_ratio.npz', /declares 200\.0 MB from .* of deflate data, more than deflate can produce/],
  ['size_lie_small.npz', /inflates past its declared size/],
  ['size_lie_large.npz', /inflates to 16\.1 kB but declares 17\.1 kB/],
  ['not_a_zip.npz', /not a zip archive/],
  ['truncated.npz', /not a zip archive/],
  ['cd_beyond_file.npz', /central directory .* lies beyond the file/],
  ['empty.npz', /^empty file$/],
  ['no_npy_entries.npz', /no \.npy entries .*'readme\.txt'/],
  ['no_entries.npz', /no \.npy entries .*empty/],
  ['object_inside.npz', /entry 'W\.npy': .*pickled object array; tegum never unpickles/],
  ['corrupt_deflate.npz', /entry 'W\.npy' (is corrupt|inflates)/],
  // .json
  ['ragged.json', /ragged array: W\[3\] has 2 elements but W\[0\] has 3/],
  ['ragged_deep.json', /ragged array: W\[1\]\[1\] has 1 element but W\[0\]\[0\] has 2/],
  ['ragged_scalar_row.json', /ragged array: ragged_scalar_row\[1\] is a number but ragged_scalar_row\[0\] is an array/],
  ['ragged_extra_depth.json', /ragged array: ragged_extra_depth\[1\]\[1\] is an array/],
  ['strings.json', /W\[1\]\[1\] is a string \("abc"\); tegum reads numbers only/],
  ['null.json', /W\[1\] is null; tegum reads numbers only/],
  ['boolean.json', /boolean\[0\] is a boolean/],
  ['syntax.json', /invalid JSON at line 1 column \d+/],
  ['truncated.json', /invalid JSON/],
  ['duplicate_key.json', /duplicate key "W"/],
  ['four_d.json', /more than 3 dimensions/],
  ['shape_mismatch.json', /data has 5 values but shape \(2, 3\) needs 6/],
  ['shape_nested_mismatch.json', /W\.data has shape \(2, 3\) but W\.shape is \(3, 2\)/],
  ['bad_shape.json', /W\.shape must be a list of non-negative integers/],
  ['string_root.json', /holds a string/],
  ['empty_object.json', /holds no tensors/],
  ['empty.json', /^empty file$/],
  ['deep_nesting.json', /nested deeper than 256 levels/],
  ['hex_number.json', /invalid JSON/],
  ['proto_string.json', /__proto__ is a string/],
  ['latin1.json', /not valid UTF-8/],
  // .safetensors
  ['st_offsets_out_of_range.safetensors', /tensor 'b' data_offsets \[24, 40\] lie outside the data section of 36 B/],
  ['st_overlap.safetensors', /tensors 'W' \[0, 24\] and 'b' \[12, 24\] overlap/],
  ['st_size_mismatch.safetensors', /tensor 'b' of shape \(3,\) F32 needs 12 B but its data_offsets span 8 B/],
  ['st_reversed_offsets.safetensors', /data_offsets must be \[begin, end\]/],
  ['st_header_beyond_file.safetensors', /header length 10\.0 kB runs beyond the file/],
  ['st_huge_header_len.safetensors', /header length .* runs beyond the file/],
  ['st_bad_dtype.safetensors', /unsupported dtype 'F8_E4M3'/],
  ['st_huge_shape.safetensors', /needs 4\.0 TB but its data_offsets span 8 B/],
  ['st_four_d.safetensors', /4 dimensions/],
  ['st_bad_metadata.safetensors', /__metadata__ value 'n' is not a string/],
  ['st_bad_json.safetensors', /malformed safetensors header: invalid JSON/],
  ['st_too_short.safetensors', /too short for a safetensors header/],
  ['st_empty.safetensors', /^empty file$/],
  // PyTorch: pickles that would run code (each proven to by make_torch_fixtures.py), and broken containers
  ['pickle_marker.pt', /^refusing pickle global posix\.system; tegum never runs code from a file$/],
  ['pickle_marker_p4.pth', /^refusing pickle global posix\.system; tegum never runs code from a file$/],
  ['pickle_marker_legacy.pt', /^refusing pickle global posix\.system; tegum never runs code from a file$/],
  ['pickle_marker_in_state_dict.bin', /^refusing pickle global posix\.system; tegum never runs code from a file$/],
  ['pickle_eval.ckpt', /^refusing pickle global __builtin__\.eval; tegum never runs code from a file$/],
  ['torch_plain_pickle.pt', /a pickle, not a PyTorch file \(no torch\.save magic number\)/],
  ['torch_not_torch.pt', /not a PyTorch file/],
  ['torch_truncated.pt', /truncated PyTorch file: it starts as a zip archive/],
  ['torch_legacy_truncated.pt', /truncated legacy PyTorch file: storage '\d+' declares \d+ elements?, beyond the end of the file/],
  ['torch_npz_renamed.pt', /no data\.pkl, so not a torch\.save file \(it holds \.npy entries: rename it to \.npz\)/],
  ['torch_short_storage.pt', /tensor 'W': storage '0' declares 12 elements but holds 11/],
  ['torch_crc.pt', /entry 'short\/data\/0' fails its CRC-32 check/],
  ['torch_view_out_of_range.pt', /tensor 'W' \(100,\) with strides \(1,\) from offset 0 reaches element 99 of a storage of 4/],
  ['torch_torchscript.pt', /a TorchScript archive \(torch\.jit\.save\); tegum reads state dicts/],
  // holes fuzzing found
  ['overlap.npz', /corrupt or hostile zip archive: entry 'W0\.npy' overlaps entry 'W1\.npy'/],
  ['crc_mismatch.npz', /entry 'W\.npy' fails its CRC-32 check/],
  ['eocd_count.npz', /the end record counts 1 entry but the central directory holds more/],
  ['zeros_compressed.npz', /refusing to read 320\.0 MB of float64 values \(its arrays\) from a file of 39\.\d kB .*pass --allow-large/],
  ['truncated_one_byte.npy', /needs 1,536 B but the file holds 1,535 B/],
  ['ragged_huge_first_row.json', /ragged array: ragged_huge_first_row\[0\]\[1\] has 1 element but ragged_huge_first_row\[0\]\[0\] has 2100/],
  // sharded indexes
  ['sharded/escape.safetensors.index.json', /shard name '\.\.\/escape\.safetensors' is not a plain file name/],
  ['sharded/absolute.safetensors.index.json', /shard name '\/etc\/passwd' is not a plain file name/],
  ['sharded/missing.safetensors.index.json', /shard 'nowhere\.safetensors' is missing/],
  ['sharded/absent_tensor.safetensors.index.json', /tensor 'Q' is mapped to shard 'shard\.safetensors' but that shard has no such tensor/],
  ['sharded/no_weight_map.safetensors.index.json', /not a safetensors index/],
  ['sharded/bad_shard.safetensors.index.json', /^shard 'corrupt_shard\.safetensors': malformed safetensors header/],
];

async function reasonOf(run: () => unknown, file: string): Promise<string> {
  try {
    await run();
  } catch (e) {
    expect(e, `${file} threw ${String(e)}`).toBeInstanceOf(InputError);
    const err = e as InputError;
    expect(err.reason).not.toMatch(/[\n\r]/);
    return err.reason;
  }
  throw new Error(`${file} was accepted`);
}

describe('hostile and broken files give a one-line InputError', () => {
  it.each(CASES)('readTensors(%s)', async (file, pattern) => {
    const path = join(BAD, file);
    const reason = await reasonOf(() => readTensors(path), file);
    expect(reason).toMatch(pattern);
  });

  it.each(CASES.filter(([file]) => !file.includes('index.json')))('readTensorsFromBytes(%s)', async (file, pattern) => {
    const bytes = new Uint8Array(readFileSync(join(BAD, file)));
    const reason = await reasonOf(() => readTensorsFromBytes(basename(file), bytes), file);
    expect(reason).toMatch(pattern);
  });

  it('every file in the bad folder is covered', async () => {
    const listed = new Set(CASES.map(([f]) => f));
    const present = [
      ...readdirSync(BAD).filter((f) => f !== 'sharded'),
      ...readdirSync(join(BAD, 'sharded'))
        .filter((f) => f.endsWith('.index.json'))
        .map((f) => `sharded/${f}`),
    ];
    expect(present.filter((f) => !listed.has(f))).toEqual([]);
  });
});

describe('dispatch errors', () => {
  it('an unknown extension lists the supported ones', async () => {
    const reason = await reasonOf(() => readTensors(join(FIXTURES, 'stats.expected.txt')), 'txt');
    expect(reason).toMatch(
      /^a text file; if it is a table of numbers convert with np\.savez\('W\.npz', W=np\.loadtxt\(path\)\) \(tegum reads \.npy, \.npz, \.json, \.safetensors/,
    );
    const unknown = await reasonOf(() => readTensors(join(FIXTURES, 'weights.xyz')), 'xyz');
    expect(unknown).toMatch(
      /^unsupported file type; tegum reads \.npy, \.npz, \.json, \.safetensors \(and sharded \.safetensors\.index\.json\), PyTorch \.pt\/\.pth\/\.bin\/\.ckpt$/,
    );
  });

  it('a missing file is an InputError, not an fs exception', async () => {
    expect(await reasonOf(() => readTensors(join(BAD, 'nope.npy')), 'nope.npy')).toBe('no such file');
    expect(await reasonOf(() => readTensors(join(BAD, 'nope.npz')), 'nope.npz')).toBe('no such file');
  });

  it('a directory is an InputError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-import-'));
    try {
      for (const name of ['looks_like.npy', 'looks_like.npz', 'looks_like.safetensors']) {
        mkdirSync(join(dir, name));
        expect(await reasonOf(() => readTensors(join(dir, name)), name)).toMatch(/is a directory/);
      }
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('a sharded index cannot be read from bytes', async () => {
    const reason = await reasonOf(() => readTensorsFromBytes('model.safetensors.index.json', new Uint8Array([123, 125])), 'index');
    expect(reason).toMatch(/only be opened from a path/);
  });

  it('the error names the file it was given', async () => {
    const path = join(BAD, 'ragged.json');
    await expect(readTensors(path)).rejects.toMatchObject({ file: path });
  });
});

describe('size guard', () => {
  it('refuses more than 2^31 elements even when the bytes are there', () => {
    expect(() => guardTensorSize('f', 'array', [65536, 65536], 'bool', 1, 2 ** 33)).toThrow(
      /array of shape \(65536, 65536\) has 4294967296 elements; tegum reads at most 2\^31 elements per tensor/,
    );
  });

  it('accepts exactly what the bytes hold and returns the element count', () => {
    expect(guardTensorSize('f', 'array', [3, 4], 'float32', 4, 48)).toBe(12);
    expect(guardTensorSize('f', 'array', [], 'float64', 8, 8)).toBe(1);
  });
});

describe('holes fuzzing found', () => {
  it('hostile archives and arrays are refused in well under a second', async () => {
    for (const file of ['overlap.npz', 'zeros_compressed.npz', 'zip_bomb.npz', 'ragged_huge_first_row.json', 'crc_mismatch.npz', 'pickle_marker.pt']) {
      const started = performance.now();
      await reasonOf(() => readTensors(join(BAD, file)), file);
      expect(performance.now() - started, file).toBeLessThan(1000);
    }
  });

  it('a Unix socket, which cannot be opened at all, is named as one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-socket-'));
    const path = join(dir, 'W.npy');
    const server = createServer();
    try {
      await new Promise<void>((done) => server.listen(path, done));
      expect(await reasonOf(() => readTensors(path), 'socket')).toBe('is a socket, not a regular file; tegum reads weight files only');
    } finally {
      await new Promise((done) => server.close(done));
      rmSync(dir, { recursive: true });
    }
  });

  it('a FIFO is refused without waiting for a writer (opened non-blocking)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-fifo-'));
    try {
      const fifo = join(dir, 'W.npy');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      expect(await reasonOf(() => readTensors(fifo), 'fifo')).toBe('is a named pipe (FIFO), not a regular file; tegum reads weight files only');
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('the float64 budget: max(16 x file size, 256 MiB), lifted by allowLarge', () => {
    expect(WIDENED_FLOOR).toBe(256 * 2 ** 20);
    expect(() => guardWidened('f', WIDENED_FLOOR / 8, 1000, {}, 'its arrays')).not.toThrow();
    expect(() => guardWidened('f', WIDENED_FLOOR / 8 + 1, 1000, {}, 'its arrays')).toThrow(
      /refusing to read 268\.4 MB of float64 values \(its arrays\) from a file of 1\.0 kB .*--allow-large/,
    );
    expect(() => guardWidened('f', 2 * WIDENED_FLOOR, WIDENED_FLOOR, {}, 'x')).not.toThrow(); // 16x the file size
    expect(() => guardWidened('f', 2 ** 40, 1000, { allowLarge: true }, 'x')).not.toThrow();
  });

  it('exact byte counts only when the rounded sizes would read the same', () => {
    expect(formatBytePair(1536, 1535)).toEqual(['1,536 B', '1,535 B']);
    expect(formatBytePair(400, 250)).toEqual(['400 B', '250 B']);
    expect(formatBytePair(4e12, 1200)).toEqual(['4.0 TB', '1.2 kB']);
  });
});
