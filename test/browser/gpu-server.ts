/**
 * A tiny static file server on 127.0.0.1 (random port) for the browser GPU
 * test: serves directories by URL prefix (the compiled dist/, the page
 * harness) with ES-module MIME types, plus an empty HTML page at `/`.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.map': 'application/json',
  '.html': 'text/html',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves each `mounts[prefix]` directory under `/prefix/` until close();
 * `/` answers an empty HTML page.
 */
export async function serveStatic(mounts: Record<string, string>): Promise<StaticServer> {
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- node:http ignores the handler's promise; its own try/catch answers every error
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>tegum test</title>');
      return;
    }
    const prefix = path.split('/')[1];
    const root = mounts[prefix];
    const file = root === undefined ? '' : normalize(join(root, path.slice(prefix.length + 1)));
    if (root === undefined || !file.startsWith(normalize(root) + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
