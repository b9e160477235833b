// Test-only helpers: a seeded PRNG, sklearn fixtures, and projector embeddings of planes.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../../src/random/index.js';

/** mulberry32: small deterministic PRNG for reproducible clouds. */
export function rng(seed: number): () => number {
  return mulberry32(seed);
}

/** Standard normal by Box–Muller. */
export function gaussian(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

export interface SklearnRun {
  eps: number;
  min_samples: number;
  labels: number[];
  core_sample_indices: number[];
  n_clusters: number;
  shared_border: number | null;
}

export interface SklearnFixture {
  name: string;
  description: string;
  dim: number;
  count: number;
  points: number[];
  sklearn: string;
  runs: SklearnRun[];
}

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'clustering');

/** Every DBSCAN fixture written by scripts/fixtures/make_dbscan_fixtures.py. */
export function loadFixtures(): SklearnFixture[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.startsWith('dbscan_') && f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as SklearnFixture);
}

/**
 * Embedding of the span of the k columns of A (m×k, column-major A[c*m + r]):
 * Gram–Schmidt basis Q, P = QQᵀ, upper triangle with off-diagonal entries ×√2,
 * so Euclidean distance between embeddings = ‖P − P'‖_F.
 */
export function embedSpan(A: Float64Array, m: number, k: number): Float64Array {
  const Q = Float64Array.from(A);
  for (let c = 0; c < k; c++) {
    for (let p = 0; p < c; p++) {
      let dot = 0;
      for (let r = 0; r < m; r++) dot += Q[p * m + r] * Q[c * m + r];
      for (let r = 0; r < m; r++) Q[c * m + r] -= dot * Q[p * m + r];
    }
    let norm = 0;
    for (let r = 0; r < m; r++) norm += Q[c * m + r] ** 2;
    norm = Math.sqrt(norm);
    for (let r = 0; r < m; r++) Q[c * m + r] /= norm;
  }
  const out = new Float64Array((m * (m + 1)) / 2);
  let q = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      let p = 0;
      for (let c = 0; c < k; c++) p += Q[c * m + i] * Q[c * m + j];
      out[q++] = i === j ? p : Math.SQRT2 * p;
    }
  }
  return out;
}

/** Naive Euclidean distance between rows i and j. */
export function distance(points: Float64Array, dim: number, i: number, j: number): number {
  let acc = 0;
  for (let r = 0; r < dim; r++) acc += (points[i * dim + r] - points[j * dim + r]) ** 2;
  return Math.sqrt(acc);
}
