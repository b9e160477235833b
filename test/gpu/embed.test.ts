import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { binomial, embeddingLength, embedSubsets, orthonormalBasis, projectorDistanceSquared, rankSubset, unrankSubset } from '../../src/grassmannian/index.js';
import { gpuEmbedSubsets, GPU_EMBED_MAX_M } from '../../src/gpu/embed.js';
import { compareEmbeddings } from '../../src/gpu/parity.js';
import { pentagonDigon, randomWeights } from '../../src/gpu/selftest-inputs.js';
import { embeddingTolerance, FLOAT32_EPS, NEAR_PLANE_DISTANCE_TOLERANCE } from '../../src/gpu/tolerances.js';
import { device, gpu, skipNote } from './gpu-handle.js';

afterAll(() => gpu?.destroy());

/** Written by numpy (scripts/fixtures/make_grassmannian_fixtures.py). */
const numpyEmbeddings = JSON.parse(readFileSync('test/fixtures/grassmannian/embeddings.json', 'utf8')) as {
  n: number;
  m: number;
  W: number[][];
  subsets: { k: number; ranks: number[]; embeddings: number[][] }[];
};
const numpyPentagons = JSON.parse(readFileSync('test/fixtures/grassmannian/pentagons.json', 'utf8')) as {
  W: number[][];
  D: number[][];
  eps: number[];
  pairs: number[][];
  frobenius: number[];
};

