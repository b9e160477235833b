/**
 * Sparse-autoencoder checkpoints as their libraries save them (Node only):
 * - SAELens: a folder holding `cfg.json` and `sae_weights.safetensors`
 *   (W_enc [d_in, d_sae], b_enc, W_dec [d_sae, d_in], b_dec); the folder or
 *   its `cfg.json` may be given, and cfg.json's fields become metadata;
 * - Gemma Scope: a folder holding `params.npz` (W_enc, W_dec, b_enc, b_dec, threshold);
 * - dictionary_learning: a folder holding `ae.pt` (encoder.weight, encoder.bias,
 *   decoder.weight [d_in, d_sae], bias) and optionally `config.json`.
 * Which tensor is the decoder, and which of its axes indexes features, is
 * decided by name in choose.ts.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from './errors.js';
import { readFileBytes } from './file-bytes.js';
import { isJsonObject, JsonSyntaxError, parseJson } from './json-value.js';
import type { JsonValue } from './json-value.js';

/** Weight files looked for in a folder, in this order, with the config file saved beside each. */
const LAYOUTS: ReadonlyArray<{ weights: string; config: string }> = [
  { weights: 'sae_weights.safetensors', config: 'cfg.json' },
  { weights: 'params.npz', config: 'cfg.json' },
  { weights: 'ae.pt', config: 'config.json' },
];

/** Where the weights and config of an SAE folder are. */
export interface SaeFolder {
  /** Path of the weight file inside the folder. */
  weights: string;
  /** Path of its config file, when there is one. */
  config?: string;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Whether a path names an SAE folder (or SAELens's cfg.json inside one).
 *
 * @param path What the user gave.
 * @returns The folder's weight and config files, or undefined when the path is not a folder.
 * @throws InputError for a folder holding none of the known weight files.
 */
export async function findSaeFolder(path: string): Promise<SaeFolder | undefined> {
  let folder: string;
  if (basename(path) === 'cfg.json' && (await isFile(join(dirname(path), 'sae_weights.safetensors')))) folder = dirname(path);
  else {
    try {
      if (!(await stat(path)).isDirectory()) return undefined;
    } catch {
      return undefined;
    }
    folder = path;
  }
  for (const layout of LAYOUTS) {
    const weights = join(folder, layout.weights);
    if (!(await isFile(weights))) continue;
    const config = join(folder, layout.config);
    return (await isFile(config)) ? { weights, config } : { weights };
  }
  throw new InputError(path, `is a directory, not a weight file (an SAE folder holds ${LAYOUTS.map((l) => l.weights).join(', ')})`);
}

/**
 * The fields of an SAE config file as metadata: nested objects flattened to
 * dotted keys, lists and scalars as their JSON text.
 *
 * @param configPath The config file.
 * @returns Key → value text, in file order.
 * @throws InputError naming the config file when it is not a JSON object.
 */
export async function readSaeConfig(configPath: string): Promise<Map<string, string>> {
  const bytes = await readFileBytes(configPath);
  let root: JsonValue;
  try {
    root = parseJson(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new InputError(configPath, e.message);
    if (e instanceof TypeError) throw new InputError(configPath, 'not valid UTF-8 text');
    throw e;
  }
  if (!isJsonObject(root)) throw new InputError(configPath, 'an SAE config must be a JSON object');
  const out = new Map<string, string>();
  const visit = (value: JsonValue, key: string): void => {
    if (isJsonObject(value)) for (const [k, v] of value) visit(v, key === '' ? k : `${key}.${k}`);
    else out.set(key, typeof value === 'string' ? value : JSON.stringify(toPlain(value)));
  };
  visit(root, '');
  return out;
}

/** A JSON value with Maps turned back into plain objects, for JSON.stringify. */
function toPlain(value: JsonValue): unknown {
  if (Array.isArray(value)) return value.map(toPlain);
  if (isJsonObject(value)) return Object.fromEntries([...value].map(([k, v]) => [k, toPlain(v)]));
  return value;
}
