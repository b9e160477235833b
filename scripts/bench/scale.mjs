#!/usr/bin/env node
/**
 * Benchmark: `analyze()` on dictionary-sized inputs, time and peak memory.
 * Input: seeded Gaussian W (n features in R^m, one irregular bundle), the case
 * whose interference graph is densest. Each size runs in its own child process
 * so its peak RSS (getrusage maxrss) is its own; file reading is excluded.
 *
 *   npx tsc -p tsconfig.json
 *   node scripts/bench/scale.mjs [--sizes 1024,4096,16384,65536] [--dims 8,64] [--timeout 600] [--dist DIR]
 *
 * --dist points at another build (e.g. one of the previous commit) to compare.
 *
 * Measured on the 2-core development machine (Node 20, default heap), before
 * (dense N×N cosine matrix + N²/2 sorted edge objects in the orthogonal
 * decomposition, dense n×n Gram for D_i, dense cosine matrix per bundle in
 * classifyBundle) and after (maximum spanning tree by Prim, QR for D_i, cosine
 * rows streamed; feature topology not yet in analyze()):
 *   n       m    before               after
 *   1,024   8    1.3 s    151 MB      0.3 s    61 MB
 *   4,096   8    27.8 s   1,026 MB    1.4 s    67 MB
 *   16,384  8    out of memory        21.1 s   114 MB
 *   1,024   64   17.1 s   201 MB      1.2 s    109 MB
 *   4,096   64   69.2 s   1,059 MB    6.5 s    276 MB
 *   16,384  64   out of memory        79.0 s   940 MB (k = 1 projector embeddings, 16,384 × 2,080 values)
 *   65,536  8    —                    > 900 s: sphericalCodeQuality and thomsonEnergy (O(N²) with
 *                                     atan2/sqrt per pair) dominate; the decomposition alone is 60 s
 * At n = 16,384, m = 8 most of the remaining time is sphericalCodeQuality
 * (~70%) and thomsonEnergy, run on each bundle and on all represented features.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);

/** mulberry32 + Box–Muller: the same W in every run and every build. */
function gaussianW(n, m, seed) {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const W = new Float64Array(n * m);
  for (let i = 0; i < W.length; i++) W[i] = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return W;
}

if (args[0] === '--one') {
  // Child: analyse one size, print {seconds, maxRssMB, bundles}.
  const [n, m] = [Number(args[1]), Number(args[2])];
  const dist = resolve(opt('--dist', join(root, 'dist')));
  const { analyze } = await import(pathToFileURL(join(dist, 'src/analysis/analyze.js')).href);
  const W = gaussianW(n, m, 2024);
  const t0 = performance.now();
  const report = await analyze({ file: 'bench', tensor: 'W', W, m, n, featuresAre: 'rows' });
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, bundles: report.bundles.length }));
  process.exit(0);
}

const sizes = opt('--sizes', '1024,4096,16384,65536').split(',').map(Number);
const dims = opt('--dims', '8,64').split(',').map(Number);
const timeout = Number(opt('--timeout', '600'));
const dist = opt('--dist', join(root, 'dist'));
console.log(`analyze() on Gaussian W, build ${dist}, limit ${timeout} s per size`);
console.log('n        m     time        peak RSS    bundles');
for (const m of dims) {
  for (const n of sizes) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--one', String(n), String(m), '--dist', dist], {
      encoding: 'utf8',
      timeout: timeout * 1000,
      maxBuffer: 1 << 20,
    });
    let cells;
    if (child.error?.code === 'ETIMEDOUT') cells = [`> ${timeout} s`, '', ''];
    else if (child.status !== 0) cells = ['failed', '', (child.stderr.match(/heap out of memory|RangeError[^\n]*/) ?? ['see stderr'])[0]];
    else {
      const r = JSON.parse(child.stdout);
      cells = [`${r.seconds.toFixed(1)} s`, `${Math.round(r.maxRssMB)} MB`, String(r.bundles)];
    }
    console.log(`${String(n).padEnd(9)}${String(m).padEnd(6)}${cells[0].padEnd(12)}${cells[1].padEnd(12)}${cells[2]}`);
  }
}
