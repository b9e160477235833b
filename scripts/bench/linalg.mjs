#!/usr/bin/env node
/**
 * Benchmark: tegum's hand-written dense linear algebra against ml-matrix (the
 * design card's matrix library) and numpy/LAPACK, at the sizes the pipeline
 * uses, in one run on the same matrices; it also checks that the answers agree.
 *
 *   npx tsc -p tsconfig.json
 *   node scripts/bench/linalg.mjs [--quick]
 *
 * Routines (ours → the ml-matrix call a wrapper would make):
 *   eigen    src/features/eigen.ts symmetricEigen (cyclic Jacobi)  → EigenvalueDecomposition(assumeSymmetric)
 *   spectrum src/features/rank.ts rowSpectrum (Gram + Jacobi)      → SingularValueDecomposition(autoTranspose) on the rows
 *   basis    src/grassmannian/basis.ts orthonormalBasisInto        → SingularValueDecomposition per subset
 *   qr       src/features/triangular.ts triangularFactor           → QrDecomposition
 * Times are per call, median of 5 batches after ≥ 100 ms of warm-up (a batch runs ≥ 40 ms);
 * ml-matrix times include the Float64Array ↔ Matrix copies a wrapper would need.
 * numpy's column (scripts/bench/linalg_numpy.py) runs the same matrices:
 * eigh, svd, batched svd over the stacked subsets, qr(mode='r').
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EigenvalueDecomposition, Matrix, QrDecomposition, SingularValueDecomposition } from 'ml-matrix';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const load = (p) => import(pathToFileURL(join(root, 'dist/src', p)).href);
const { symmetricEigen } = await load('features/eigen.js');
const { rowSpectrum, numericalRank } = await load('features/rank.js');
const { triangularFactor } = await load('features/triangular.js');
const { basisWorkspace, orthonormalBasisInto, defaultRankTolerance } = await load('grassmannian/basis.js');
const { mulberry32, gaussian } = await load('random/index.js');

const quick = process.argv.includes('--quick');
const rng = mulberry32(20261201);

/** Feature-major N×m Gaussian rows; with `rank`, rows are combinations of `rank` directions (a structure's span). */
function rows(N, m, rank = Math.min(N, m)) {
  const basis = Float64Array.from({ length: rank * m }, () => gaussian(rng));
  const out = new Float64Array(N * m);
  for (let a = 0; a < N; a++) {
    for (let j = 0; j < rank; j++) {
      const c = gaussian(rng);
      for (let r = 0; r < m; r++) out[a * m + r] += c * basis[j * m + r];
    }
  }
  return out;
}

function gramOf(A, N, m) {
  const G = new Float64Array(N * N);
  for (let a = 0; a < N; a++) {
    for (let b = a; b < N; b++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += A[a * m + r] * A[b * m + r];
      G[a * N + b] = s;
      G[b * N + a] = s;
    }
  }
  return G;
}

/** Per-call seconds: median of 5 batches, each ≥ 40 ms, after ≥ 100 ms of warm-up (so both sides run optimised code). */
function time(fn) {
  const warm = performance.now();
  do fn();
  while (performance.now() - warm < 100);
  let reps = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < reps; i++) fn();
    if (performance.now() - t >= 40 || reps >= 1 << 20) break;
    reps *= 2;
  }
  const per = [];
  for (let b = 0; b < 5; b++) {
    const t = performance.now();
    for (let i = 0; i < reps; i++) fn();
    per.push((performance.now() - t) / 1000 / reps);
  }
  return per.sort((x, y) => x - y)[2];
}

// --- the ml-matrix calls a wrapper would make, returning what ours returns ---

function mlEigen(S, k) {
  const evd = new EigenvalueDecomposition(Matrix.from1DArray(k, k, S), { assumeSymmetric: true });
  // tql2 sorts ascending; ours is descending.
  const d = evd.realEigenvalues;
  const V = evd.eigenvectorMatrix;
  const values = new Float64Array(k);
  const vectors = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    values[c] = d[k - 1 - c];
    for (let r = 0; r < k; r++) vectors[r * k + c] = V.get(r, k - 1 - c);
  }
  return { values, vectors };
}

