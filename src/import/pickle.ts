/**
 * A restricted pickle interpreter: it reads the opcodes of protocols 0–5
 * (CPython's Lib/pickletools.py documents each) into plain values and never
 * executes anything. Where a real unpickler would import a global and call
 * it, this one asks the caller's allow-list for a pure TypeScript stand-in
 * and refuses every other global by name, before anything is built from it.
 * Extension codes and out-of-band buffers are refused too.
 *
 * The interpreter only builds data: every opcode consumes at least one byte,
 * so time and the number of values are linear in the pickle's length.
 */

/** Raised for malformed or refused pickles; the caller turns it into an InputError. */
export class PickleError extends Error {}

/** Python `bytes` / `bytearray`. */
export class PyBytes {
  constructor(readonly bytes: Uint8Array) {}
}

/** Python tuple. */
export class PyTuple {
  constructor(readonly items: PyValue[]) {}
}

/** Python list (mutable: APPEND/APPENDS add to it after it is memoised). */
export class PyList {
  constructor(readonly items: PyValue[]) {}
}

/** Python set or frozenset. */
export class PySet {
  constructor(readonly items: PyValue[]) {}
}

/** Python dict or collections.OrderedDict, in insertion order. */
export class PyDict {
  private readonly index = new Map<string, number>();
  readonly keys: PyValue[] = [];
  readonly values: PyValue[] = [];

  /** Insert or replace, as `d[key] = value` (primitive keys are compared by value). */
  set(key: PyValue, value: PyValue): void {
    const id = primitiveKey(key);
    const at = id === undefined ? undefined : this.index.get(id);
    if (at !== undefined) {
      this.values[at] = value;
      return;
    }
    if (id !== undefined) this.index.set(id, this.keys.length);
    this.keys.push(key);
    this.values.push(value);
  }
}

/** A global the allow-list admitted: calling it runs only the stand-in given here. */
export class PyCallable {
  constructor(
    /** `module.name`, for error messages. */
    readonly qualifiedName: string,
    /** The pure stand-in for calling the global with positional arguments. */
    readonly call: (args: PyValue[]) => PyValue,
  ) {}
}

/** A value a stand-in built that the interpreter treats as opaque (a tensor, a storage, a dtype). */
export abstract class PyOpaque {
  /** Describes the value in error messages. */
  abstract readonly what: string;
}

export type PyValue = null | boolean | number | bigint | string | PyBytes | PyTuple | PyList | PySet | PyDict | PyCallable | PyOpaque;

/** How the caller supplies what pickle cannot: globals and persistent references. */
export interface PickleHooks {
  /** The stand-in for `module.name`, or undefined to refuse it. */
  findGlobal(module: string, name: string): PyCallable | undefined;
  /** The value a persistent id stands for (PyTorch storages). Omit to refuse persistent ids. */
  persistentLoad?(pid: PyValue): PyValue;
}

function primitiveKey(key: PyValue): string | undefined {
  if (typeof key === 'string') return `s${key}`;
  if (typeof key === 'number') return `n${key}`;
  if (typeof key === 'bigint') return Number.isSafeInteger(Number(key)) ? `n${Number(key)}` : `b${key}`;
  if (typeof key === 'boolean') return `n${key ? 1 : 0}`;
  if (key === null) return 'none';
  return undefined;
}

/** Integers from LONG opcodes longer than this many bytes are refused (PyTorch's largest is 10 bytes). */
const MAX_LONG_BYTES = 64;

/**
 * Interpret one pickle.
 *
 * @param bytes Buffer holding the pickle at `start` (more data may follow).
 * @param start Offset of the first opcode.
 * @param hooks Allow-list of globals and the persistent-id resolver.
 * @returns The unpickled value and the offset just past its STOP opcode.
 * @throws PickleError for truncated or malformed pickles and for refused globals.
 */
