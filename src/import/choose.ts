/**
 * Choosing what to analyse from the tensors of a weight file: the matrix W,
 * which of its axes indexes features, one instance of a stack, and the bias.
 *
 * Default choice of W (when no name is given):
 * 1. the only 2-D or 3-D tensor in the file;
 * 2. else the first name in {@link WEIGHT_NAMES} that matches exactly one
 *    2-D/3-D tensor, either exactly or as the last component of a dotted or
 *    slashed path (`sae.W_dec`, `layer0/W`);
 * 3. else the only 2-D tensor (a lone matrix beside 3-D stacks);
 * 4. else an error listing the candidates and suggesting `--tensor`.
 *
 * Orientation, unless `features` is given: first by the tensor's name, for
 * the layouts whose libraries fix it (see {@link FEATURE_AXIS_BY_NAME}):
 * SAELens / Gemma Scope `W_dec` [d_sae, d_in] has features as rows, its
 * `W_enc` [d_in, d_sae] as columns; an nn.Linear `decoder.weight`
 * [d_in, d_sae] (dictionary_learning's ae.pt) has features as columns,
 * `encoder.weight` [d_sae, d_in] as rows. Otherwise (`W`, `weight`, any other
 * name) the longer axis indexes features, because superposition means more
 * features than dimensions (n > m); on a tie the columns are features, as in
 * Toy Models' m×n W.
 *
 * A 3-D tensor is a stack of instances (Toy Models trains several models at
 * once and saves [instances, ·, ·]); instance 0 is taken unless one is given,
 * and the WeightSet records which.
 *
 * Default bias: a tensor named `<prefix>.bias` when W is `<prefix>.weight`,
 * then the names in {@link BIAS_NAMES} (matched like W's names), taking the
 * first whose shape fits: 1-D of length n, or [instances, n] for a stack
 * (the same instance is taken). No match means no bias. An encoder's bias
 * (`b_enc`, `encoder.bias`) is never taken by default: it belongs to the
 * encoder, not to the decoder W (pass it with --bias to study it anyway).
 */
import { InputError } from './errors.js';
import { formatShape, quote } from './format.js';
import { valueArrayLike } from './tensor.js';
import type { Tensor } from './tensor.js';
import type { WeightSet } from './weightset.js';

/** Names tried for W, in priority order (decoder weights first: their rows or columns are the feature directions). */
export const WEIGHT_NAMES: readonly string[] = ['W', 'W_dec', 'decoder.weight', 'weight', 'weights', 'W_enc', 'encoder.weight'];

/**
 * Tensor names (matched like {@link WEIGHT_NAMES}: exactly or as the last
 * dotted/slashed component) whose layout fixes which axis indexes features.
 */
export const FEATURE_AXIS_BY_NAME: ReadonlyArray<[string, 'rows' | 'columns', string]> = [
  ['W_dec', 'rows', 'SAELens/Gemma Scope W_dec is [d_sae, d_in]'],
  ['W_enc', 'columns', 'SAELens/Gemma Scope W_enc is [d_in, d_sae]'],
  ['decoder.weight', 'columns', 'an nn.Linear decoder.weight is [d_in, d_sae]'],
  ['encoder.weight', 'rows', 'an nn.Linear encoder.weight is [d_sae, d_in]'],
];

/** Encoder biases (SAELens/Gemma Scope, nn.Linear encoders), which are never the default bias. */
const ENCODER_BIASES: readonly string[] = ['b_enc', 'encoder.bias'];

/** Names tried for the bias, in priority order. */
export const BIAS_NAMES: readonly string[] = ['b', 'bias', 'b_final', 'b_dec', 'decoder.bias'];

/** How to pick W and its bias; every field overrides a default. */
export interface ChooseOptions {
  /** Name of the tensor holding W (must be 2-D or 3-D). */
  tensor?: string;
  /** Name of the bias tensor (1-D of length n, or [instances, n] for a stack). */
  bias?: string;
  /** Which axis of the stored matrix indexes features. Default: the longer one; columns on a tie. */
  features?: 'rows' | 'columns';
  /** Which matrix of a 3-D stack to take (0-based). Default 0. Only valid for 3-D tensors. */
  instance?: number;
}

