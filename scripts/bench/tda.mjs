#!/usr/bin/env node
// Vietoris–Rips benchmark: tegum's ripsPersistence vs gudhi on 500 seeded uniform points
// on S², Euclidean, H0–H2, both truncated at the same --threshold (default 1.0).
//
//   npx tsc -p tsconfig.json && node scripts/bench/tda.mjs [--n 500] [--threshold 1.0] [--repeats 3] [--full]
//   npx tsc -p tsconfig.json && node scripts/bench/tda.mjs --landmarks
//
// Times: ours = ripsPersistence (distances included), median of --repeats runs after one
// warm-up; gudhi = RipsComplex + create_simplex_tree(max_dimension=3) + persistence(),
// timed inside Python (scripts/bench/tda_gudhi.py), median of --repeats. A common
// threshold is needed because gudhi cannot build the complete complex (C(500, 4) ≈ 2.6e9
// tetrahedra); --full also times ours alone at its default, the enclosing radius (the
// complete barcode). The diagrams of both are compared (bottleneck distance).
//
// --landmarks: what `tegum analyze` does at real sizes (src/analysis/topology.ts): the whole
// featureTopology (H0 exact, H1/H2 on maxmin landmarks) on dense S² samples, a dense circle,
// random directions in R^20 at the largest sizes, and the trained n = 200, m = 20 run whose
// complete H2 barcode takes over ten minutes; one run each. For the H2 clouds gudhi computes the
// same landmark set's complete barcode (threshold = its enclosing radius) in the same run.
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
if (process.argv.includes('--landmarks')) {
  await landmarkBench();
  process.exit(0);
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
  const py = spawnSync('/usr/bin/python3', [join(here, 'tda_gudhi.py'), file, '3', String(threshold), String(repeats)], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (py.status !== 0) throw new Error(`gudhi failed: ${py.stderr}`);
  const gudhi = JSON.parse(py.stdout);
  const distance = Math.max(
    ...[0, 1, 2].map((d) =>
      bottleneckDistance(
        ours.result.diagrams[d].pairs,
        gudhi.diagrams[d].map(([b, e]) => ({ birth: b, death: e ?? Infinity })),
      ),
    ),
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

async function landmarkBench() {
  const { featureTopology } = await import(join(root, 'dist', 'src', 'analysis', 'topology.js'));
  const { maxminLandmarks, selectRows, enclosingRadius, pointDistances } = await import(join(root, 'dist', 'src', 'tda', 'index.js'));
  const { readTensors, chooseWeights } = await import(join(root, 'dist', 'src', 'import', 'index.js'));
  const { featureNorms, representedThreshold } = await import(join(root, 'dist', 'src', 'features', 'index.js'));
  const rand = mulberry32(99);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const cloud = (count, dim, onCircle) =>
    Float64Array.from({ length: count * dim }, (_, k) => (onCircle ? (k % 2 === 0 ? Math.cos(k) : Math.sin(k - 1)) : gauss()));
  const path = join(root, 'samples', 'runs', 'n200_m20_p0.05_seed0.npz');
  const ws = chooseWeights(path, await readTensors(path), {});
  const norms = featureNorms(ws.W, ws.m, ws.n);
  const cut = representedThreshold(norms, {}).threshold;
  const trained = [...norms.keys()].filter((i) => norms[i] > cut);
  const cases = [
    ['S², 400 points', cloud(400, 3), 3, null],
    ['S², 1,000 points', cloud(1000, 3), 3, null],
    ['circle, 2,000 points', cloud(2000, 2, true), 2, null],
    ['random R^20, 1,000 directions', cloud(1000, 20), 20, null],
    ['random R^20, 2,000 directions', cloud(2000, 20), 20, null],
    [`trained n200_m20_p0.05, ${trained.length} directions`, ws.W, ws.m, trained],
  ];
  console.log(`featureTopology (what analyze runs), one run each; load average ${loadavg()[0].toFixed(2)} (2 cores shared by ~8 engineers: noisy)`);
  const dir = mkdtempSync(join(tmpdir(), 'tegum-tda-'));
  try {
    for (const [name, W, m, rows] of cases) {
      const features = rows ?? Array.from({ length: W.length / m }, (_, i) => i);
      const t0 = performance.now();
      const t = featureTopology(W, m, features);
      const seconds = (performance.now() - t0) / 1000;
      const lm = (t.landmarks ?? []).map((l) => `H${l.dimensions.join('')} on ${l.count} (ε ${l.coveringRadius.toFixed(3)})`).join(', ') || 'all points';
      let peer = '';
      const h2 = (t.landmarks ?? []).find((l) => l.dimensions.includes(2));
      if (h2) {
        // gudhi on the same landmark set (unit directions, as featureTopology sees them).
        const U = new Float64Array(features.length * m);
        features.forEach((f, k) => {
          const w = W.subarray(f * m, f * m + m);
          const norm = Math.hypot(...w);
          for (let r = 0; r < m; r++) U[k * m + r] = w[r] / norm;
        });
        const L = selectRows(U, m, maxminLandmarks(U, m, h2.count).indices);
        const file = join(dir, 'landmarks.f64');
        writeFileSync(file, Buffer.from(L.buffer));
        const threshold = enclosingRadius(pointDistances(L, m), h2.count) * (1 + 1e-9);
        const py = spawnSync('/usr/bin/python3', [join(here, 'tda_gudhi.py'), file, String(m), String(threshold), '1'], {
          encoding: 'utf8',
          maxBuffer: 1 << 28,
        });
        if (py.status === 0) {
          const g = JSON.parse(py.stdout);
          peer = `; gudhi on the same ${h2.count} landmarks (H0–H2, complete) ${g.seconds.toFixed(2)} s, ours/gudhi for the whole topology ${(seconds / g.seconds).toFixed(2)}`;
        } else peer = `; gudhi failed: ${py.stderr.trim().split('\n').at(-1)}`;
      }
      console.log(`${name}: ${seconds.toFixed(2)} s, H0–H${t.maxDimension}, ${lm}; verdict: ${t.verdict.text}${peer}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
