/**
 * A strict parser for the Python literal subset that .npy headers use
 * (`{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`): dicts
 * with string keys, strings, integers, True/False/None, tuples and lists.
 * It never evaluates anything; whatever else appears is a syntax error.
 */

/** A parsed Python literal. */
export type PyLiteral =
  | { kind: 'str'; value: string }
  | { kind: 'int'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'tuple'; items: PyLiteral[] }
  | { kind: 'list'; items: PyLiteral[] }
  | { kind: 'dict'; entries: Map<string, PyLiteral> };

/** Thrown on malformed input; the message is one line. */
export class PyLiteralError extends Error {}

const MAX_DEPTH = 32;

/**
 * Parse one Python literal that spans the whole text (surrounding whitespace allowed).
 *
 * @param text The literal's source text.
 * @returns The parsed value.
 * @throws PyLiteralError with a one-line message when the text is not a literal of the supported subset.
 */
export function parsePythonLiteral(text: string): PyLiteral {
  const parser = new Parser(text);
  const value = parser.value(0);
  parser.skipSpace();
  if (parser.pos !== text.length) parser.fail('unexpected text after the literal');
  return value;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(what: string): never {
    throw new PyLiteralError(`${what} at character ${this.pos}`);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos])) this.pos++;
  }

  value(depth: number): PyLiteral {
    if (depth > MAX_DEPTH) this.fail('literal nested too deeply');
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.dict(depth);
    if (c === '(') return this.sequence('tuple', ')', depth);
    if (c === '[') return this.sequence('list', ']', depth);
    if (c === "'" || c === '"') return { kind: 'str', value: this.string() };
    if (c === '-' || (c >= '0' && c <= '9')) return this.integer();
    for (const [word, lit] of KEYWORDS) {
      if (this.text.startsWith(word, this.pos) && !/[A-Za-z0-9_]/.test(this.text[this.pos + word.length] ?? '')) {
        this.pos += word.length;
        return lit;
      }
    }
    this.fail(c === undefined ? 'unexpected end of literal' : `unexpected character ${JSON.stringify(c)}`);
  }

  dict(depth: number): PyLiteral {
    this.pos++; // {
    const entries = new Map<string, PyLiteral>();
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return { kind: 'dict', entries };
      }
      const c = this.text[this.pos];
      if (c !== "'" && c !== '"') this.fail('expected a string key');
      const key = this.string();
      if (entries.has(key)) this.fail(`duplicate key ${JSON.stringify(key)}`);
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail("expected ':'");
      this.pos++;
      entries.set(key, this.value(depth + 1));
      this.skipSpace();
      const sep = this.text[this.pos];
      if (sep === ',') this.pos++;
      else if (sep !== '}') this.fail("expected ',' or '}'");
    }
  }

  sequence(kind: 'tuple' | 'list', close: string, depth: number): PyLiteral {
    this.pos++;
    const items: PyLiteral[] = [];
    let sawComma = false;
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === close) {
        this.pos++;
        // `(3)` is just the integer 3 in Python, not a tuple.
        if (kind === 'tuple' && items.length === 1 && !sawComma) return items[0];
        return { kind, items };
      }
      items.push(this.value(depth + 1));
      this.skipSpace();
      const sep = this.text[this.pos];
      if (sep === ',') {
        this.pos++;
        sawComma = true;
      } else if (sep !== close) this.fail(`expected ',' or '${close}'`);
    }
  }

  string(): string {
    const quoteChar = this.text[this.pos++];
    let out = '';
    for (;;) {
      const c = this.text[this.pos++];
      if (c === undefined || c === '\n') this.fail('unterminated string');
      if (c === quoteChar) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.pos++];
      const simple = ESCAPES.get(e);
      if (simple !== undefined) out += simple;
      else if (e === 'x' || e === 'u') {
        const width = e === 'x' ? 2 : 4;
        const hex = this.text.slice(this.pos, this.pos + width);
        if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) this.fail('bad escape in string');
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += width;
      } else this.fail('unsupported escape in string');
    }
  }

  integer(): PyLiteral {
    const pattern = /-?[0-9]+L?/y;
    pattern.lastIndex = this.pos;
    const match = pattern.exec(this.text);
    if (!match) this.fail('expected an integer');
    const digits = match[0].replace(/L$/, ''); // Python 2 headers wrote longs as 3L
    const next = this.text[this.pos + match[0].length] ?? '';
    if (/[0-9.eEjJxXoObB_]/.test(next)) this.fail('only decimal integers are supported');
    const value = Number(digits);
    if (!Number.isSafeInteger(value)) this.fail(`integer ${digits} is too large`);
    this.pos += match[0].length;
    return { kind: 'int', value };
  }
}

const KEYWORDS: ReadonlyArray<[string, PyLiteral]> = [
  ['True', { kind: 'bool', value: true }],
  ['False', { kind: 'bool', value: false }],
  ['None', { kind: 'none' }],
];

const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\\', '\\'],
  ["'", "'"],
  ['"', '"'],
  ['n', '\n'],
  ['t', '\t'],
  ['r', '\r'],
  ['0', '\0'],
]);
