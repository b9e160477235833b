import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tegumInProcess } from '../run-cli.js';
import { readTensors, tensorStats } from '../../../src/import/index.js';
import { fmt } from '../../../src/report/text-table.js';
import { DEFAULT_SAMPLE, expectOneLineError, jsonWeights, root, tempDir } from './helpers.js';

interface Listed {
  name: string;
  dtype: string;
  shape: number[];
  stats: Record<string, number | string>;
}

/** A float32 safetensors file with one tensor and the given __metadata__. */
function safetensors(metadata: Record<string, string>): string {
  const data = new Float32Array([1, -2, 3, 0.5, 0, -1]);
  const header = JSON.stringify({ __metadata__: metadata, W: { dtype: 'F32', shape: [2, 3], data_offsets: [0, data.byteLength] } });
  const head = Buffer.from(header, 'utf8');
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(head.length));
  const file = join(tempDir('st'), 'meta.safetensors');
  writeFileSync(file, Buffer.concat([len, head, Buffer.from(data.buffer)]));
  return file;
}

const rowsOf = (stdout: string): string[][] =>
  stdout
    .split('\n')
    .slice(3)
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s+/));

describe('tegum inspect in process', () => {
  it('no FILE lists the default sample; --json holds every tensor with the statistics of its data', async () => {
    const r = await tegumInProcess(['inspect', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.endsWith('}\n')).toBe(true);
    const shown = JSON.parse(r.stdout) as { file: string; tensors: Listed[]; metadata: Record<string, string> };
    expect(shown.file).toBe(DEFAULT_SAMPLE);
    const tensors = await readTensors(DEFAULT_SAMPLE);
    expect(shown.tensors).toEqual(tensors.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape, stats: tensorStats(t) })));
    expect(shown.tensors.map((t) => [t.name, t.shape])).toEqual([
      ['W', [8, 16]],
      ['b', [16]],
    ]);
    expect(shown.metadata).toEqual({});
  });

  it('the table has one row per tensor: name, dtype, shape, min, max, mean, std, ‖·‖F, NaN, Inf', async () => {
    const r = await tegumInProcess(['inspect', DEFAULT_SAMPLE]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(DEFAULT_SAMPLE);
    expect(lines[1].trim().split(/\s+/)).toEqual(['tensor', 'dtype', 'shape', 'min', 'max', 'mean', 'std', '‖·‖F', 'NaN', 'Inf']);
    const tensors = await readTensors(DEFAULT_SAMPLE);
    expect(rowsOf(r.stdout)).toEqual(
      tensors.map((t) => {
        const s = tensorStats(t);
        const shape = t.shape.length === 1 ? `(${t.shape[0]},)` : `(${t.shape.join(', ')})`;
        return [t.name, t.dtype, ...shape.split(' '), fmt(s.min), fmt(s.max), fmt(s.mean), fmt(s.std), fmt(s.frobenius), String(s.nan), String(s.inf)];
      }),
    );
    expect(r.stdout).not.toContain('metadata');
  });

  it('NaN and Inf are counted; non-finite statistics stay valid JSON as strings', async () => {
    const file = jsonWeights('nan.json', { v: ['NaN', 'NaN'], w: [[1, 'Infinity', -2]] });
    const r = await tegumInProcess(['inspect', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const shown = JSON.parse(r.stdout) as { tensors: Listed[] };
    expect(shown.tensors[0].stats).toEqual({ min: 'NaN', max: 'NaN', mean: 'NaN', std: 'NaN', frobenius: 0, nan: 2, inf: 0 });
    expect(shown.tensors[1].stats).toMatchObject({ min: -2, max: 1, nan: 0, inf: 1 });
    const table = await tegumInProcess(['inspect', file]);
    expect(rowsOf(table.stdout)[0]).toEqual(['v', 'float64', '(2,)', 'NaN', 'NaN', 'NaN', 'NaN', '0', '2', '0']);
    expect(rowsOf(table.stdout)[1]).toEqual(['w', 'float64', '(1,', '3)', '-2', '1', '-0.5', '1.5', '2.236', '0', '1']);
  });

  it('metadata follows the table, one row per key, free text kept on one line and cut at 120 characters', async () => {
    const long = 'x'.repeat(130);
    const exact = 'y'.repeat(120);
    const file = safetensors({ format: 'pt', 'multi\nline': 'a\r\nb\tc\n\nd', long, exact });
    const r = await tegumInProcess(['inspect', file]);
    expect(r.code, r.stderr).toBe(0);
    const [table, meta] = r.stdout.split('\nmetadata\n');
    expect(rowsOf(table)).toEqual([['W', 'float32', '(2,', '3)', '-2', '3', '0.25', '1.575', '3.905', '0', '0']]);
    const rows = meta
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((l) => l.trimEnd());
    expect(rows).toHaveLength(4);
    expect(rows.find((l) => l.startsWith('format'))).toMatch(/^format +pt$/);
    expect(rows.find((l) => l.startsWith('multi'))).toMatch(/^multi line +a b c d$/);
    expect(rows.find((l) => l.startsWith('long'))).toMatch(new RegExp(`^long +${'x'.repeat(117)}\\.\\.\\.$`));
    expect(rows.find((l) => l.startsWith('exact'))).toMatch(new RegExp(`^exact +${exact}$`));
    const json = JSON.parse((await tegumInProcess(['inspect', file, '--json'])).stdout) as { metadata: Record<string, string> };
    expect(json.metadata).toEqual({ format: 'pt', 'multi\nline': 'a\r\nb\tc\n\nd', long, exact });
  });

  it('an unreadable file is one line naming it, exit 2; --allow-large is passed to the reader', async () => {
    const missing = join(tempDir('missing'), 'nope.npy');
    expectOneLineError(await tegumInProcess(['inspect', missing]), `${missing}: `);
    const bomb = join(root, 'test', 'fixtures', 'import', 'bad', 'zeros_compressed.npz');
    expectOneLineError(await tegumInProcess(['inspect', bomb]), `${bomb}: `);
    const lifted = await tegumInProcess(['inspect', bomb, '--allow-large', '--json']);
    expect(lifted.code, lifted.stderr).toBe(0);
    expect((JSON.parse(lifted.stdout) as { tensors: Listed[] }).tensors.length).toBeGreaterThan(0);
  });
});
