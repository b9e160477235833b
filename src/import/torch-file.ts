/**
 * PyTorch files written by `torch.save` (.pt, .pth, .bin, .ckpt), read without
 * running their pickle (see pickle.ts and torch-pickle.ts).
 *
 * Two containers (torch/serialization.py):
 * - zip (PyTorch ≥ 1.6): `<root>/data.pkl` is the pickled object, each storage
 *   is the stored entry `<root>/data/<key>`, `<root>/byteorder` says `little`
 *   or `big` (absent before 2.1: little), `<root>/version` the format version.
 *   The root folder is named after the file when it was saved and varies.
 * - legacy (`_use_new_zipfile_serialization=False`, and every file before 1.6):
 *   five pickles in a row (magic number 0x1950a86a20f9469cfc6c, protocol
 *   version 1001, sys_info with `little_endian`, the object, the list of
 *   storage keys), then per key a little-endian u64 element count and the raw elements.
 *
 * The object is flattened to dotted names: a state dict's keys as they are,
 * nested dicts (`{'model_state_dict': {...}}`, Lightning's `state_dict`) as
 * `model_state_dict.encoder.weight`, lists by index. Numbers and strings
 * beside the tensors (epoch, step, config values) become metadata. Tensors of
 * more than 3 dimensions (convolution kernels) are skipped and listed in the
 * metadata key `tegum.skipped`, so a checkpoint with them still opens.
 */
import { ITEM_SIZE, decodeValues } from './element-decode.js';
import type { ElementEncoding } from './element-decode.js';
import { InputError } from './errors.js';
import { formatShape, quote } from './format.js';
import { PickleError, PyDict, PyList, PyTuple, unpickle } from './pickle.js';
import type { PyValue } from './pickle.js';
import type { ReadOptions, WeightFile } from './read-bytes.js';
import { elementCount, guardTensorSize, guardWidened, MAX_DIMENSIONS } from './size-guard.js';
import { valueArray } from './tensor.js';
import type { Tensor } from './tensor.js';
import { StorageRef, TensorRef, torchHooks } from './torch-pickle.js';
import { readZipDirectory } from './zip-directory.js';
import type { ZipEntry } from './zip-directory.js';
import { extractZipEntry } from './zip-extract.js';

const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;
const LEGACY_PROTOCOL = 1001;
/** Containers nested deeper than this are refused (a state dict is 1–3 levels deep). */
const MAX_DEPTH = 64;
/** Metadata entries kept from a checkpoint (its non-tensor scalars). */
const MAX_METADATA = 256;

/** A storage's bytes and their byte order. */
interface StorageData {
  bytes: Uint8Array;
  littleEndian: boolean;
}

/**
 * Read every tensor of a PyTorch file held in memory.
 *
 * @param file File named in errors.
 * @param stem Name for a file holding a single bare tensor.
 * @param bytes The whole file.
 * @param opts Size policy ({@link ReadOptions}).
 * @returns Tensors (C order; float32 storage for float16/bfloat16/float32, else float64) under their dotted names, and the scalars beside them as metadata.
 * @throws InputError for other containers, refused pickle globals, malformed pickles,
 *   storages missing or too short, and views outside their storage.
 */
export function readTorch(file: string, stem: string, bytes: Uint8Array, opts: ReadOptions = {}): WeightFile {
  try {
    const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
    if (isZip) return readZipTorch(file, stem, bytes, opts);
    if (bytes[0] === 0x80) return readLegacyTorch(file, stem, bytes, opts);
    if (bytes.length > 262 && new TextDecoder('latin1').decode(bytes.subarray(257, 262)) === 'ustar') {
      throw new InputError(file, 'a tar archive (PyTorch before 0.4 saved checkpoints as tar); load it with that PyTorch and save again with torch.save');
    }
    throw new InputError(file, 'not a PyTorch file: neither a zip archive with data.pkl (torch.save) nor a legacy pickle stream');
  } catch (e) {
    if (e instanceof PickleError) throw new InputError(file, e.message);
    throw e;
  }
}