export function unpickle(bytes: Uint8Array, start: number, hooks: PickleHooks): { value: PyValue; end: number } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const latin1 = new TextDecoder('latin1');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let p = start;
  let stack: PyValue[] = [];
  const marks: PyValue[][] = [];
  const memo = new Map<number, PyValue>();

  const need = (n: number): number => {
    if (n < 0 || p + n > bytes.length) throw new PickleError('truncated pickle');
    const at = p;
    p += n;
    return at;
  };
  const take = (n: number): Uint8Array => {
    const at = need(n);
    return bytes.subarray(at, at + n);
  };
  const line = (): string => {
    const end = bytes.indexOf(0x0a, p);
    if (end < 0) throw new PickleError('truncated pickle (unterminated text argument)');
    const text = latin1.decode(bytes.subarray(p, end));
    p = end + 1;
    return text;
  };
  const u32 = (): number => dv.getUint32(need(4), true);
  const u64 = (): number => {
    const at = need(8);
    const hi = dv.getUint32(at + 4, true);
    if (hi >= 0x200000) throw new PickleError('malformed pickle: a 64-bit length exceeds 2^53');
    return hi * 4294967296 + dv.getUint32(at, true);
  };
  // Reads `stack` only after its argument is evaluated: an argument that pops a
  // mark replaces `stack`, and `stack.push(popMark())` would push onto the old one.
  const push = (v: PyValue): void => {
    stack.push(v);
  };
  const pop = (): PyValue => {
    if (stack.length === 0) throw new PickleError('malformed pickle: stack underflow');
    return stack.pop() as PyValue;
  };
  const top = (): PyValue => {
    if (stack.length === 0) throw new PickleError('malformed pickle: stack underflow');
    return stack[stack.length - 1];
  };
  const popMark = (): PyValue[] => {
    const items = stack;
    const previous = marks.pop();
    if (previous === undefined) throw new PickleError('malformed pickle: no MARK to pop to');
    stack = previous;
    return items;
  };
  const text = (raw: Uint8Array): string => {
    try {
      return utf8.decode(raw);
    } catch {
      throw new PickleError('malformed pickle: a string is not valid UTF-8');
    }
  };
  const global = (module: string, name: string): PyCallable => {
    const found = hooks.findGlobal(module, name);
    if (found === undefined) throw new PickleError(`refusing pickle global ${describeGlobal(module, name)}; tegum never runs code from a file`);
    return found;
  };
  const call = (callable: PyValue, args: PyValue): PyValue => {
    if (!(callable instanceof PyCallable)) throw new PickleError(`malformed pickle: calling ${describeValue(callable)}`);
    if (!(args instanceof PyTuple)) throw new PickleError(`malformed pickle: arguments of ${callable.qualifiedName} are not a tuple`);
    return callable.call(args.items);
  };
  const memoGet = (index: number): PyValue => {
    const v = memo.get(index);
    if (v === undefined) throw new PickleError(`malformed pickle: memo entry ${index} was never stored`);
    return v;
  };
  const setItems = (target: PyValue, items: PyValue[]): void => {
    if (!(target instanceof PyDict)) throw new PickleError(`malformed pickle: SETITEMS on ${describeValue(target)}`);
    if (items.length % 2 !== 0) throw new PickleError('malformed pickle: odd number of dict items');
    for (let i = 0; i < items.length; i += 2) target.set(items[i], items[i + 1]);
  };
  const appendItems = (target: PyValue, items: PyValue[]): void => {
    if (!(target instanceof PyList || target instanceof PySet)) throw new PickleError(`malformed pickle: APPEND on ${describeValue(target)}`);
    // One at a time: spreading a long mark as call arguments would overflow the stack.
    for (const item of items) target.items.push(item);
  };
  const persistent = (pid: PyValue): PyValue => {
    if (hooks.persistentLoad === undefined) throw new PickleError('malformed pickle: persistent id outside a PyTorch file');
    return hooks.persistentLoad(pid);
  };

  for (;;) {
    const op = bytes[need(1)];
    switch (op) {
      case 0x80: // PROTO
        if (bytes[need(1)] > 5) throw new PickleError(`unsupported pickle protocol ${bytes[p - 1]}`);
        break;
      case 0x95: // FRAME: a length hint only
        need(8);
        break;
      case 0x2e: // STOP
        if (stack.length !== 1 || marks.length !== 0) throw new PickleError('malformed pickle: STOP with a stack of other than one value');
        return { value: stack[0], end: p };
      case 0x28: // MARK
        marks.push(stack);
        stack = [];
        break;
      case 0x30: // POP
        if (stack.length === 0)
          popMark(); // POP of a mark, as CPython allows
        else pop();
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x32: // DUP
        push(top());
        break;
      case 0x4e: // NONE
        push(null);
        break;
      case 0x88: // NEWTRUE
        push(true);
        break;
      case 0x89: // NEWFALSE
        push(false);
        break;
      case 0x4a: // BININT
        push(dv.getInt32(need(4), true));
        break;
      case 0x4b: // BININT1
        push(bytes[need(1)]);
        break;
      case 0x4d: // BININT2
        push(dv.getUint16(need(2), true));
        break;
      case 0x49: // INT (text; I01/I00 are protocol 0's booleans)
        push(parseIntLine(line(), true));
        break;
      case 0x4c: // LONG (text, trailing L)
        push(parseIntLine(line().replace(/L$/, ''), false));
        break;
      case 0x8a: // LONG1
        push(decodeLong(take(bytes[need(1)])));
        break;
      case 0x8b: {
        // LONG4
        const n = dv.getInt32(need(4), true);
        if (n < 0 || n > MAX_LONG_BYTES) throw new PickleError(`refusing a ${n}-byte pickled integer`);
        push(decodeLong(take(n)));
        break;
      }
      case 0x46: {
        // FLOAT (text)
        push(parseFloatLine(line()));
        break;
      }
      case 0x47: // BINFLOAT (big-endian double)
        push(dv.getFloat64(need(8), false));
        break;
      case 0x53: // STRING (a Python 2 str literal)
        push(parseQuotedString(line()));
        break;
      case 0x54: {
        // BINSTRING
        const n = dv.getInt32(need(4), true);
        push(latin1.decode(take(n)));
        break;
      }
      case 0x55: // SHORT_BINSTRING
        push(latin1.decode(take(bytes[need(1)])));
        break;
      case 0x56: // UNICODE (raw-unicode-escape text)
        push(line().replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_m, u4: string, u8: string) => String.fromCodePoint(parseInt(u4 ?? u8, 16))));
        break;
      case 0x58: // BINUNICODE
        push(text(take(u32())));
        break;
      case 0x8c: // SHORT_BINUNICODE
        push(text(take(bytes[need(1)])));
        break;
      case 0x8d: // BINUNICODE8
        push(text(take(u64())));
        break;
      case 0x42: // BINBYTES
        push(new PyBytes(take(u32())));
        break;
      case 0x43: // SHORT_BINBYTES
        push(new PyBytes(take(bytes[need(1)])));
        break;
      case 0x8e: // BINBYTES8
      case 0x96: // BYTEARRAY8
        push(new PyBytes(take(u64())));
        break;
      case 0x29: // EMPTY_TUPLE
        push(new PyTuple([]));
        break;
      case 0x85: // TUPLE1
        push(new PyTuple([pop()]));
        break;
      case 0x86: {
        // TUPLE2
        const b = pop();
        push(new PyTuple([pop(), b]));
        break;
      }
      case 0x87: {
        // TUPLE3
        const c = pop();
        const b = pop();
        push(new PyTuple([pop(), b, c]));
        break;
      }
      case 0x74: // TUPLE
        push(new PyTuple(popMark()));
        break;
      case 0x5d: // EMPTY_LIST
        push(new PyList([]));
        break;
      case 0x6c: // LIST
        push(new PyList(popMark()));
        break;
      case 0x61: {
        // APPEND
        const v = pop();
        appendItems(top(), [v]);
        break;
      }
      case 0x65: {
        // APPENDS
        const items = popMark();
        appendItems(top(), items);
        break;
      }
      case 0x7d: // EMPTY_DICT
        push(new PyDict());
        break;
      case 0x64: {
        // DICT
        const d = new PyDict();
        setItems(d, popMark());
        push(d);
        break;
      }
      case 0x73: {
        // SETITEM
        const v = pop();
        const k = pop();
        setItems(top(), [k, v]);
        break;
      }
      case 0x75: {
        // SETITEMS
        const items = popMark();
        setItems(top(), items);
        break;
      }
      case 0x8f: // EMPTY_SET
        push(new PySet([]));
        break;
      case 0x90: {
        // ADDITEMS
        const items = popMark();
        appendItems(top(), items);
        break;
      }
      case 0x91: // FROZENSET
        push(new PySet(popMark()));
        break;
      case 0x67: // GET
        push(memoGet(parseIntLine(line(), false) as number));
        break;
      case 0x68: // BINGET
        push(memoGet(bytes[need(1)]));
        break;
      case 0x6a: // LONG_BINGET
        push(memoGet(u32()));
        break;
      case 0x70: // PUT
        memo.set(parseIntLine(line(), false) as number, top());
        break;
      case 0x71: // BINPUT
        memo.set(bytes[need(1)], top());
        break;
      case 0x72: // LONG_BINPUT
        memo.set(u32(), top());
        break;
      case 0x94: // MEMOIZE
        memo.set(memo.size, top());
        break;
      case 0x63: {
        // GLOBAL: "module\nname\n"
        const module = line();
        push(global(module, line()));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') throw new PickleError('malformed pickle: STACK_GLOBAL needs two strings');
        push(global(module, name));
        break;
      }
      case 0x69: {
        // INST: "module\nname\n", arguments since the mark
        const module = line();
        const cls = global(module, line());
        push(cls.call(popMark()));
        break;
      }
      case 0x6f: {
        // OBJ: class then arguments since the mark
        const items = popMark();
        if (items.length === 0) throw new PickleError('malformed pickle: OBJ without a class');
        push(call(items[0], new PyTuple(items.slice(1))));
        break;
      }
      case 0x52: {
        // REDUCE
        const args = pop();
        push(call(pop(), args));
        break;
      }
      case 0x81: {
        // NEWOBJ: cls.__new__(cls, *args)
        const args = pop();
        push(call(pop(), args));
        break;
      }
      case 0x92: {
        // NEWOBJ_EX: keyword arguments are not used by anything allowed
        const kwargs = pop();
        const args = pop();
        if (!(kwargs instanceof PyDict) || kwargs.keys.length > 0) throw new PickleError('malformed pickle: NEWOBJ_EX with keyword arguments');
        push(call(pop(), args));
        break;
      }
      case 0x62: {
        // BUILD: obj.__setstate__(state). Dicts (OrderedDict's `_metadata`) and opaque values keep no state.
        const state = pop();
        const obj = top();
        if (!(obj instanceof PyDict || obj instanceof PyOpaque)) {
          throw new PickleError(`malformed pickle: BUILD on ${describeValue(obj)} with ${describeValue(state)}`);
        }
        break;
      }
      case 0x50: // PERSID
        push(persistent(line()));
        break;
      case 0x51: // BINPERSID
        push(persistent(pop()));
        break;
      case 0x82: // EXT1
      case 0x83: // EXT2
      case 0x84: // EXT4
        throw new PickleError('refusing a pickle extension code (copyreg registry); tegum never runs code from a file');
      case 0x97: // NEXT_BUFFER
      case 0x98: // READONLY_BUFFER
        throw new PickleError('refusing a pickle with out-of-band buffers');
      default:
        throw new PickleError(`malformed pickle: unknown opcode 0x${op.toString(16).padStart(2, '0')} at byte ${p - 1}`);
    }
  }
}

