/**
 * The viewer's route table: an exact map from URL path to one file. It is
 * the allow-list both shells serve (the `tegum view` HTTP server and the
 * desktop app's tegum:// protocol); anything not in it is 404.
 *
 * URL layout (index.html's import map relies on it):
 *   /, /index.html         src/viewer/index.html
 *   /viewer.css            src/viewer/viewer.css
 *   /app/<module>          dist/src/<module>, only the viewer's static import closure
 *   /vendor/three/...      three's module build, OrbitControls, ConvexGeometry (+ ConvexHull)
 *   /vendor/fflate/...     fflate's browser build (the .npz reader)
 */
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { distRoot, isInside, moduleGraph } from './module-graph.js';

/** One servable file. */
export interface Route {
  /** Absolute path of the file. */
  file: string;
  /** Content-Type header. */
  type: string;
}

/** Bare specifiers the page's import map resolves (see index.html). */
export const IMPORT_MAPPED = ['three', 'three/addons/', 'fflate'];

/** The page's entry module under dist/src. */
export const ENTRY_MODULE = 'viewer/main.js';

const VENDOR: Record<string, string> = {
  '/vendor/three/build/three.module.js': 'node_modules/three/build/three.module.js',
  '/vendor/three/build/three.core.js': 'node_modules/three/build/three.core.js',
  '/vendor/three/examples/jsm/controls/OrbitControls.js': 'node_modules/three/examples/jsm/controls/OrbitControls.js',
  '/vendor/three/examples/jsm/geometries/ConvexGeometry.js': 'node_modules/three/examples/jsm/geometries/ConvexGeometry.js',
  '/vendor/three/examples/jsm/math/ConvexHull.js': 'node_modules/three/examples/jsm/math/ConvexHull.js',
  '/vendor/fflate/esm/browser.js': 'node_modules/fflate/esm/browser.js',
};

const JS = 'text/javascript; charset=utf-8';

/**
 * Build the route table for a package root.
 *
 * @param packageRoot Folder holding package.json, src/viewer and dist/ (built).
 * @param moduleRoot Where `three` and `fflate` are installed (default: packageRoot; a
 *   dependency may be hoisted above the package when tegum is itself installed).
 * @throws Error when the viewer is not built, a vendor file is missing, or the page
 *   imports a bare specifier the import map does not resolve.
 */
export function buildRoutes(packageRoot: string, moduleRoot: string = findModuleRoot(packageRoot)): Map<string, Route> {
  const routes = new Map<string, Route>();
  const page = { file: join(packageRoot, 'src', 'viewer', 'index.html'), type: 'text/html; charset=utf-8' };
  routes.set('/', page);
  routes.set('/index.html', page);
  routes.set('/viewer.css', { file: join(packageRoot, 'src', 'viewer', 'viewer.css'), type: 'text/css; charset=utf-8' });
  const root = distRoot(packageRoot);
  if (!existsSync(join(root, ENTRY_MODULE))) throw new Error(`the viewer is not built: ${join(root, ENTRY_MODULE)} is missing (run npm run build)`);
  const graph = moduleGraph(root, ENTRY_MODULE);
  const unmapped = graph.bare.filter((spec) => !IMPORT_MAPPED.some((m) => (m.endsWith('/') ? spec.startsWith(m) : spec === m)));
  if (unmapped.length) throw new Error(`the viewer imports ${unmapped.join(', ')}, which the page's import map does not resolve`);
  for (const file of graph.files) routes.set(`/app/${file}`, { file: join(root, file), type: JS });
  for (const [url, rel] of Object.entries(VENDOR)) {
    const file = join(moduleRoot, rel);
    if (!existsSync(file)) throw new Error(`viewer dependency missing: ${file}`);
    routes.set(url, { file, type: JS });
  }
  for (const [url, route] of routes) {
    // A vendor file must stay inside its own package's folder, wherever that really
    // lives: node_modules may be a symlink (pnpm's store, a mutation-testing sandbox).
    const base = url.startsWith('/vendor/') ? join(moduleRoot, 'node_modules', url.split('/')[2]) : packageRoot;
    if (!isInside(realpathSync(base), realpathSync(route.file))) throw new Error(`viewer file ${route.file} resolves outside ${base}`);
  }
  return routes;
}

/** The nearest folder at or above packageRoot whose node_modules holds three. */
function findModuleRoot(packageRoot: string): string {
  let dir = packageRoot;
  for (;;) {
    if (existsSync(join(dir, 'node_modules', 'three', 'build', 'three.module.js'))) return dir;
    const parent = join(dir, '..');
    if (parent === dir || realpathSync(parent) === realpathSync(dir)) return packageRoot;
    dir = parent;
  }
}
