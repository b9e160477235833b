/**
 * The viewer page's JavaScript: the static import closure of the compiled
 * entry module. Only these files are served under /app/, so the server can
 * never hand out other compiled modules (the CLI, Node-only code) or anything
 * else under dist/.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** The page's import graph. */
export interface ModuleGraph {
  /** Module paths relative to the root, '/'-separated, entry first. */
  files: string[];
  /** Bare specifiers imported anywhere in the graph (must be import-mapped). */
  bare: string[];
}

// Static imports/re-exports and side-effect imports of compiled ESM. Dynamic
// import() is deliberately not followed: the page never takes those paths
// (e.g. the Node WebGPU adapter), and serving them would widen the allow-list.
const STATIC_IMPORT = /(?:^|[;\n])\s*(?:import|export)\s+(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;

/**
 * Follow static imports from `entry`.
 *
 * @param root Folder the modules live in (dist/src); no module outside it is followed.
 * @param entry Entry module relative to root, e.g. "viewer/main.js".
 * @returns The closure and the bare specifiers it needs.
 * @throws Error when a module is missing or an import leaves the root (also through a symlink).
 */
export function moduleGraph(root: string, entry: string): ModuleGraph {
  const realRoot = realpathSync(root);
  const files: string[] = [];
  const bare = new Set<string>();
  const seen = new Set<string>();
  const stack = [resolve(root, entry)];
  while (stack.length) {
    const file = stack.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const real = realpathSync(file);
    if (!isInside(realRoot, real)) throw new Error(`viewer module ${file} resolves outside ${root}`);
    files.push(relative(root, file).split(sep).join('/'));
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const spec = match[1];
      if (spec.startsWith('./') || spec.startsWith('../')) stack.push(resolve(dirname(file), spec));
      else bare.add(spec);
    }
  }
  return { files, bare: [...bare].sort() };
}

/** Whether `path` is `root` or below it. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

/** dist/src of a package root. */
export function distRoot(packageRoot: string): string {
  return join(packageRoot, 'dist', 'src');
}
