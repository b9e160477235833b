/**
 * Reading weight files held in memory: dispatch on the file name's extension
 * to the reader for .npy, .npz, .json, .safetensors or PyTorch files. No Node
 * imports, so the browser viewer can use this module directly.
 */
import { InputError } from './errors.js';
import { conversionHint } from './format-hints.js';
import { readJsonTensors } from './json-tensors.js';
import { readNpy } from './npy.js';
import { readNpz } from './npz.js';
import { readSafetensors } from './safetensors.js';
import type { Tensor } from './tensor.js';
import { readTorch } from './torch-file.js';

/** Extensions tegum reads, longest first so `.safetensors.index.json` wins over `.json`. */
export const SUPPORTED_EXTENSIONS = ['.safetensors.index.json', '.safetensors', '.npy', '.npz', '.json', '.pt', '.pth', '.bin', '.ckpt'] as const;

/** How much a reader may allocate. */
export interface ReadOptions {
  /**
   * Lift the float64 budget (max(16 × file size, 256 MiB), see size-guard.ts)
   * that stops compressed or hostile files from asking for gigabytes; the
   * per-tensor limit of 2^31 elements still applies.
   */
  allowLarge?: boolean;
}

/** Everything read from a weight file. */
export interface WeightFile {
  tensors: Tensor[];
  /** Free-form string metadata (safetensors `__metadata__`, a sharded index's `metadata`); empty for other formats. */
  metadata: Map<string, string>;
}

/** One of {@link SUPPORTED_EXTENSIONS}. */
export type WeightFormat = (typeof SUPPORTED_EXTENSIONS)[number];

/**
 * The format of a weight file, from its name.
 *
 * @param file File name or path (named in the error).
 * @returns The matched extension.
 * @throws InputError listing the supported extensions when none matches.
 */
export function formatOf(file: string): WeightFormat {
  const lower = file.toLowerCase();
  const format = SUPPORTED_EXTENSIONS.find((ext) => lower.endsWith(ext));
  if (format === undefined) {
    const supported = `tegum reads .npy, .npz, .json, .safetensors (and sharded .safetensors.index.json), PyTorch .pt/.pth/.bin/.ckpt`;
    const hint = conversionHint(file);
    throw new InputError(file, hint === undefined ? `unsupported file type; ${supported}` : `${hint} (${supported})`);
  }
  return format;
}

/**
 * File name without directory and extension: the tensor name of single-tensor files.
 *
 * @param file File name or path (either separator).
 * @param format Its format, from {@link formatOf}.
 * @returns e.g. `W` for `runs/W.npy`.
 */
export function stemOf(file: string, format: WeightFormat): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return base.slice(0, base.length - format.length);
}

/**
 * Read every tensor and the metadata of a weight file held in memory
 * (for the browser viewer, which has no file system).
 *
 * @param name The file's name; its extension picks the reader and its stem names
 *   single-tensor files. It is also the file named in errors.
 * @param bytes The file's contents. Aligned little-endian float32/float64 data are not copied: those tensors
 *   are views of `bytes`, which must not change afterwards.
 * @param opts Size policy ({@link ReadOptions}).
 * @returns Tensors (C order; float32 storage for float16/bfloat16/float32, else float64) and metadata.
 * @throws InputError for unsupported extensions (including sharded indexes, which need
 *   the file system), empty files and anything the format's reader refuses.
 */
export function readWeightBytes(name: string, bytes: Uint8Array, opts: ReadOptions = {}): WeightFile {
  const format = formatOf(name);
  if (format === '.safetensors.index.json') {
    throw new InputError(name, 'a sharded safetensors index can only be opened from a path (its shards are separate files)');
  }
  if (bytes.length === 0) throw new InputError(name, 'empty file');
  const noMetadata = new Map<string, string>();
  switch (format) {
    case '.npy':
      return { tensors: [readNpy(name, stemOf(name, format), bytes)], metadata: noMetadata };
    case '.npz':
      return { tensors: readNpz(name, bytes, opts), metadata: noMetadata };
    case '.json':
      return { tensors: readJsonTensors(name, stemOf(name, format), bytes), metadata: noMetadata };
    case '.safetensors':
      return readSafetensors(name, bytes);
    case '.pt':
    case '.pth':
    case '.bin':
    case '.ckpt':
      return readTorch(name, stemOf(name, format), bytes, opts);
  }
}

/**
 * Read every tensor of a weight file held in memory.
 *
 * @param name The file's name (extension picks the reader; also named in errors).
 * @param bytes The file's contents (shared with the tensors, as {@link readWeightBytes}).
 * @param opts Size policy ({@link ReadOptions}).
 * @returns The tensors, C order (float32 storage for float16/bfloat16/float32, else float64).
 * @throws InputError as {@link readWeightBytes}.
 */
export function readTensorsFromBytes(name: string, bytes: Uint8Array, opts: ReadOptions = {}): Tensor[] {
  return readWeightBytes(name, bytes, opts).tensors;
}