/**
 * Choose W (feature-major), its orientation, instance and bias from a file's tensors.
 *
 * @param file File named in errors and recorded in the result.
 * @param tensors Everything the reader returned.
 * @param opts Overrides; see {@link ChooseOptions}.
 * @returns The weight set tegum analyses: W in the tensor's storage (shared with it when rows are features of a 2-D
 *   tensor, else a copy), the bias as float64. Non-finite values are kept (see assertFinite).
 * @throws InputError when a named tensor is missing or has the wrong shape, when no
 *   default can be decided, or when the instance is out of range.
 */
export function chooseWeights(file: string, tensors: Tensor[], opts: ChooseOptions = {}): WeightSet {
  const chosen = opts.tensor !== undefined ? namedWeight(file, tensors, opts.tensor) : defaultWeight(file, tensors);
  const stacked = chosen.shape.length === 3;
  const instances = stacked ? chosen.shape[0] : 1;
  if (!stacked && opts.instance !== undefined) {
    throw new InputError(file, `instance ${opts.instance} given but tensor ${quote(chosen.name)} is 2-D ${formatShape(chosen.shape)}, not a stack`);
  }
  const instance = opts.instance ?? 0;
  if (!Number.isInteger(instance) || instance < 0 || instance >= instances) {
    throw new InputError(
      file,
      `instance ${instance} out of range: tensor ${quote(chosen.name)} ${formatShape(chosen.shape)} holds ${instances} instance${instances === 1 ? '' : 's'} (0 to ${instances - 1})`,
    );
  }
  const [rows, cols] = stacked ? chosen.shape.slice(1) : chosen.shape;
  if (rows === 0 || cols === 0) throw new InputError(file, `tensor ${quote(chosen.name)} ${formatShape(chosen.shape)} holds no values`);
  const matrix = chosen.data.subarray(instance * rows * cols, (instance + 1) * rows * cols);
  const featuresAre = opts.features ?? axisByName(chosen.name)?.[1] ?? (rows > cols ? 'rows' : 'columns');
  const n = featuresAre === 'rows' ? rows : cols;
  const m = featuresAre === 'rows' ? cols : rows;
  // Rows as features are already feature-major: W shares the tensor's storage (no copy of a dictionary);
  // one instance of a stack is copied so that W does not keep the whole stack alive.
  const W = featuresAre === 'columns' ? transpose(matrix, rows, cols) : stacked ? matrix.slice() : matrix;
  const ws: WeightSet = { file, tensor: chosen.name, m, n, featuresAre, W };
  if (stacked) ws.instance = instance;
  const bias =
    opts.bias !== undefined ? namedBias(file, tensors, opts.bias, n, stacked ? instances : 0) : defaultBias(tensors, chosen.name, n, stacked ? instances : 0);
  if (bias !== undefined) {
    ws.bias = Float64Array.from(bias.tensor.shape.length === 2 ? bias.tensor.data.subarray(instance * n, (instance + 1) * n) : bias.tensor.data);
    ws.biasName = bias.tensor.name;
  }
  return ws;
}

function axisByName(name: string): (typeof FEATURE_AXIS_BY_NAME)[number] | undefined {
  return FEATURE_AXIS_BY_NAME.find(([known]) => nameMatches(name, known));
}

/**
 * One line saying what {@link chooseWeights} picked and why, for the CLI to
 * print (e.g. `W = 'W_dec' (16384, 768): rows are the n = 16384 features in
 * m = 768 dims (SAELens/Gemma Scope W_dec is [d_sae, d_in]); no bias`).
 *
 * @param ws The weight set chooseWeights returned.
 * @param opts The options it was given (to tell a forced axis from a default).
 * @returns The description, without a trailing newline.
 */
export function describeChoice(ws: WeightSet, opts: ChooseOptions = {}): string {
  const rule = opts.features !== undefined ? 'as --features says' : (axisByName(ws.tensor)?.[2] ?? 'the longer axis, as superposition has n > m');
  const stored = ws.featuresAre === 'rows' ? `(${ws.n}, ${ws.m})` : `(${ws.m}, ${ws.n})`;
  const instance = ws.instance !== undefined ? `, instance ${ws.instance}` : '';
  const bias = ws.biasName !== undefined ? `bias ${quote(ws.biasName)}` : 'no bias';
  return `W = ${quote(ws.tensor)} ${stored}${instance}: ${ws.featuresAre} are the n = ${ws.n} features in m = ${ws.m} dims (${rule}); ${bias}`;
}

/** Row-major rows×cols → its transpose (same storage type), so that columns become contiguous features. */
function transpose(matrix: Float32Array | Float64Array, rows: number, cols: number): Float32Array | Float64Array {
  const out = valueArrayLike(matrix, rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[c * rows + r] = matrix[r * cols + c];
  }
  return out;
}

