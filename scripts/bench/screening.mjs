#!/usr/bin/env node
/**
 * Benchmark: the dictionary-scale screening pass (src/screening) against the
 * numpy/OpenBLAS peer (scripts/bench/screening_peer.py: blocked upper-triangle
 * sgemm + threshold, as a researcher writes it), in the same run, plus the
 * Gram-kernel comparison that chose the CPU kernel.
 *
 *   npx tsc -p tsconfig.json
 *   node scripts/bench/screening.mjs                     # the two targets, 16384×768 and 32768×512
 *   node scripts/bench/screening.mjs --kernels 8192x768  # single-thread Gram GFLOP/s of each candidate kernel
 *   node scripts/bench/screening.mjs --curve-n 4096,8192,16384,32768,65536 --curve-m 64,256,768,2304
 *   options: --threads T (ours, default 2)  --kernel auto|onnxruntime|wasm|js  --no-peer
 *
 * Data: seeded Gaussian directions (src/random), unit-normalised, threshold
 * 1.1 × sqrt(2 ln(N²)/m) (the random tail, src/screening/units.ts). Ours keeps
 * top-16 partners per row too; the peer only thresholds. Each of our runs is a
 * child process, so its peak RSS is its own. "time" is the pass; "start" is
 * creating the screener (workers loading onnxruntime, like the peer's
 * `import numpy`, which its time excludes too). The peer runs twice: with this
 * machine's OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE and with both unset (see
 * /work/.library/env/README.md); its "blas" field names the kernel OpenBLAS used.
 * Times are wall-clock; the development machine's 2 cores are shared, so
 * compare ratios within one run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist', 'src');
const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const load = (path) => import(pathToFileURL(join(dist, path)).href);

/** Seeded unit directions, n×m float32. */
async function units(n, m, seed = 2026) {
  const { mulberry32, gaussian } = await load('random/index.js');
  const { unitDirections } = await load('screening/units.js');
  const rng = mulberry32(seed);
  const W = new Float32Array(n * m);
  for (let x = 0; x < W.length; x++) W[x] = gaussian(rng);
  return unitDirections(W, n, m);
}

const thresholdFor = (n, m) => 1.1 * Math.sqrt((2 * Math.log(n * n)) / m);

if (args[0] === '--one') {
  // Child: one screening pass; prints JSON.
  const [n, m] = [Number(args[1]), Number(args[2])];
  const { createWorkerScreener } = await load('screening/pool-node.js');
  const U = await units(n, m);
  const file = opt('--write', null);
  if (file !== null) writeFileSync(file, U);
  const start0 = performance.now();
  const screener = await createWorkerScreener({ threads: Number(opt('--threads', '2')), kernel: opt('--kernel', 'auto') });
  const startSeconds = (performance.now() - start0) / 1000;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const s = await screener.screen(U, n, m, { threshold: thresholdFor(n, m), topK: 16 });
  const seconds = (performance.now() - t0) / 1000;
  await screener.close?.();
  process.stdout.write(
    JSON.stringify({
      seconds,
      startSeconds,
      describe: screener.describe(),
      pairs: s.pairs.i.length,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
      mainCpu: process.cpuUsage(cpu0).user / 1e6,
    }),
  );
  process.exit(0);
}

