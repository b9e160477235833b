/** Float linear algebra with relative tolerances, for the numerical intersection poset. */

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

/** Numerical rank: vectors whose relative residual against the span of the earlier ones is > tol. */
export function numericalRank(vectors: Float64Array[], tol: number): number {
  const q: Float64Array[] = [];
  for (const v of vectors) {
    const res = residual(q, v);
    const nr = norm(res);
    if (nr > tol * norm(v)) q.push(res.map((x) => x / nr));
  }
  return q.length;
}

/**
 * Whether these s vectors (s×s) are numerically dependent: some vector's residual
 * against the span of the earlier ones is ≤ tol times its norm — the same criterion the
 * numerical poset uses for "in the span", so the two never disagree about a set.
 */
export function isSingular(rows: Float64Array[], tol: number): boolean {
  return numericalRank(rows, tol) < rows.length;
}
