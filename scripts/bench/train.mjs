#!/usr/bin/env node
/**
 * Training time of `tegum train` (src/toymodel, CPU) against PyTorch on the CPU
 * (scripts/bench/train_torch.py, python3-torch) for the Toy Models sweep
 * n = 20, m = 5, importance 0.7^i, p = 1, 0.3, 0.1, 0.03, 0.01, 10,000 steps,
 * batch 1024, in one run. Everything is timed in-process around training:
 * - tegum, 1 thread: the instances one after another (the final-loss
 *   evaluation excluded);
 * - tegum, workers: as `tegum train` runs them, all instances at once in worker
 *   threads up to the core count (wall time, evaluation of 10^6 samples per run included);
 * - torch with its default thread count and with 1 thread (all instances in
 *   one batched module, as the official notebook trains them).
 * The rounds alternate between the implementations (--repeat R) and the
 * summary reports each one's fastest round, so a shared machine's load
 * bursts hit all alike; ratios are torch seconds / tegum seconds (above 1:
 * tegum is faster). Prints one JSON line per measurement, then the summary with
 * the load average before and after.
 *
 * Build first (npx tsc -p tsconfig.json), then
 *   node scripts/bench/train.mjs [--steps 10000] [--threads default,1] [--repeat 1] [--skip-torch]
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { TORCH_ADAMW, trainToyModel, trainToyModels } from '../../dist/src/toymodel/index.js';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const n = 20;
const m = 5;
const ratio = 0.7;
const ps = [1, 0.3, 0.1, 0.03, 0.01];
const steps = Number(flag('--steps', '10000'));
const batch = 1024;
const threads = flag('--threads', 'default,1');
const repeat = Number(flag('--repeat', '1'));
const workers = Math.min(availableParallelism(), ps.length);
const importance = Float64Array.from({ length: n }, (_, i) => ratio ** i);
// The initialisation scale does not change the cost of a step; this is `tegum train`'s default.
const runs = ps.map((p) => ({ n, m, importance, p, steps, batch, seed: 0, optimizer: TORCH_ADAMW, init: { scheme: 'notebook', instances: ps.length } }));

const loadBefore = loadavg()[0];
const best = new Map();
const keep = (key, row) => {
  console.log(JSON.stringify(row));
  if (!best.has(key) || row.seconds < best.get(key).seconds) best.set(key, row);
};
for (let round = 0; round < repeat; round++) {
  const perRun = runs.map(timedRun);
  keep('tegum', { impl: 'tegum', threads: 1, n, m, instances: ps.length, steps, batch, seconds: perRun.reduce((s, r) => s + r.seconds, 0), perRun });

  const w0 = performance.now();
  await trainToyModels(runs);
  keep('tegum-workers', { impl: 'tegum-workers', threads: workers, n, m, instances: ps.length, steps, batch, seconds: (performance.now() - w0) / 1000 });

  if (args.includes('--skip-torch')) continue;
  const script = fileURLToPath(new URL('./train_torch.py', import.meta.url));
  const r = spawnSync('/usr/bin/python3', [script, '--steps', String(steps), '--threads', threads], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`train_torch.py failed: ${r.stderr}`);
  for (const line of r.stdout.trim().split('\n')) {
    const row = JSON.parse(line);
    keep(`torch-${row.threads_setting}`, row);
  }
}
const loadAfter = loadavg()[0];

const tegum = best.get('tegum');
const parallel = best.get('tegum-workers');
console.log(`\nToy Models sweep n=${n} m=${m} (${ps.length} instances), ${steps} steps, batch ${batch}; fastest of ${repeat} round(s)`);
console.log(`tegum (1 thread): ${tegum.seconds.toFixed(2)} s  [${tegum.perRun.map((r) => `p=${r.p}: ${r.seconds.toFixed(2)} s`).join(', ')}]`);
console.log(`tegum (${workers} worker threads, as tegum train runs): ${parallel.seconds.toFixed(2)} s`);
for (const [key, row] of best) {
  if (!key.startsWith('torch-')) continue;
  console.log(
    `torch ${row.torch} (${row.threads} thread${row.threads === 1 ? '' : 's'}, ${row.threads_setting}): ${row.seconds.toFixed(2)} s  → ` +
      `torch/tegum = ${(row.seconds / tegum.seconds).toFixed(2)} (1 thread), ${(row.seconds / parallel.seconds).toFixed(2)} (${workers} workers)`,
  );
}
console.log(`load average (1 min): ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`);

/** One run, timed from the start to the last step's progress call (before the final-loss evaluation). */
function timedRun(settings) {
  let stopped = NaN;
  let batchLoss = NaN;
  const t0 = performance.now();
  trainToyModel(
    settings,
    (step, loss) => {
      stopped = performance.now();
      batchLoss = loss;
    },
    settings.steps,
  );
  return { p: settings.p, seconds: (stopped - t0) / 1000, batchLoss };
}
