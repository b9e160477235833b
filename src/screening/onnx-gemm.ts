/**
 * A hand-encoded ONNX model (protobuf, opset 13) of one node,
 * C = Gemm(A, B, transB = 1) = A·Bᵀ with symbolic shapes A: r×k, B: c×k,
 * float32, so onnxruntime's MLAS sgemm can serve Gram tiles without shipping
 * a model file. Field numbers are those of onnx.proto (ModelProto, GraphProto,
 * NodeProto, AttributeProto, ValueInfoProto, TypeProto.Tensor, TensorShapeProto).
 */

const utf8 = new TextEncoder();

function varint(v: number): number[] {
  const out: number[] = [];
  while (v > 127) {
    out.push((v & 127) | 128);
    v >>>= 7;
  }
  out.push(v);
  return out;
}

/** Length-delimited field (wire type 2). */
function bytes(field: number, payload: number[]): number[] {
  return [...varint((field << 3) | 2), ...varint(payload.length), ...payload];
}

/** Varint field (wire type 0). */
function int(field: number, value: number): number[] {
  return [...varint(field << 3), ...varint(value)];
}

const str = (field: number, s: string): number[] => bytes(field, [...utf8.encode(s)]);

/** ValueInfoProto{name, type: Tensor{elem_type FLOAT = 1, shape [rows, 'k']}}. */
function floatMatrix(name: string, rows: string): number[] {
  const dim = (param: string): number[] => bytes(1, str(2, param));
  const tensor = [...int(1, 1), ...bytes(2, [...dim(rows), ...dim('k')])];
  return [...str(1, name), ...bytes(2, bytes(1, tensor))];
}

/** The model's bytes. Inputs 'A' (r×k), 'B' (c×k); output 'C' (r×c). */
export function gemmTransBModel(): Uint8Array {
  const transB = [...str(1, 'transB'), ...int(3, 1), ...int(20, 2)]; // AttributeProto: name, i = 1, type INT
  const node = [...str(1, 'A'), ...str(1, 'B'), ...str(2, 'C'), ...str(4, 'Gemm'), ...bytes(5, transB)];
  const output = [...str(1, 'C'), ...bytes(2, bytes(1, [...int(1, 1), ...bytes(2, [...bytes(1, str(2, 'r')), ...bytes(1, str(2, 'c'))])]))];
  const graph = [...bytes(1, node), ...str(2, 'gram'), ...bytes(11, floatMatrix('A', 'r')), ...bytes(11, floatMatrix('B', 'c')), ...bytes(12, output)];
  // ModelProto: ir_version 8, graph, opset_import {domain '', version 13}.
  return Uint8Array.from([...int(1, 8), ...bytes(7, graph), ...bytes(8, [...str(1, ''), ...int(2, 13)])]);
}
