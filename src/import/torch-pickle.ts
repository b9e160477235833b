/**
 * The allow-list of globals a `torch.save` pickle may name, each with a pure
 * stand-in, and the values they build: storage references (resolved through
 * persistent ids) and tensor views (storage, offset, shape, strides).
 * torch/serialization.py and torch/_utils.py define what is written:
 * `_rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad,
 * backward_hooks[, metadata])`, `_rebuild_parameter(data, requires_grad,
 * backward_hooks)`, and persistent ids `('storage', StorageType, key,
 * location, numel)` (zip format) with a sixth `view_metadata` item (legacy).
 */
import { PickleError, PyBytes, PyCallable, PyDict, PyList, PyOpaque, PySet, PyTuple, describeValue } from './pickle.js';
import type { PickleHooks, PyValue } from './pickle.js';
import type { DType } from './tensor.js';

/** A storage as a persistent id names it: `numel` elements of `dtype` under `key`, from element `offset` of that key's data. */
export class StorageRef extends PyOpaque {
  readonly what = 'a storage';
  constructor(
    readonly key: string,
    readonly dtype: DType,
    readonly numel: number,
    /** Elements skipped at the start of the key's data (legacy storage views). */
    readonly offset: number,
  ) {
    super();
  }
}

/** A tensor as `_rebuild_tensor_v2` describes it: a strided view of a storage. */
export class TensorRef extends PyOpaque {
  readonly what = 'a tensor';
  constructor(
    readonly storage: StorageRef,
    /** First element, in elements of the storage. */
    readonly offset: number,
    readonly shape: number[],
    /** Elements to step per index of each dimension. */
    readonly stride: number[],
  ) {
    super();
  }
}

/** A dtype object such as `torch.float32` (kept as data, e.g. in a saved config). */
class TorchDtype extends PyOpaque {
  readonly what = 'a dtype';
}

/** A storage class such as `torch.FloatStorage`; only ever named inside a persistent id. */
class StorageClass extends PyCallable {
  constructor(
    qualifiedName: string,
    readonly dtype: DType,
  ) {
    super(qualifiedName, () => {
      throw new PickleError(`malformed pickle: ${qualifiedName} called directly`);
    });
  }
}

const STORAGE_DTYPES: ReadonlyMap<string, DType> = new Map([
  ['FloatStorage', 'float32'],
  ['DoubleStorage', 'float64'],
  ['HalfStorage', 'float16'],
  ['BFloat16Storage', 'bfloat16'],
  ['LongStorage', 'int64'],
  ['IntStorage', 'int32'],
  ['ShortStorage', 'int16'],
  ['CharStorage', 'int8'],
  ['ByteStorage', 'uint8'],
  ['BoolStorage', 'bool'],
  // Untyped storages hold bytes (torch.save writes them with numel = nbytes).
  ['UntypedStorage', 'uint8'],
]);

const DTYPE_NAMES = new Set([
  'float32',
  'float',
  'float64',
  'double',
  'float16',
  'half',
  'bfloat16',
  'int64',
  'long',
  'int32',
  'int',
  'int16',
  'short',
  'int8',
  'uint8',
  'bool',
]);

function isIndex(v: PyValue): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function indexTuple(v: PyValue, what: string): number[] {
  if (!(v instanceof PyTuple) || !v.items.every(isIndex)) throw new PickleError(`malformed tensor: ${what} is not a tuple of non-negative integers`);
  return v.items;
}

function rebuildTensor(args: PyValue[]): PyValue {
  const [storage, offset, size, stride] = args;
  if (!(storage instanceof StorageRef)) throw new PickleError(`malformed tensor: its storage is ${storage === undefined ? 'missing' : describeValue(storage)}`);
  if (!isIndex(offset)) throw new PickleError('malformed tensor: storage offset is not a non-negative integer');
  const shape = indexTuple(size, 'size');
  const strides = indexTuple(stride, 'stride');
  if (strides.length !== shape.length) throw new PickleError(`malformed tensor: ${shape.length} sizes but ${strides.length} strides`);
  return new TensorRef(storage, offset, shape, strides);
}

function parameterData(args: PyValue[]): PyValue {
  if (!(args[0] instanceof TensorRef)) throw new PickleError('malformed parameter: its data is not a tensor');
  return args[0];
}

