import { InputError } from './errors.js';
import { formatBytes, formatShape } from './format.js';

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
    throw new InputError(
      file,
      `${what} has ${shape.length} dimensions ${formatShape(shape)}; tegum reads tensors of 0 to ${MAX_DIMENSIONS} dimensions`,
    );
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
export function guardTensorSize(
  file: string,
  what: string,
  shape: readonly number[],
  dtypeName: string,
  itemSize: number,
  available: number,
): number {
  guardDimensions(file, what, shape);
  const count = elementCount(shape);
  const needed = count * itemSize;
  if (needed > available) {
    throw new InputError(
      file,
      `${what} of shape ${formatShape(shape)} ${dtypeName} needs ${formatBytes(needed)} but the file holds ${formatBytes(available)} of data (truncated or corrupt)`,
    );
  }
  if (count > MAX_ELEMENTS) {
    throw new InputError(
      file,
      `${what} of shape ${formatShape(shape)} has ${count} elements; tegum reads at most 2^31 elements per tensor`,
    );
  }
  return count;
}
