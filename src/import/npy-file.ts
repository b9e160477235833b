/**
 * Reading a .npy file from disk without holding the whole file in memory:
 * the header is read first, then the data go into the result (float32 or
 * float64, see valueArray), so the only large allocation is the result itself
 * (numpy's own reader likewise allocates just the array). Data already stored
 * as the result's type (same-endian float32/float64, C order, the common case)
 * are read in one call straight into the result's bytes; the rest stream
 * through two small reused buffers and are decoded chunk by chunk.
 */
import type { FileHandle } from 'node:fs/promises';
import { decodeElements, isHostFloat } from './element-decode.js';
import { openForReading, readAt, readAtSync, rethrowFsError } from './file-bytes.js';
import { fortranToC } from './fortran-order.js';
import { npyPrelude, NPY_PRELUDE_BYTES, parseNpyHeader } from './npy.js';
import type { NpyHeader } from './npy.js';
import { InputError } from './errors.js';
import { guardTensorSize } from './size-guard.js';
import { valueArray } from './tensor.js';
import type { Tensor } from './tensor.js';

/** Bytes read per step: large enough to amortise system calls, small enough to stay in cache. */
const CHUNK_BYTES = 1 << 20;

/**
 * Read a .npy file from disk.
 *
 * @param path File path (named in errors).
 * @param name Tensor name to give the result (usually the file stem).
 * @returns The tensor in C order (float32 storage for float16/bfloat16/float32, else float64).
 * @throws InputError for unreadable, malformed, unsupported or truncated files.
 */
export async function readNpyFile(path: string, name: string): Promise<Tensor> {
  const { handle, size } = await openForReading(path);
  try {
    const header = await readHeader(path, handle, size);
    const { encoding, shape } = header;
    const count = guardTensorSize(path, 'array', shape, encoding.dtype, encoding.itemSize, size - header.dataOffset);
    const out = valueArray(encoding.dtype, count);
    if (!header.fortranOrder && isHostFloat(encoding)) {
      // One read, no decoding: `node scripts/bench/import.mjs` measured 92 → 15 ms
      // for 16384 × 768 float32 with huge pages (np.load 10–12 ms); the chunked loop's
      // reads and copies cost more than the page faults they were meant to hide.
      // Synchronous: the same read on libuv's pool took 13.4–15.7 ms against
      // 10.8–11.2 ms (interleaved, 15 each), and it blocks only while one file loads.
      const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
      if (readAtSync(handle, bytes, header.dataOffset) < bytes.length) throw new InputError(path, 'the file shrank while being read');
      return { name, dtype: encoding.dtype, shape, data: out };
    }
    // Whole elements per chunk, so no element straddles two reads. Two buffers
    // alternate: the next read runs on libuv's thread pool while this chunk is
    // widened on the main thread.
    const perChunk = Math.max(1, Math.floor(CHUNK_BYTES / encoding.itemSize));
    const buffers = [new Uint8Array(perChunk * encoding.itemSize), new Uint8Array(perChunk * encoding.itemSize)];
    const readChunk = (index: number): Promise<number> => {
      const first = index * perChunk;
      const want = Math.min(perChunk, count - first) * encoding.itemSize;
      return readAt(handle, buffers[index % 2], want, header.dataOffset + first * encoding.itemSize);
    };
    const chunks = Math.ceil(count / perChunk);
    let pending = chunks > 0 ? readChunk(0) : Promise.resolve(0);
    for (let index = 0; index < chunks; index++) {
      const got = await pending;
      const first = index * perChunk;
      const n = Math.min(perChunk, count - first);
      if (got < n * encoding.itemSize) throw new InputError(path, 'the file shrank while being read');
      if (index + 1 < chunks) pending = readChunk(index + 1);
      decodeElements(encoding, buffers[index % 2], n, out, first);
    }
    return { name, dtype: encoding.dtype, shape, data: header.fortranOrder ? fortranToC(out, shape) : out };
  } catch (e) {
    if (e instanceof InputError) throw e;
    rethrowFsError(path, e);
  } finally {
    await handle.close();
  }
}

/** numpy pads headers to 64 bytes; one read of this many covers all but hand-made ones. */
const HEADER_GUESS_BYTES = 4096;

async function readHeader(path: string, handle: FileHandle, size: number): Promise<NpyHeader> {
  // One read for the common case: each asynchronous call costs ≈ 0.3 ms here.
  const guess = new Uint8Array(Math.min(size, HEADER_GUESS_BYTES));
  await readAt(handle, guess, guess.length, 0);
  const { dataOffset } = npyPrelude(path, guess.subarray(0, NPY_PRELUDE_BYTES));
  if (dataOffset <= guess.length) return parseNpyHeader(path, guess.subarray(0, dataOffset));
  const head = new Uint8Array(Math.min(size, dataOffset));
  await readAt(handle, head, head.length, 0);
  return parseNpyHeader(path, head);
}