function mlSpectrum(A, N, m) {
  const svd = new SingularValueDecomposition(Matrix.from1DArray(N, m, A), { autoTranspose: true, computeRightSingularVectors: false });
  const width = Math.min(N, m);
  const s = svd.diagonal;
  const U = svd.leftSingularVectors;
  const singular = Float64Array.from(s.slice(0, width));
  const coordinates = new Float64Array(N * width);
  for (let a = 0; a < N; a++) for (let c = 0; c < width; c++) coordinates[a * width + c] = U.get(a, c) * s[c];
  return { singular, coordinates, width };
}

/** rowSpectrum (src/features/rank.ts, same loops) with only its eigen step moved to ml-matrix. */
function gramMlSpectrum(A, N, m) {
  const width = Math.min(N, m);
  const singular = new Float64Array(width);
  const coordinates = new Float64Array(N * width);
  if (N <= m) {
    const { values, vectors } = mlEigen(gramOf(A, N, m), N);
    for (let c = 0; c < width; c++) {
      const sv = Math.sqrt(Math.max(values[c], 0));
      singular[c] = sv;
      for (let a = 0; a < N; a++) coordinates[a * width + c] = vectors[a * N + c] * sv;
    }
    return { singular, coordinates, width };
  }
  const S = new Float64Array(m * m);
  for (let a = 0; a < N; a++) {
    for (let r = 0; r < m; r++) {
      const x = A[a * m + r];
      if (x === 0) continue;
      for (let c = r; c < m; c++) S[r * m + c] += x * A[a * m + c];
    }
  }
  for (let r = 0; r < m; r++) for (let c = 0; c < r; c++) S[r * m + c] = S[c * m + r];
  const { values, vectors } = mlEigen(S, m);
  for (let c = 0; c < width; c++) {
    singular[c] = Math.sqrt(Math.max(values[c], 0));
    for (let a = 0; a < N; a++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += A[a * m + r] * vectors[r * m + c];
      coordinates[a * width + c] = s;
    }
  }
  return { singular, coordinates, width };
}

function mlBasis(W, m, subset) {
  const k = subset.length;
  const X = new Matrix(k, m);
  for (let p = 0; p < k; p++) for (let r = 0; r < m; r++) X.set(p, r, W[subset[p] * m + r]);
  const svd = new SingularValueDecomposition(X, { autoTranspose: true, computeLeftSingularVectors: false });
  const s = svd.diagonal;
  const tol = defaultRankTolerance(m, k, s[0] ?? 0);
  let rank = 0;
  while (rank < Math.min(k, m) && s[rank] > tol) rank++;
  const V = svd.rightSingularVectors;
  const basis = new Float64Array(rank * m);
  for (let j = 0; j < rank; j++) for (let r = 0; r < m; r++) basis[j * m + r] = V.get(r, j);
  return { rank, basis, singular: s };
}

function mlTriangular(A, n, m) {
  const R = new QrDecomposition(Matrix.from1DArray(n, m, A)).upperTriangularMatrix;
  return Float64Array.from(R.to1DArray());
}

// --- agreement measures ---

const maxAbsDiff = (x, y) => x.reduce((s, v, i) => Math.max(s, Math.abs(v - y[i])), 0);

/** ‖S V − V Λ‖_max / |λ₁|: how well a decomposition reconstructs S. */
function eigenResidual(S, k, { values, vectors }) {
  let worst = 0;
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += S[r * k + j] * vectors[j * k + c];
      worst = Math.max(worst, Math.abs(s - vectors[r * k + c] * values[c]));
    }
  }
  return worst / Math.abs(values[0] || 1);
}