/** Runs the numpy peer on a units file; env 'as-is' or 'unset' (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed). */
function peer(file, n, m, envMode, extraEnv = {}) {
  const env = { ...process.env, ...extraEnv };
  if (envMode === 'unset') {
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
  }
  const child = spawnSync('/usr/bin/python3', [join(root, 'scripts/bench/screening_peer.py'), file, String(m), String(thresholdFor(n, m))], {
    encoding: 'utf8',
    env,
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) return null;
  return JSON.parse(child.stdout);
}

/** One size: ours (child) then the peer both ways. */
function compare(n, m, withPeer) {
  const dir = mkdtempSync(join(tmpdir(), 'tegum-screen-'));
  const file = join(dir, 'units.f32');
  try {
    const child = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--one', String(n), String(m), '--write', file, '--threads', opt('--threads', '2'), '--kernel', opt('--kernel', 'auto')],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (child.status !== 0) throw new Error(`ours failed at ${n}×${m}: ${child.stderr.slice(-500)}`);
    const ours = JSON.parse(child.stdout);
    const gflop = (n * n * m) / 1e9; // the upper triangle: n²/2 pairs × 2m flops
    const row = { n, m, ours, gflop, peers: {} };
    if (withPeer) for (const mode of ['as-is', 'unset']) row.peers[mode] = peer(file, n, m, mode);
    return row;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const HEADER =
  'n       m     ours (kernel, threads)                       time     start    GFLOP/s  peak RSS  pairs | numpy as-is (kernel)            | numpy unset (kernel)            | ratio ours/numpy';

/** One result line, printed as soon as the size is done. */
function printRow({ n, m, ours, gflop, peers }) {
  const cell = (p) =>
    p === null || p === undefined ? 'failed'.padEnd(31) : `${p.seconds.toFixed(2)} s (gram ${p.gramSeconds.toFixed(2)} s, ${p.blas.split(' ')[2]})`.padEnd(31);
  const best = Object.values(peers)
    .filter(Boolean)
    .map((p) => p.seconds);
  const ratio = best.length > 0 ? `${(ours.seconds / Math.min(...best)).toFixed(2)}× the faster numpy` : '';
  console.log(
    `${String(n).padEnd(8)}${String(m).padEnd(6)}${ours.describe.padEnd(45)}${`${ours.seconds.toFixed(2)} s`.padEnd(9)}${`${ours.startSeconds.toFixed(2)} s`.padEnd(9)}${(gflop / ours.seconds).toFixed(1).padEnd(9)}${`${Math.round(ours.maxRssMB)} MB`.padEnd(10)}${String(ours.pairs).padEnd(6)}| ${cell(peers['as-is'])} | ${cell(peers.unset)} | ${ratio}`,
  );
}

/** Single-thread Gram GFLOP/s of each candidate over the upper-triangle tiles of n×m units. */
async function kernels(n, m) {
  const U = await units(n, m);
  const flop = n * n * m; // upper triangle, 2 flops per multiply-add
  const results = [];
  const time = async (name, block, tileFn) => {
    const t0 = performance.now();
    for (let i0 = 0; i0 < n; i0 += block) for (let j0 = i0; j0 < n; j0 += block) await tileFn(i0, Math.min(n, i0 + block), j0, Math.min(n, j0 + block));
    const s = (performance.now() - t0) / 1000;
    results.push({ name, seconds: s, gflops: flop / s / 1e9 });
    console.log(`${name.padEnd(52)} ${s.toFixed(2)} s  ${(flop / s / 1e9).toFixed(1)} GFLOP/s`);
  };
  const { wasmGramKernel } = await load('screening/kernel-wasm.js');
  const w = await wasmGramKernel.load(U, n, m);
  await time('ours: WASM SIMD f32x4 (4×2 blocks)', wasmGramKernel.blockRows(m), (a, b, c, d) => w.tile(a, b, c, d));
  const { onnxGramKernel } = await load('screening/kernel-onnx-node.js');
  const ort = await onnxGramKernel(1);
  if (ort === null) console.log('onnxruntime-node: not installed');
  else {
    const o = await ort.load(U, n, m);
    await time('onnxruntime-node 1.30 MLAS sgemm (Gemm transB, 1 thread)', ort.blockRows(m), (a, b, c, d) => o.tile(a, b, c, d));
  }
  try {
    const require = createRequire(join(root, 'package.json'));
    const tf = require('@tensorflow/tfjs-core');
    const tfw = require('@tensorflow/tfjs-backend-wasm');
    tfw.setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + '/');
    await tf.setBackend('wasm');
    await tf.ready();
    // XNNPACK's fast path is A·B with B k-major: transpose once, outside the timing (A·Bᵀ with transposeB is ~10× slower).
    const block = 1024;
    const Ut = tf.tidy(() => tf.transpose(tf.tensor2d(U, [n, m])));
    const blocksT = [];
    for (let j0 = 0; j0 < n; j0 += block) blocksT.push(tf.tidy(() => tf.slice(Ut, [0, j0], [m, Math.min(block, n - j0)])));
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    await time(`@tensorflow/tfjs-backend-wasm 4.22 XNNPACK (simd ${simd}, 1 thread)`, block, async (a, b, c) => {
      const out = tf.tidy(() => tf.matMul(tf.tensor2d(U.subarray(a * m, b * m), [b - a, m]), blocksT[c / block]));
      await out.data();
      out.dispose();
    });
  } catch (err) {
    console.log(`tfjs-backend-wasm: ${err.message}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'tegum-screen-'));
  try {
    writeFileSync(join(dir, 'u.f32'), U);
    for (const mode of ['as-is', 'unset']) {
      const p = peer(join(dir, 'u.f32'), n, m, mode, { OPENBLAS_NUM_THREADS: '1' });
      if (p !== null)
        console.log(
          `${`numpy ${p.numpy} ${p.blas} (env ${mode})`.padEnd(52)} ${p.gramSeconds.toFixed(2)} s  ${(flop / p.gramSeconds / 1e9).toFixed(1)} GFLOP/s`,
        );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

const withPeer = !args.includes('--no-peer');
if (args.includes('--kernels')) {
  const [n, m] = opt('--kernels', '8192x768').split('x').map(Number);
  console.log(`Gram kernels, single thread, upper triangle of ${n}×${m} unit directions (${((n * n * m) / 1e9).toFixed(1)} GFLOP)`);
  await kernels(n, m);
} else {
  const sizes = [];
  for (const n of opt('--curve-n', '').split(',').filter(Boolean).map(Number)) sizes.push([n, 768]);
  for (const m of opt('--curve-m', '').split(',').filter(Boolean).map(Number)) sizes.push([16384, m]);
  if (sizes.length === 0) sizes.push([16384, 768], [32768, 512]);
  console.log(HEADER);
  for (const [n, m] of sizes) printRow(compare(n, m, withPeer));
}