function readZipTorch(file: string, stem: string, bytes: Uint8Array, opts: ReadOptions): WeightFile {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(file, bytes);
  } catch (e) {
    if (e instanceof InputError && e.reason.startsWith('not a zip archive')) {
      throw new InputError(file, 'truncated PyTorch file: it starts as a zip archive (torch.save) but has no end-of-central-directory record');
    }
    throw e;
  }
  const pickles = entries.filter((e) => /^[^/]+\/data\.pkl$/.test(e.name));
  if (entries.some((e) => /^[^/]+\/constants\.pkl$/.test(e.name))) {
    throw new InputError(file, 'a TorchScript archive (torch.jit.save); tegum reads state dicts: torch.save(model.state_dict(), "model.pt")');
  }
  if (pickles.length !== 1) {
    const npz = entries.some((e) => e.name.endsWith('.npy'));
    const found = pickles.length === 0 ? 'no data.pkl' : `${pickles.length} data.pkl entries`;
    throw new InputError(file, `a zip archive with ${found}, so not a torch.save file${npz ? ' (it holds .npy entries: rename it to .npz)' : ''}`);
  }
  const root = pickles[0].name.slice(0, -'data.pkl'.length);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const orderEntry = byName.get(`${root}byteorder`);
  const order = orderEntry === undefined ? 'little' : new TextDecoder('latin1').decode(extractZipEntry(file, bytes, orderEntry)).trim();
  if (order !== 'little' && order !== 'big') throw new InputError(file, `byteorder entry says ${quote(order)}, expected 'little' or 'big'`);
  const storages = new Map<string, StorageRef>();
  const { value } = unpickle(extractZipEntry(file, bytes, pickles[0]), 0, torchHooks(storages));
  const data = new Map<string, StorageData>();
  for (const key of storages.keys()) {
    const entry = byName.get(`${root}data/${key}`);
    if (entry === undefined) throw new InputError(file, `storage ${quote(key)} has no entry ${quote(`${root}data/${key}`)} in the archive`);
    data.set(key, { bytes: extractZipEntry(file, bytes, entry), littleEndian: order === 'little' });
  }
  return materialise(file, stem, value, data, bytes.length, opts);
}

