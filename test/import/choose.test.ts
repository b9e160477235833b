import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertFinite, chooseWeights, InputError, readTensors } from '../../src/import/index.js';
import type { Tensor } from '../../src/import/index.js';
import { GOOD } from './fixtures.js';

/** A float64 tensor from a shape and C-order values. */
function tensor(name: string, shape: number[], values?: number[]): Tensor {
  const count = shape.reduce((a, b) => a * b, 1);
  const data = Float64Array.from(values ?? Array.from({ length: count }, (_, i) => i + 1));
  if (data.length !== count) throw new Error('bad test tensor');
  return { name, dtype: 'float64', shape, data };
}

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).reason;
  }
  throw new Error('accepted');
}

describe('orientation', () => {
  // Toy Models' W is m×n with features as columns: here m = 2, n = 3.
  const toy = tensor('W', [2, 3], [1, 2, 3, 4, 5, 6]);

  it('the longer axis indexes features: columns of a 2×3 matrix', () => {
    const ws = chooseWeights('f', [toy]);
    expect(ws).toMatchObject({ tensor: 'W', featuresAre: 'columns', n: 3, m: 2 });
    // feature i = column i = (W[0][i], W[1][i])
    expect(Array.from(ws.W)).toEqual([1, 4, 2, 5, 3, 6]);
    expect(ws.instance).toBeUndefined();
  });

  it('rows of a 3×2 matrix', () => {
    const ws = chooseWeights('f', [tensor('W', [3, 2], [1, 2, 3, 4, 5, 6])]);
    expect(ws).toMatchObject({ featuresAre: 'rows', n: 3, m: 2 });
    expect(Array.from(ws.W)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a square matrix: columns are features (ties go to Toy Models layout)', () => {
    const ws = chooseWeights('f', [tensor('W', [2, 2], [1, 2, 3, 4])]);
    expect(ws.featuresAre).toBe('columns');
    expect(Array.from(ws.W)).toEqual([1, 3, 2, 4]);
  });

  it('features can be forced', () => {
    const ws = chooseWeights('f', [toy], { features: 'rows' });
    expect(ws).toMatchObject({ featuresAre: 'rows', n: 2, m: 3 });
    expect(Array.from(ws.W)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rows as features: W is the tensor’s own storage (no copy), float32 kept as float32', () => {
    const t = tensor('W', [3, 2]);
    expect(chooseWeights('f', [t]).W.buffer).toBe(t.data.buffer);
    const f32: Tensor = { name: 'W_dec', dtype: 'float32', shape: [3, 2], data: Float32Array.of(0.1, 2, 3, 4, 5, 6) };
    const ws = chooseWeights('f', [f32]);
    expect(ws.W).toBeInstanceOf(Float32Array);
    expect(ws.W.buffer).toBe(f32.data.buffer);
    expect(ws.W[0]).toBe(Math.fround(0.1));
  });

  it('columns as features and stack instances are copies in the same storage; changing them leaves the tensor alone', () => {
    const columns: Tensor = { name: 'W', dtype: 'float32', shape: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, 6) };
    const ws = chooseWeights('f', [columns]);
    expect(ws.W).toBeInstanceOf(Float32Array);
    expect(Array.from(ws.W)).toEqual([1, 4, 2, 5, 3, 6]);
    ws.W[0] = 99;
    expect(columns.data[0]).toBe(1);
    const stack = tensor('W', [2, 3, 2]);
    const one = chooseWeights('f', [stack], { instance: 1, features: 'rows' });
    one.W[0] = 99;
    expect(stack.data[6]).toBe(7);
  });

  it('the bias is float64 whatever its storage', () => {
    const W: Tensor = { name: 'W', dtype: 'float32', shape: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, 6) };
    const b: Tensor = { name: 'b', dtype: 'float32', shape: [3], data: Float32Array.of(0.1, 0.2, 0.3) };
    const ws = chooseWeights('f', [W, b]);
    expect(ws.bias).toBeInstanceOf(Float64Array);
    expect(Array.from(ws.bias ?? [])).toEqual([Math.fround(0.1), Math.fround(0.2), Math.fround(0.3)]);
  });
});

