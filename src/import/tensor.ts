/**
 * A named tensor as read from a weight file. Every reader returns these; the
 * values are always widened to float64 because all analysis runs in float64.
 */
export type DType = 'bool' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'float16' | 'bfloat16' | 'float32' | 'float64';

export interface Tensor {
  /** Name inside the file (npz entry without `.npy`, JSON key, safetensors key; the file stem for a bare .npy). */
  name: string;
  /** The dtype as stored on disk (before widening). */
  dtype: DType;
  /** Shape in C (row-major) order, whatever the storage order on disk. */
  shape: number[];
  /** Values in C order, widened to float64. */
  data: Float64Array;
}