/** `module.name` quoted safely for a one-line message (CPython's pickle names `os.system` as `posix.system`). */
function describeGlobal(module: string, name: string): string {
  return JSON.stringify(`${module}.${name}`.slice(0, 120)).slice(1, -1);
}

/** A short description of a value for error messages. */
export function describeValue(v: PyValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return 'a bool';
  if (typeof v === 'number' || typeof v === 'bigint') return 'a number';
  if (typeof v === 'string') return 'a string';
  if (v instanceof PyBytes) return 'bytes';
  if (v instanceof PyTuple) return 'a tuple';
  if (v instanceof PyList) return 'a list';
  if (v instanceof PySet) return 'a set';
  if (v instanceof PyDict) return 'a dict';
  if (v instanceof PyCallable) return v.qualifiedName;
  return v.what;
}

function parseIntLine(text: string, allowBool: boolean): number | bigint | boolean {
  if (allowBool && text === '01') return true;
  if (allowBool && text === '00') return false;
  if (!/^[+-]?\d{1,400}$/.test(text)) throw new PickleError('malformed pickle: bad integer text');
  const big = BigInt(text);
  return Number.isSafeInteger(Number(big)) ? Number(big) : big;
}

/** Protocol 0's float text: Python's repr, including nan and inf. */
function parseFloatLine(text: string): number {
  const special: Record<string, number> = { nan: NaN, inf: Infinity, '-inf': -Infinity };
  const v = special[text.toLowerCase()] ?? Number(text);
  if (Number.isNaN(v) && text.toLowerCase() !== 'nan') throw new PickleError('malformed pickle: bad float text');
  return v;
}

/** Little-endian two's-complement integer of any length. */
function decodeLong(raw: Uint8Array): number | bigint {
  if (raw.length === 0) return 0;
  let v = 0n;
  for (let i = raw.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(raw[i]);
  if (raw[raw.length - 1] & 0x80) v -= 1n << BigInt(8 * raw.length);
  return Number.isSafeInteger(Number(v)) ? Number(v) : v;
}

/** A protocol-0 STRING argument: a quoted Python 2 literal with backslash escapes. */
function parseQuotedString(text: string): string {
  const q = text[0];
  if (text.length < 2 || (q !== "'" && q !== '"') || text[text.length - 1] !== q) throw new PickleError('malformed pickle: bad STRING quoting');
  return text.slice(1, -1).replace(/\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|.)/g, (_m, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8) & 0xff);
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v' };
    return simple[e] ?? `\\${e}`;
  });
}
