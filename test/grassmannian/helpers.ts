/** Shared test utilities: seeded random numbers, rotations, fixture loading. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../../src/random/index.js';

/** Reads test/fixtures/grassmannian/<name> (written by scripts/fixtures/make_grassmannian_fixtures.py). */
export function fixture<T>(name: string): T {
  const url = new URL(`../fixtures/grassmannian/${name}`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as T;
}

/** Mulberry32 uniform generator on [0, 1). */
export function uniform(seed: number): () => number {
  return mulberry32(seed);
}

/** Standard normal samples by Box–Muller. */
export function gaussian(seed: number): () => number {
  const u = uniform(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** Array of len standard normal values. */
export function randn(len: number, seed: number): Float64Array {
  const g = gaussian(seed);
  return Float64Array.from({ length: len }, () => g());
}

/** Flattens rows into a row-major Float64Array. */
export function flat(rows: number[][]): Float64Array {
  return Float64Array.from(rows.flat());
}

/**
 * Random orthogonal m×m matrix (row-major), from modified Gram–Schmidt applied
 * twice to Gaussian rows.
 */
export function randomRotation(m: number, seed: number): Float64Array {
  const Q = randn(m * m, seed);
  for (let i = 0; i < m; i++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < i; j++) {
        let d = 0;
        for (let r = 0; r < m; r++) d += Q[i * m + r] * Q[j * m + r];
        for (let r = 0; r < m; r++) Q[i * m + r] -= d * Q[j * m + r];
      }
    }
    let nrm = 0;
    for (let r = 0; r < m; r++) nrm += Q[i * m + r] ** 2;
    nrm = Math.sqrt(nrm);
    for (let r = 0; r < m; r++) Q[i * m + r] /= nrm;
  }
  return Q;
}

/** Applies the m×m matrix R to each of the rows of V (k×m): row ← R·row. */
export function rotateRows(V: Float64Array, m: number, R: Float64Array): Float64Array {
  const k = V.length / m;
  const out = new Float64Array(V.length);
  for (let p = 0; p < k; p++) {
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += R[i * m + r] * V[p * m + r];
      out[p * m + i] = s;
    }
  }
  return out;
}

/** Full projector Σ_j a_j a_jᵀ (m×m row-major) computed directly from a row basis. */
export function projectorMatrix(basis: Float64Array, rank: number, m: number): Float64Array {
  const P = new Float64Array(m * m);
  for (let j = 0; j < rank; j++) {
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) P[a * m + b] += basis[j * m + a] * basis[j * m + b];
    }
  }
  return P;
}
