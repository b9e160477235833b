/**
 * A named tensor as read from a weight file. Every reader returns these. Values
 * keep the file's float precision where float32 holds them exactly (float16,
 * bfloat16, float32: 4 bytes per value, not 8); every other dtype is widened to
 * float64. The analysis widens only what needs float64 (see src/analysis/analyze.ts).
 */
export type DType = 'bool' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'float16' | 'bfloat16' | 'float32' | 'float64';

export interface Tensor {
  /** Name inside the file (npz entry without `.npy`, JSON key, safetensors key; the file stem for a bare .npy). */
  name: string;
  /** The dtype as stored on disk. */
  dtype: DType;
  /** Shape in C (row-major) order, whatever the storage order on disk. */
  shape: number[];
  /** Values in C order: Float32Array for float16 / bfloat16 / float32 files, Float64Array otherwise (see {@link storedAsFloat32}). */
  data: Float32Array | Float64Array;
}

/** Whether a dtype's values are kept as float32 (float32 represents every float16, bfloat16 and float32 value exactly). */
export function storedAsFloat32(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float16' || dtype === 'bfloat16';
}

/**
 * A zeroed value array for `count` elements of `dtype`, in the storage {@link Tensor.data} uses for it.
 *
 * @param dtype Stored dtype.
 * @param count Number of elements.
 */
export function valueArray(dtype: DType, count: number): Float32Array | Float64Array {
  return storedAsFloat32(dtype) ? new Float32Array(count) : new Float64Array(count);
}

/**
 * A zeroed array of the same element type as `like`.
 *
 * @param like Array whose storage to match.
 * @param count Number of elements.
 */
export function valueArrayLike(like: Float32Array | Float64Array, count: number): Float32Array | Float64Array {
  return like instanceof Float32Array ? new Float32Array(count) : new Float64Array(count);
}
