/**
 * A JSON parser for weight files and safetensors headers. It differs from
 * `JSON.parse` in three deliberate ways:
 * - objects become `Map`s, so keys such as `__proto__` or `constructor` are
 *   plain data and can never reach a prototype;
 * - the bare tokens `NaN`, `Infinity` and `-Infinity` are accepted, because
 *   Python's `json.dump` writes them for non-finite floats;
 * - duplicate keys are an error rather than "last one wins", and nesting depth
 *   is bounded so hostile input cannot overflow the stack.
 */

/** A parsed JSON value; objects keep their key order. */
export type JsonValue = number | string | boolean | null | JsonValue[] | JsonObject;
/** A parsed JSON object. */
export type JsonObject = Map<string, JsonValue>;

/** Thrown on malformed JSON; the message is one line and gives the line and column. */
export class JsonSyntaxError extends Error {}

const MAX_DEPTH = 256;

/**
 * Parse a complete JSON text (surrounding whitespace allowed).
 *
 * @param text The JSON source.
 * @returns The value, with objects as `Map`s.
 * @throws JsonSyntaxError on malformed input.
 */
export function parseJson(text: string): JsonValue {
  const parser = new JsonParser(text);
  parser.skipSpace();
  const value = parser.value(0);
  parser.skipSpace();
  if (parser.pos < text.length) parser.fail('unexpected text after the JSON value');
  return value;
}

/**
 * Whether a JSON value is an object (a `Map`).
 *
 * @param value Any parsed value.
 * @returns True for objects.
 */
export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return value instanceof Map;
}

/**
 * Describe a JSON value's type for an error message.
 *
 * @param value Any parsed value.
 * @returns e.g. `a string ("abc")`, `null`, `an object`.
 */
export function describeJson(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > 20 ? `${value.slice(0, 17)}...` : value;
    return `a string (${JSON.stringify(shown)})`;
  }
  if (typeof value === 'boolean') return `a boolean (${value})`;
  if (typeof value === 'number') return 'a number';
  if (Array.isArray(value)) return 'an array';
  return 'an object';
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class JsonParser {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(what: string): never {
    const before = this.text.slice(0, this.pos);
    const line = (before.match(/\n/g)?.length ?? 0) + 1;
    const column = this.pos - before.lastIndexOf('\n');
    throw new JsonSyntaxError(`invalid JSON at line ${line} column ${column}: ${what}`);
  }

  skipSpace(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
  }

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH} levels`);
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (c === 91 /* [ */) return this.array(depth);
    if (c === 123 /* { */) return this.object(depth);
    if (c === 34 /* " */) return this.string();
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      if (t.startsWith('-Infinity', this.pos)) return this.word('-Infinity', -Infinity);
      return this.number();
    }
    if (c === 116) return this.word('true', true);
    if (c === 102) return this.word('false', false);
    if (c === 110) return this.word('null', null);
    if (c === 78) return this.word('NaN', NaN);
    if (c === 73) return this.word('Infinity', Infinity);
    this.fail(Number.isNaN(c) ? 'unexpected end of input' : `unexpected character ${JSON.stringify(t[this.pos])}`);
  }

  word<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail('unexpected token');
    this.pos += word.length;
    return value;
  }

  number(): number {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail('malformed number');
    this.pos += match[0].length;
    return Number(match[0]);
  }

  array(depth: number): JsonValue[] {
    this.pos++;
    const items: JsonValue[] = [];
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      return items;
    }
    for (;;) {
      this.skipSpace();
      items.push(this.value(depth + 1));
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 93) return items;
      if (c !== 44) {
        this.pos--;
        this.fail("expected ',' or ']'");
      }
    }
  }

  object(depth: number): JsonObject {
    this.pos++;
    const map: JsonObject = new Map();
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      return map;
    }
    for (;;) {
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== 34) this.fail('expected a string key');
      const keyPos = this.pos;
      const key = this.string();
      if (map.has(key)) {
        this.pos = keyPos;
        this.fail(`duplicate key ${JSON.stringify(key)}`);
      }
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== 58) this.fail("expected ':'");
      this.pos++;
      this.skipSpace();
      map.set(key, this.value(depth + 1));
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 125) return map;
      if (c !== 44) {
        this.pos--;
        this.fail("expected ',' or '}'");
      }
    }
  }

  string(): string {
    const t = this.text;
    const start = ++this.pos;
    // Fast path: no escapes.
    let p = start;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 34) {
        this.pos = p + 1;
        return t.slice(start, p);
      }
      if (c === 92 || c < 32 || Number.isNaN(c)) break;
      p++;
    }
    let out = t.slice(start, p);
    this.pos = p;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (Number.isNaN(c)) this.fail('unterminated string');
      if (c < 32) this.fail('control character in string');
      this.pos++;
      if (c === 34) return out;
      if (c !== 92) {
        out += t[this.pos - 1];
        continue;
      }
      const e = t[this.pos++];
      const simple = STRING_ESCAPES.get(e);
      if (simple !== undefined) out += simple;
      else if (e === 'u') {
        const hex = t.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 4;
      } else this.fail('bad escape in string');
    }
  }
}

const STRING_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ['\\', '\\'],
  ['/', '/'],
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
]);
