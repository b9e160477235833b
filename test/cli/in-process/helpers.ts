import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseReport } from '../../../src/report/validate.js';
import type { Report } from '../../../src/report/types.js';
import { root } from '../run-cli.js';

export { root };

/** A small committed input: two exact pentagons in R^5 (n = 20, m = 5, bias 'b'). */
export const PENTAGONS = join(root, 'samples', 'two-pentagons-n20.json');
/** The embedded default sample. */
export const DEFAULT_SAMPLE = join(root, 'samples', 'superposition-r8.npz');
/** A committed Toy Models sweep (n = 5, m = 2) with its run records beside each .npz. */
export const RUNS = join(root, 'samples', 'runs');

export function tempDir(tag: string): string {
  return mkdtempSync(join(tmpdir(), `tegum-ip-${tag}-`));
}

/** Write a JSON weight file into a fresh temp folder and return its path. */
export function jsonWeights(name: string, tensors: Record<string, unknown>): string {
  const file = join(tempDir('w'), name);
  writeFileSync(file, JSON.stringify(tensors));
  return file;
}

/** Exit 2, nothing on stdout, exactly one line on stderr starting `tegum: <head>`, no stack trace. */
export function expectOneLineError(r: { code: number; stdout: string; stderr: string }, head: string, code = 2): string {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0].startsWith(`tegum: ${head}`), lines[0]).toBe(true);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return lines[0];
}

/** The Report on stdout, checked against the schema. */
export function reportOf(stdout: string): Report {
  return parseReport(JSON.parse(stdout));
}

export function stderrLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '');
}

/** A little-endian float64 .npy (C order) of the given shape. */
export function npy(file: string, shape: number[], data: number[]): string {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const head = Buffer.alloc(10);
  Buffer.from('\x93NUMPY', 'latin1').copy(head);
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  writeFileSync(file, Buffer.concat([head, Buffer.from(header, 'latin1'), Buffer.from(new Float64Array(data).buffer)]));
  return file;
}