describe.skipIf(gpu === null)(`GPU projector embedding${skipNote}`, () => {
  it('matches numpy (itertools order, matrix_rank, √2 upper triangle), including exactly dependent subsets', async () => {
    const { n, m } = numpyEmbeddings;
    const W = Float64Array.from(numpyEmbeddings.W.flat());
    for (const level of numpyEmbeddings.subsets) {
      const { embeddings, ranks } = await gpuEmbedSubsets(device(), W, m, n, level.k, 0, binomial(n, level.k));
      expect(Array.from(ranks)).toEqual(level.ranks);
      level.embeddings.forEach((row, s) => {
        const S = unrankSubset(s, n, level.k);
        const { singularValues, rank } = orthonormalBasis(W, m, S);
        const kappa = rank > 0 ? singularValues[0] / singularValues[rank - 1] : 1;
        row.forEach((x, e) => {
          expect(Math.abs(embeddings[s * row.length + e] - x)).toBeLessThanOrEqual(embeddingTolerance(x, kappa));
        });
      });
    }
  });

  // Random W for every m ∈ {2, 5, 16, 64} and k ∈ {1, 2, 3, 4}.
  const cases: [number, number, number][] = [];
  for (const [m, n] of [
    [2, 11],
    [5, 12],
    [16, 9],
    [64, 7],
  ] as const)
    for (let k = 1; k <= 4; k++) cases.push([n, m, k]);
  it.each(cases)('agrees with the float64 reference on random W (n=%i, m=%i, k=%i)', async (n, m, k) => {
    const W = randomWeights(n, m, 1000 * m + 10 * n + k);
    const count = binomial(n, k);
    const g = await gpuEmbedSubsets(device(), W, m, n, k, 0, count);
    const c = embedSubsets(W, m, n, k, 0, count);
    expect(g.embeddings.length).toBe(count * embeddingLength(m));
    const dev = compareEmbeddings(W, m, n, k, 0, g, c);
    expect(dev.rankMismatches).toBe(0);
    expect(dev.worstRatio).toBeLessThanOrEqual(1);
    // For k > m every subset spans R^m: P = I.
    if (k > m) expect(Array.from(g.ranks).every((r) => r === m)).toBe(true);
  });

  it('agrees on an exact pentagon ⊕ digon with a nearly coinciding plane (rotated)', async () => {
    const shape = pentagonDigon(3);
    const tol = 1e-5;
    for (let k = 1; k <= 3; k++) {
      const count = binomial(shape.n, k);
      const g = await gpuEmbedSubsets(device(), shape.W, shape.m, shape.n, k, 0, count, { tol });
      const c = embedSubsets(shape.W, shape.m, shape.n, k, 0, count, { tol });
      const dev = compareEmbeddings(shape.W, shape.m, shape.n, k, 0, g, c, tol);
      expect(dev.rankMismatches).toBe(0);
      expect(dev.worstRatio).toBeLessThanOrEqual(1);
    }
    // Any three pentagon features are dependent; the digon pair spans a line.
    const three = await gpuEmbedSubsets(device(), shape.W, 4, 9, 3, rankSubset([0, 2, 4], 9), 1, { tol });
    expect(three.ranks[0]).toBe(2);
    const digon = await gpuEmbedSubsets(device(), shape.W, 4, 9, 2, rankSubset(shape.digon, 9), 1, { tol });
    expect(digon.ranks[0]).toBe(1);
    // Two pentagon planes coincide; the tilted plane stays √2·sin(tilt) away.
    const plane = async (pair: number[]) => (await gpuEmbedSubsets(device(), shape.W, 4, 9, 2, rankSubset(pair, 9), 1)).embeddings;
    const p01 = await plane([0, 1]);
    const p24 = await plane([2, 4]);
    const tilted = await plane(shape.tilted);
    const dist = (x: Float32Array, y: Float32Array) => Math.sqrt(x.reduce((s, v, e) => s + (v - y[e]) ** 2, 0));
    expect(dist(p01, p24)).toBeLessThan(1e-6);
    expect(Math.abs(dist(p01, tilted) - Math.SQRT2 * Math.sin(shape.tilt))).toBeLessThanOrEqual(NEAR_PLANE_DISTANCE_TOLERANCE);
    const A = orthonormalBasis(shape.W, 4, [0, 1]).basis;
    const B = orthonormalBasis(shape.W, 4, shape.tilted).basis;
    expect(Math.abs(dist(p01, tilted) - Math.sqrt(projectorDistanceSquared(A, 2, B, 2, 4)))).toBeLessThanOrEqual(NEAR_PLANE_DISTANCE_TOLERANCE);
  });

  it("reproduces numpy's ‖P−Q‖_F for the talk's perturbed pentagon ⊕ pentagon to 1e-5", async () => {
    const W0 = numpyPentagons.W.flat();
    const D = numpyPentagons.D.flat();
    for (let t = 0; t < numpyPentagons.eps.length; t++) {
      const e = numpyPentagons.eps[t];
      const W = Float64Array.from(W0, (w, i) => w + e * D[i]);
      const [pa, pb] = numpyPentagons.pairs;
      const x = (await gpuEmbedSubsets(device(), W, 4, 10, 2, rankSubset(pa, 10), 1)).embeddings;
      const y = (await gpuEmbedSubsets(device(), W, 4, 10, 2, rankSubset(pb, 10), 1)).embeddings;
      const d = Math.sqrt(x.reduce((s, v, i) => s + (v - y[i]) ** 2, 0));
      expect(Math.abs(d - numpyPentagons.frobenius[t])).toBeLessThanOrEqual(NEAR_PLANE_DISTANCE_TOLERANCE);
    }
  });

  it('splits a range larger than one dispatch (65535 workgroup rows) into chunks', async () => {
    const n = 100;
    const W = randomWeights(n, 2, 5);
    const count = binomial(n, 3); // 161700 subsets: three chunks of ≤ 65535
    const g = await gpuEmbedSubsets(device(), W, 2, n, 3, 0, count);
    const c = embedSubsets(W, 2, n, 3, 0, count);
    let worst = 0;
    for (let i = 0; i < c.embeddings.length; i++) worst = Math.max(worst, Math.abs(g.embeddings[i] - c.embeddings[i]));
    expect(worst).toBeLessThanOrEqual(1e-5);
    expect(g.ranks).toEqual(c.ranks);
  });

  it('gives the same result with small forced chunks and an offset start (m = 64)', async () => {
    const n = 10;
    const W = randomWeights(n, 64, 8);
    const whole = await gpuEmbedSubsets(device(), W, 64, n, 3, 17, 60);
    const chunked = await gpuEmbedSubsets(device(), W, 64, n, 3, 17, 60, { maxSubsetsPerChunk: 7 });
    expect(chunked.embeddings).toEqual(whole.embeddings);
    expect(chunked.ranks).toEqual(whole.ranks);
    const dev = compareEmbeddings(W, 64, n, 3, 17, chunked, embedSubsets(W, 64, n, 3, 17, 60));
    expect(dev.worstRatio).toBeLessThanOrEqual(1);
  });

  it('unranks lex ranks above 2^32 exactly (64-bit rank arithmetic in WGSL)', async () => {
    const n = 20000;
    const m = 5;
    const W = randomWeights(n, m, 11);
    const total = binomial(n, 4);
    for (const start of [2 ** 32 - 3, 2 ** 40 + 12345, total - 5]) {
      const g = await gpuEmbedSubsets(device(), W, m, n, 4, start, 5);
      const c = embedSubsets(W, m, n, 4, start, 5);
      const dev = compareEmbeddings(W, m, n, 4, start, g, c);
      expect(dev.rankMismatches).toBe(0);
      expect(dev.worstRatio).toBeLessThanOrEqual(1);
    }
  });

  it('applies an absolute rank tolerance on the scale of W', async () => {
    // Two directions 1e-3 apart, W scaled by 1000: σ₂ ≈ 0.7 (in W's units).
    const W = Float64Array.from([1000, 0, 0, 1000, 1, 0]);
    const loose = await gpuEmbedSubsets(device(), W, 3, 2, 2, 0, 1, { tol: 10 });
    const tight = await gpuEmbedSubsets(device(), W, 3, 2, 2, 0, 1, { tol: 0.1 });
    expect(loose.ranks[0]).toBe(1);
    expect(tight.ranks[0]).toBe(2);
    // The rank-1 span is the top singular vector, as on the CPU.
    const cpu = embedSubsets(W, 3, 2, 2, 0, 1, { tol: 10 });
    loose.embeddings.forEach((v, e) => expect(Math.abs(v - cpu.embeddings[e])).toBeLessThanOrEqual(1e-5));
    expect(FLOAT32_EPS).toBe(2 ** -23);
  });

  it('rejects unsupported m and out-of-range ranks with clear messages', async () => {
    const W = new Float64Array(3 * (GPU_EMBED_MAX_M + 1));
    await expect(gpuEmbedSubsets(device(), W, GPU_EMBED_MAX_M + 1, 3, 2, 0, 1)).rejects.toThrow(/use the CPU path/);
    await expect(gpuEmbedSubsets(device(), randomWeights(5, 3, 1), 3, 5, 2, 8, 3)).rejects.toThrow(/outside/);
  });
});
