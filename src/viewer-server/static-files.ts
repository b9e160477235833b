/**
 * The route table's files read into memory once, when the server starts:
 * every response then shares one buffer per file, so a client asking for
 * the same file many times costs no disk reads and no copies, and the page's
 * Content-Security-Policy is hashed once.
 */
import { readFileSync } from 'node:fs';
import { contentSecurityPolicy } from './csp.js';
import type { Route } from './routes.js';

/** One file as served. */
export interface StaticFile {
  /** Content-Type header. */
  type: string;
  body: Uint8Array;
  /** Headers this file needs beyond the common ones (the page's CSP). */
  headers: Readonly<Record<string, string>>;
}

/**
 * Read every routed file.
 *
 * @param routes The allow-list (buildRoutes).
 * @param read File reader (injectable for tests; default readFileSync).
 * @returns URL path → file, the same keys as routes; routes sharing a file share its buffer.
 * @throws Error when a file cannot be read (the viewer is not built or was removed).
 */
export function loadStaticFiles(
  routes: ReadonlyMap<string, Route>,
  read: (file: string) => Uint8Array = (file) => readFileSync(file),
): Map<string, StaticFile> {
  const byFile = new Map<string, StaticFile>();
  const site = new Map<string, StaticFile>();
  for (const [url, route] of routes) {
    let loaded = byFile.get(route.file);
    if (loaded === undefined) {
      const body = read(route.file);
      const headers: Record<string, string> = route.type.startsWith('text/html')
        ? { 'Content-Security-Policy': contentSecurityPolicy(new TextDecoder().decode(body)) }
        : {};
      const file: StaticFile = { type: route.type, body, headers };
      byFile.set(route.file, file);
      loaded = file;
    }
    site.set(url, loaded);
  }
  return site;
}
