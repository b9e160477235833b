/**
 * The viewer server's request handling as one function from request facts
 * to a response description (no sockets), so the refusals are unit-tested
 * directly: read-only methods, a Host check against DNS rebinding, the exact
 * route table, and the data endpoints.
 */
import { readFile } from 'node:fs/promises';
import { contentSecurityPolicy } from './csp.js';
import { requestPath } from './request-path.js';
import type { Route } from './routes.js';
import type { ViewPayload } from './payload.js';

/** Paths of the data endpoints (the page's HttpSource fetches them). */
export const API_REPORT = '/api/report';
export const API_WEIGHTS = '/api/weights';
/** Compare mode: the alignment facts (JSON `null` for a single run), run B's report and aligned W. */
export const API_COMPARE = '/api/compare';
export const API_B_REPORT = '/api/b/report';
export const API_B_WEIGHTS = '/api/b/weights';

export interface ViewResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

/** The facts of a request the handler looks at. */
export interface ViewRequest {
  method: string;
  /** The request target as received. */
  url: string;
  /** The Host header, if any. */
  host: string | undefined;
}

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/**
 * Answer one request.
 *
 * @param req Method, target and Host header.
 * @param routes The allow-list (buildRoutes).
 * @param payload Report and W for the data endpoints.
 * @param port The port the server listens on (for the Host check).
 */
export async function handleRequest(req: ViewRequest, routes: ReadonlyMap<string, Route>, payload: ViewPayload, port: number): Promise<ViewResponse> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(405, 'method not allowed', { Allow: 'GET, HEAD' });
  if (req.host !== `127.0.0.1:${port}` && req.host !== `localhost:${port}`) return plain(421, 'wrong host');
  const path = requestPath(req.url);
  if (path === null) return notFound();
  if (path === API_REPORT) return ok('application/json; charset=utf-8', payload.reportJson);
  if (path === API_WEIGHTS) return ok('application/octet-stream', payload.weights);
  if (path === API_COMPARE) return ok('application/json; charset=utf-8', payload.compare?.infoJson ?? 'null');
  if (path === API_B_REPORT && payload.compare) return ok('application/json; charset=utf-8', payload.compare.reportJson);
  if (path === API_B_WEIGHTS && payload.compare) return ok('application/octet-stream', payload.compare.weights);
  const route = routes.get(path);
  if (route === undefined) return notFound();
  const body = await readFile(route.file);
  if (route.type.startsWith('text/html')) {
    const html = body.toString('utf8');
    return ok(route.type, html, { 'Content-Security-Policy': contentSecurityPolicy(html) });
  }
  return ok(route.type, body);
}

function ok(type: string, body: Uint8Array | string, extra: Record<string, string> = {}): ViewResponse {
  return { status: 200, headers: { ...COMMON_HEADERS, 'Content-Type': type, ...extra }, body };
}

function plain(status: number, text: string, extra: Record<string, string> = {}): ViewResponse {
  return { status, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra }, body: text };
}

function notFound(): ViewResponse {
  return plain(404, 'not found');
}
