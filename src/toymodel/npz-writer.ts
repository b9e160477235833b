import { zipSync } from 'fflate';

/** A float32 array to store, with its C-order shape. */
export interface Float32Entry {
  /** Row-major values; length is the product of shape. */
  data: Float32Array;
  /** Dimensions, e.g. [m, n]. */
  shape: number[];
}

/** Zip entries get this timestamp (the DOS epoch) so the same arrays give the same bytes. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/**
 * Encode one array as a .npy file, format version 1.0 (numpy's
 * NEP 1 / numpy.lib.format): magic, version, a little-endian uint16 header
 * length, the header dict padded with spaces and ended by a newline so the
 * data starts at a multiple of 64 bytes, then little-endian float32 data.
 *
 * @param entry - Values and shape.
 */
export function encodeNpyFloat32(entry: Float32Entry): Uint8Array {
  const { data, shape } = entry;
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== data.length) throw new RangeError(`shape [${shape.join(', ')}] holds ${size} values, got ${data.length}`);
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const preamble = 10; // magic (6) + version (2) + header length (2)
  header += ' '.repeat(63 - ((preamble + header.length) % 64)) + '\n';
  const out = new Uint8Array(preamble + header.length + 4 * data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]); // \x93NUMPY, v1.0
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[preamble + i] = header.charCodeAt(i);
  const dataStart = preamble + header.length;
  for (let i = 0; i < data.length; i++) view.setFloat32(dataStart + 4 * i, data[i], true);
  return out;
}

/**
 * Encode named float32 arrays as an .npz: a zip of `<name>.npy` entries,
 * stored uncompressed (as numpy.savez does), byte-identical for identical input.
 *
 * @param arrays - Name → array; names become `<name>.npy` inside the zip.
 */
export function encodeNpzFloat32(arrays: Record<string, Float32Entry>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, entry] of Object.entries(arrays)) files[`${name}.npy`] = encodeNpyFloat32(entry);
  return zipSync(files, { level: 0, mtime: FIXED_MTIME });
}
