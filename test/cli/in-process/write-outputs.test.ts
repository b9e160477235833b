import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWritable, writeOutputs } from '../../../src/cli/write-outputs.js';
import { UsageError } from '../../../src/cli/usage-error.js';
import { tempDir } from './helpers.js';

const usage = (work: () => unknown): string => {
  try {
    work();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('expected a UsageError');
};

describe('checkWritable / writeOutputs', () => {
  it('creates missing parents, writes each file whole, returns the paths in order, leaves no temporary file', () => {
    const dir = join(tempDir('wo'), 'a', 'b');
    const bytes = new Uint8Array([0, 1, 2, 255]);
    const written = writeOutputs(dir, { 'x.txt': 'hello\n', 'y.bin': bytes }, false);
    expect(written).toEqual([join(dir, 'x.txt'), join(dir, 'y.bin')]);
    expect(readFileSync(join(dir, 'x.txt'), 'utf8')).toBe('hello\n');
    expect(new Uint8Array(readFileSync(join(dir, 'y.bin')))).toEqual(bytes);
    expect(readdirSync(dir).sort()).toEqual(['x.txt', 'y.bin']);
  });

  it('an existing file is kept without force and replaced with it; files not named do not matter', () => {
    const dir = tempDir('wo-exists');
    writeFileSync(join(dir, 'x.txt'), 'old');
    writeFileSync(join(dir, 'other'), 'other');
    expect(usage(() => checkWritable(dir, ['y.txt', 'x.txt'], false))).toBe(`${join(dir, 'x.txt')}: already exists; pass --force to overwrite`);
    expect(usage(() => writeOutputs(dir, { 'x.txt': 'new' }, false))).toBe(`${join(dir, 'x.txt')}: already exists; pass --force to overwrite`);
    expect(readFileSync(join(dir, 'x.txt'), 'utf8')).toBe('old');
    checkWritable(dir, ['y.txt', 'z.txt'], false);
    writeOutputs(dir, { 'x.txt': 'new' }, true);
    expect(readFileSync(join(dir, 'x.txt'), 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['other', 'x.txt']);
  });

  it('a file that cannot be replaced (a folder in its place) is one line with the fs reason, not a stack', () => {
    const dir = tempDir('wo-dir');
    mkdirSync(join(dir, 'x.txt'));
    writeFileSync(join(dir, 'x.txt', 'inside'), '');
    const message = usage(() => writeOutputs(dir, { 'x.txt': 'new' }, true));
    expect(message).toMatch(new RegExp(`^${join(dir, 'x.txt')}: cannot write \\((EISDIR|ENOTEMPTY|EEXIST|ENOTDIR): [^,]+\\)$`));
    expect(message).not.toContain("'");
  });

  it.skipIf(!existsSync('/proc/self'))('under /proc: cannot create (ENOENT, said without syscall or path) and cannot write there', () => {
    expect(usage(() => checkWritable('/proc/nope', ['x'], false))).toBe('/proc/nope: cannot create the directory (ENOENT: no such file or directory)');
    expect(usage(() => checkWritable('/proc/nope/deeper', ['x'], false))).toBe('/proc/nope: cannot create the directory (ENOENT: no such file or directory)');
    expect(usage(() => checkWritable('/proc/self', ['x'], true))).toMatch(/^\/proc\/self: cannot write files there \([A-Z]+: [^,]+\)$/);
  });

  it('an existing folder, a relative path and the current folder are fine', () => {
    const dir = tempDir('wo-ok');
    checkWritable(dir, [], false);
    checkWritable(`${dir}/`, ['x'], false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a UsageError is named as such (TEGUM_DEBUG stacks start with the name)', () => {
    const err = new UsageError('bad flag');
    expect(err.name).toBe('UsageError');
    expect(err.message).toBe('bad flag');
    expect(String(err.stack)).toMatch(/^UsageError: bad flag\n/);
  });
});
