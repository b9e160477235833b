import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/**
 * The package root: the nearest folder above this module holding package.json.
 * Works both from src/ (tests) and from the compiled dist/ (the bin), so the
 * samples that ship inside the package are always found.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('tegum: package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/** The embedded default sample `tegum analyze` and `tegum inspect` use when given no file. */
export function defaultSamplePath(): string {
  return join(packageRoot(), 'samples', 'superposition-r8.npz');
}

export function packageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8'));
  if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') return pkg.version;
  return 'unknown';
}
