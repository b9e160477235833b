/**
 * Reading weight files from disk (Node): the in-memory readers plus the two
 * that need the file system, streaming .npy and sharded safetensors.
 */
import { readFileBytes } from './file-bytes.js';
import { readNpyFile } from './npy-file.js';
import { formatOf, readWeightBytes, stemOf } from './read-bytes.js';
import type { WeightFile } from './read-bytes.js';
import { readShardedSafetensors } from './safetensors-index.js';
import type { Tensor } from './tensor.js';

/**
 * Read every tensor and the metadata of a weight file on disk.
 *
 * @param path File path; the extension (.npy, .npz, .json, .safetensors,
 *   .safetensors.index.json) picks the reader.
 * @returns Tensors (C order, float64) and metadata.
 * @throws InputError for a missing or unreadable file, an unsupported extension,
 *   an empty file, and anything the format's reader refuses.
 */
export async function readWeightFile(path: string): Promise<WeightFile> {
  const format = formatOf(path);
  if (format === '.safetensors.index.json') return readShardedSafetensors(path);
  if (format === '.npy') {
    // Streams the data instead of holding the file and the result at once.
    return { tensors: [await readNpyFile(path, stemOf(path, format))], metadata: new Map() };
  }
  return readWeightBytes(path, await readFileBytes(path));
}

/**
 * Read every tensor of a weight file on disk.
 *
 * @param path File path (.npy, .npz, .json, .safetensors, .safetensors.index.json).
 * @returns The tensors, C order, widened to float64.
 * @throws InputError as {@link readWeightFile}.
 */
export async function readTensors(path: string): Promise<Tensor[]> {
  return (await readWeightFile(path)).tensors;
}
