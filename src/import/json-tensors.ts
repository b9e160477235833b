/**
 * Tensors from a JSON weight file. Three layouts are read:
 * 1. nested arrays (`[[0.1, 0.2], [0.3, 0.4]]`): one tensor named after the file stem;
 * 2. `{"shape": [2, 3], "data": [...]}` with flat or nested data (exactly
 *    these two keys, `shape` a flat list of integers): one tensor named after the file stem;
 * 3. an object of named tensors (`{"W": [[...]], "b": [...]}`), each value
 *    nested arrays, a shape/data object, or a single number (a 0-d tensor).
 *
 * Values must be JSON numbers. Non-finite values may be written as the bare
 * tokens NaN, Infinity, -Infinity (what Python's json.dump writes) or as the
 * strings "NaN", "Infinity", "-Infinity" (what some JavaScript tools write);
 * any other string, null or boolean is an error naming its path, e.g. `W[3][1]`.
 */
import { InputError } from './errors.js';
import { escapeName, formatShape } from './format.js';
import { describeJson, isJsonObject, JsonSyntaxError, parseJson } from './json-value.js';
import type { JsonObject, JsonValue } from './json-value.js';
import { elementCount, guardDimensions, MAX_DIMENSIONS } from './size-guard.js';
import type { Tensor } from './tensor.js';

const NON_FINITE_STRINGS: ReadonlyMap<string, number> = new Map([
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
]);

/**
 * Read every tensor in a JSON weight file.
 *
 * @param file File named in errors.
 * @param stem Name for a file holding a single unnamed tensor (layouts 1 and 2).
 * @param bytes The file's bytes (UTF-8).
 * @returns The tensors in file order, dtype float64.
 * @throws InputError for malformed JSON, ragged arrays, non-numbers, or an unusable layout.
 */
export function readJsonTensors(file: string, stem: string, bytes: Uint8Array): Tensor[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new InputError(file, 'not valid UTF-8 text');
  }
  let root: JsonValue;
  try {
    root = parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new InputError(file, e.message);
    throw e;
  }
  const stemPath = escapeName(stem);
  if (Array.isArray(root)) return [nestedTensor(file, stem, root, stemPath)];
  if (isJsonObject(root)) {
    if (isShapeDataForm(root)) return [shapeDataTensor(file, stem, root, stemPath)];
    if (root.size === 0) throw new InputError(file, 'the JSON object holds no tensors');
    const notWeights = notAWeightFile(root);
    if (notWeights !== null) throw new InputError(file, notWeights);
    const tensors: Tensor[] = [];
    for (const [name, value] of root) tensors.push(namedTensor(file, name, value));
    return tensors;
  }
  if (typeof root === 'number') return [scalarTensor(stem, root)];
  throw new InputError(file, `the JSON file holds ${describeJson(root)}; expected an array of numbers or an object of named tensors`);
}

/** What tegum's own JSON outputs are, by the part of their `schema` before the version. */
const TEGUM_JSON: ReadonlyMap<string, string> = new Map([
  ['tegum.toymodel-run', "a run record of tegum train (settings and losses); the run's weights are in the .npz of the same name beside it"],
  ['tegum.report', 'a report of tegum analyze; analyse the weight file named in its input.file'],
  ['tegum.compare', 'a report of tegum compare; analyse the runs it names'],
]);

/**
 * A JSON object that is metadata rather than tensors (tegum's own run records
 * and reports, an answer key like samples/truth.json) is refused as such,
 * instead of by the first value that is not a number.
 *
 * @returns The reason, or null when the object may hold tensors.
 */
function notAWeightFile(root: JsonObject): string | null {
  const schema = root.get('schema');
  if (typeof schema === 'string' && schema.startsWith('tegum.')) {
    return `not a weight file: this is ${TEGUM_JSON.get(schema.split('/')[0]) ?? "one of tegum's own outputs"} (schema "${schema}")`;
  }
  // Only objects of objects: a single stray value keeps its own, more precise error below.
  if (![...root.values()].every((v) => isJsonObject(v) && !(v.has('shape') && v.has('data')))) return null;
  const keys = [...root.keys()]
    .slice(0, 3)
    .map((k) => `'${k}'`)
    .join(', ');
  return `not a weight file: none of its ${root.size} entr${root.size === 1 ? 'y' : 'ies'} (${keys}${root.size > 3 ? ', …' : ''}) is a tensor; a JSON weight file maps names to arrays of numbers, e.g. {"W": [[0.1, 0.2], [0.3, 0.4]]}`;
}

function isShapeDataForm(obj: JsonObject): boolean {
  const shape = obj.get('shape');
  return obj.size === 2 && obj.has('data') && Array.isArray(shape) && shape.every((d) => typeof d === 'number');
}

