#!/usr/bin/env node
// DBSCAN benchmark: tegum vs npm density-clustering vs scikit-learn on one
// ~10,000-point projector cloud in R^15 (see the two --cloud kinds below). The
// cloud is written once to a temp file so all three cluster the same points.
//
//   npx tsc -p tsconfig.json && node scripts/bench/dbscan.mjs [--cloud subsets|clusters] [--dc-timeout 120] [--repeats 5]
//
// Times: ours = ε-neighbour search + clustering (dbscan on the point cloud), median
// of --repeats runs after three warm-up runs; density-clustering = one run in a child
// process, killed after --dc-timeout seconds; scikit-learn = DBSCAN(...).fit(X)
// timed inside Python (algorithm='auto'), median of --repeats runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

function readCloud(file, dim) {
  const buf = readFileSync(file);
  return { points: new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8), dim };
}

// Child mode: run density-clustering once and print its time and cluster count.
if (process.argv[2] === '--density-worker') {
  const [file, dim, eps, minSamples] = process.argv.slice(3);
  const { points } = readCloud(file, Number(dim));
  const d = Number(dim);
  const rows = Array.from({ length: points.length / d }, (_, i) => Array.from(points.subarray(i * d, i * d + d)));
  const { DBSCAN } = createRequire(import.meta.url)('density-clustering');
  const t0 = performance.now();
  const clusters = new DBSCAN().run(rows, Number(eps), Number(minSamples));
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(JSON.stringify({ seconds, nClusters: clusters.length }));
  process.exit(0);
}

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const dcTimeout = arg('--dc-timeout', 120);
const repeats = arg('--repeats', 5);

const { dbscan, chooseEps } = await import(join(root, 'dist', 'src', 'clustering', 'index.js'));
// The project's one seeded generator, so the bench data matches what the tests draw.
const { mulberry32 } = await import(join(root, 'dist', 'src', 'random', 'index.js'));

// ---- the cloud (seeded, so every run benchmarks the same points)
const u = mulberry32(2024);
const gauss = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());

/** Projector embedding of the span of the columns of A (m×k, column-major). */
function embed(A, m, k) {
  const Q = Float64Array.from(A);
  for (let c = 0; c < k; c++) {
    for (let p = 0; p < c; p++) {
      let dot = 0;
      for (let r = 0; r < m; r++) dot += Q[p * m + r] * Q[c * m + r];
      for (let r = 0; r < m; r++) Q[c * m + r] -= dot * Q[p * m + r];
    }
    let norm = 0;
    for (let r = 0; r < m; r++) norm += Q[c * m + r] ** 2;
    for (let r = 0; r < m; r++) Q[c * m + r] /= Math.sqrt(norm);
  }
  const out = [];
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      let p = 0;
      for (let c = 0; c < k; c++) p += Q[c * m + i] * Q[c * m + j];
      out.push(i === j ? p : Math.SQRT2 * p);
    }
  }
  return out;
}

// Two clouds, both m = 5 (L = 15), 10,000-ish points:
// - subsets (default): the pipeline's own input, embeddings of all 3-subsets of
//   40 features: 5 square antiprisms, each in its own random 3-plane of R^5
//   (feature noise σ = 1e-4), so C(8,3) = 56 subsets per group coincide and the other
//   9,600 subsets are scattered: C(40,3) = 9,880 points.
// - clusters: 25 random 2-planes each seen 320 times (noise σ = 1e-3) plus 2,000
//   random 2-planes: few, large clusters (2.56 M neighbour pairs), our worst case.
const kind = process.argv.includes('--cloud') ? process.argv[process.argv.indexOf('--cloud') + 1] : 'subsets';
const m = 5;
const dim = (m * (m + 1)) / 2;
let sigma;
let k;
let description;
const vectors = [];
if (kind === 'subsets') {
  k = 3;
  // Ill-conditioned triples amplify feature noise into plane noise (by 1/σ_min of the
  // triple), so the features' noise is kept at 1e-4 for the planes to stay tight.
  sigma = 1e-4;
  const groups = 5;
  const perGroup = 8;
  const W = [];
  for (let g = 0; g < groups; g++) {
    const B = Array.from({ length: m * 3 }, gauss); // spans the group's 3-plane
    for (let f = 0; f < perGroup; f++) {
      // A square antiprism in that 3-plane (the n/m = 3/8 energy level of toy models).
      const t = (Math.PI / 4) * f;
      const c = [Math.cos(t), Math.sin(t), f % 2 === 0 ? 0.6 : -0.6];
      W.push(Array.from({ length: m }, (_, r) => c[0] * B[r] + c[1] * B[m + r] + c[2] * B[2 * m + r] + sigma * gauss()));
    }
  }
  const nf = W.length;
  for (let a = 0; a < nf; a++) {
    for (let b = a + 1; b < nf; b++) {
      for (let c = b + 1; c < nf; c++) vectors.push(embed([...W[a], ...W[b], ...W[c]], m, k));
    }
  }
  description = `3-subsets of ${nf} features in R^${m}, ${groups} square antiprisms in random 3-planes (σ=${sigma})`;
} else if (kind === 'clusters') {
  k = 2;
  sigma = 1e-3;
  const planes = 25;
  const copies = 320;
  const random = 2000;
  for (let g = 0; g < planes; g++) {
    const A = Array.from({ length: m * k }, gauss);
    for (let c = 0; c < copies; c++)
      vectors.push(
        embed(
          A.map((a) => a + sigma * gauss()),
          m,
          k,
        ),
      );
  }
  for (let q = 0; q < random; q++) vectors.push(embed(Array.from({ length: m * k }, gauss), m, k));
  description = `${planes} 2-planes × ${copies} noisy copies (σ=${sigma}) + ${random} random 2-planes in R^${m}`;
} else {
  throw new Error(`--cloud must be subsets or clusters, got ${kind}`);
}
// Shuffle so cluster members are not contiguous.
for (let i = vectors.length - 1; i > 0; i--) {
  const j = Math.floor(u() * (i + 1));
  [vectors[i], vectors[j]] = [vectors[j], vectors[i]];
}
const n = vectors.length;
const points = new Float64Array(n * dim);
vectors.forEach((v, i) => points.set(v, i * dim));

