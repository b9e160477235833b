#!/usr/bin/env node
/**
 * Benchmark (issue 12): what a Float32Array | Float64Array parameter costs in a
 * hot loop. tegum's own featureNorms (src/features/norms.ts, one pass over a
 * 16384 × 768 W) is timed in three fresh processes: fed only float64, fed only
 * float32 (both monomorphic), and fed both kinds before timing each
 * (polymorphic element loads). analyze.ts cites the result for its choice:
 * dictionary-scale W stays float32, exact-scale W is widened once.
 *
 *   npm run build && node scripts/bench/polymorphic.mjs [REPS]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [n, m] = [16384, 768];

async function child(mode, reps) {
  const { featureNorms } = await import(pathToFileURL(join(root, 'dist/src/features/norms.js')).href);
  const f64 = new Float64Array(n * m);
  for (let k = 0; k < f64.length; k++) f64[k] = Math.sin(k * 0.7) * 3;
  const f32 = Float32Array.from(f64);
  const feed = mode === 'float64' ? [f64] : mode === 'float32' ? [f32] : [f64, f32];
  for (let warm = 0; warm < 3; warm++) for (const W of feed) featureNorms(W, m, n);
  const result = {};
  for (const W of feed) {
    const times = [];
    for (let r = 0; r < reps; r++) {
      const t = performance.now();
      featureNorms(W, m, n);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    result[W instanceof Float32Array ? 'float32' : 'float64'] = times[times.length >> 1];
  }
  process.stdout.write(JSON.stringify(result));
}

if (process.argv[2] === '--child') await child(process.argv[3], Number(process.argv[4]));
else {
  const reps = Number(process.argv[2] ?? 15);
  const run = (mode) => JSON.parse(spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, String(reps)], { encoding: 'utf8' }).stdout);
  const mono64 = run('float64');
  const mono32 = run('float32');
  const both = run('both');
  console.log(`featureNorms of ${n} × ${m}, median of ${reps} after warm-up, one fresh process per row`);
  console.log(`  float64 only (monomorphic)   ${mono64.float64.toFixed(1)} ms`);
  console.log(`  float32 only (monomorphic)   ${mono32.float32.toFixed(1)} ms`);
  console.log(
    `  both kinds (polymorphic)     float64 ${both.float64.toFixed(1)} ms (×${(both.float64 / mono64.float64).toFixed(2)}), float32 ${both.float32.toFixed(1)} ms (×${(both.float32 / mono32.float32).toFixed(2)})`,
  );
}
