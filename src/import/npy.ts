/**
 * The .npy format (numpy's NEP 1): magic `\x93NUMPY`, version byte pair, a
 * little-endian header length (u16 for 1.0, u32 for 2.0 and 3.0), a Python
 * dict literal padded with spaces and a newline, then the raw data.
 * Format 3.0 differs from 2.0 only in that the header is UTF-8, not Latin-1.
 */
import { InputError } from './errors.js';
import { decodeValues, ITEM_SIZE } from './element-decode.js';
import type { ElementEncoding } from './element-decode.js';
import { formatBytes, quote } from './format.js';
import { fortranToC } from './fortran-order.js';
import { parsePythonLiteral, PyLiteralError } from './python-literal.js';
import type { PyLiteral } from './python-literal.js';
import { guardTensorSize } from './size-guard.js';
import type { DType, Tensor } from './tensor.js';

/** What the header of a .npy file declares. */
export interface NpyHeader {
  encoding: ElementEncoding;
  /** Shape as declared (C order of the logical array, whatever the storage order). */
  shape: number[];
  /** True when the data are stored column-major. */
  fortranOrder: boolean;
  /** Byte offset of the first data byte in the file. */
  dataOffset: number;
}

/** Bytes that must be available to learn the header length (magic, version, u32 length). */
export const NPY_PRELUDE_BYTES = 12;

/** Headers larger than this are refused before decoding (numpy itself refuses above 10 kB by default). */
const MAX_HEADER_BYTES = 1 << 20;

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

const KIND_DTYPES: ReadonlyMap<string, DType> = new Map([
  ['b1', 'bool'],
  ['i1', 'int8'],
  ['i2', 'int16'],
  ['i4', 'int32'],
  ['i8', 'int64'],
  ['u1', 'uint8'],
  ['u2', 'uint16'],
  ['u4', 'uint32'],
  ['u8', 'uint64'],
  ['f2', 'float16'],
  ['f4', 'float32'],
  ['f8', 'float64'],
]);

const SUPPORTED = 'tegum reads b1, i1-i8, u1-u8, f2, f4 and f8 arrays';

/**
 * Read the fixed-size prelude: check the magic and version and return where
 * the data start.
 *
 * @param file File named in errors.
 * @param bytes The file's first bytes (at least {@link NPY_PRELUDE_BYTES}, or the whole file if shorter).
 * @returns The version's major number and the byte offset of the first data byte.
 * @throws InputError for an empty file, bad magic, an unsupported version or an implausible header length.
 */
