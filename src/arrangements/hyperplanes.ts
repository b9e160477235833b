/**
 * From (W, b) to the distinct hyperplanes H_i = {h : ⟨w_i, h⟩ + b_i = 0}: drop zero
 * normals, group parallel normals into classes, merge duplicate hyperplanes.
 *
 * Each class keeps its first member's normal as given (not unit-normalised: dividing by
 * ‖w‖ would turn rational relations such as w₃ = w₁ + w₂ into irrational ones); a member
 * w_j = λ_j·w_rep is rewritten as {⟨w_rep, h⟩ + b_j/λ_j = 0}.
 */

/** A class of parallel normals. */
export interface NormalClass {
  /** The first member's normal, as given. */
  direction: Float64Array;
}

/** One distinct hyperplane {h : ⟨d, h⟩ + offset·L = 0}, d its class direction, L the length scale. */
export interface DistinctHyperplane {
  /** Features defining this hyperplane, the representative first. */
  features: number[];
  /** Index into the parallel classes. */
  normalClass: number;
  offset: number;
}

/** The prepared hyperplanes of an arrangement. */
export interface PreparedHyperplanes {
  /** Features used (the caller's selection minus dropped ones), ascending. */
  features: number[];
  /** Features whose normal was (numerically) zero, not part of the arrangement. */
  dropped: number[];
  classes: NormalClass[];
  hyperplanes: DistinctHyperplane[];
  /**
   * The offsets' unit L: the smallest power of two ≥ every |b_j/λ_j| (1 when all are 0).
   * A power of two rescales floats exactly, so it adds no rounding.
   */
  lengthScale: number;
}

/**
 * Prepares the hyperplanes of the features `features`.
 *
 * @param W - feature-major n×m weights: W[i*m + r] is coordinate r of feature i.
 * @param m - hidden dimension (ambient dimension of the arrangement).
 * @param b - decoder bias (length n) or null for b = 0.
 * @param features - which features to use, ascending.
 * @param tol - relative tolerance: a normal is zero when its norm ≤ tol·(largest norm);
 *   normals are parallel when their unit vectors u, v satisfy ‖u ∓ v‖ ≤ tol; parallel
 *   hyperplanes coincide when their offsets differ by ≤ tol·L.
 */
export function prepareHyperplanes(W: Float32Array | Float64Array, m: number, b: Float64Array | null, features: number[], tol: number): PreparedHyperplanes {
  const norms = features.map((i) => {
    let s = 0;
    for (let r = 0; r < m; r++) s += W[i * m + r] ** 2;
    return Math.sqrt(s);
  });
  const maxNorm = Math.max(0, ...norms);
  const used: number[] = [];
  const dropped: number[] = [];
  features.forEach((i, k) => (norms[k] === 0 || norms[k] <= tol * maxNorm ? dropped : used).push(i));
  const normOf = new Map(features.map((f, k) => [f, norms[k]]));

  const classes: NormalClass[] = [];
  const classNorm: number[] = [];
  const member = used.map((f) => {
    const w = W.subarray(f * m, f * m + m);
    const nw = normOf.get(f) as number;
    for (let c = 0; c < classes.length; c++) {
      const d = classes[c].direction;
      let dot = 0;
      for (let r = 0; r < m; r++) dot += w[r] * d[r];
      const s = dot >= 0 ? 1 : -1;
      let res = 0;
      for (let r = 0; r < m; r++) res += (w[r] / nw - (s * d[r]) / classNorm[c]) ** 2;
      // w = λ·d with λ = ⟨w, d⟩/‖d‖².
      if (Math.sqrt(res) <= tol) return { feature: f, cls: c, offset: (b ? b[f] : 0) / (dot / classNorm[c] ** 2) };
    }
    classes.push({ direction: Float64Array.from(w) });
    classNorm.push(nw);
    return { feature: f, cls: classes.length - 1, offset: b ? b[f] : 0 };
  });
  const largest = Math.max(0, ...member.map((e) => Math.abs(e.offset)));
  const lengthScale = largest > 0 ? 2 ** Math.ceil(Math.log2(largest)) : 1;

  const hyperplanes: DistinctHyperplane[] = [];
  for (const e of member) {
    const offset = e.offset / lengthScale;
    const same = hyperplanes.find((h) => h.normalClass === e.cls && Math.abs(h.offset - offset) <= tol);
    if (same) same.features.push(e.feature);
    else hyperplanes.push({ features: [e.feature], normalClass: e.cls, offset });
  }
  return { features: used, dropped, classes, hyperplanes, lengthScale };
}
