import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readTensors } from '../../src/import/index.js';
import { encodeNpyFloat32, encodeNpzFloat32 } from '../../src/toymodel/npz-writer.js';
import { referenceDir } from './helpers.js';

describe('npz writer', () => {
  // npy_oracle.npz was written by numpy.savez (stored zip of .npy v1 entries).
  const oracle = unzipSync(readFileSync(join(referenceDir, 'npy_oracle.npz')));

  it('writes each .npy entry byte for byte as numpy.save does', async () => {
    const tensors = await readTensors(join(referenceDir, 'npy_oracle.npz'));
    for (const t of tensors) {
      const mine = encodeNpyFloat32({ data: Float32Array.from(t.data), shape: t.shape });
      expect(Buffer.from(mine).equals(Buffer.from(oracle[`${t.name}.npy`]))).toBe(true);
    }
    expect(tensors.map((t) => t.name).sort()).toEqual(['W', 'b']);
  });

  it("is read back exactly by tegum's readTensors, and is deterministic", async () => {
    const W = Float32Array.from({ length: 2 * 5 }, (_, k) => Math.fround(Math.sin(k + 1)));
    const b = Float32Array.from({ length: 5 }, (_, k) => Math.fround(-0.1 * k));
    const bytes = encodeNpzFloat32({ W: { data: W, shape: [2, 5] }, b: { data: b, shape: [5] } });
    expect(Buffer.from(bytes).equals(Buffer.from(encodeNpzFloat32({ W: { data: W, shape: [2, 5] }, b: { data: b, shape: [5] } })))).toBe(true);
    const path = join(mkdtempSync(join(tmpdir(), 'tegum-npz-')), 'run.npz');
    writeFileSync(path, bytes);
    const tensors = await readTensors(path);
    const byName = new Map(tensors.map((t) => [t.name, t]));
    expect(byName.get('W')?.dtype).toBe('float32');
    expect(byName.get('W')?.shape).toEqual([2, 5]);
    expect(Array.from(byName.get('W')?.data ?? [])).toEqual(Array.from(W));
    expect(byName.get('b')?.shape).toEqual([5]);
    expect(Array.from(byName.get('b')?.data ?? [])).toEqual(Array.from(b));
  });

  it('refuses data that does not fill the shape', () => {
    expect(() => encodeNpyFloat32({ data: new Float32Array(3), shape: [2, 2] })).toThrow(RangeError);
  });
});
