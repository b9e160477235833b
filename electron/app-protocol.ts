/**
 * The tegum://app/ protocol: the desktop app serves the same page and
 * modules as `tegum view`, from the same route table loaded into memory
 * once, with the same CSP and security headers, but no data endpoints (data
 * comes through the preload API).
 */
import { requestPath } from '../src/viewer-server/request-path.js';
import { SECURITY_HEADERS } from '../src/viewer-server/handler.js';
import type { StaticFile } from '../src/viewer-server/static-files.js';
import { APP_ORIGIN } from './ipc.js';

export const APP_SCHEME = 'tegum';

/** The page's URL. */
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * A protocol.handle handler over the viewer's files.
 *
 * @param site The allow-listed files in memory (loadStaticFiles(buildRoutes(…))).
 */
export function appProtocolHandler(site: ReadonlyMap<string, StaticFile>): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'method not allowed');
    const url = new URL(request.url);
    if (`${url.protocol}//${url.host}` !== APP_ORIGIN) return refuse(404, 'not found');
    const path = requestPath(url.pathname);
    const file = path === null ? undefined : site.get(path);
    if (file === undefined) return refuse(404, 'not found');
    const headers = { ...SECURITY_HEADERS, 'Content-Type': file.type, ...file.headers };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), { status: 200, headers });
  };
}

function refuse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}
