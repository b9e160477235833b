/**
 * `tegum view`'s server serves the page, the viewer's own modules, three.js
 * and fflate, and the data endpoints — nothing else, read-only.
 */
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestPath } from '../../src/viewer-server/request-path.js';
import { handleRequest } from '../../src/viewer-server/handler.js';
import { buildRoutes } from '../../src/viewer-server/routes.js';
import { moduleGraph } from '../../src/viewer-server/module-graph.js';
import { contentSecurityPolicy } from '../../src/viewer-server/csp.js';
import { encodeComparePayload, encodePayload } from '../../src/viewer-server/payload.js';
import { startViewServer } from '../../src/viewer-server/server.js';
import type { ViewServer } from '../../src/viewer-server/server.js';
import { openerFor } from '../../src/viewer-server/open-browser.js';
import type { Report } from '../../src/report/types.js';
import { assertBuilt, root } from './browser.js';

const report = { input: { m: 2, n: 3 } } as Report;
const payload = encodePayload(report, Float64Array.from([1, 0, 0, 1, -1, 0.5]));
const PORT = 4321;
const get = (url: string, method = 'GET', host = `127.0.0.1:${PORT}`) => handleRequest({ method, url, host }, routes, payload, PORT);
let routes: ReturnType<typeof buildRoutes>;

beforeAll(() => {
  assertBuilt();
  routes = buildRoutes(root);
});

describe('request paths', () => {
  it('keeps ordinary paths and drops the query', () => {
    expect(requestPath('/app/viewer/main.js?v=1#x')).toBe('/app/viewer/main.js');
    expect(requestPath('/')).toBe('/');
    expect(requestPath('/a%20b.js')).toBe('/a b.js');
  });

  it.each([
    ['/../package.json'],
    ['/app/../../package.json'],
    ['/%2e%2e/package.json'],
    ['/%2E%2E/%2E%2E/etc/passwd'],
    ['/app/%2e/viewer/main.js'],
    ['/app%2f..%2fpackage.json'],
    ['/app%2Fviewer%2Fmain.js'],
    ['/app%5c..%5cpackage.json'],
    ['/app\\..\\package.json'],
    ['//etc/passwd'],
    ['/app//viewer/main.js'],
    ['/etc/passwd%00.js'],
    ['/%E0%A4%A'],
    ['http://127.0.0.1/app/viewer/main.js'],
    ['package.json'],
    ['*'],
  ])('refuses %s', (target) => {
    expect(requestPath(target)).toBeNull();
  });
});

describe('route table', () => {
  it('serves exactly the page, its stylesheet, the import closure and the vendor files', () => {
    const urls = [...routes.keys()];
    for (const url of urls) expect(url === '/' || url === '/index.html' || url === '/viewer.css' || url.startsWith('/app/') || url.startsWith('/vendor/')).toBe(true);
    expect(urls).toContain('/app/viewer/main.js');
    expect(urls).toContain('/app/analysis/analyze.js');
    expect(urls).toContain('/app/import/read-bytes.js');
    // Node-only modules are outside the page's graph.
    for (const nodeOnly of ['/app/import/index.js', '/app/import/read-file.js', '/app/cli/main.js', '/app/gpu/device-node.js', '/app/viewer-server/server.js']) {
      expect(urls).not.toContain(nodeOnly);
    }
  });

  it('the page imports no Node built-ins and only import-mapped packages', () => {
    const graph = moduleGraph(join(root, 'dist', 'src'), 'viewer/main.js');
    expect(graph.bare.filter((s) => s.startsWith('node:'))).toEqual([]);
    expect(graph.bare).toEqual(['fflate', 'three', 'three/addons/controls/OrbitControls.js', 'three/addons/geometries/ConvexGeometry.js']);
    const html = readFileSync(join(root, 'src', 'viewer', 'index.html'), 'utf8');
    const map = JSON.parse(/<script type="importmap">([\s\S]*?)<\/script>/.exec(html)![1]).imports as Record<string, string>;
    for (const spec of graph.bare) {
      const key = Object.keys(map).find((k) => (k.endsWith('/') ? spec.startsWith(k) : spec === k))!;
      expect(routes.has(map[key] + spec.slice(key.length))).toBe(true);
    }
  });
});

