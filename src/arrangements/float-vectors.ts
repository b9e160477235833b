/** Float linear algebra with relative tolerances, for the numerical intersection poset. */
import type { IncidenceJudge } from './incidence.js';

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

/**
 * v minus its projection on the span of the orthonormal vectors q (two passes of
 * Gram–Schmidt, enough to keep the residual accurate: Giraud et al. 2005, "twice is enough").
 */
export function residual(q: Float64Array[], v: Float64Array): Float64Array {
  const w = Float64Array.from(v);
  for (let pass = 0; pass < 2; pass++) {
    for (const qi of q) {
      const d = dot(w, qi);
      for (let i = 0; i < w.length; i++) w[i] -= d * qi[i];
    }
  }
  return w;
}

/**
 * Rank of the vectors (indices into the judge's list): a vector counts when its relative
 * residual against the span of the earlier counted ones is no relation for `judge`.
 */
export function judgedRank(vectors: Float64Array[], judge: IncidenceJudge): number {
  const q: Float64Array[] = [];
  const kept: number[] = [];
  vectors.forEach((v, i) => {
    const res = residual(q, v);
    const nr = norm(res);
    if (!judge.dependent(nr / norm(v), [...kept, i])) {
      q.push(res.map((x) => x / nr));
      kept.push(i);
    }
  });
  return q.length;
}
