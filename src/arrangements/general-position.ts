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
import { norm } from './float-vectors.js';
import type { IncidenceJudge } from './incidence.js';

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
 * The same test in floating point, every s-subset visited depth-first so that subsets
 * sharing a prefix share its orthonormal basis (cost ~C(N, s)·s² instead of C(N, s)·s³).
 * A subset is dependent when one vector's relative residual against the span of the ones
 * before it is a relation for `judge` (ambiguous residuals are settled exactly there).
 *
 * @param vectors - vectors of length s.
 * @param s - their rank (the size of the minors).
 * @param maxMinors - the most determinants to evaluate.
 * @param judge - incidence decisions about `vectors` (indices into it).
 */
export function numericUniformTest(vectors: Float64Array[], s: number, maxMinors: number, judge: IncidenceJudge): UniformTest {
  const N = vectors.length;
  if (binomial(N, s) > BigInt(maxMinors)) return 'skipped';
  if (N < s) return 'not-uniform';
  const len = vectors[0].length;
  const norms = vectors.map(norm);
  const q = Array.from({ length: s }, () => new Float64Array(len));
  const pick = new Int32Array(s);
  const w = new Float64Array(len);
  // Residual of vector i against q[0..depth), left in w; its relative norm returned.
  const residualOf = (i: number, depth: number): number => {
    w.set(vectors[i]);
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < depth; k++) {
        const qk = q[k];
        let d = 0;
        for (let t = 0; t < len; t++) d += w[t] * qk[t];
        for (let t = 0; t < len; t++) w[t] -= d * qk[t];
      }
      const rho = norm(w) / norms[i];
      // A second pass only where cancellation may have spoilt the first (Giraud et al. 2005).
      if (pass === 0 && rho > 1e-3) return rho;
    }
    return norm(w) / norms[i];
  };
  const dependentBelow = (depth: number, start: number): boolean => {
    for (let i = start; i <= N - s + depth; i++) {
      pick[depth] = i;
      const rho = residualOf(i, depth);
      if (judge.dependent(rho, pick.subarray(0, depth + 1))) return true;
      if (depth + 1 < s) {
        const nw = norm(w);
        for (let t = 0; t < len; t++) q[depth][t] = w[t] / nw;
        if (dependentBelow(depth + 1, i + 1)) return true;
      }
    }
    return false;
  };
  return dependentBelow(0, 0) ? 'not-uniform' : 'uniform';
}
