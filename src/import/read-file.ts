/**
 * Reading weight files from disk (Node): the in-memory readers plus those
 * that need the file system: streaming .npy, sharded safetensors, and SAE
 * folders (SAELens, Gemma Scope, dictionary_learning).
 */
import { basename } from 'node:path';
import { InputError } from './errors.js';
import { readFileBytes } from './file-bytes.js';
import { readNpyFile } from './npy-file.js';
import { formatOf, readWeightBytes, stemOf } from './read-bytes.js';
import type { ReadOptions, WeightFile } from './read-bytes.js';
import { findSaeFolder, readSaeConfig } from './sae-folder.js';
import { readShardedSafetensors } from './safetensors-index.js';
import type { Tensor } from './tensor.js';

/**
 * Read every tensor and the metadata of a weight file on disk.
 *
 * @param path File path; the extension (.npy, .npz, .json, .safetensors,
 *   .safetensors.index.json, .pt/.pth/.bin/.ckpt) picks the reader. An SAE
 *   folder, or SAELens's cfg.json, reads the weight file inside it.
 * @param opts Size policy ({@link ReadOptions}).
 * @returns Tensors (C order; float32 storage for float16/bfloat16/float32, else float64) and metadata (an SAE config's fields included).
 * @throws InputError for a missing or unreadable file, an unsupported extension,
 *   an empty file, and anything the format's reader refuses.
 */
export async function readWeightFile(path: string, opts: ReadOptions = {}): Promise<WeightFile> {
  const sae = await findSaeFolder(path);
  if (sae !== undefined) {
    let contents: WeightFile;
    try {
      contents = await readSingleFile(sae.weights, opts);
    } catch (e) {
      // Name the folder the user gave, and the file inside it that failed.
      if (e instanceof InputError) throw new InputError(path, `${basename(sae.weights)}: ${e.reason}`);
      throw e;
    }
    if (sae.config !== undefined) {
      for (const [key, value] of await readSaeConfig(sae.config)) if (!contents.metadata.has(key)) contents.metadata.set(key, value);
    }
    return contents;
  }
  return readSingleFile(path, opts);
}

async function readSingleFile(path: string, opts: ReadOptions): Promise<WeightFile> {
  const format = formatOf(path);
  if (format === '.safetensors.index.json') return readShardedSafetensors(path);
  if (format === '.npy') {
    // Streams the data instead of holding the file and the result at once.
    return { tensors: [await readNpyFile(path, stemOf(path, format))], metadata: new Map() };
  }
  return readWeightBytes(path, await readFileBytes(path), opts);
}

/**
 * Read every tensor of a weight file on disk.
 *
 * @param path File path or SAE folder, as {@link readWeightFile}.
 * @param opts Size policy ({@link ReadOptions}).
 * @returns The tensors, C order (float32 storage for float16/bfloat16/float32, else float64).
 * @throws InputError as {@link readWeightFile}.
 */
export async function readTensors(path: string, opts: ReadOptions = {}): Promise<Tensor[]> {
  return (await readWeightFile(path, opts)).tensors;
}