describe('choosing W', () => {
  it('an SAE: W_dec is preferred over W_enc; b_dec (length m) is not a bias of n features', () => {
    const ws = chooseWeights('sae', [tensor('W_enc', [4, 6]), tensor('W_dec', [6, 4]), tensor('b_enc', [6]), tensor('b_dec', [4])]);
    expect(ws).toMatchObject({ tensor: 'W_dec', featuresAre: 'rows', n: 6, m: 4 });
    expect(ws.bias).toBeUndefined();
  });

  it('names match as the last component of a dotted or slashed path', () => {
    expect(chooseWeights('f', [tensor('sae.W_enc', [4, 6]), tensor('sae.W_dec', [6, 4])]).tensor).toBe('sae.W_dec');
    expect(chooseWeights('f', [tensor('run1/W', [2, 5]), tensor('run1/probe', [2, 5])]).tensor).toBe('run1/W');
  });

  it('a Toy Models stack beside 2-D importance: W by name, instance 0 by default and recorded', () => {
    const W = tensor('W', [3, 2, 5]);
    const importance = tensor('importance', [3, 5]);
    const ws = chooseWeights('toy', [importance, W]);
    expect(ws).toMatchObject({ tensor: 'W', instance: 0, featuresAre: 'columns', n: 5, m: 2 });
    // instance 0 is values 1..10 as a 2×5 matrix; feature 0 = column 0 = (1, 6)
    expect(Array.from(ws.W.subarray(0, 2))).toEqual([1, 6]);
  });

  it('another instance of a stack, with the bias of the same instance', () => {
    const W = tensor('W', [3, 2, 5]);
    const b = tensor('b_final', [3, 5]);
    const ws = chooseWeights('toy', [W, b], { instance: 2 });
    expect(ws.instance).toBe(2);
    // instance 2 holds values 21..30: column 0 = (21, 26)
    expect(Array.from(ws.W.subarray(0, 2))).toEqual([21, 26]);
    expect(ws.biasName).toBe('b_final');
    expect(Array.from(ws.bias ?? [])).toEqual([11, 12, 13, 14, 15]);
  });

  it('the only 2-D tensor beside unnamed 3-D stacks', () => {
    expect(chooseWeights('f', [tensor('A', [2, 3, 4]), tensor('B', [2, 3, 4]), tensor('M', [5, 2])]).tensor).toBe('M');
  });

  it('--tensor picks any 2-D or 3-D tensor', () => {
    expect(chooseWeights('f', [tensor('W', [2, 5]), tensor('probe', [7, 3])], { tensor: 'probe' })).toMatchObject({ tensor: 'probe', n: 7 });
  });

  it('a sharded model: decoder.weight with its paired decoder.bias', async () => {
    const tensors = await readTensors(join(GOOD, 'sharded', 'model.safetensors.index.json'));
    const ws = chooseWeights('model', tensors);
    expect(ws).toMatchObject({ tensor: 'decoder.weight', featuresAre: 'columns', n: 8, m: 3, biasName: 'decoder.bias' });
    expect(ws.bias?.length).toBe(8);
  });
});

describe('bias', () => {
  const W = tensor('W', [2, 5]);

  it('default names in priority order, only when the length is n', () => {
    const ws = chooseWeights('f', [W, tensor('bias', [5]), tensor('b', [2]), tensor('b_final', [5], [9, 9, 9, 9, 9])]);
    expect(ws.biasName).toBe('bias');
  });

  it('no matching name means no bias', () => {
    const ws = chooseWeights('f', [W, tensor('offsets', [5])]);
    expect(ws.bias).toBeUndefined();
    expect(ws.biasName).toBeUndefined();
  });

  it('--bias picks a tensor of length n', () => {
    const ws = chooseWeights('f', [W, tensor('offsets', [5], [5, 4, 3, 2, 1])], { bias: 'offsets' });
    expect(Array.from(ws.bias ?? [])).toEqual([5, 4, 3, 2, 1]);
  });

  it('--bias with the wrong length or a missing name is an error', () => {
    expect(reasonOf(() => chooseWeights('f', [W, tensor('b', [2])], { bias: 'b' }))).toMatch(/bias 'b' has shape \(2,\) but W has n = 5 features/);
    expect(reasonOf(() => chooseWeights('f', [W, tensor('b', [5])], { bias: 'c' }))).toMatch(/no tensor named 'c' for the bias; candidates: 'b' \(5,\)/);
  });
});

