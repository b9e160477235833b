/**
 * General-position test: a configuration of N vectors spanning R^s is in
 * general position (its matroid is uniform) when every s of them are
 * independent, i.e. every s×s minor is non-zero. For an affine arrangement of
 * rank r the vectors are the coned hyperplanes plus e_∞ in R^{r+1}: minors with
 * e_∞ say that every r normals are independent, the others that no r+1
 * hyperplanes share a point.
 */
import { binomial } from './polynomial.js';
import { determinant } from './integer-vectors.js';
import { isSingular } from './float-vectors.js';

/** Outcome of the test; `skipped` when more than maxMinors minors would be needed. */
export type UniformTest = 'uniform' | 'not-uniform' | 'skipped';

/**
 * The test in exact integer arithmetic (Bareiss determinants).
 *
 * @param vectors - integer vectors of length s.
 * @param s - their rank (the size of the minors).
 * @param maxMinors - the most determinants to evaluate.
 */
export function exactUniformTest(vectors: bigint[][], s: number, maxMinors: number): UniformTest {
  const N = vectors.length;
  if (binomial(N, s) > BigInt(maxMinors)) return 'skipped';
  const pick = Array.from({ length: s }, (_, i) => i);
  for (;;) {
    if (determinant(pick.map((i) => vectors[i])) === 0n) return 'not-uniform';
    // Next s-combination of 0..N−1 in lexicographic order.
    let i = s - 1;
    while (i >= 0 && pick[i] === N - s + i) i--;
    if (i < 0) return 'uniform';
    pick[i]++;
    for (let j = i + 1; j < s; j++) pick[j] = pick[j - 1] + 1;
  }
}

/**
 * The same test in floating point: a set counts as dependent when one vector's residual
 * against the span of the others before it is ≤ tol times its norm.
 *
 * @param vectors - vectors of length s.
 * @param s - their rank (the size of the minors).
 * @param maxMinors - the most determinants to evaluate.
 * @param tol - relative tolerance.
 */
export function numericUniformTest(vectors: Float64Array[], s: number, maxMinors: number, tol: number): UniformTest {
  const N = vectors.length;
  if (binomial(N, s) > BigInt(maxMinors)) return 'skipped';
  const pick = Array.from({ length: s }, (_, i) => i);
  for (;;) {
    if (isSingular(pick.map((i) => vectors[i]), tol)) return 'not-uniform';
    let i = s - 1;
    while (i >= 0 && pick[i] === N - s + i) i--;
    if (i < 0) return 'uniform';
    pick[i]++;
    for (let j = i + 1; j < s; j++) pick[j] = pick[j - 1] + 1;
  }
}
