#!/usr/bin/env node
/**
 * Benchmark: tegum's readTensors against numpy.load on a 16384 × 768 float32
 * .npy file (50 MB), median of several repetitions each, plus the memory one
 * read adds.
 *
 * Usage: npx tsc -p tsconfig.json && node scripts/bench/import.mjs [REPS [ROUNDS]]
 *        node scripts/bench/import.mjs --formats [--rows R --cols C] [--reps N]   (.npy / .pt / .safetensors, peak memory)
 * The file is generated once with /usr/bin/python3 + numpy into the OS temp dir.
 *
 * tegum keeps a float32 file's values as float32 (Tensor.data is a
 * Float32Array), so the result has numpy's 50 MB. Most of the cost of a first
 * read is page faults on that fresh array. numpy asks the kernel for
 * transparent huge pages (madvise) on large arrays; Node cannot, but glibc can
 * do it for every large malloc when started with
 * GLIBC_TUNABLES=glibc.malloc.hugetlb=1. tegum is therefore timed twice, in
 * child processes: in the default environment and with that tunable.
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

/** Child: median seconds of `reps` reads after one warm-up each, the path reader and the bytes reader interleaved. */
async function timeReads(reps) {
  const api = await loadApi();
  const readers = {
    path: () => api.readTensors(npyPath),
    bytes: async () => api.readTensorsFromBytes('W.npy', readFileSync(npyPath)),
  };
  const seconds = { path: [], bytes: [] };
  for (const read of Object.values(readers)) await read(); // warm-up: page cache, JIT
  for (let i = 0; i < reps; i++) {
    for (const [key, read] of Object.entries(readers)) {
      const t = performance.now();
      const out = await read();
      seconds[key].push((performance.now() - t) / 1000);
      if (out[0].data.length !== ROWS * COLS) throw new Error('wrong size');
    }
  }
  process.stdout.write(JSON.stringify({ path: median(seconds.path), bytes: median(seconds.bytes) }));
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
  // Several fresh processes per reader, interleaved: on this VM one process in
  // four or so gets no transparent huge pages and runs 3–6× slower, for numpy
  // and tegum alike, so one process per reader decides nothing.
  const rounds = Number(process.argv[3] ?? 5);
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
  const runs = [];
  for (let r = 0; r < rounds; r++) {
    const py = JSON.parse(execFileSync(PYTHON, [join(root, 'scripts', 'bench', 'import_numpy.py'), npyPath, String(reps)], { env: pyEnv }).toString());
    runs.push({ py, plain: runChild(['--time', String(reps)]), huge: runChild(['--time', String(reps)], HUGE_PAGES) });
  }
  const memPath = runChild(['--memory', 'path']);
  const memBytes = runChild(['--memory', 'bytes']);

  const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
  const ms = (s) => `${(s * 1000).toFixed(1)} ms`.padStart(10);
  const pick = (get) => median(runs.map(get));
  const load = pick((x) => x.py.load);
  // Each round's ratio to that round's np.load, then the median and range over rounds.
  const ratios = (get) => {
    const rs = runs.map((x) => get(x) / x.py.load).sort((a, b) => a - b);
    return `${median(rs).toFixed(2)}×`.padStart(8) + `  (${rs[0].toFixed(2)}–${rs[rs.length - 1].toFixed(2)}×)`;
  };
  const row = (label, get) => console.log(`  ${label.padEnd(42)}${ms(pick(get))} ${ratios(get)}`);
  console.log(`file: ${npyPath} (${mb(fileBytes)}, ${ROWS}×${COLS} float32)`);
  console.log(`${rounds} rounds of fresh processes; each: median of ${reps} reads after a warm-up; shown: median over rounds`);
  console.log(`numpy ${runs[0].py.numpy} (float32 result)`);
  console.log(`  np.load                                   ${ms(load)}`);
  console.log(`  np.load, numpy's huge-page madvise off    ${ms(pick((x) => x.py.load_no_hugepage))}`);
  console.log(`  np.load + astype(float64)                 ${ms(pick((x) => x.py.load_astype_f64))}`);
  console.log(`tegum (float32 result, as numpy's)                   vs np.load, same round (goal ≤ 1.5×)`);
  row('readTensors(path)', (x) => x.plain.path);
  row(`readTensors(path), ${HUGE_PAGES}`, (x) => x.huge.path);
  row('readTensorsFromBytes(readFileSync(path))', (x) => x.plain.bytes);
  row(`same, ${HUGE_PAGES}`, (x) => x.huge.bytes);
  console.log(`memory one read adds, result held (the result is ${mb(memPath.resultBytes)}, the file ${mb(fileBytes)})`);
  console.log(`  readTensors(path):    arrayBuffers +${mb(memPath.arrayBuffers)}, RSS +${mb(memPath.rss)}`);
  console.log(`  readTensorsFromBytes: arrayBuffers +${mb(memBytes.arrayBuffers)}, RSS +${mb(memBytes.rss)} (includes the caller's file buffer)`);
}

