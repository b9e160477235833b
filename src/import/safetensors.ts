/**
 * The safetensors format (huggingface/safetensors): an unsigned 64-bit
 * little-endian header length N, N bytes of JSON header, then the data
 * section. The header maps tensor names to `{dtype, shape, data_offsets:
 * [begin, end]}` (offsets relative to the data section) and may hold
 * `__metadata__`, a string→string map. All data are little-endian.
 */
import { InputError } from './errors.js';
import { decodeValues, ITEM_SIZE } from './element-decode.js';
import { formatBytePair, formatBytes, formatShape, quote } from './format.js';
import { isJsonObject, JsonSyntaxError, parseJson } from './json-value.js';
import type { JsonValue } from './json-value.js';
import { elementCount, guardDimensions, guardTensorSize } from './size-guard.js';
import type { DType, Tensor } from './tensor.js';

/** Tensors and free-form metadata of a safetensors file. */
export interface SafetensorsContents {
  tensors: Tensor[];
  /** The header's `__metadata__` (empty when absent). */
  metadata: Map<string, string>;
}

const DTYPES: ReadonlyMap<string, DType> = new Map([
  ['BOOL', 'bool'],
  ['U8', 'uint8'],
  ['I8', 'int8'],
  ['U16', 'uint16'],
  ['I16', 'int16'],
  ['F16', 'float16'],
  ['BF16', 'bfloat16'],
  ['U32', 'uint32'],
  ['I32', 'int32'],
  ['F32', 'float32'],
  ['U64', 'uint64'],
  ['I64', 'int64'],
  ['F64', 'float64'],
]);

/** The reference implementation refuses headers above 100 MB. */
const MAX_HEADER_BYTES = 100_000_000;

interface Declared {
  name: string;
  dtype: DType;
  shape: number[];
  begin: number;
  end: number;
}

/**
 * Read every tensor of a safetensors file held in memory.
 *
 * @param file File named in errors.
 * @param bytes The whole file.
 * @returns Tensors in header order and the `__metadata__` map.
 * @throws InputError for a short file, a header length beyond the file, malformed JSON,
 *   unsupported dtypes, and data offsets outside the data section, overlapping,
 *   or not matching shape × item size.
 */
export function readSafetensors(file: string, bytes: Uint8Array): SafetensorsContents {
  if (bytes.length === 0) throw new InputError(file, 'empty file');
  if (bytes.length < 8) throw new InputError(file, `file of ${bytes.length} bytes is too short for a safetensors header`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const headerLength = dv.getUint32(4, true) * 4294967296 + dv.getUint32(0, true);
  if (8 + headerLength > bytes.length) {
    throw new InputError(file, `safetensors header length ${formatBytes(headerLength)} runs beyond the file (${formatBytes(bytes.length)})`);
  }
  if (headerLength > MAX_HEADER_BYTES) {
    throw new InputError(file, `safetensors header of ${formatBytes(headerLength)} is implausibly large`);
  }
  let header: JsonValue;
  try {
    header = parseJson(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new InputError(file, `malformed safetensors header: ${e.message}`);
    if (e instanceof TypeError) throw new InputError(file, 'malformed safetensors header: not valid UTF-8');
    throw e;
  }
  if (!isJsonObject(header)) throw new InputError(file, 'malformed safetensors header: not a JSON object');
  const data = bytes.subarray(8 + headerLength);
  const metadata = new Map<string, string>();
  const declared: Declared[] = [];
  for (const [name, value] of header) {
    if (name === '__metadata__') readMetadata(file, value, metadata);
    else declared.push(readDeclaration(file, name, value, data.length));
  }
  checkOverlaps(file, declared);
  const tensors = declared.map(({ name, dtype, shape, begin, end }) => {
    const count = elementCount(shape);
    return { name, dtype, shape, data: decodeValues({ dtype, itemSize: ITEM_SIZE[dtype], littleEndian: true }, data.subarray(begin, end), count) };
  });
  return { tensors, metadata };
}

function readMetadata(file: string, value: JsonValue, into: Map<string, string>): void {
  if (!isJsonObject(value)) throw new InputError(file, 'malformed safetensors header: __metadata__ must be an object of strings');
  for (const [key, v] of value) {
    if (typeof v !== 'string') throw new InputError(file, `malformed safetensors header: __metadata__ value ${quote(key)} is not a string`);
    into.set(key, v);
  }
}

function readDeclaration(file: string, name: string, value: JsonValue, dataLength: number): Declared {
  const what = `tensor ${quote(name)}`;
  if (!isJsonObject(value)) throw new InputError(file, `malformed safetensors header: ${what} is not an object`);
  const dtypeName = value.get('dtype');
  const shape = value.get('shape');
  const offsets = value.get('data_offsets');
  if (typeof dtypeName !== 'string') throw new InputError(file, `malformed safetensors header: ${what} has no dtype`);
  const dtype = DTYPES.get(dtypeName);
  if (dtype === undefined) {
    throw new InputError(file, `${what} has unsupported dtype ${quote(dtypeName)}; tegum reads ${[...DTYPES.keys()].join(', ')}`);
  }
  if (!isIntegerList(shape)) throw new InputError(file, `malformed safetensors header: ${what} shape must be a list of non-negative integers`);
  if (!isIntegerList(offsets) || offsets.length !== 2 || offsets[0] > offsets[1]) {
    throw new InputError(file, `malformed safetensors header: ${what} data_offsets must be [begin, end] with begin <= end`);
  }
  const [begin, end] = offsets;
  if (end > dataLength) {
    throw new InputError(file, `${what} data_offsets [${begin}, ${end}] lie outside the data section of ${formatBytes(dataLength)}`);
  }
  guardDimensions(file, what, shape);
  const needed = elementCount(shape) * ITEM_SIZE[dtype];
  if (needed !== end - begin) {
    const [need, span] = formatBytePair(needed, end - begin);
    throw new InputError(file, `${what} of shape ${formatShape(shape)} ${dtypeName} needs ${need} but its data_offsets span ${span}`);
  }
  guardTensorSize(file, what, shape, dtypeName, ITEM_SIZE[dtype], end - begin); // the element-count limit
  return { name, dtype, shape, begin, end };
}

function isIntegerList(value: JsonValue | undefined): value is number[] {
  return Array.isArray(value) && value.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0);
}

/** Tensors must not share bytes: sort by start and compare neighbours (empty tensors share nothing). */
function checkOverlaps(file: string, declared: Declared[]): void {
  const sorted = declared.filter((d) => d.end > d.begin).sort((a, b) => a.begin - b.begin);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (cur.begin < prev.end) {
      throw new InputError(
        file,
        `tensors ${quote(prev.name)} [${prev.begin}, ${prev.end}] and ${quote(cur.name)} [${cur.begin}, ${cur.end}] overlap in the data section`,
      );
    }
  }
}
