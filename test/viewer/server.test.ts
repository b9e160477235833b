/**
 * `tegum view`'s server serves the page, the viewer's own modules, three.js
 * and fflate (from memory, read once), and the data endpoints as they become
 * ready — nothing else, read-only, with the security headers on every answer.
 */
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestPath } from '../../src/viewer-server/request-path.js';
import { handleRequest, SECURITY_HEADERS } from '../../src/viewer-server/handler.js';
import { loadStaticFiles } from '../../src/viewer-server/static-files.js';
import { ServedData } from '../../src/viewer-server/served-data.js';
import type { ViewStatus } from '../../src/viewer-server/served-data.js';
import { buildRoutes } from '../../src/viewer-server/routes.js';
import { moduleGraph } from '../../src/viewer-server/module-graph.js';
import { contentSecurityPolicy } from '../../src/viewer-server/csp.js';
import { encodeReport, encodeWeights } from '../../src/viewer-server/payload.js';
import { startViewServer } from '../../src/viewer-server/server.js';
import type { ViewServer } from '../../src/viewer-server/server.js';
import { openerFor } from '../../src/viewer-server/open-browser.js';
import type { Report } from '../../src/report/types.js';
import { assertBuilt, root } from './browser.js';

const report = { input: { m: 2, n: 3 } } as Report;
const W = Float64Array.from([1, 0, 0, 1, -1, 0.5]);
const data = new ServedData(null);
data.a.report = encodeReport(report);
data.a.weights = encodeWeights(W, 2, 3);
const PORT = 4321;
const get = (url: string, method = 'GET', hosts = [`127.0.0.1:${PORT}`]) => handleRequest({ method, url, hosts }, site, data, PORT);
const text = (res: { body: Uint8Array | string }) => (typeof res.body === 'string' ? res.body : Buffer.from(res.body).toString('utf8'));
let routes: ReturnType<typeof buildRoutes>;
let site: ReturnType<typeof loadStaticFiles>;