/** Largest ‖P_A − P_B‖_max between the two bases' projectors. */
function projectorGap(A, B, rank, m) {
  let worst = 0;
  for (let r = 0; r < m; r++) {
    for (let c = 0; c < m; c++) {
      let pa = 0;
      let pb = 0;
      for (let j = 0; j < rank; j++) {
        pa += A[j * m + r] * A[j * m + c];
        pb += B[j * m + r] * B[j * m + c];
      }
      worst = Math.max(worst, Math.abs(pa - pb));
    }
  }
  return worst;
}

/** Rows of R agree up to sign (Householder sign conventions differ): largest row gap / ‖A‖_max. */
function triangularGap(R1, R2, m, scale) {
  let worst = 0;
  for (let r = 0; r < m; r++) {
    let plus = 0;
    let minus = 0;
    for (let c = 0; c < m; c++) {
      plus = Math.max(plus, Math.abs(R1[r * m + c] - R2[r * m + c]));
      minus = Math.max(minus, Math.abs(R1[r * m + c] + R2[r * m + c]));
    }
    worst = Math.max(worst, Math.min(plus, minus));
  }
  return worst / scale;
}

// --- the cases: sizes the pipeline uses (see the BENCHMARKS.md section) ---

const eigenCases = [
  { k: 5, note: 'toy m' },
  { k: 20, note: 'toy m, Gram of a 20-feature group' },
  { k: 64, note: 'exact path m ≤ 64' },
  { k: 96, note: 'viewer fit (≤ 96)' },
  { k: 256, note: 'a large dictionary group' },
].map((c) => {
  const A = rows(c.k, c.k + 3);
  return { ...c, S: gramOf(A, c.k, c.k + 3) };
});

const spectrumCases = [
  { N: 20, m: 5, note: 'toy model, all features' },
  { N: 200, m: 20, note: 'toy model, all features' },
  { N: 5, m: 20, rank: 2, note: 'a pentagon in a toy model' },
  { N: 2000, m: 64, note: 'exact path, all features' },
  { N: 16384, m: 64, note: 'exact path limit, all features', skipQuick: true },
  { N: 8, m: 768, rank: 3, note: 'dictionary group' },
  { N: 32, m: 2304, rank: 5, note: 'dictionary group' },
  { N: 200, m: 2304, rank: 20, note: 'large dictionary group' },
]
  .filter((c) => !(quick && c.skipQuick))
  .map((c) => ({ ...c, A: rows(c.N, c.m, c.rank) }));

const basisCases = [
  { k: 2, m: 5 },
  { k: 3, m: 5 },
  { k: 3, m: 20 },
  { k: 4, m: 20 },
  { k: 3, m: 64 },
].map((c) => {
  const n = 60;
  const W = rows(n, c.m);
  // Every fourth subset has a repeated feature direction (rank-deficient, as pentagon triples in R^2 are).
  const subsets = Array.from({ length: 512 }, (_, s) => {
    const idx = Array.from({ length: c.k }, () => Math.floor(rng() * n));
    if (s % 4 === 0) idx[c.k - 1] = idx[0];
    return idx;
  });
  return { ...c, n, W, subsets };
});

const qrCases = [
  { n: 20, m: 5 },
  { n: 200, m: 20 },
  { n: 2000, m: 64 },
  { n: 16384, m: 64, skipQuick: true },
]
  .filter((c) => !(quick && c.skipQuick))
  .map((c) => ({ ...c, A: rows(c.n, c.m) }));

// --- numpy on the same matrices ---

