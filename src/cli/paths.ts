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

/** tegum's version, from the package.json that ships with it. */
export function packageVersion(): string {
  return versionOf(JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')));
}

/**
 * The `version` field of a parsed package.json, or "unknown" when there is no string there.
 *
 * @param pkg What JSON.parse returned.
 */
export function versionOf(pkg: unknown): string {
  if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') return pkg.version;
  return 'unknown';
}
