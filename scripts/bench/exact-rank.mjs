#!/usr/bin/env node
// Exact rank tests for the arrangement's ambiguous incidences: tegum's fraction-free BigInt
// elimination (src/arrangements/integer-vectors.ts, on the doubles' exact dyadic values from
// src/arrangements/dyadic.ts) vs mathjs Fractions (Gaussian elimination with fraction.js
// arithmetic on the same exact values), in one run on the same inputs.
//
//   npx tsc -p tsconfig.json && node scripts/bench/exact-rank.mjs [--count 4000] [--repeats 3]
//
// Inputs: k random Gaussian vectors in R^k (k = 4 and 6, the coned vectors of factors of
// rank 3 and 5), the last one replaced by a combination of the others plus a 1e-8 nudge in
// half of the others: the float residual is then in or near the ambiguous band; the exact
// answer is "independent" for the nudged ones and (usually) for the rounded combinations too,
// since rounding leaves them off the span. Every third case is an exact integer relation. Times: median of --repeats
// passes over --count decisions; both answers are compared.
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fraction } from 'mathjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { exactIntegerDirection } = await import(join(root, 'dist', 'src', 'arrangements', 'dyadic.js'));
const { rankOf } = await import(join(root, 'dist', 'src', 'arrangements', 'integer-vectors.js'));
const { mulberry32 } = await import(join(root, 'dist', 'src', 'random', 'index.js'));

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const count = arg('--count', 4000);
const repeats = arg('--repeats', 3);

const rand = mulberry32(7);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

function instance(k, c) {
  // Every third case: small-integer rows and an exact integer combination (rank-deficient).
  if (c % 3 === 2) {
    const rows = Array.from({ length: k - 1 }, () => Array.from({ length: k }, () => Math.round(8 * gauss())));
    return [...rows, rows[0].map((x, j) => x - 2 * rows[1][j])];
  }
  const rows = Array.from({ length: k - 1 }, () => Array.from({ length: k }, gauss));
  const coef = rows.map(gauss);
  const last = Array.from({ length: k }, (_, j) => rows.reduce((s, r, i) => s + coef[i] * r[j], 0) + (c % 2 === 0 ? 1e-8 * gauss() : 0));
  return [...rows, last];
}

// A double as an exact fraction.js value: x = M·2^E.
const view = new DataView(new ArrayBuffer(8));
function exactFraction(x) {
  if (x === 0) return fraction(0);
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  if (biased !== 0) m |= 1n << 52n;
  const e = (biased === 0 ? 1 : biased) - 1075;
  if (hi >>> 31) m = -m;
  return e >= 0 ? fraction(m << BigInt(e), 1n) : fraction(m, 1n << BigInt(-e));
}

function fractionRank(rows) {
  const a = rows.map((r) => r.map(exactFraction));
  let rank = 0;
  const cols = a[0].length;
  for (let c = 0; c < cols && rank < a.length; c++) {
    const p = a.findIndex((r, i) => i >= rank && !r[c].equals(0));
    if (p < 0) continue;
    [a[rank], a[p]] = [a[p], a[rank]];
    for (let i = rank + 1; i < a.length; i++) {
      if (a[i][c].equals(0)) continue;
      const f = a[i][c].div(a[rank][c]);
      for (let j = c; j < cols; j++) a[i][j] = a[i][j].sub(f.mul(a[rank][j]));
    }
    rank++;
  }
  return rank;
}

const bigintRank = (rows) => rankOf(rows.map(exactIntegerDirection));

function time(fn, cases) {
  const times = [];
  let answers;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    answers = cases.map(fn);
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return { seconds: times[Math.floor(times.length / 2)], answers };
}

console.log(`exact rank of k vectors in R^k, ${count} decisions each, median of ${repeats}; load average ${loadavg()[0].toFixed(2)} (shared machine: noisy)`);
for (const k of [4, 6]) {
  const cases = Array.from({ length: count }, (_, c) => instance(k, c));
  const ours = time(bigintRank, cases);
  const theirs = time(fractionRank, cases);
  const same = ours.answers.every((r, i) => r === theirs.answers[i]);
  const deficient = ours.answers.filter((r) => r < k).length;
  console.log(
    `k = ${k}: bigint ${((1e6 * ours.seconds) / count).toFixed(1)} µs/decision, mathjs Fraction ${((1e6 * theirs.seconds) / count).toFixed(1)} µs/decision; ratio mathjs/bigint ${(theirs.seconds / ours.seconds).toFixed(1)}; answers identical: ${same} (${deficient} rank-deficient)`,
  );
}