function numpyTimes() {
  const dir = mkdtempSync(join(tmpdir(), 'tegum-bench-linalg-'));
  const manifest = { eigen: [], spectrum: [], basis: [], qr: [] };
  const dump = (name, arr) => {
    writeFileSync(join(dir, name), Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength));
    return name;
  };
  eigenCases.forEach((c, i) => manifest.eigen.push({ file: dump(`e${i}.bin`, c.S), k: c.k }));
  spectrumCases.forEach((c, i) => manifest.spectrum.push({ file: dump(`s${i}.bin`, c.A), N: c.N, m: c.m }));
  basisCases.forEach((c, i) => manifest.basis.push({ file: dump(`b${i}.bin`, c.W), n: c.n, m: c.m, subsets: c.subsets }));
  qrCases.forEach((c, i) => manifest.qr.push({ file: dump(`q${i}.bin`, c.A), n: c.n, m: c.m }));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  const r = spawnSync('/usr/bin/python3', [join(root, 'scripts/bench/linalg_numpy.py'), dir], { encoding: 'utf8', timeout: 600_000 });
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) {
    console.log(`numpy column skipped: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`);
    return null;
  }
  return JSON.parse(r.stdout);
}

const np = numpyTimes();
const us = (s) => (s * 1e6 >= 1000 ? `${(s * 1e3).toPrecision(3)} ms` : `${(s * 1e6).toPrecision(3)} µs`);
const ratio = (a, b) => (b / a).toFixed(2);
const sci = (x) => x.toExponential(1);
const npCol = (section, i) => (np ? us(np[section][i].seconds) : '—');

console.log(`tegum linear algebra vs ml-matrix vs numpy ${np ? np.version : '(absent)'}; per call, median of 5${quick ? ' (--quick)' : ''}`);

console.log('\n## symmetric eigen: Jacobi (ours) vs ml-matrix EVD (tred2/tql2) vs numpy eigh');
console.log('| k | use | ours | ml-matrix | numpy | ml / ours | max |Δλ|/λ₁ | residual ours / ml |');
console.log('|---|---|---|---|---|---|---|---|');
eigenCases.forEach((c, i) => {
  const ours = symmetricEigen(c.S, c.k);
  const ml = mlEigen(c.S, c.k);
  const tOurs = time(() => symmetricEigen(c.S, c.k));
  const tMl = time(() => mlEigen(c.S, c.k));
  let dl = maxAbsDiff(ours.values, ml.values) / ours.values[0];
  if (np) dl = Math.max(dl, maxAbsDiff(ours.values, Float64Array.from(np.eigen[i].values).reverse()) / ours.values[0]);
  console.log(
    `| ${c.k} | ${c.note} | ${us(tOurs)} | ${us(tMl)} | ${npCol('eigen', i)} | ${ratio(tOurs, tMl)} | ${sci(dl)} | ${sci(eigenResidual(c.S, c.k, ours))} / ${sci(eigenResidual(c.S, c.k, ml))} |`,
  );
});

