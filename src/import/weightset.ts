/**
 * The matrix tegum analyses, after choosing a tensor and its orientation.
 *
 * W is stored feature-major: feature i occupies W[i*m .. i*m+m), so feature
 * directions are contiguous whatever the file's layout was. In the Toy Models
 * notation W is m×n with features as columns; this is that matrix's columns.
 */
export interface WeightSet {
  file: string;
  /** Name of the tensor holding W. */
  tensor: string;
  /** Hidden dimension. */
  m: number;
  /** Number of features. */
  n: number;
  /** Which axis of the stored matrix indexed features. */
  featuresAre: 'rows' | 'columns';
  /**
   * Feature-major n×m values: W[i*m + r] = coordinate r of feature i, in the
   * file's precision (Float32Array for float16/bfloat16/float32 tensors, else
   * Float64Array): a dictionary's W is not doubled on reading; {@link asFloat64}
   * widens where float64 storage is wanted.
   */
  W: Float32Array | Float64Array;
  /** Optional decoder bias b (length n) and the tensor it came from. */
  bias?: Float64Array;
  biasName?: string;
  /** For 3-d stacks (Toy Models instances): which instance was taken. */
  instance?: number;
}

/**
 * Values as a Float64Array: the array itself when it is one, else a widened copy (exact).
 *
 * @param values Float32 or float64 values.
 */
export function asFloat64(values: Float32Array | Float64Array): Float64Array {
  return values instanceof Float64Array ? values : Float64Array.from(values);
}