function describe(tensors: Tensor[]): string {
  const shown = tensors.slice(0, 12).map((t) => `${quote(t.name)} ${formatShape(t.shape)}`);
  if (tensors.length > 12) shown.push(`and ${tensors.length - 12} more`);
  return shown.join(', ');
}

function isMatrixLike(t: Tensor): boolean {
  return t.shape.length === 2 || t.shape.length === 3;
}

function namedWeight(file: string, tensors: Tensor[], name: string): Tensor {
  const found = tensors.find((t) => t.name === name);
  if (found === undefined) throw new InputError(file, `no tensor named ${quote(name)}; the file holds ${describe(tensors) || 'no tensors'}`);
  if (!isMatrixLike(found)) {
    throw new InputError(
      file,
      `tensor ${quote(name)} is ${found.shape.length}-D ${formatShape(found.shape)}; W must be a matrix (2-D) or a stack of matrices (3-D)`,
    );
  }
  return found;
}

/** Exact name match, or the name as the last component of a dotted or slashed path. */
function nameMatches(tensorName: string, wanted: string): boolean {
  return tensorName === wanted || tensorName.endsWith(`.${wanted}`) || tensorName.endsWith(`/${wanted}`);
}

/** Tensors matching the highest-priority name that matches at all, exact matches before path-suffix ones. */
function byPriority(candidates: Tensor[], names: readonly string[]): Tensor[] {
  for (const name of names) {
    const exact = candidates.filter((t) => t.name === name);
    if (exact.length > 0) return exact;
  }
  for (const name of names) {
    const suffix = candidates.filter((t) => nameMatches(t.name, name));
    if (suffix.length > 0) return suffix;
  }
  return [];
}

function defaultWeight(file: string, tensors: Tensor[]): Tensor {
  const candidates = tensors.filter(isMatrixLike);
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) {
    throw new InputError(file, `no 2-D or 3-D tensor to analyse (the file holds ${describe(tensors) || 'no tensors'}); W must be a matrix`);
  }
  const named = byPriority(candidates, WEIGHT_NAMES);
  if (named.length === 1) return named[0];
  const matrices = candidates.filter((t) => t.shape.length === 2);
  if (named.length === 0 && matrices.length === 1) return matrices[0];
  throw new InputError(file, `cannot tell which tensor is W among ${describe(named.length > 1 ? named : candidates)}; choose one with --tensor`);
}

/** Whether a tensor fits as the bias of n features (a stack of `instances` when instances > 0). */
function fitsBias(t: Tensor, n: number, instances: number): boolean {
  if (t.shape.length === 1) return t.shape[0] === n;
  return instances > 0 && t.shape.length === 2 && t.shape[0] === instances && t.shape[1] === n;
}

function namedBias(file: string, tensors: Tensor[], name: string, n: number, instances: number): { tensor: Tensor } {
  const found = tensors.find((t) => t.name === name);
  if (found === undefined) {
    const vectors = tensors.filter((t) => t.shape.length === 1 || (instances > 0 && t.shape.length === 2));
    throw new InputError(file, `no tensor named ${quote(name)} for the bias; candidates: ${describe(vectors) || 'none'}`);
  }
  if (!fitsBias(found, n, instances)) {
    const expected = instances > 0 ? `(${n},) or ${formatShape([instances, n])}` : `(${n},)`;
    throw new InputError(file, `bias ${quote(name)} has shape ${formatShape(found.shape)} but W has n = ${n} features (expected ${expected})`);
  }
  return { tensor: found };
}

function defaultBias(tensors: Tensor[], weightName: string, n: number, instances: number): { tensor: Tensor } | undefined {
  // An SAE's encoder bias has length n too, but it belongs to the encoder, not
  // to the decoder W whose arrangement tegum studies: never take it by default.
  const fitting = tensors.filter((t) => fitsBias(t, n, instances) && !ENCODER_BIASES.some((name) => nameMatches(t.name, name)));
  if (weightName.endsWith('.weight')) {
    const paired = fitting.find((t) => t.name === `${weightName.slice(0, -'.weight'.length)}.bias`);
    if (paired !== undefined) return { tensor: paired };
  }
  const named = byPriority(fitting, BIAS_NAMES);
  return named.length > 0 ? { tensor: named[0] } : undefined;
}