console.log('\n## row spectrum (singular values + principal coordinates): Gram + Jacobi (ours) vs ml-matrix SVD vs numpy svd');
console.log(
  '| N × m | use | ours | ml-matrix SVD | Gram + ml-matrix EVD | numpy | SVD / ours | Gram+EVD / ours | max |Δσ|/σ₁ | ranks at 0.3, 0.2, 0.01 (ours = ml = numpy) |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
spectrumCases.forEach((c, i) => {
  const ours = rowSpectrum(c.A, c.N, c.m);
  const ml = mlSpectrum(c.A, c.N, c.m);
  const tOurs = time(() => rowSpectrum(c.A, c.N, c.m));
  const tMl = time(() => mlSpectrum(c.A, c.N, c.m));
  const hybrid = gramMlSpectrum(c.A, c.N, c.m);
  const tHybrid = time(() => gramMlSpectrum(c.A, c.N, c.m));
  const npS = np ? Float64Array.from(np.spectrum[i].singular) : null;
  let ds = Math.max(maxAbsDiff(ours.singular, ml.singular), maxAbsDiff(ours.singular, hybrid.singular)) / ours.singular[0];
  if (npS) ds = Math.max(ds, maxAbsDiff(ours.singular, npS) / ours.singular[0]);
  const ranks = [0.3, 0.2, 0.01].map((t) => {
    const all = [numericalRank(ours.singular, t), numericalRank(ml.singular, t), numericalRank(hybrid.singular, t), ...(npS ? [numericalRank(npS, t)] : [])];
    return all.every((x) => x === all[0]) ? `${all[0]}` : `differ ${all.join('/')}`;
  });
  console.log(
    `| ${c.N} × ${c.m} | ${c.note} | ${us(tOurs)} | ${us(tMl)} | ${us(tHybrid)} | ${npCol('spectrum', i)} | ${ratio(tOurs, tMl)} | ${ratio(tOurs, tHybrid)} | ${sci(ds)} | ${ranks.join(', ')} |`,
  );
});

console.log("\n## subset bases (Grassmannian step): one-sided Jacobi, allocation-free (ours) vs ml-matrix SVD per subset vs numpy's batched svd");
console.log('| k in R^m | ours | ml-matrix | numpy (batched) | ml / ours | max |Δσ|/σ₁ | numpy-rule ranks equal | max projector gap |');
console.log('|---|---|---|---|---|---|---|---|');
basisCases.forEach((c, i) => {
  const work = basisWorkspace(c.m, c.k);
  const out = new Float64Array(c.k * c.m);
  const runOurs = () => {
    for (const s of c.subsets) orthonormalBasisInto(c.W, c.m, s, undefined, work, out);
  };
  const runMl = () => {
    for (const s of c.subsets) mlBasis(c.W, c.m, s);
  };
  let ds = 0;
  let ranksEqual = true;
  let gap = 0;
  c.subsets.forEach((s, j) => {
    const rank = orthonormalBasisInto(c.W, c.m, s, undefined, work, out);
    const sigma = Array.from({ length: c.k }, (_, p) => work.sigma[work.order[p]]);
    const ml = mlBasis(c.W, c.m, s);
    const npRank = np ? np.basis[i].ranks[j] : rank;
    ranksEqual &&= rank === ml.rank && rank === npRank;
    for (let p = 0; p < Math.min(c.k, c.m); p++) ds = Math.max(ds, Math.abs(sigma[p] - ml.singular[p]) / sigma[0]);
    if (np) for (let p = 0; p < Math.min(c.k, c.m); p++) ds = Math.max(ds, Math.abs(sigma[p] - np.basis[i].singular[j][p]) / sigma[0]);
    if (rank === ml.rank) gap = Math.max(gap, projectorGap(out, ml.basis, rank, c.m));
  });
  const per = c.subsets.length;
  const tOurs = time(runOurs) / per;
  const tMl = time(runMl) / per;
  const npT = np ? us(np.basis[i].seconds / per) : '—';
  console.log(`| ${c.k} in R^${c.m} | ${us(tOurs)} | ${us(tMl)} | ${npT} | ${ratio(tOurs, tMl)} | ${sci(ds)} | ${ranksEqual ? 'yes' : 'NO'} | ${sci(gap)} |`);
});

console.log('\n## triangular factor R of W = QR (dimensionality D_i): Householder, row sweeps (ours) vs ml-matrix QR vs numpy qr(mode="r")');
console.log('| n × m | ours | ml-matrix | numpy | ml / ours | max row gap (up to sign) / max|W| |');
console.log('|---|---|---|---|---|---|');
qrCases.forEach((c, i) => {
  const ours = triangularFactor(c.A, c.n, c.m);
  const ml = mlTriangular(c.A, c.n, c.m);
  const scale = c.A.reduce((s, x) => Math.max(s, Math.abs(x)), 0);
  let gap = triangularGap(ours, ml, c.m, scale);
  if (np) gap = Math.max(gap, triangularGap(ours, Float64Array.from(np.qr[i].R), c.m, scale));
  const tOurs = time(() => triangularFactor(c.A, c.n, c.m));
  const tMl = time(() => mlTriangular(c.A, c.n, c.m));
  console.log(`| ${c.n} × ${c.m} | ${us(tOurs)} | ${us(tMl)} | ${npCol('qr', i)} | ${ratio(tOurs, tMl)} | ${sci(gap)} |`);
});
