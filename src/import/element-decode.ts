import { valueArray } from './tensor.js';
import type { DType } from './tensor.js';
import { bfloat16ToNumber, float16ToNumber } from './half-float.js';

/** How one stored element is laid out: its dtype, width and byte order. */
export interface ElementEncoding {
  dtype: DType;
  /** Bytes per element. */
  itemSize: number;
  /** Byte order on disk (irrelevant for 1-byte types). */
  littleEndian: boolean;
}

/** Bytes per element of each dtype tegum reads. */
export const ITEM_SIZE: Readonly<Record<DType, number>> = {
  bool: 1,
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  float16: 2,
  bfloat16: 2,
  int32: 4,
  uint32: 4,
  float32: 4,
  int64: 8,
  uint64: 8,
  float64: 8,
};

/** Whether this machine stores numbers little-endian (typed arrays use host order). */
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Whether the stored elements already are what valueArray holds them in:
 * float32 or float64 in host byte order, so the bytes can be used or copied as they are.
 */
export function isHostFloat(encoding: ElementEncoding): boolean {
  return (encoding.dtype === 'float32' || encoding.dtype === 'float64') && encoding.littleEndian === HOST_LITTLE_ENDIAN;
}

/**
 * Decode `count` stored elements from `src` into `out[outOffset ..]` (float32
 * or float64 storage, as valueArray chose for the dtype). Same-endian
 * float32/float64 go through a typed-array view (a copy first when the bytes
 * are misaligned) and are copied in one native pass; other types go through a
 * DataView. 64-bit integers round to the nearest double.
 *
 * @param encoding Stored element layout.
 * @param src Bytes holding at least `count × itemSize` bytes, starting at the first element.
 * @param count Number of elements to decode.
 * @param out Destination.
 * @param outOffset First destination index.
 */
export function decodeElements(encoding: ElementEncoding, src: Uint8Array, count: number, out: Float32Array | Float64Array, outOffset: number): void {
  const { dtype, itemSize, littleEndian } = encoding;
  const le = littleEndian;
  if (isHostFloat(encoding)) {
    const bytes = src.byteOffset % itemSize === 0 ? src : src.slice(0, count * itemSize);
    const view = dtype === 'float32' ? new Float32Array(bytes.buffer, bytes.byteOffset, count) : new Float64Array(bytes.buffer, bytes.byteOffset, count);
    out.set(view, outOffset);
    return;
  }
  const dv = new DataView(src.buffer, src.byteOffset, count * itemSize);
  switch (dtype) {
    case 'bool':
      for (let i = 0; i < count; i++) out[outOffset + i] = src[i] !== 0 ? 1 : 0;
      return;
    case 'int8':
      for (let i = 0; i < count; i++) out[outOffset + i] = dv.getInt8(i);
      return;
    case 'uint8':
      for (let i = 0; i < count; i++) out[outOffset + i] = src[i];
      return;
    case 'int16':
      for (let i = 0; i < count; i++) out[outOffset + i] = dv.getInt16(2 * i, le);
      return;
    case 'uint16':
      for (let i = 0; i < count; i++) out[outOffset + i] = dv.getUint16(2 * i, le);
      return;
    case 'float16':
      for (let i = 0; i < count; i++) out[outOffset + i] = float16ToNumber(dv.getUint16(2 * i, le));
      return;
    case 'bfloat16':
      for (let i = 0; i < count; i++) out[outOffset + i] = bfloat16ToNumber(dv.getUint16(2 * i, le));
      return;
    case 'int32':
      for (let i = 0; i < count; i++) out[outOffset + i] = dv.getInt32(4 * i, le);
      return;
    case 'uint32':
      for (let i = 0; i < count; i++) out[outOffset + i] = dv.getUint32(4 * i, le);
      return;
    case 'float32':
      for (let i = 0; i < count; i++) out[outOffset + i] = dv.getFloat32(4 * i, le);
      return;
    case 'float64':
      for (let i = 0; i < count; i++) out[outOffset + i] = dv.getFloat64(8 * i, le);
      return;
    case 'int64':
    case 'uint64': {
      // hi·2^32 and lo are exact doubles, so their sum is rounded once: the
      // nearest double to the 64-bit integer (round half to even).
      const signed = dtype === 'int64';
      for (let i = 0; i < count; i++) {
        const lo = dv.getUint32(8 * i + (le ? 0 : 4), le);
        const hi = signed ? dv.getInt32(8 * i + (le ? 4 : 0), le) : dv.getUint32(8 * i + (le ? 4 : 0), le);
        out[outOffset + i] = hi * 4294967296 + lo;
      }
      return;
    }
  }
}

/**
 * The `count` stored elements at the start of `src` as tensor values (the storage valueArray picks): a view
 * of `src` itself when its bytes already are that storage (same-endian, aligned float32 or float64), so a
 * file read into memory is not copied again; else a decoded copy. A view shares memory with `src`.
 *
 * @param encoding Stored element layout.
 * @param src Bytes holding at least `count × itemSize` bytes, starting at the first element.
 * @param count Number of elements.
 */
export function decodeValues(encoding: ElementEncoding, src: Uint8Array, count: number): Float32Array | Float64Array {
  const { dtype, itemSize } = encoding;
  if (isHostFloat(encoding) && src.byteOffset % itemSize === 0) {
    return dtype === 'float32' ? new Float32Array(src.buffer, src.byteOffset, count) : new Float64Array(src.buffer, src.byteOffset, count);
  }
  const out = valueArray(dtype, count);
  decodeElements(encoding, src, count, out, 0);
  return out;
}