beforeAll(() => {
  assertBuilt();
  routes = buildRoutes(root);
  site = loadStaticFiles(routes);
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
    for (const url of urls)
      expect(url === '/' || url === '/index.html' || url === '/viewer.css' || url.startsWith('/app/') || url.startsWith('/vendor/')).toBe(true);
    expect(urls).toContain('/app/viewer/main.js');
    expect(urls).toContain('/app/analysis/analyze.js');
    expect(urls).toContain('/app/import/read-bytes.js');
    // Node-only modules are outside the page's graph.
    for (const nodeOnly of [
      '/app/import/index.js',
      '/app/import/read-file.js',
      '/app/cli/main.js',
      '/app/gpu/device-node.js',
      '/app/viewer-server/server.js',
    ]) {
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

describe('route table with a symlinked node_modules', () => {
  // pnpm's store and mutation-testing sandboxes link node_modules from elsewhere.
  it('serves the vendor files, and still refuses a vendor file linked out of its package', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-routes-'));
    try {
      const store = join(dir, 'store');
      cpSync(join(root, 'node_modules', 'three'), join(store, 'three'), { recursive: true });
      cpSync(join(root, 'node_modules', 'fflate'), join(store, 'fflate'), { recursive: true });
      const pkg = join(dir, 'pkg');
      mkdirSync(pkg);
      for (const entry of ['src/viewer', 'dist/src', 'package.json']) cpSync(join(root, entry), join(pkg, entry), { recursive: true });
      symlinkSync(store, join(pkg, 'node_modules'));
      const linked = buildRoutes(pkg);
      expect(realpathSync(linked.get('/vendor/three/build/three.module.js')!.file)).toBe(join(realpathSync(store), 'three', 'build', 'three.module.js'));
      const hostile = join(store, 'fflate', 'esm', 'browser.js');
      rmSync(hostile);
      writeFileSync(join(dir, 'elsewhere.js'), '');
      symlinkSync(join(dir, 'elsewhere.js'), hostile);
      expect(() => buildRoutes(pkg)).toThrow(/browser\.js resolves outside .*node_modules\/fflate/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('handler', () => {
  it('serves the page with a CSP allowing the import map by hash', () => {
    const res = get('/');
    expect(res.status).toBe(200);
    const html = Buffer.from(res.body as Uint8Array).toString('utf8');
    const inline = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)![1];
    const hash = createHash('sha256').update(inline).digest('base64');
    expect(res.headers['Content-Security-Policy']).toContain(`'sha256-${hash}'`);
    expect(res.headers['Content-Security-Policy']).toContain("default-src 'none'");
    expect(res.headers['Content-Security-Policy']).not.toContain('unsafe');
    expect(contentSecurityPolicy(html)).toBe(res.headers['Content-Security-Policy']);
  });

  it('reads every file once, when the server starts, and shares it between routes', () => {
    const reads: string[] = [];
    const loaded = loadStaticFiles(routes, (file) => (reads.push(file), readFileSync(file)));
    expect(reads.length).toBe(new Set([...routes.values()].map((r) => r.file)).size);
    expect(new Set(reads).size).toBe(reads.length);
    expect(loaded.get('/')!.body).toBe(loaded.get('/index.html')!.body);
    for (let k = 0; k < 3; k++) handleRequest({ method: 'GET', url: '/app/viewer/main.js', hosts: [`127.0.0.1:${PORT}`] }, loaded, data, PORT);
    expect(reads.length).toBe(new Set(reads).size);
  });

  it('serves the data endpoints: the report and W as little-endian float64', () => {
    expect(text(get('/api/report'))).toBe(JSON.stringify(report));
    const w = get('/api/weights').body as Uint8Array;
    expect(Array.from(new Float64Array(w.buffer, w.byteOffset, 6))).toEqual([1, 0, 0, 1, -1, 0.5]);
    // The same bytes every time: encoded once.
    expect(get('/api/report').body).toBe(get('/api/report').body);
  });

  it('answers 503 with Retry-After until W and the report are known, and the status says how far it got', () => {
    const pending = new ServedData(null);
    const at = (url: string) => handleRequest({ method: 'GET', url, hosts: [`127.0.0.1:${PORT}`] }, site, pending, PORT);
    const status = (): unknown => JSON.parse(text(at('/api/status')));
    for (const url of ['/api/report', '/api/weights']) {
      expect(at(url).status).toBe(503);
      expect(at(url).headers['Retry-After']).toBe('1');
    }
    expect(status()).toEqual({ stage: 'analysing', step: 0, steps: 0, fraction: 0, detail: '', weightsReady: false, reportReady: false, error: null });
    pending.a.weights = encodeWeights(W, 2, 3);
    pending.setProgress('analysing', 1, 1, 1.5, 'planes: bundle 1/1, k=2');
    expect(status()).toEqual({
      stage: 'analysing',
      step: 1,
      steps: 1,
      fraction: 1,
      detail: 'planes: bundle 1/1, k=2',
      weightsReady: true,
      reportReady: false,
      error: null,
    });
    expect(at('/api/weights').status).toBe(200);
    expect(at('/api/report').status).toBe(503);
    pending.a.report = encodeReport(report);
    expect(at('/api/report').status).toBe(200);
    expect(status()).toMatchObject({ weightsReady: true, reportReady: true });
    const failed = new ServedData(null);
    failed.fail('W is all zeros');
    const res = handleRequest({ method: 'GET', url: '/api/report', hosts: [`127.0.0.1:${PORT}`] }, site, failed, PORT);
    expect(res.status).toBe(500);
    expect(text(res)).toBe('the analysis failed; /api/status says why');
    expect(JSON.parse(text(handleRequest({ method: 'GET', url: '/api/status', hosts: [`127.0.0.1:${PORT}`] }, site, failed, PORT)))).toMatchObject({
      stage: 'error',
      error: 'W is all zeros',
    });
  });

  it("single run: /api/compare answers null and run B's endpoints do not exist", () => {
    expect(text(get('/api/compare'))).toBe('null');
    expect(get('/api/b/report').status).toBe(404);
    expect(get('/api/b/weights').status).toBe(404);
  });

  it("compare mode: serves both runs, B's aligned W and the alignment facts; ready only when both are", () => {
    const reportB = { input: { m: 2, n: 3 }, decomposition: 'B' } as Report;
    const info = { labels: ['a.npy', 'b.npy'] as [string, string], residual: 0.01, residualRotationOnly: 0.5, signFlips: [1] };
    const both = new ServedData(info);
    both.a.report = encodeReport(report);
    both.a.weights = encodeWeights(W, 2, 3);
    const at = (url: string) => handleRequest({ method: 'GET', url, hosts: [`127.0.0.1:${PORT}`] }, site, both, PORT);
    expect(at('/api/b/report').status).toBe(503);
    expect(JSON.parse(text(at('/api/status')))).toMatchObject({ weightsReady: false, reportReady: false });
    both.b!.weights = encodeWeights(Float64Array.from([0, 1, -1, 0, 0.5, 1]), 2, 3);
    both.b!.report = encodeReport(reportB);
    expect(JSON.parse(text(at('/api/status')))).toMatchObject({ weightsReady: true, reportReady: true });
    expect(JSON.parse(text(at('/api/compare')))).toEqual(info);
    expect(text(at('/api/report'))).toBe(JSON.stringify(report));
    expect(text(at('/api/b/report'))).toBe(JSON.stringify(reportB));
    const w = at('/api/b/weights').body as Uint8Array;
    expect(Array.from(new Float64Array(w.buffer, w.byteOffset, 6))).toEqual([0, 1, -1, 0, 0.5, 1]);
    expect(() => encodeWeights(new Float64Array(5), 2, 3)).toThrow(/5 values/);
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/app/../cli/main.js',
    '/package.json',
    '/samples/superposition-r8.npz',
    '/app/',
    '/app/cli/main.js',
    '/app/viewer/main.ts',
    '/src/viewer/index.html',
    '/node_modules/three/package.json',
    '/vendor/three/src/Three.js',
    '/etc/passwd',
    '/app%2fviewer%2fmain.js',
  ])('404 for %s', (url) => {
    expect(get(url).status).toBe(404);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE'])('refuses %s', (method) => {
    const res = get('/', method);
    expect(res.status).toBe(405);
    expect(res.headers.Allow).toBe('GET, HEAD');
  });

  it('refuses foreign Host headers (DNS rebinding), and a missing or repeated Host is a 400', () => {
    expect(get('/', 'GET', ['evil.example:4321']).status).toBe(421);
    expect(get('/api/report', 'GET', []).status).toBe(400);
    expect(get('/api/report', 'GET', [`127.0.0.1:${PORT}`, `127.0.0.1:${PORT}`]).status).toBe(400);
    expect(get('/', 'GET', [`localhost:${PORT}`]).status).toBe(200);
  });

  it('every answer, refusals included, carries the security headers', () => {
    for (const res of [get('/'), get('/nope'), get('/', 'POST'), get('/', 'GET', []), get('/', 'GET', ['evil.example'])]) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers[name], `${name} on ${res.status}`).toBe(value);
    }
    expect(SECURITY_HEADERS['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(SECURITY_HEADERS['Permissions-Policy']).toMatch(/camera=\(\)/);
  });
});

describe('over a socket', () => {
  let server: ViewServer;
  beforeAll(async () => {
    server = await startViewServer({ packageRoot: root, data });
  });
  afterAll(() => server.close());

  // Raw request targets: fetch() would normalise '..' away before sending.
  const raw = (path: string, method = 'GET') =>
    new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    });

  /** Send bytes as they are on a fresh connection and collect the whole answer. */
  const wire = (bytes: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.end(bytes));
      let answer = '';
      socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
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
    expect({ status: head.status, body: head.body }).toEqual({ status: 200, body: '' });
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify(report))));
  });

  it('a request with two Host lines is a 400', async () => {
    const host = `127.0.0.1:${server.port}`;
    expect(await wire(`GET / HTTP/1.1\r\nHost: ${host}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400 /);
    expect(await wire(`GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('an internal error is a bare 500 with the security headers; the detail (a path) goes only to the log', async () => {
    class Broken extends ServedData {
      override status(): ViewStatus {
        throw new Error(`ENOENT: no such file or directory, open '${root}/secret/place.json'`);
      }
    }
    const logged: string[] = [];
    const broken = await startViewServer({ packageRoot: root, data: new Broken(null), log: (line) => logged.push(line) });
    try {
      const res = await new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: broken.port, path: '/api/status' }, (r) => {
          let body = '';
          r.on('data', (d: Buffer) => (body += d.toString()));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body, headers: r.headers }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(res.status).toBe(500);
      expect(res.body).toBe('internal error');
      expect(res.body).not.toContain(root);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers[name.toLowerCase()]).toBe(value);
      expect(logged.join('\n')).toContain('secret/place.json');
    } finally {
      await broken.close();
    }
  });

  it('bounds the bytes in flight on a connection that pipelines requests and never reads', async () => {
    // 1 MiB of W; 64 pipelined requests would queue 64 MiB at once without the bound.
    const n = 16384;
    const bigW = new Float64Array(n * 8).map((_, k) => Math.sin(k));
    const big = new ServedData(null);
    big.a.weights = encodeWeights(bigW, 8, n);
    const limit = 2 * 1024 * 1024;
    const bounded = await startViewServer({ packageRoot: root, data: big, maxInFlightBytes: limit });
    try {
      const host = `127.0.0.1:${bounded.port}`;
      const requests = 64;
      const socket = connect(bounded.port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.pause();
      socket.write(`GET /api/weights HTTP/1.1\r\nHost: ${host}\r\n\r\n`.repeat(requests));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(bounded.peakInFlightBytes()).toBeGreaterThan(0);
      expect(bounded.peakInFlightBytes()).toBeLessThanOrEqual(limit + big.a.weights.byteLength);
      // Reading resumes: every answer arrives, whole and in order.
      let received = 0;
      const done = new Promise<void>((resolve) => {
        socket.on('data', (d: Buffer) => {
          received += d.byteLength;
          if (received >= requests * big.a.weights!.byteLength) resolve();
        });
      });
      socket.resume();
      await done;
      socket.destroy();
      expect(bounded.peakInFlightBytes()).toBeLessThanOrEqual(limit + big.a.weights.byteLength);
    } finally {
      await bounded.close();
    }
  });
});

describe('opening a browser', () => {
  it('uses the platform opener with the URL as one argument', () => {
    expect(openerFor('linux', 'http://127.0.0.1:1/')).toEqual({ command: 'xdg-open', args: ['http://127.0.0.1:1/'] });
    expect(openerFor('darwin', 'http://127.0.0.1:1/')).toEqual({ command: 'open', args: ['http://127.0.0.1:1/'] });
    expect(openerFor('win32', 'http://127.0.0.1:1/').args.at(-1)).toBe('http://127.0.0.1:1/');
  });
});
