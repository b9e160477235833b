/**
 * The tegum://app/ protocol: the desktop app serves the same page and
 * modules as `tegum view`, from the same route table and with the same CSP,
 * but no data endpoints (data comes through the preload API).
 */
import { readFile } from 'node:fs/promises';
import { contentSecurityPolicy } from '../src/viewer-server/csp.js';
import { requestPath } from '../src/viewer-server/request-path.js';
import type { Route } from '../src/viewer-server/routes.js';
import { APP_ORIGIN } from './ipc.js';

export const APP_SCHEME = 'tegum';

/** The page's URL. */
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * A protocol.handle handler over a route table.
 *
 * @param routes The viewer's allow-list (buildRoutes).
 * @param read File reader, injectable for tests.
 */
export function appProtocolHandler(
  routes: ReadonlyMap<string, Route>,
  read: (file: string) => Promise<Uint8Array> = (file) => readFile(file),
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405 });
    const url = new URL(request.url);
    if (`${url.protocol}//${url.host}` !== APP_ORIGIN) return new Response('not found', { status: 404 });
    const path = requestPath(url.pathname);
    const route = path === null ? undefined : routes.get(path);
    if (route === undefined) return new Response('not found', { status: 404 });
    const body = await read(route.file);
    const headers: Record<string, string> = { 'Content-Type': route.type, 'X-Content-Type-Options': 'nosniff' };
    if (route.type.startsWith('text/html')) headers['Content-Security-Policy'] = contentSecurityPolicy(new TextDecoder().decode(body));
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
