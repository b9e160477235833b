/**
 * `tegum view`'s HTTP server: node:http on 127.0.0.1 only, read-only,
 * serving the route table from memory and the data endpoints (handler.ts),
 * with a per-connection bound on response bytes in flight.
 */
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleRequest, plain } from './handler.js';
import type { ViewResponse } from './handler.js';
import { buildRoutes } from './routes.js';
import { loadStaticFiles } from './static-files.js';
import type { ServedData } from './served-data.js';
import { ConnectionBudget } from './connection-budget.js';

/** Default bound on one connection's unflushed response bytes (a browser never pipelines, so it never waits). */
export const MAX_IN_FLIGHT_BYTES = 16 * 1024 * 1024;

export interface ViewServerOptions {
  /** Package root holding src/viewer and the built dist/. */
  packageRoot: string;
  /** What the data endpoints serve; filled in while the server runs. */
  data: ServedData;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Per-connection bound on response bytes in flight (default MAX_IN_FLIGHT_BYTES). */
  maxInFlightBytes?: number;
  /** Where internal errors are logged (default: stderr); the client only ever sees "internal error". */
  log?: (line: string) => void;
}

export interface ViewServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  port: number;
  /** Most response bytes any one connection has held in flight so far. */
  peakInFlightBytes(): number;
  /** Stop listening and drop open connections. */
  close(): Promise<void>;
}

/**
 * Start serving.
 *
 * @throws Error when the viewer is not built, or the port cannot be bound (EADDRINUSE …).
 */
export async function startViewServer(opts: ViewServerOptions): Promise<ViewServer> {
  const site = loadStaticFiles(buildRoutes(opts.packageRoot));
  const limit = opts.maxInFlightBytes ?? MAX_IN_FLIGHT_BYTES;
  const log = opts.log ?? ((line: string) => void process.stderr.write(line + '\n'));
  const budgets = new WeakMap<Socket, ConnectionBudget>();
  const watermark = { peak: 0 };
  let port = 0;
  const budgetOf = (socket: Socket): ConnectionBudget => {
    let budget = budgets.get(socket);
    if (budget === undefined) {
      const created = new ConnectionBudget(limit, watermark);
      socket.once('close', () => created.drop());
      budgets.set(socket, created);
      budget = created;
    }
    return budget;
  };
  const server = createServer((req, res) => {
    const connection = budgetOf(req.socket);
    connection.submit(() => {
      let answer: ViewResponse;
      try {
        // Node keeps only the first of repeated Host lines in req.headers; count the raw lines.
        answer = handleRequest({ method: req.method ?? '', url: req.url ?? '', hosts: hostLines(req.rawHeaders) }, site, opts.data, port);
      } catch (err) {
        log(`tegum view: internal error answering ${req.method} ${req.url}: ${err instanceof Error ? err.message : String(err)}`);
        answer = plain(500, 'internal error');
      }
      const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
      const sent = req.method === 'HEAD' ? 0 : body.byteLength;
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        connection.release(sent);
      };
      res.once('finish', release);
      res.once('close', release);
      res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(body.byteLength) });
      res.end(req.method === 'HEAD' ? undefined : body);
      return sent;
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    peakInFlightBytes: () => watermark.peak,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The values of every Host line in Node's flat [name, value, name, value, …] list. */
function hostLines(raw: readonly string[]): string[] {
  const hosts: string[] = [];
  for (let k = 0; k + 1 < raw.length; k += 2) if (raw[k].toLowerCase() === 'host') hosts.push(raw[k + 1]);
  return hosts;
}
