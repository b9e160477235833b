#!/usr/bin/env node
/**
 * tegum's CPU embedSubsets on the same workload as grassmannian_numpy.py: all
 * k-subsets (k = 1..K) of n Gaussian features in R^m, embedded chunk by chunk
 * into reused buffers. Prints one JSON line per size:
 * {"impl": "tegum-cpu", n, m, K, subsets, passes, seconds, subsets_per_second}
 * (subsets counts all timed passes; a warm-up pass runs first, untimed).
 *
 * Build first (npx tsc -p tsconfig.json), then
 *   node scripts/bench/grassmannian_cpu.mjs [--sizes 20x5x3,40x16x3,100x64x3] [--chunk 4096] [--min-seconds 0.5]
 * Importable: `run(n, m, K, chunk, minSeconds)` returns the same object.
 */
import { pathToFileURL } from 'node:url';
import { binomial, embedSubsets, embeddingLength } from '../../dist/src/grassmannian/index.js';

export const DEFAULT_SIZES = [
  [20, 5, 3],
  [40, 16, 3],
  [100, 64, 3],
];

/** n×m standard normal matrix (feature-major) from a seeded Mulberry32 + Box–Muller. */
export function gaussianMatrix(n, m, seed = 0) {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Float64Array.from({ length: n * m }, () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()));
}

/** One pass: embeds all k-subsets, k = 1..K, into the reused buffers; returns the subset count. */
function pass(W, n, m, K, embeddings, ranks, chunk) {
  let total = 0;
  for (let k = 1; k <= K; k++) {
    const count = binomial(n, k);
    for (let start = 0; start < count; start += chunk) {
      embedSubsets(W, m, n, k, start, Math.min(chunk, count - start), { embeddings, ranks });
    }
    total += count;
  }
  return total;
}

/**
 * Times embedSubsets over all k-subsets, k = 1..K, of n random features in
 * R^m: one untimed warm-up pass (JIT), then whole passes until minSeconds.
 */
export function run(n, m, K, chunk = 4096, minSeconds = 0.5, seed = 0) {
  const W = gaussianMatrix(n, m, seed);
  const embeddings = new Float64Array(chunk * embeddingLength(m));
  const ranks = new Uint8Array(chunk);
  pass(W, n, m, K, embeddings, ranks, chunk);
  let subsets = 0;
  let passes = 0;
  let seconds;
  const t0 = process.hrtime.bigint();
  do {
    subsets += pass(W, n, m, K, embeddings, ranks, chunk);
    passes++;
    seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  } while (seconds < minSeconds);
  return { impl: 'tegum-cpu', n, m, K, subsets, passes, seconds, subsets_per_second: subsets / seconds };
}

/** Parses "20x5x3,40x16x3" into [[20, 5, 3], [40, 16, 3]]. */
export function parseSizes(text) {
  return text.split(',').map((part) => {
    const dims = part.split('x').map(Number);
    if (dims.length !== 3 || dims.some((d) => !Number.isInteger(d) || d <= 0)) {
      throw new Error(`bad size "${part}", expected NxMxK`);
    }
    return dims;
  });
}

function main(argv) {
  let sizes = DEFAULT_SIZES;
  let chunk = 4096;
  let minSeconds = 0.5;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sizes') sizes = parseSizes(argv[++i]);
    else if (argv[i] === '--chunk') chunk = Number(argv[++i]);
    else if (argv[i] === '--min-seconds') minSeconds = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  for (const [n, m, K] of sizes) console.log(JSON.stringify(run(n, m, K, chunk, minSeconds)));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
