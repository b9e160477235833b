#!/usr/bin/env node
/**
 * Benchmark: `tegum analyze` against the talk's algorithm as written (numpy +
 * scikit-learn, scripts/bench/analyze_naive.py: all k-subsets of all features,
 * projectors, DBSCAN), on trained Toy Models of the talk's size (n=20, m=5)
 * and of the feature-geometry size (n=200, m=20), K = 3, in one run.
 *
 *   npx tsc -p tsconfig.json
 *   /usr/bin/python3 scripts/bench/make_bench_models.py      # once: trains n=200, m=20 (~1-3 min)
 *   node scripts/bench/analyze.mjs [--naive-timeout 600]
 *
 * tegum is timed in-process (median of 5 after a warm-up, CPU backend, file
 * reading excluded on both sides); the naive peer in a child process with a
 * time limit, so its blow-up at n = 200 shows as a time or as "> limit".
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = join(tmpdir(), 'tegum-bench-analyze');
const args = process.argv.slice(2);
const limit = Number(args[args.indexOf('--naive-timeout') + 1] ?? 600) || 600;

const { readTensors, chooseWeights } = await import(pathToFileURL(join(root, 'dist/src/import/index.js')).href);
const { analyze } = await import(pathToFileURL(join(root, 'dist/src/analysis/analyze.js')).href);

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

console.log(`tegum analyze vs the talk's algorithm (numpy + scikit-learn), K = 3; naive time limit ${limit} s`);
console.log('input                     subsets (tegum / naive)   tegum        naive          naive / tegum');
for (const name of ['n20_m5.npy', 'n200_m20.npy']) {
  const file = join(dataDir, name);
  if (!existsSync(file)) {
    console.log(`${name}: missing; run /usr/bin/python3 scripts/bench/make_bench_models.py first`);
    continue;
  }
  const ws = chooseWeights(file, await readTensors(file), { features: 'rows' });
  let report = await analyze(ws, { maxK: 3 });
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    report = await analyze(ws, { maxK: 3 });
    times.push((performance.now() - t) / 1000);
  }
  const tegum = median(times);
  const r = spawnSync('/usr/bin/python3', [join(root, 'scripts/bench/analyze_naive.py'), file, '3'], { encoding: 'utf8', timeout: limit * 1000 });
  let naive = null;
  let naiveSubsets;
  if (r.status === 0) {
    const out = JSON.parse(r.stdout.trim().split('\n').pop());
    naive = out.seconds;
    naiveSubsets = out.subsets;
  } else if (r.error?.code === 'ETIMEDOUT' || r.signal) {
    naiveSubsets = 'all';
  } else {
    naiveSubsets = `failed: ${(r.stderr || '').trim().split('\n').pop()}`;
  }
  const naiveText = naive === null ? (r.signal || r.error ? `> ${limit} s` : 'failed') : `${naive.toFixed(3)} s`;
  const ratio = naive === null ? (r.signal || r.error ? `> ${(limit / tegum).toFixed(0)}×` : '—') : `${(naive / tegum).toFixed(1)}×`;
  console.log(
    `${`${name} (n=${ws.n}, m=${ws.m})`.padEnd(26)}${`${report.params.subsetsEmbedded} / ${naiveSubsets}`.padEnd(26)}${`${tegum.toFixed(4)} s`.padEnd(13)}${naiveText.padEnd(15)}${ratio}`,
  );
  console.log(
    `  tegum found: ${report.decomposition}; ${report.planes.length} planes; skipped: ${report.params.enumerated.includes('skipped') ? 'yes' : 'none'}`,
  );
}
