/**
 * `tegum view`'s HTTP server: node:http on 127.0.0.1 only, read-only,
 * serving the route table and the data endpoints (see handler.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleRequest } from './handler.js';
import { buildRoutes } from './routes.js';
import type { ViewPayload } from './payload.js';

export interface ViewServerOptions {
  /** Package root holding src/viewer and the built dist/. */
  packageRoot: string;
  /** What the data endpoints serve. */
  payload: ViewPayload;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
}

export interface ViewServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  port: number;
  /** Stop listening and drop open connections. */
  close(): Promise<void>;
}

/**
 * Start serving.
 *
 * @throws Error when the viewer is not built, or the port cannot be bound (EADDRINUSE …).
 */
export async function startViewServer(opts: ViewServerOptions): Promise<ViewServer> {
  const routes = buildRoutes(opts.packageRoot);
  let port = 0;
  const server = createServer((req, res) => {
    handleRequest({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host }, routes, opts.payload, port).then(
      (answer) => {
        res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(Buffer.byteLength(answer.body)) });
        res.end(req.method === 'HEAD' ? undefined : answer.body);
      },
      (err: unknown) => {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`internal error: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