/**
 * `--formats [--rows R --cols C]`: one read of the same float32 matrix saved as
 * .npy, .safetensors and torch.save .pt, each in a fresh process under
 * /usr/bin/time (wall time and peak RSS of the whole process, start-up
 * included), with huge pages as bin/tegum.js sets them; peers np.load and
 * torch.load likewise. Peak RSS says how many copies a reader holds at once.
 */
function formats() {
  const opt = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const rows = opt('--rows', ROWS);
  const cols = opt('--cols', COLS);
  mkdirSync(dataDir, { recursive: true });
  const stem = join(dataDir, `W_${rows}x${cols}_f32`);
  if (!existsSync(`${stem}.pt`)) {
    // One matrix, three containers; the safetensors header is written by hand (no python safetensors here).
    execFileSync(PYTHON, [
      '-c',
      `
import json, struct, numpy as np, torch
W = np.random.default_rng(0).standard_normal((${rows}, ${cols}), dtype=np.float32)
np.save('${stem}.npy', W)
torch.save({'W_dec': torch.from_numpy(W)}, '${stem}.pt')
h = json.dumps({'W_dec': {'dtype': 'F32', 'shape': [${rows}, ${cols}], 'data_offsets': [0, W.nbytes]}}).encode()
h += b' ' * (-len(h) % 8)
with open('${stem}.safetensors', 'wb') as f:
    f.write(struct.pack('<Q', len(h))); f.write(h); f.write(W.tobytes())
`,
    ]);
  }
  // Each read runs once in a fresh process that prints the seconds of the read alone;
  // /usr/bin/time gives that process's peak RSS, from which a process that only
  // loads the same modules is subtracted.
  const timed = (argv, env) => {
    const r = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], { encoding: 'utf8', env: { ...process.env, ...env } });
    if (r.status !== 0) throw new Error(r.stderr);
    return { seconds: Number(r.stdout.trim() || 0), mb: Number(r.stderr.trim().split('\n').pop()) / 1024 };
  };
  const reps = opt('--reps', 3);
  const best = (argv, env) => {
    const runs = Array.from({ length: reps }, () => timed(argv, env));
    return { seconds: Math.min(...runs.map((r) => r.seconds)), mb: Math.min(...runs.map((r) => r.mb)) };
  };
  const api = JSON.stringify(pathToFileURL(distIndex).href);
  const node = (read) => [
    process.execPath,
    '--input-type=module',
    '-e',
    `const m = await import(${api}); const t = performance.now(); ${read}; console.log((performance.now() - t) / 1000);`,
  ];
  const tegumRead = (path) => best(node(`const x = await m.readTensors(${JSON.stringify(path)}, { allowLarge: true })`), { GLIBC_TUNABLES: HUGE_PAGES });
  const nodeBase = best(node('0'), { GLIBC_TUNABLES: HUGE_PAGES });
  const py = (modules, read) => best([PYTHON, '-c', `import time, ${modules}\nt = time.perf_counter(); x = ${read}; print(time.perf_counter() - t)`], {});
  const st = `${stem}.safetensors`;
  const peers = [
    ['.npy', 'np.load', py('numpy as np', `np.load('${stem}.npy')`), py('numpy as np', '0'), tegumRead(`${stem}.npy`)],
    ['.pt', 'torch.load', py('torch', `torch.load('${stem}.pt')`), py('torch', '0'), tegumRead(`${stem}.pt`)],
    [
      '.safetensors',
      'np.fromfile',
      py('numpy as np', `np.fromfile('${st}', dtype=np.float32, offset=8 + int.from_bytes(open('${st}', 'rb').read(8), 'little'))`),
      py('numpy as np', '0'),
      tegumRead(st),
    ],
  ];
  const fileMb = statSync(`${stem}.npy`).size / 1e6;
  console.log(`${rows}×${cols} float32 (${fileMb.toFixed(0)} MB on disk, read as float32); best of ${reps} fresh process${reps === 1 ? '' : 'es'}`);
  console.log('time: the read alone; memory: peak RSS above a process that only loads the same modules');
  console.log('format        peer           peer time  peer +peak   tegum time  tegum +peak  time ratio');
  for (const [ext, peer, p, pBase, t] of peers) {
    const cells = [
      ext.padEnd(13),
      peer.padEnd(13),
      `${p.seconds.toFixed(3)} s`.padStart(10),
      `${(p.mb - pBase.mb).toFixed(0)} MB`.padStart(11),
      `${t.seconds.toFixed(3)} s`.padStart(12),
      `${(t.mb - nodeBase.mb).toFixed(0)} MB`.padStart(12),
      `${(t.seconds / p.seconds).toFixed(2)}×`.padStart(11),
    ];
    console.log(cells.join(' '));
  }
}

if (process.argv[2] === '--time') await timeReads(Number(process.argv[3]));
else if (process.argv[2] === '--memory') await measureMemory(process.argv[3]);
else if (process.argv[2] === '--formats') formats();
else main();