const dir = mkdtempSync(join(tmpdir(), 'tegum-dbscan-bench-'));
const file = join(dir, 'cloud.f64');
writeFileSync(file, Buffer.from(points.buffer));
const cloud = readCloud(file, dim);

const minSamples = 5;
const choice = chooseEps(cloud, { scale: Math.sqrt(2 * k), minSamples });
const eps = choice.eps;
console.log(`cloud '${kind}': ${n} points, dim ${dim} (${description})`);
console.log(`eps = ${eps.toPrecision(6)} (chooseEps: ${choice.rationale}), min_samples = ${minSamples}`);

// ---- ours
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let ours = dbscan(cloud, { eps, minSamples });
for (let w = 0; w < 2; w++) ours = dbscan(cloud, { eps, minSamples }); // warm-up (JIT, heap)
const times = [];
for (let r = 0; r < repeats; r++) {
  const t0 = performance.now();
  ours = dbscan(cloud, { eps, minSamples });
  times.push((performance.now() - t0) / 1000);
}
const oursS = median(times);
console.log(
  `tegum dbscan:        ${oursS.toFixed(4)} s (median of ${repeats}), ${ours.nClusters} clusters, ${ours.labels.filter((l) => l === -1).length} noise`,
);

// ---- scikit-learn
const py = spawnSync('/usr/bin/python3', [join(here, 'dbscan_sklearn.py'), file, String(dim), String(eps), String(minSamples), String(repeats)], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
let sk = null;
if (py.status === 0) {
  sk = JSON.parse(py.stdout);
  const same = sk.labels.length === n && sk.labels.every((l, i) => l === ours.labels[i]);
  console.log(
    `scikit-learn DBSCAN: ${sk.seconds.toFixed(4)} s (median of ${repeats}, algorithm='auto' → ${sk.algorithm}, sklearn ${sk.version}), ${sk.nClusters} clusters; labels identical to tegum: ${same}`,
  );
} else {
  console.log(`scikit-learn DBSCAN: failed (${py.stderr.trim().split('\n').pop()})`);
}

// ---- density-clustering
const dcRun = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--density-worker', file, String(dim), String(eps), String(minSamples)], {
  encoding: 'utf8',
  timeout: dcTimeout * 1000,
  maxBuffer: 1024 * 1024,
});
let dcS = null;
if (dcRun.error && dcRun.error.code === 'ETIMEDOUT') {
  console.log(`density-clustering:  > ${dcTimeout} s (killed)`);
} else if (dcRun.status === 0) {
  const dc = JSON.parse(dcRun.stdout);
  dcS = dc.seconds;
  console.log(`density-clustering:  ${dcS.toFixed(3)} s, ${dc.nClusters} clusters (strict < eps)`);
} else {
  console.log(`density-clustering:  failed (${(dcRun.stderr || String(dcRun.error)).trim().split('\n').pop()})`);
}

// ---- ratios
const dcRatio = dcS === null ? `> ${(dcTimeout / oursS).toFixed(0)}×` : `${(dcS / oursS).toFixed(1)}×`;
console.log(`speed-up vs density-clustering: ${dcRatio} (goal ≥ 50×)`);
if (sk) console.log(`speed-up vs scikit-learn:       ${(sk.seconds / oursS).toFixed(2)}× (goal ≥ 1×)`);
rmSync(dir, { recursive: true, force: true });
