#!/usr/bin/env node
/**
 * Benchmark: tegum's readTensors against numpy.load on a 16384 × 768 float32
 * .npy file (50 MB), median of several repetitions each, plus the memory one
 * read adds.
 *
 * Usage: npx tsc -p tsconfig.json && node scripts/bench/import.mjs [REPS]
 * The file is generated once with /usr/bin/python3 + numpy into the OS temp dir.
 *
 * Most of the cost of a first read is page faults on the fresh 100 MB float64
 * result. numpy asks the kernel for transparent huge pages (madvise) on large
 * arrays; Node cannot, but glibc can do it for every large malloc when started
 * with GLIBC_TUNABLES=glibc.malloc.hugetlb=1. tegum is therefore timed twice,
 * in child processes: in the default environment and with that tunable.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROWS = 16384;
const COLS = 768;
const HUGE_PAGES = 'glibc.malloc.hugetlb=1';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const distIndex = join(root, 'dist', 'src', 'import', 'index.js');
const dataDir = join(tmpdir(), 'tegum-bench-import');
const npyPath = join(dataDir, `W_${ROWS}x${COLS}_f32.npy`);
const PYTHON = '/usr/bin/python3';

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

async function loadApi() {
  if (!existsSync(distIndex)) {
    console.error(`missing ${distIndex}: build first with  npx tsc -p tsconfig.json`);
    process.exit(1);
  }
  return import(pathToFileURL(distIndex).href);
}

/** Child: median seconds of `reps` reads after one warm-up, for the path reader and the bytes reader. */
async function timeReads(reps) {
  const api = await loadApi();
  const time = async (fn) => {
    await fn(); // warm-up: page cache, JIT
    const seconds = [];
    for (let i = 0; i < reps; i++) {
      const t = performance.now();
      const out = await fn();
      seconds.push((performance.now() - t) / 1000);
      if (out[0].data.length !== ROWS * COLS) throw new Error('wrong size');
    }
    return median(seconds);
  };
  const path = await time(() => api.readTensors(npyPath));
  const bytes = await time(async () => api.readTensorsFromBytes('W.npy', readFileSync(npyPath)));
  process.stdout.write(JSON.stringify({ path, bytes }));
}

/** Child: memory one read adds in a fresh process while the result is held. */
async function measureMemory(mode) {
  const api = await loadApi();
  const before = process.memoryUsage();
  const tensors = mode === 'bytes' ? api.readTensorsFromBytes('W.npy', readFileSync(npyPath)) : await api.readTensors(npyPath);
  const after = process.memoryUsage();
  // Sampled RSS rather than getrusage's maxRSS, which a spawned child inherits from its parent.
  process.stdout.write(
    JSON.stringify({
      resultBytes: tensors[0].data.byteLength,
      arrayBuffers: after.arrayBuffers - before.arrayBuffers,
      rss: after.rss - before.rss,
    }),
  );
}

function runChild(args, tunables) {
  const env = { ...process.env };
  delete env.GLIBC_TUNABLES;
  if (tunables !== undefined) env.GLIBC_TUNABLES = tunables;
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

function main() {
  const reps = Number(process.argv[2] ?? 7);
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(npyPath)) {
    execFileSync(PYTHON, [
      '-c',
      `import numpy as np; np.save(${JSON.stringify(npyPath)}, np.random.default_rng(0).standard_normal((${ROWS}, ${COLS})).astype(np.float32))`,
    ]);
  }
  const fileBytes = statSync(npyPath).size;
  const pyEnv = { ...process.env };
  delete pyEnv.GLIBC_TUNABLES;
  const py = JSON.parse(
    execFileSync(PYTHON, [join(root, 'scripts', 'bench', 'import_numpy.py'), npyPath, String(reps)], { env: pyEnv }).toString(),
  );
  const plain = runChild(['--time', String(reps)]);
  const huge = runChild(['--time', String(reps)], HUGE_PAGES);
  const memPath = runChild(['--memory', 'path']);
  const memBytes = runChild(['--memory', 'bytes']);

  const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
  const ms = (s) => `${(s * 1000).toFixed(1)} ms`.padStart(10);
  const ratio = (s) => `${(s / py.load).toFixed(2)}×`.padStart(8);
  console.log(`file: ${npyPath} (${mb(fileBytes)}, ${ROWS}×${COLS} float32); median of ${reps} runs after a warm-up`);
  console.log(`numpy ${py.numpy} (float32 result)`);
  console.log(`  np.load                                   ${ms(py.load)}`);
  console.log(`  np.load, numpy's huge-page madvise off    ${ms(py.load_no_hugepage)}`);
  console.log(`  np.load + astype(float64)                 ${ms(py.load_astype_f64)}`);
  console.log(`tegum (float64 result)                                   vs np.load (goal ≤ 1.5×)`);
  console.log(`  readTensors(path)                         ${ms(plain.path)} ${ratio(plain.path)}`);
  console.log(`  readTensors(path), ${HUGE_PAGES}   ${ms(huge.path)} ${ratio(huge.path)}`);
  console.log(`  readTensorsFromBytes(readFileSync(path))  ${ms(plain.bytes)} ${ratio(plain.bytes)}`);
  console.log(`  same, ${HUGE_PAGES}                ${ms(huge.bytes)} ${ratio(huge.bytes)}`);
  console.log(`memory one read adds, result held (the float64 result is ${mb(memPath.resultBytes)}, the file ${mb(fileBytes)})`);
  console.log(`  readTensors(path):    arrayBuffers +${mb(memPath.arrayBuffers)}, RSS +${mb(memPath.rss)}`);
  console.log(`  readTensorsFromBytes: arrayBuffers +${mb(memBytes.arrayBuffers)}, RSS +${mb(memBytes.rss)} (includes the caller's file buffer)`);
}

if (process.argv[2] === '--time') await timeReads(Number(process.argv[3]));
else if (process.argv[2] === '--memory') await measureMemory(process.argv[3]);
else main();
