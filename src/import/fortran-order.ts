import { valueArrayLike } from './tensor.js';

/**
 * Reorder column-major (Fortran) data into row-major (C) order.
 *
 * In Fortran order the first index varies fastest: element (i0, i1, i2) of a
 * shape (d0, d1, d2) sits at i0 + d0·(i1 + d1·i2).
 *
 * @param data Values in Fortran order.
 * @param shape The logical shape (0 to 3 dimensions).
 * @returns The same values in C order, in the same storage (the input itself when order does not matter: fewer than 2 dimensions, or no values).
 */
export function fortranToC(data: Float32Array | Float64Array, shape: readonly number[]): Float32Array | Float64Array {
  // No values, nothing to move: a shape such as (4294967297, 0) must not be walked row by row.
  if (shape.length < 2 || data.length === 0) return data;
  const out = valueArrayLike(data, data.length);
  if (shape.length === 2) {
    const [d0, d1] = shape;
    for (let i0 = 0; i0 < d0; i0++) {
      const row = i0 * d1;
      for (let i1 = 0; i1 < d1; i1++) out[row + i1] = data[i0 + d0 * i1];
    }
    return out;
  }
  const [d0, d1, d2] = shape;
  let k = 0;
  for (let i0 = 0; i0 < d0; i0++) {
    for (let i1 = 0; i1 < d1; i1++) {
      for (let i2 = 0; i2 < d2; i2++) out[k++] = data[i0 + d0 * (i1 + d1 * i2)];
    }
  }
  return out;
}