function readLegacyTorch(file: string, stem: string, bytes: Uint8Array, opts: ReadOptions): WeightFile {
  const plain = { findGlobal: () => undefined };
  const magic = unpickle(bytes, 0, plain);
  if (magic.value !== LEGACY_MAGIC) {
    throw new InputError(
      file,
      'a pickle, not a PyTorch file (no torch.save magic number); tegum never unpickles arbitrary objects: save the arrays with np.savez or safetensors',
    );
  }
  const protocol = unpickle(bytes, magic.end, plain);
  if (protocol.value !== LEGACY_PROTOCOL)
    throw new InputError(file, `unsupported legacy PyTorch protocol version ${JSON.stringify(protocol.value) ?? 'unknown'}`);
  const sysInfo = unpickle(bytes, protocol.end, plain);
  const littleEndian = !(sysInfo.value instanceof PyDict) || lookup(sysInfo.value, 'little_endian') !== false;
  const storages = new Map<string, StorageRef>();
  const object = unpickle(bytes, sysInfo.end, torchHooks(storages));
  const keys = unpickle(bytes, object.end, plain);
  if (!(keys.value instanceof PyList) || !keys.value.items.every((k) => typeof k === 'string')) {
    throw new InputError(file, 'malformed legacy PyTorch file: the storage key list is not a list of strings');
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const data = new Map<string, StorageData>();
  let p = keys.end;
  for (const key of keys.value.items) {
    const ref = storages.get(key);
    if (ref === undefined) throw new InputError(file, `malformed legacy PyTorch file: storage ${quote(key)} is listed but never used`);
    if (p + 8 > bytes.length) throw new InputError(file, `truncated legacy PyTorch file: storage ${quote(key)} is missing`);
    const hi = dv.getUint32(p + 4, true);
    const numel = hi * 4294967296 + dv.getUint32(p, true);
    const length = numel * ITEM_SIZE[ref.dtype];
    if (hi >= 0x200000 || p + 8 + length > bytes.length) {
      throw new InputError(
        file,
        `truncated legacy PyTorch file: storage ${quote(key)} declares ${numel} element${numel === 1 ? '' : 's'}, beyond the end of the file`,
      );
    }
    data.set(key, { bytes: bytes.subarray(p + 8, p + 8 + length), littleEndian });
    p += 8 + length;
  }
  return materialise(file, stem, object.value, data, bytes.length, opts);
}

function lookup(d: PyDict, key: string): PyValue | undefined {
  const i = d.keys.indexOf(key);
  return i < 0 ? undefined : d.values[i];
}

/** Walk the unpickled object: tensors under dotted names, scalars as metadata. */
function flatten(file: string, stem: string, root: PyValue): { refs: Array<[string, TensorRef]>; metadata: Map<string, string> } {
  const refs: Array<[string, TensorRef]> = [];
  const metadata = new Map<string, string>();
  const names = new Set<string>();
  const open = new Set<PyValue>();
  const visit = (v: PyValue, name: string, depth: number): void => {
    if (v instanceof TensorRef) {
      const shown = name === '' ? stem : name;
      if (names.has(shown)) throw new InputError(file, `two tensors are both named ${quote(shown)} once nested names are joined with dots`);
      names.add(shown);
      refs.push([shown, v]);
      return;
    }
    const join = (key: string): string => (name === '' ? key : `${name}.${key}`);
    if (v instanceof PyDict || v instanceof PyList || v instanceof PyTuple) {
      if (depth >= MAX_DEPTH) throw new InputError(file, `the checkpoint nests containers deeper than ${MAX_DEPTH} levels`);
      if (open.has(v)) return; // a container holding itself: nothing new below
      open.add(v);
      if (v instanceof PyDict) {
        v.keys.forEach((k, i) => {
          if (typeof k === 'string' || typeof k === 'number' || typeof k === 'bigint' || typeof k === 'boolean') visit(v.values[i], join(String(k)), depth + 1);
        });
      } else {
        v.items.forEach((item, i) => visit(item, join(String(i)), depth + 1));
      }
      open.delete(v);
      return;
    }
    const scalar = typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string';
    if (name === '' || metadata.size >= MAX_METADATA) return;
    if (scalar) metadata.set(name, String(v).slice(0, 200));
    else if (typeof v === 'boolean') metadata.set(name, v ? 'True' : 'False'); // as Python prints it
  };
  visit(root, '', 0);
  return { refs, metadata };
}

function materialise(file: string, stem: string, root: PyValue, data: Map<string, StorageData>, fileSize: number, opts: ReadOptions): WeightFile {
  const { refs, metadata } = flatten(file, stem, root);
  const skipped: string[] = [];
  const kept = refs.filter(([name, ref]) => {
    if (ref.shape.length <= MAX_DIMENSIONS) return true;
    skipped.push(`${quote(name)} ${formatShape(ref.shape)}`);
    return false;
  });
  if (skipped.length > 0) metadata.set('tegum.skipped', `tensors of more than ${MAX_DIMENSIONS} dimensions: ${skipped.join(', ')}`);
  guardWidened(
    file,
    kept.reduce((sum, [, ref]) => sum + elementCount(ref.shape), 0),
    fileSize,
    opts,
    'its tensors',
  );
  const tensors = kept.map(([name, ref]) => readView(file, name, ref, data));
  return { tensors, metadata };
}

/** Decode one strided view of a storage into a C-order tensor (storage as valueArray picks). */
function readView(file: string, name: string, ref: TensorRef, data: Map<string, StorageData>): Tensor {
  const { storage, shape, stride } = ref;
  const what = `tensor ${quote(name)}`;
  const stored = data.get(storage.key);
  if (stored === undefined) throw new InputError(file, `${what}: storage ${quote(storage.key)} is missing`);
  const itemSize = ITEM_SIZE[storage.dtype];
  const holds = Math.floor(stored.bytes.length / itemSize) - storage.offset;
  if (holds < storage.numel) {
    throw new InputError(
      file,
      `${what}: storage ${quote(storage.key)} declares ${storage.numel} elements but holds ${Math.max(0, holds)} (truncated or corrupt)`,
    );
  }
  const count = guardTensorSize(file, what, shape, storage.dtype, 1, Infinity);
  if (count === 0) return { name, dtype: storage.dtype, shape, data: valueArray(storage.dtype, 0) };
  let last = ref.offset;
  for (let d = 0; d < shape.length; d++) last += (shape[d] - 1) * stride[d];
  if (last >= storage.numel) {
    throw new InputError(
      file,
      `${what} ${formatShape(shape)} with strides ${formatShape(stride)} from offset ${ref.offset} reaches element ${last} of a storage of ${storage.numel}`,
    );
  }
  const encoding: ElementEncoding = { dtype: storage.dtype, itemSize, littleEndian: stored.littleEndian };
  const first = (storage.offset + ref.offset) * itemSize;
  if (isContiguous(shape, stride)) return { name, dtype: storage.dtype, shape, data: decodeValues(encoding, stored.bytes.subarray(first), count) };
  // A view (a transpose, a slice with steps): decode the span it touches once, then gather.
  const span = decodeValues(encoding, stored.bytes.subarray(first), last - ref.offset + 1);
  const out = valueArray(storage.dtype, count);
  gather(span, shape, stride, out);
  return { name, dtype: storage.dtype, shape, data: out };
}

/** Whether strides are C order's (dimensions of size 1 may have any stride). */
function isContiguous(shape: number[], stride: number[]): boolean {
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d] !== 1 && stride[d] !== expected) return false;
    expected *= shape[d];
  }
  return true;
}

/** out[C-order index of (i, j, k)] = span[i·s0 + j·s1 + k·s2], for up to 3 dimensions. */
function gather(span: Float32Array | Float64Array, shape: number[], stride: number[], out: Float32Array | Float64Array): void {
  const [n0, n1, n2] = [shape[0] ?? 1, shape[1] ?? 1, shape[2] ?? 1];
  const [s0, s1, s2] = [stride[0] ?? 0, stride[1] ?? 0, stride[2] ?? 0];
  let k = 0;
  for (let i = 0; i < n0; i++) {
    for (let j = 0; j < n1; j++) {
      const base = i * s0 + j * s1;
      for (let l = 0; l < n2; l++) out[k++] = span[base + l * s2];
    }
  }
}