describe('refusals', () => {
  it('a missing --tensor lists the tensors', () => {
    expect(reasonOf(() => chooseWeights('f', [tensor('W', [2, 5]), tensor('b', [5])], { tensor: 'V' }))).toMatch(
      /no tensor named 'V'; the file holds 'W' \(2, 5\), 'b' \(5,\)/,
    );
  });

  it('a 1-D W is refused', () => {
    expect(reasonOf(() => chooseWeights('f', [tensor('W', [2, 5]), tensor('b', [5])], { tensor: 'b' }))).toMatch(
      /tensor 'b' is 1-D \(5,\); W must be a matrix/,
    );
    expect(reasonOf(() => chooseWeights('f', [tensor('b', [5])]))).toMatch(/no 2-D or 3-D tensor/);
  });

  it('ambiguous candidates ask for --tensor', () => {
    expect(reasonOf(() => chooseWeights('f', [tensor('A', [2, 5]), tensor('B', [5, 2])]))).toMatch(
      /cannot tell which tensor is W among 'A' \(2, 5\), 'B' \(5, 2\); choose one with --tensor/,
    );
  });

  it('instance out of range, or given for a 2-D tensor', () => {
    expect(reasonOf(() => chooseWeights('f', [tensor('W', [3, 2, 5])], { instance: 3 }))).toMatch(/instance 3 out of range.*holds 3 instances \(0 to 2\)/);
    expect(reasonOf(() => chooseWeights('f', [tensor('W', [3, 2, 5])], { instance: -1 }))).toMatch(/out of range/);
    expect(reasonOf(() => chooseWeights('f', [tensor('W', [2, 5])], { instance: 1 }))).toMatch(/is 2-D \(2, 5\), not a stack/);
  });

  it('an empty matrix', () => {
    expect(reasonOf(() => chooseWeights('f', [tensor('W', [2, 0])]))).toMatch(/holds no values/);
  });
});

describe('non-finite weights', () => {
  it('chooseWeights keeps them; assertFinite refuses them with counts', () => {
    const W = tensor('W', [2, 3], [NaN, 1, Infinity, NaN, -Infinity, NaN]);
    const ws = chooseWeights('w.npy', [W]);
    expect(Number.isNaN(ws.W[0])).toBe(true);
    expect(() => assertFinite('w.npy', ws)).toThrow(InputError);
    expect(reasonOf(() => assertFinite('w.npy', ws))).toBe('W contains 3 NaN and 2 Inf values; tegum cannot analyse non-finite weights');
  });

  it('a single non-finite value and a non-finite bias', () => {
    const ws = chooseWeights('w', [tensor('W', [2, 3], [1, 2, 3, 4, 5, Infinity])]);
    expect(reasonOf(() => assertFinite('w', ws))).toBe('W contains 1 Inf value; tegum cannot analyse non-finite weights');
    const withBias = chooseWeights('w', [tensor('W', [2, 3]), tensor('b', [3], [0, NaN, 1])]);
    expect(reasonOf(() => assertFinite('w', withBias))).toBe("bias 'b' contains 1 NaN value; tegum cannot analyse non-finite weights");
  });

  it('finite weights pass', () => {
    expect(() => assertFinite('w', chooseWeights('w', [tensor('W', [2, 3])]))).not.toThrow();
  });
});
