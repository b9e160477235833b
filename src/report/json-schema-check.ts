/**
 * A small JSON Schema (draft-07) checker for the schemas tegum generates from
 * its own types (scripts/schema/generate.mjs): the keywords those schemas use and
 * no others. It runs in the browser without a dependency, so the viewer can check
 * what it fetches; the tests hold it to ajv, a full validator, on the same data.
 * An unknown keyword is an error, never skipped, so a generator upgrade that
 * starts emitting one fails the tests instead of checking less.
 */

/** The subset of JSON Schema the generated schemas use. */
export interface JsonSchema {
  $schema?: string;
  $comment?: string;
  $ref?: string;
  definitions?: Record<string, JsonSchema>;
  description?: string;
  type?: JsonType | JsonType[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  minItems?: number;
  maxItems?: number;
}

/** JSON Schema's type names. */
export type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

/** Every keyword {@link checkJson} understands. */
export const SUPPORTED_KEYWORDS: ReadonlySet<string> = new Set([
  '$schema',
  '$comment',
  '$ref',
  'definitions',
  'description',
  'type',
  'const',
  'enum',
  'anyOf',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
]);

/** The JSON path of the checked value itself in messages. */
const PATH_ROOT = '$';

/**
 * The first place where `value` breaks `schema`, as one line naming the JSON
 * path (e.g. `$.bundles[2].polytope: expected string, got number`), or null
 * when it conforms.
 *
 * @param schema - A generated schema; `$ref`s point into its own `definitions`.
 * @param value - Parsed JSON.
 */
export function checkJson(schema: JsonSchema, value: unknown): string | null {
  return check(schema, value, PATH_ROOT, schema.definitions ?? {});
}

function check(schema: JsonSchema, value: unknown, path: string, defs: Record<string, JsonSchema>): string | null {
  for (const key of Object.keys(schema)) if (!SUPPORTED_KEYWORDS.has(key)) return `${path}: schema keyword "${key}" is not supported by the checker`;
  if (schema.$ref !== undefined) {
    const name = schema.$ref.startsWith('#/definitions/') ? decodeURIComponent(schema.$ref.slice('#/definitions/'.length)) : undefined;
    const target = name !== undefined ? defs[name] : undefined;
    if (target === undefined) return `${path}: unresolved $ref ${schema.$ref}`;
    const err = check(target, value, path, defs);
    if (err !== null) return err;
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => hasType(value, t))) return `${path}: expected ${types.join(' or ')}, got ${typeName(value)}`;
  }
  if ('const' in schema && !sameJson(value, schema.const)) return `${path}: expected ${JSON.stringify(schema.const)}, got ${shortJson(value)}`;
  if (schema.enum !== undefined && !schema.enum.some((e) => sameJson(value, e))) {
    return `${path}: expected one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${shortJson(value)}`;
  }
  if (schema.anyOf !== undefined) {
    const errors = schema.anyOf.map((s) => check(s, value, path, defs));
    if (!errors.includes(null)) return errors[0] ?? `${path}: matches no alternative`;
  }
  if (isObject(value)) {
    const err = checkObject(schema, value, path, defs);
    if (err !== null) return err;
  }
  if (Array.isArray(value)) {
    const err = checkArray(schema, value, path, defs);
    if (err !== null) return err;
  }
  return null;
}

function checkObject(schema: JsonSchema, value: Record<string, unknown>, path: string, defs: Record<string, JsonSchema>): string | null {
  for (const key of schema.required ?? []) if (!(key in value)) return `${path}: missing required "${key}"`;
  const props = schema.properties ?? {};
  for (const [key, v] of Object.entries(value)) {
    const sub = props[key];
    const at = `${path}.${key}`;
    if (sub !== undefined) {
      const err = check(sub, v, at, defs);
      if (err !== null) return err;
    } else if (schema.additionalProperties === false) {
      return `${at}: not allowed here`;
    } else if (typeof schema.additionalProperties === 'object') {
      const err = check(schema.additionalProperties, v, at, defs);
      if (err !== null) return err;
    }
  }
  return null;
}

function checkArray(schema: JsonSchema, value: unknown[], path: string, defs: Record<string, JsonSchema>): string | null {
  if (schema.minItems !== undefined && value.length < schema.minItems) return `${path}: expected at least ${schema.minItems} items, got ${value.length}`;
  if (schema.maxItems !== undefined && value.length > schema.maxItems) return `${path}: expected at most ${schema.maxItems} items, got ${value.length}`;
  const items = schema.items;
  if (items === undefined) return null;
  for (let i = 0; i < value.length; i++) {
    // A tuple's items array names each position; positions past it are unconstrained (draft-07).
    const sub = Array.isArray(items) ? items[i] : items;
    if (sub === undefined) continue;
    const err = check(sub, value[i], `${path}[${i}]`, defs);
    if (err !== null) return err;
  }
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(value: unknown, type: JsonType): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'null':
      return value === null;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Structural equality of JSON values (what const and enum compare). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameJson(a[k], b[k]));
  }
  return false;
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