describe('handler', () => {
  it('serves the page with a CSP allowing the import map by hash', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    const html = String(res.body);
    const inline = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)![1];
    const hash = createHash('sha256').update(inline).digest('base64');
    expect(res.headers['Content-Security-Policy']).toContain(`'sha256-${hash}'`);
    expect(res.headers['Content-Security-Policy']).toContain("default-src 'none'");
    expect(res.headers['Content-Security-Policy']).not.toContain('unsafe');
    expect(contentSecurityPolicy(html)).toBe(res.headers['Content-Security-Policy']);
  });

  it('serves the data endpoints: the report and W as little-endian float64', async () => {
    expect((await get('/api/report')).body).toBe(JSON.stringify(report));
    const w = (await get('/api/weights')).body as Uint8Array;
    expect(Array.from(new Float64Array(w.buffer, w.byteOffset, 6))).toEqual([1, 0, 0, 1, -1, 0.5]);
  });

  it('single run: /api/compare answers null and run B\'s endpoints do not exist', async () => {
    expect((await get('/api/compare')).body).toBe('null');
    expect((await get('/api/b/report')).status).toBe(404);
    expect((await get('/api/b/weights')).status).toBe(404);
  });

  it('compare mode: serves both runs, B\'s aligned W and the alignment facts', async () => {
    const reportB = { input: { m: 2, n: 3 }, decomposition: 'B' } as Report;
    const info = { labels: ['a.npy', 'b.npy'] as [string, string], residual: 0.01, residualRotationOnly: 0.5, signFlips: [1] };
    const both = { ...payload, compare: encodeComparePayload(info, reportB, Float64Array.from([0, 1, -1, 0, 0.5, 1])) };
    const at = (url: string) => handleRequest({ method: 'GET', url, host: `127.0.0.1:${PORT}` }, routes, both, PORT);
    expect(JSON.parse(String((await at('/api/compare')).body))).toEqual(info);
    expect((await at('/api/report')).body).toBe(JSON.stringify(report));
    expect((await at('/api/b/report')).body).toBe(JSON.stringify(reportB));
    const w = (await at('/api/b/weights')).body as Uint8Array;
    expect(Array.from(new Float64Array(w.buffer, w.byteOffset, 6))).toEqual([0, 1, -1, 0, 0.5, 1]);
    expect(() => encodeComparePayload(info, reportB, new Float64Array(5))).toThrow(/5 values/);
  });

  it.each(['/../package.json', '/%2e%2e/package.json', '/app/../cli/main.js', '/package.json', '/samples/superposition-r8.npz', '/app/', '/app/cli/main.js',
    '/app/viewer/main.ts', '/src/viewer/index.html', '/node_modules/three/package.json', '/vendor/three/src/Three.js', '/etc/passwd', '/app%2fviewer%2fmain.js'])(
    '404 for %s',
    async (url) => {
      expect((await get(url)).status).toBe(404);
    },
  );

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE'])('refuses %s', async (method) => {
    const res = await get('/', method);
    expect(res.status).toBe(405);
    expect(res.headers.Allow).toBe('GET, HEAD');
  });

  it('refuses foreign Host headers (DNS rebinding)', async () => {
    expect((await get('/', 'GET', 'evil.example:4321')).status).toBe(421);
    expect((await handleRequest({ method: 'GET', url: '/api/report', host: undefined }, routes, payload, PORT)).status).toBe(421);
    expect((await get('/', 'GET', `localhost:${PORT}`)).status).toBe(200);
  });
});

describe('over a socket', () => {
  let server: ViewServer;
  beforeAll(async () => {
    server = await startViewServer({ packageRoot: root, payload });
  });
  afterAll(() => server.close());

  // Raw request targets: fetch() would normalise '..' away before sending.
  const raw = (path: string, method = 'GET') =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('listens on 127.0.0.1 and prints a URL there', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('serves the viewer entry and refuses traversal on the wire', async () => {
    expect((await raw('/app/viewer/main.js')).status).toBe(200);
    for (const path of ['/../package.json', '/app/../../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/app/..%2f..%2fpackage.json']) {
      const res = await raw(path);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('"name"');
    }
    expect((await raw('/', 'POST')).status).toBe(405);
    const head = await raw('/api/report', 'HEAD');
    expect(head).toEqual({ status: 200, body: '' });
  });
});

describe('opening a browser', () => {
  it('uses the platform opener with the URL as one argument', () => {
    expect(openerFor('linux', 'http://127.0.0.1:1/')).toEqual({ command: 'xdg-open', args: ['http://127.0.0.1:1/'] });
    expect(openerFor('darwin', 'http://127.0.0.1:1/')).toEqual({ command: 'open', args: ['http://127.0.0.1:1/'] });
    expect(openerFor('win32', 'http://127.0.0.1:1/').args.at(-1)).toBe('http://127.0.0.1:1/');
  });
});
