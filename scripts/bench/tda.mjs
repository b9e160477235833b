#!/usr/bin/env node
// Vietoris–Rips benchmark: tegum's ripsPersistence vs gudhi on 500 seeded uniform points
// on S², Euclidean, H0–H2, both truncated at the same --threshold (default 1.0).
//
//   npx tsc -p tsconfig.json && node scripts/bench/tda.mjs [--n 500] [--threshold 1.0] [--repeats 3] [--full]
//
// Times: ours = ripsPersistence (distances included), median of --repeats runs after one
// warm-up; gudhi = RipsComplex + create_simplex_tree(max_dimension=3) + persistence(),
// timed inside Python (scripts/bench/tda_gudhi.py), median of --repeats. A common
// threshold is needed because gudhi cannot build the complete complex (C(500, 4) ≈ 2.6e9
// tetrahedra); --full also times ours alone at its default, the enclosing radius (the
// complete barcode). The diagrams of both are compared (bottleneck distance).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const { ripsPersistence, bottleneckDistance } = await import(join(root, 'dist', 'src', 'tda', 'index.js'));
// The project's one seeded generator, so the bench data matches what the tests draw.
const { mulberry32 } = await import(join(root, 'dist', 'src', 'random', 'index.js'));

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const n = arg('--n', 500);
const threshold = arg('--threshold', 1.0);
const repeats = arg('--repeats', 3);

// Uniform on S²: normalised standard Gaussians (Box–Muller).
const rand = mulberry32(2024);
const points = new Float64Array(3 * n);
for (let i = 0; i < n; i++) {
  const g = [0, 1, 2].map(() => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()));
  const norm = Math.hypot(...g);
  for (let r = 0; r < 3; r++) points[3 * i + r] = g[r] / norm;
}

function timeOurs(opts) {
  ripsPersistence({ points, dim: 3 }, opts);
  const times = [];
  let result;
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    result = ripsPersistence({ points, dim: 3 }, opts);
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return { seconds: times[Math.floor(times.length / 2)], result };
}

const dir = mkdtempSync(join(tmpdir(), 'tegum-tda-'));
try {
  const file = join(dir, 'cloud.f64');
  writeFileSync(file, Buffer.from(points.buffer));
  const load = loadavg()[0].toFixed(2);
  const ours = timeOurs({ threshold });
  const py = spawnSync('/usr/bin/python3', [join(here, 'tda_gudhi.py'), file, '3', String(threshold), String(repeats)], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (py.status !== 0) throw new Error(`gudhi failed: ${py.stderr}`);
  const gudhi = JSON.parse(py.stdout);
  const distance = Math.max(
    ...[0, 1, 2].map((d) => bottleneckDistance(ours.result.diagrams[d].pairs, gudhi.diagrams[d].map(([b, e]) => ({ birth: b, death: e ?? Infinity })))),
  );
  const bars = ours.result.diagrams.map((g) => g.pairs.length).join('/');
  console.log(`${n} points on S², Euclidean, H0–H2, threshold ${threshold}; load average ${load}`);
  console.log(`ours   ${ours.seconds.toFixed(3)} s  (bars H0/H1/H2 ${bars})`);
  console.log(`gudhi  ${gudhi.seconds.toFixed(3)} s  (gudhi ${gudhi.version}, ${gudhi.simplices} simplices)`);
  console.log(`ratio ours/gudhi ${(ours.seconds / gudhi.seconds).toFixed(3)}; bottleneck distance between the diagrams ${distance}`);
  if (process.argv.includes('--full')) {
    const full = timeOurs({});
    console.log(`ours, complete barcode (threshold = enclosing radius ${full.result.threshold.toFixed(4)}): ${full.seconds.toFixed(3)} s`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
