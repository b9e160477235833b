#!/usr/bin/env node
// Memory of `tegum view` under a client that pipelines requests on one socket
// and never reads (issue 14: 69 MB → 1.35 GB when every request re-read its file).
// Starts the real CLI on a generated W, sends REQUESTS pipelined GETs of
// /api/weights and of three.js's core module (1.4 MB), waits, and prints the
// server's resident memory before and at its peak.
// Run: node scripts/bench/view-pipelining.mjs [N] [REQUESTS]
// Peer: TEGUM_ROOT=<built checkout of commit 3c8b805> node scripts/bench/view-pipelining.mjs
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const n = Number(process.argv[2] ?? 16384);
const requests = Number(process.argv[3] ?? 2000);
const m = 64;
// TEGUM_ROOT: another checkout (e.g. the commit before the in-memory server) as the peer.
const root = process.env.TEGUM_ROOT ?? join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'tegum-pipelining-'));
const file = join(dir, 'W.npy');
// A float64 .npy of n rows × m columns (features are the rows, the longer axis).
const header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${n}, ${m}), }`;
const padded = header + ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
const prefix = Buffer.concat([
  Buffer.from([0x93]),
  Buffer.from('NUMPY'),
  Buffer.from([1, 0]),
  Buffer.from(new Uint16Array([padded.length]).buffer),
  Buffer.from(padded, 'latin1'),
]);
// Only the first 16 features are non-zero, so the analysis (which the peer finishes before serving) is quick.
const values = new Float64Array(n * m).map((_, k) => (k < 16 * m ? Math.sin(k * 0.618) : 0));
writeFileSync(file, Buffer.concat([prefix, Buffer.from(values.buffer)]));

const child = spawn(process.execPath, [join(root, 'bin', 'tegum.js'), 'view', file, '--no-open', '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
const port = await new Promise((resolve) => {
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    const match = /127\.0\.0\.1:(\d+)\//.exec(out);
    if (match) resolve(Number(match[1]));
  });
});
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;
await new Promise((r) => setTimeout(r, 1000));
const before = rss();
const socket = connect(port, '127.0.0.1');
await new Promise((r) => socket.once('connect', r));
socket.pause();
const host = `127.0.0.1:${port}`;
let batch = '';
for (let k = 0; k < requests; k++) batch += `GET ${k % 2 ? '/vendor/three/build/three.core.js' : '/api/weights'} HTTP/1.1\r\nHost: ${host}\r\n\r\n`;
socket.write(batch);
let peak = before;
for (let t = 0; t < 10; t++) {
  await new Promise((r) => setTimeout(r, 500));
  peak = Math.max(peak, rss());
}
console.log(`W ${n}×${m} float64 (${((n * m * 8) / 1e6).toFixed(1)} MB), ${requests} pipelined requests, never read`);
console.log(`server RSS before ${before.toFixed(0)} MB, peak over 5 s ${peak.toFixed(0)} MB, ratio ${(peak / before).toFixed(2)}`);
socket.destroy();
child.kill('SIGINT');