function namedTensor(file: string, name: string, value: JsonValue): Tensor {
  const path = escapeName(name);
  if (Array.isArray(value)) return nestedTensor(file, name, value, path);
  if (isJsonObject(value) && value.has('shape') && value.has('data')) return shapeDataTensor(file, name, value, path);
  if (typeof value === 'number') return scalarTensor(name, value);
  throw new InputError(file, `${path} is ${describeJson(value)}; expected an array of numbers, a number, or {"shape": [...], "data": [...]}`);
}

function scalarTensor(name: string, value: number): Tensor {
  return { name, dtype: 'float64', shape: [], data: Float64Array.of(value) };
}

/** Shape of nested arrays read along the first element at each level. */
function nestedShape(file: string, value: JsonValue[], path: string): number[] {
  const shape: number[] = [];
  let node: JsonValue = value;
  while (Array.isArray(node)) {
    shape.push(node.length);
    if (shape.length > MAX_DIMENSIONS) {
      throw new InputError(file, `${path} has more than ${MAX_DIMENSIONS} dimensions; tegum reads tensors of 0 to ${MAX_DIMENSIONS} dimensions`);
    }
    if (node.length === 0) break;
    node = node[0];
  }
  return shape;
}

function nestedTensor(file: string, name: string, value: JsonValue[], path: string): Tensor {
  const shape = nestedShape(file, value, path);
  // Check every row before allocating: the first row alone may imply a huge shape
  // that a ragged file does not have (and a valid one holds as many numbers as it parsed).
  fillNested(file, value, shape, undefined, path);
  const data = new Float64Array(elementCount(shape));
  fillNested(file, value, shape, data, path);
  return { name, dtype: 'float64', shape, data };
}

/**
 * Walk nested arrays of the given shape in C order, checking every row's
 * length and every value, and copy the values into `out` when given.
 */
function fillNested(file: string, root: JsonValue[], shape: number[], out: Float64Array | undefined, path: string): void {
  let k = 0;
  const visit = (node: JsonValue, depth: number, at: string): void => {
    const reference = path + '[0]'.repeat(depth);
    if (depth === shape.length) {
      if (Array.isArray(node)) throw new InputError(file, `ragged array: ${at} is an array but ${reference} is a number`);
      const v = toNumber(file, node, at);
      if (out !== undefined) out[k] = v;
      k++;
      return;
    }
    if (!Array.isArray(node)) {
      throw new InputError(file, `ragged array: ${at} is ${describeJson(node)} but ${reference} is an array`);
    }
    if (node.length !== shape[depth]) {
      throw new InputError(file, `ragged array: ${at} has ${node.length} element${node.length === 1 ? '' : 's'} but ${reference} has ${shape[depth]}`);
    }
    for (let i = 0; i < node.length; i++) visit(node[i], depth + 1, `${at}[${i}]`);
  };
  visit(root, 0, path);
}

function toNumber(file: string, value: JsonValue, at: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const special = NON_FINITE_STRINGS.get(value);
    if (special !== undefined) return special;
  }
  const hint = value === null ? ' (write a missing value as NaN or "NaN")' : '';
  throw new InputError(file, `${at} is ${describeJson(value)}; tegum reads numbers only${hint}`);
}

function shapeDataTensor(file: string, name: string, obj: JsonObject, path: string): Tensor {
  const shapeValue = obj.get('shape');
  const dataValue = obj.get('data');
  if (!Array.isArray(shapeValue) || !shapeValue.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)) {
    throw new InputError(file, `${path}.shape must be a list of non-negative integers`);
  }
  const shape = shapeValue as number[];
  guardDimensions(file, path, shape);
  if (!Array.isArray(dataValue)) throw new InputError(file, `${path}.data is ${describeJson(dataValue ?? null)}; expected an array`);
  const count = elementCount(shape);
  if (dataValue.length > 0 && Array.isArray(dataValue[0])) {
    const nested = nestedTensor(file, name, dataValue, `${path}.data`);
    if (formatShape(nested.shape) !== formatShape(shape)) {
      throw new InputError(file, `${path}.data has shape ${formatShape(nested.shape)} but ${path}.shape is ${formatShape(shape)}`);
    }
    return nested;
  }
  if (dataValue.length !== count) {
    throw new InputError(file, `${path}.data has ${dataValue.length} values but shape ${formatShape(shape)} needs ${count}`);
  }
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) data[i] = toNumber(file, dataValue[i], `${path}.data[${i}]`);
  return { name, dtype: 'float64', shape: [...shape], data };
}