/** Python's builtins that build plain containers, called with at most one iterable. */
function container(kind: 'dict' | 'list' | 'tuple' | 'set'): (args: PyValue[]) => PyValue {
  return (args) => {
    const source = args[0];
    const items = source === undefined ? [] : source instanceof PyList || source instanceof PyTuple || source instanceof PySet ? source.items : undefined;
    if (items === undefined || args.length > 1)
      throw new PickleError(`malformed pickle: ${kind}() of ${source === undefined ? 'nothing' : describeValue(source)}`);
    if (kind === 'list') return new PyList([...items]);
    if (kind === 'tuple') return new PyTuple([...items]);
    if (kind === 'set') return new PySet([...items]);
    const d = new PyDict();
    for (const pair of items) {
      if (!(pair instanceof PyTuple || pair instanceof PyList) || pair.items.length !== 2) throw new PickleError('malformed pickle: dict() of non-pairs');
      d.set(pair.items[0], pair.items[1]);
    }
    return d;
  };
}

/** `_codecs.encode(text, 'latin1')`: how protocol 2 spells a bytes literal. */
function encodeLatin1(args: PyValue[]): PyValue {
  const [text, encoding] = args;
  if (typeof text !== 'string' || (encoding !== 'latin1' && encoding !== 'latin-1'))
    throw new PickleError('malformed pickle: _codecs.encode other than latin1');
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return new PyBytes(out);
}

/**
 * The stand-in for an allowed global, or undefined (refused).
 *
 * @param module Module as the pickle names it.
 * @param name Attribute name.
 * @returns The callable tegum substitutes.
 */
export function torchGlobal(module: string, name: string): PyCallable | undefined {
  const qualified = `${module}.${name}`;
  if (module === 'torch._utils') {
    if (name === '_rebuild_tensor_v2' || name === '_rebuild_tensor') return new PyCallable(qualified, rebuildTensor);
    if (name === '_rebuild_parameter' || name === '_rebuild_parameter_with_state') return new PyCallable(qualified, parameterData);
    return undefined;
  }
  if (module === 'torch' || module === 'torch.storage') {
    const dtype = STORAGE_DTYPES.get(name);
    if (dtype !== undefined) return new StorageClass(qualified, dtype);
    if (module === 'torch' && DTYPE_NAMES.has(name)) return new PyCallable(qualified, () => new TorchDtype());
    return undefined;
  }
  if (qualified === 'collections.OrderedDict') return new PyCallable(qualified, container('dict'));
  if (qualified === '_codecs.encode') return new PyCallable(qualified, encodeLatin1);
  if (module === 'builtins' || module === '__builtin__') {
    if (name === 'dict' || name === 'list' || name === 'tuple' || name === 'set') return new PyCallable(qualified, container(name));
    if (name === 'frozenset') return new PyCallable(qualified, container('set'));
  }
  return undefined;
}

/**
 * Pickle hooks for a PyTorch file: the allow-list, and persistent ids that
 * become {@link StorageRef}s (every one is recorded in `storages`).
 *
 * @param storages Filled with each storage key referenced, and its dtype and largest extent.
 * @returns Hooks for {@link unpickle}.
 */
export function torchHooks(storages: Map<string, StorageRef>): PickleHooks {
  // PyTorch pickles a storage's dtype class in the pickle itself; the class name
  // is read back as a global, which returns a StorageClass.
  return {
    findGlobal: torchGlobal,
    persistentLoad(pid: PyValue): PyValue {
      if (!(pid instanceof PyTuple) || pid.items[0] !== 'storage') throw new PickleError('malformed pickle: a persistent id other than a storage');
      const [, type, key, , numel, view] = pid.items;
      if (!(type instanceof StorageClass)) throw new PickleError(`malformed storage id: type is ${type === undefined ? 'missing' : describeValue(type)}`);
      if (typeof key !== 'string' || !isIndex(numel)) throw new PickleError('malformed storage id: key or size missing');
      const root = new StorageRef(key, type.dtype, numel, 0);
      const known = storages.get(key);
      if (known !== undefined && known.dtype !== root.dtype) throw new PickleError(`storage '${key}' is named with two dtypes`);
      if (known === undefined || known.numel < numel) storages.set(key, root);
      if (view === undefined || view === null) return root;
      // Legacy view_metadata: (view_key, offset, view_size) inside the root storage.
      if (!(view instanceof PyTuple) || view.items.length !== 3 || !isIndex(view.items[1]) || !isIndex(view.items[2])) {
        throw new PickleError('malformed storage id: bad view metadata');
      }
      const [offset, size] = [view.items[1], view.items[2]];
      if (offset + size > numel) throw new PickleError(`storage view [${offset}, ${offset + size}) lies outside storage '${key}' of ${numel} elements`);
      return new StorageRef(key, type.dtype, size, offset);
    },
  };
}