export function npyPrelude(file: string, bytes: Uint8Array): { major: number; dataOffset: number } {
  if (bytes.length === 0) throw new InputError(file, 'empty file');
  if (bytes.length < MAGIC.length || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new InputError(file, 'not a .npy file (bad magic bytes)');
  }
  if (bytes.length < 10) throw new InputError(file, 'truncated .npy header');
  const major = bytes[6];
  const minor = bytes[7];
  if (major < 1 || major > 3 || minor !== 0) {
    throw new InputError(file, `unsupported .npy format version ${major}.${minor} (tegum reads 1.0, 2.0 and 3.0)`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (major === 1) return { major, dataOffset: 10 + dv.getUint16(8, true) };
  if (bytes.length < 12) throw new InputError(file, 'truncated .npy header');
  const headerLength = dv.getUint32(8, true);
  if (headerLength > MAX_HEADER_BYTES) {
    throw new InputError(file, `malformed .npy header: declared header length ${formatBytes(headerLength)} is implausible`);
  }
  return { major, dataOffset: 12 + headerLength };
}

/**
 * Parse the header of a .npy file.
 *
 * @param file File named in errors.
 * @param bytes The file's bytes from its start, covering at least the whole header.
 * @returns The declared dtype, shape, order and data offset.
 * @throws InputError for any malformed or unsupported header, including every
 *   non-numeric dtype (object/pickle, structured, strings, complex, datetime).
 */
export function parseNpyHeader(file: string, bytes: Uint8Array): NpyHeader {
  const { major, dataOffset } = npyPrelude(file, bytes);
  const start = major === 1 ? 10 : 12;
  if (bytes.length < dataOffset) throw new InputError(file, 'truncated .npy header');
  let text: string;
  try {
    text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1', { fatal: true }).decode(bytes.subarray(start, dataOffset));
  } catch {
    throw new InputError(file, 'malformed .npy header: not valid UTF-8');
  }
  let literal: PyLiteral;
  try {
    literal = parsePythonLiteral(text);
  } catch (e) {
    if (e instanceof PyLiteralError) throw new InputError(file, `malformed .npy header: ${e.message}`);
    throw e;
  }
  if (literal.kind !== 'dict') throw new InputError(file, 'malformed .npy header: not a dict');
  const keys = [...literal.entries.keys()].sort();
  if (keys.join(',') !== 'descr,fortran_order,shape') {
    throw new InputError(file, `malformed .npy header: keys must be 'descr', 'fortran_order' and 'shape', found ${keys.map(quote).join(', ') || 'none'}`);
  }
  const descr = literal.entries.get('descr') as PyLiteral;
  const fortran = literal.entries.get('fortran_order') as PyLiteral;
  const shapeLiteral = literal.entries.get('shape') as PyLiteral;
  if (fortran.kind !== 'bool') throw new InputError(file, "malformed .npy header: 'fortran_order' must be True or False");
  if (shapeLiteral.kind !== 'tuple' || shapeLiteral.items.some((d) => d.kind !== 'int' || d.value < 0)) {
    throw new InputError(file, "malformed .npy header: 'shape' must be a tuple of non-negative integers");
  }
  const shape = shapeLiteral.items.map((d) => (d.kind === 'int' ? d.value : 0));
  return { encoding: parseDescr(file, descr), shape, fortranOrder: fortran.value, dataOffset };
}

function parseDescr(file: string, descr: PyLiteral): ElementEncoding {
  if (descr.kind === 'list') {
    throw new InputError(file, `structured dtype (record array with fields) is not a plain numeric array; ${SUPPORTED}`);
  }
  if (descr.kind !== 'str') throw new InputError(file, "malformed .npy header: 'descr' must be a string");
  const match = /^([<>|=]?)([A-Za-z])(.*)$/.exec(descr.value);
  if (!match) throw new InputError(file, `malformed .npy header: bad descr ${quote(descr.value)}`);
  const [, order, kind, rest] = match;
  const shown = quote(descr.value);
  if (kind === 'O') throw new InputError(file, `object dtype ${shown}: pickled object array; tegum never unpickles`);
  if ('SaUV'.includes(kind)) throw new InputError(file, `string/bytes dtype ${shown} is not numeric; ${SUPPORTED}`);
  if (kind === 'c') throw new InputError(file, `complex dtype ${shown} is not supported; ${SUPPORTED}`);
  if (kind === 'M' || kind === 'm') throw new InputError(file, `datetime/timedelta dtype ${shown} is not supported; ${SUPPORTED}`);
  const dtype = KIND_DTYPES.get(kind + rest);
  if (dtype === undefined) throw new InputError(file, `unsupported dtype ${shown}; ${SUPPORTED}`);
  const itemSize = ITEM_SIZE[dtype];
  if (order === '|' && itemSize !== 1) {
    throw new InputError(file, `malformed .npy header: byte order '|' on multi-byte dtype ${shown}`);
  }
  // '=' and '' mean the writer's native order; numpy only writes them for
  // little-endian machines in practice, and '<' otherwise, so read little-endian.
  return { dtype, itemSize, littleEndian: order !== '>' };
}

/**
 * Decode the data part of a .npy file into a tensor.
 *
 * @param file File named in errors.
 * @param name Tensor name to give the result.
 * @param header The parsed header.
 * @param data Bytes from the first data byte to the end of the file.
 * @returns The tensor in C order (storage as valueArray picks for its dtype).
 * @throws InputError when the data are shorter than the shape needs.
 */
export function decodeNpyData(file: string, name: string, header: NpyHeader, data: Uint8Array): Tensor {
  const { encoding, shape } = header;
  const count = guardTensorSize(file, 'array', shape, encoding.dtype, encoding.itemSize, data.length);
  const out = decodeValues(encoding, data, count);
  return {
    name,
    dtype: encoding.dtype,
    shape,
    data: header.fortranOrder ? fortranToC(out, shape) : out,
  };
}

/**
 * Read a whole .npy file held in memory.
 *
 * @param file File named in errors.
 * @param name Tensor name to give the result (the file stem, or the npz entry name).
 * @param bytes The file's bytes.
 * @returns The tensor in C order (storage as valueArray picks for its dtype).
 * @throws InputError for any malformed, unsupported or truncated file.
 */
export function readNpy(file: string, name: string, bytes: Uint8Array): Tensor {
  const header = parseNpyHeader(file, bytes);
  return decodeNpyData(file, name, header, bytes.subarray(header.dataOffset));
}
