/**
 * The viewer server's request handling as one function from request facts
 * to a response description (no sockets), so the refusals are unit-tested
 * directly: read-only methods, a Host check against DNS rebinding, the exact
 * route table (files already in memory), and the data endpoints.
 */
import { requestPath } from './request-path.js';
import type { StaticFile } from './static-files.js';
import type { ServedData, ServedRun } from './served-data.js';
import { encodeJson } from './payload.js';

/** Paths of the data endpoints (the page's HttpSource fetches them). */
export const API_STATUS = '/api/status';
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
  /** Every Host header line's value, in order (HTTP/1.1 requires exactly one). */
  hosts: readonly string[];
}

/**
 * Headers on every response, errors included. COOP and CORP keep other
 * origins from holding a handle on the page or embedding its data; the
 * Permissions-Policy turns off powerful features the viewer never uses.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=(), display-capture=()',
  'Cache-Control': 'no-store',
};

/**
 * Answer one request.
 *
 * @param req Method, target and Host headers.
 * @param site The allow-listed files, in memory (loadStaticFiles).
 * @param data What the data endpoints have ready.
 * @param port The port the server listens on (for the Host check).
 */
export function handleRequest(req: ViewRequest, site: ReadonlyMap<string, StaticFile>, data: ServedData, port: number): ViewResponse {
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(405, 'method not allowed', { Allow: 'GET, HEAD' });
  // RFC 9112 §3.2: a request without exactly one Host line is a 400; a host other than ours is misdirected.
  if (req.hosts.length !== 1) return plain(400, 'exactly one Host header is required');
  const host = req.hosts[0];
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return plain(421, 'wrong host');
  const path = requestPath(req.url);
  if (path === null) return notFound();
  if (path === API_STATUS) return ok('application/json; charset=utf-8', encodeJson(data.status()));
  if (path === API_COMPARE) return ok('application/json; charset=utf-8', data.compareInfo);
  const run = path === API_REPORT || path === API_WEIGHTS ? data.a : path === API_B_REPORT || path === API_B_WEIGHTS ? data.b : undefined;
  if (run !== undefined) return runEndpoint(run, path === API_REPORT || path === API_B_REPORT ? 'report' : 'weights', data);
  const file = site.get(path);
  if (file === undefined) return notFound();
  return ok(file.type, file.body, file.headers);
}

/** A run's report or W: 503 until it is known, 500 once the analysis failed without it. */
function runEndpoint(run: ServedRun | null, what: 'report' | 'weights', data: ServedData): ViewResponse {
  if (run === null) return notFound();
  const body = run[what];
  if (body !== null)
    return ok(
      what === 'report' ? 'application/json; charset=utf-8' : 'application/octet-stream',
      body,
      what === 'weights' && run.shape ? { 'X-Tegum-Shape': run.shape.join(',') } : {},
    );
  // The reason is in /api/status; a 500 body never carries text that may hold a path.
  if (data.status().error !== null) return plain(500, 'the analysis failed; /api/status says why');
  return plain(503, `the ${what === 'report' ? 'analysis' : 'weights'} are not ready yet; see /api/status`, { 'Retry-After': '1' });
}

function ok(type: string, body: Uint8Array | string, extra: Readonly<Record<string, string>> = {}): ViewResponse {
  return { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': type, ...extra }, body };
}

/** A short text answer; used for every refusal and error, so they carry the same security headers. */
export function plain(status: number, text: string, extra: Readonly<Record<string, string>> = {}): ViewResponse {
  return { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra }, body: text };
}

function notFound(): ViewResponse {
  return plain(404, 'not found');
}
