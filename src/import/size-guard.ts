import { InputError } from './errors.js';
import { formatBytePair, formatBytes, formatShape } from './format.js';

/**
 * Most elements tegum accepts in one tensor: 2^31 float64 values are 16 GiB,
 * already beyond what the analysis could use, and far below the engine's
 * typed-array length limit.
 */
export const MAX_ELEMENTS = 2 ** 31;

/** Highest number of dimensions a tensor may have (a stack of matrices). */
export const MAX_DIMENSIONS = 3;

/**
 * Number of elements of a shape (1 for a 0-d shape). May exceed 2^53 for
 * hostile shapes, in which case the value is approximate but still huge.
 *
 * @param shape Non-negative integer dimensions.
 * @returns The product of the dimensions.
 */
export function elementCount(shape: readonly number[]): number {
  let count = 1;
  for (const d of shape) count *= d;
  return count;
}

/**
 * Refuse a tensor with more than {@link MAX_DIMENSIONS} dimensions.
 *
 * @param file File named in the error.
 * @param what How to name the tensor in the reason, e.g. `tensor 'W'` or `array`.
 * @param shape Declared shape.
 * @throws InputError when the shape has too many dimensions.
 */
export function guardDimensions(file: string, what: string, shape: readonly number[]): void {
  if (shape.length > MAX_DIMENSIONS) {
    throw new InputError(file, `${what} has ${shape.length} dimensions ${formatShape(shape)}; tegum reads tensors of 0 to ${MAX_DIMENSIONS} dimensions`);
  }
}

/**
 * Refuse a declared tensor before anything is allocated for it: too many
 * dimensions, more bytes than the file holds, or more elements than tegum
 * handles.
 *
 * @param file File named in the error.
 * @param what How to name the tensor in the reason, e.g. `tensor 'W'` or `array`.
 * @param shape Declared shape (already checked to be non-negative integers).
 * @param dtypeName Stored dtype name, shown in the reason.
 * @param itemSize Bytes per stored element.
 * @param available Bytes the file actually holds for this tensor's data.
 * @returns The element count.
 * @throws InputError when any limit is exceeded.
 */
export function guardTensorSize(file: string, what: string, shape: readonly number[], dtypeName: string, itemSize: number, available: number): number {
  guardDimensions(file, what, shape);
  const count = elementCount(shape);
  const needed = count * itemSize;
  if (needed > available) {
    const [need, have] = formatBytePair(needed, available);
    throw new InputError(file, `${what} of shape ${formatShape(shape)} ${dtypeName} needs ${need} but the file holds ${have} of data (truncated or corrupt)`);
  }
  if (count > MAX_ELEMENTS) {
    throw new InputError(file, `${what} of shape ${formatShape(shape)} has ${count} elements; tegum reads at most 2^31 elements per tensor`);
  }
  return count;
}

/**
 * Floor of the float64 budget (8 bytes per element, the widest storage a reader uses), so a file whose
 * data are compressed (.npz), narrow (bool, int8) or shared between views
 * (PyTorch) can ask for far more memory than it occupies. 256 MiB holds a
 * 4096 × 8192 float64 dictionary, more than any toy model.
 */
export const WIDENED_FLOOR = 256 * 2 ** 20;

/**
 * Allowed float64 bytes per byte of file above the floor. Plain float32 data
 * widen 2×, bool/int8 8×; 16× leaves room for views sharing a storage.
 * Zeros compressed 1000:1 do not fit, which is the point.
 */
export const WIDENED_RATIO = 16;

/**
 * Refuse to widen more elements than the file plausibly holds, unless the
 * caller allows large reads (`--allow-large`).
 *
 * @param file File named in the error.
 * @param elements Total elements the file's tensors declare.
 * @param fileSize Bytes of the file (or archive).
 * @param opts `allowLarge` lifts the budget (the per-tensor element limit still applies).
 * @param what How to name what is being read, e.g. `its arrays`.
 * @throws InputError when elements × 8 bytes exceed max({@link WIDENED_RATIO} × fileSize, {@link WIDENED_FLOOR}).
 */
export function guardWidened(file: string, elements: number, fileSize: number, opts: { allowLarge?: boolean }, what: string): void {
  if (opts.allowLarge === true) return;
  const limit = Math.max(WIDENED_RATIO * fileSize, WIDENED_FLOOR);
  const widened = elements * 8;
  if (widened > limit) {
    throw new InputError(
      file,
      `refusing to read ${formatBytes(widened)} of float64 values (${what}) from a file of ${formatBytes(fileSize)} (limit ${formatBytes(limit)}: a likely zip bomb or hostile file); pass --allow-large if you trust it`,
    );
  }
}
