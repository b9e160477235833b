#!/usr/bin/env node
/**
 * The Grassmannian embedding benchmark in one run: numpy (grassmannian_numpy.py,
 * Debian's /usr/bin/python3), tegum's float64 CPU path (grassmannian_cpu.mjs)
 * and tegum's WebGPU kernel (grassmannian_gpu.mjs), same sizes and workload.
 * Prints every JSON line, then a table of subsets per second with the ratios
 * CPU/numpy and GPU/CPU.
 *
 * Build first (npx tsc -p tsconfig.json), then
 *   node scripts/bench/grassmannian.mjs [--sizes 20x5x3,40x16x3,100x64x3] [--min-seconds 0.5]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { acquireGpu, lastGpuUnavailableReason } from '../../dist/src/gpu/index.js';
import { DEFAULT_SIZES, parseSizes, run as runCpu } from './grassmannian_cpu.mjs';
import { run as runGpu } from './grassmannian_gpu.mjs';

const here = dirname(fileURLToPath(import.meta.url));

function runNumpy(sizes, minSeconds) {
  const arg = sizes.map((s) => s.join('x')).join(',');
  const res = spawnSync('/usr/bin/python3', [join(here, 'grassmannian_numpy.py'), '--sizes', arg, '--min-seconds', String(minSeconds)], {
    encoding: 'utf8',
  });
  if (res.status !== 0) {
    console.error(`numpy baseline failed: ${res.error?.message ?? res.stderr.trim()}`);
    return sizes.map(() => null);
  }
  return res.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

function fmt(x) {
  return x === null || x === undefined ? 'n/a' : x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(2);
}

async function main(argv) {
  let sizes = DEFAULT_SIZES;
  let minSeconds = 0.5;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sizes') sizes = parseSizes(argv[++i]);
    else if (argv[i] === '--min-seconds') minSeconds = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  const numpy = runNumpy(sizes, minSeconds);
  const cpu = sizes.map(([n, m, K]) => runCpu(n, m, K, 4096, minSeconds));
  const gpu = await acquireGpu();
  if (gpu === null) console.error(`no WebGPU adapter (${lastGpuUnavailableReason}); GPU column empty`);
  const gpuRows = [];
  try {
    for (const [n, m, K] of sizes) gpuRows.push(gpu === null ? null : await runGpu(gpu, n, m, K, 16384, minSeconds));
  } finally {
    gpu?.destroy();
  }
  for (const row of [...numpy, ...cpu, ...gpuRows]) if (row !== null) console.log(JSON.stringify(row));

  const header = ['n', 'm', 'K', 'subsets', 'numpy /s', 'tegum CPU /s', 'tegum GPU /s', 'CPU/numpy', 'GPU/CPU'];
  const rows = sizes.map(([n, m, K], i) => {
    const np = numpy[i]?.subsets_per_second;
    const c = cpu[i].subsets_per_second;
    const g = gpuRows[i]?.subsets_per_second;
    const perPass = cpu[i].subsets / cpu[i].passes;
    return [n, m, K, perPass, fmt(np), fmt(c), fmt(g), np ? `${(c / np).toFixed(2)}×` : 'n/a', g ? `${(g / c).toFixed(2)}×` : 'n/a'].map(String);
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  console.log('');
  if (gpuRows[0]) console.log(`GPU adapter: ${gpuRows[0].adapter}${gpuRows[0].software ? ' (software)' : ''}`);
  console.log(header.map((h, c) => h.padStart(widths[c])).join('  '));
  for (const r of rows) console.log(r.map((cell, c) => cell.padStart(widths[c])).join('  '));
}

await main(process.argv.slice(2));
