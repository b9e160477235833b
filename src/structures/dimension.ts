/**
 * The dimension of a candidate group at dictionary scale, read from its own
 * singular values. A fixed relative tolerance τ alone cannot serve both kinds
 * of group a dictionary holds:
 * - an SAE's antipodal pair at cos −0.93 has σ₂/σ₁ = √((1+cos)/(1−cos)) = 0.19
 *   and must be rank 1 — two directions give no other evidence, so τ decides;
 * - a family of similar directions (tilted 15–30° from a common axis) spans
 *   its weaker dimensions at σ/σ₁ ≈ 0.1–0.25, and its further members sit at
 *   the noise level (≈ 0.004 for the synthetic dictionaries' noise 0.01): the
 *   spectrum drops by ×30 below its last true dimension, not at τ.
 * So the group's spectrum decides where it has one: the dimension is the cut
 * with the widest gap (largest σ_k/σ_{k+1}) among the cuts at or below the
 * tolerance cut — the eigengap reading of a numerical rank, well determined
 * where σ_k ≫ σ_{k+1} (Golub–Van Loan §5.4). Values above τσ₁ always count,
 * so a group is never given a lower dimension than τ gives it; values at or
 * below MIN_DIMENSION_RATIO·σ₁ never count, so gaps among the noise (a member
 * 1e-3 off an exact span, then float rounding) cannot add a dimension.
 */
import { rowSpectrum } from '../features/index.js';

/**
 * Relative singular value below which a direction is noise whatever the gaps:
 * members spread by ≲ 2° along it (the synthetic dictionaries' noise 0.01
 * gives ≈ 0.004; a family's weakest planted dimension ≳ 0.1).
 */
export const MIN_DIMENSION_RATIO = 0.04;

/**
 * Dimension of a group from its singular values (descending).
 *
 * @param singular - Singular values of the group's unit directions, descending.
 * @param tolerance - Relative tolerance τ: values > τσ₁ always count.
 * @returns The number of singular values above the widest gap at or below the tolerance cut.
 */
export function groupDimension(singular: Float64Array, tolerance: number): number {
  const n = singular.length;
  if (n === 0 || !(singular[0] > 0)) return 0;
  const r = (k: number): number => singular[k] / singular[0];
  let base = 0;
  while (base < n && r(base) > tolerance) base++;
  if (base === n) return n;
  // Cut after k values: kept when σ_{k}/σ_{k+1} (1-based) beats every other cut at or below the tolerance cut.
  let best = base;
  let widest = base > 0 ? r(base - 1) / Math.max(r(base), Number.MIN_VALUE) : 0;
  for (let k = base + 1; k < n && r(k - 1) > MIN_DIMENSION_RATIO; k++) {
    const gap = r(k - 1) / Math.max(r(k), Number.MIN_VALUE);
    if (gap > widest) {
      best = k;
      widest = gap;
    }
  }
  return best;
}

/** A group's rank-deficient core and its dimension. */
export interface GroupCore {
  features: number[];
  dimension: number;
}

/**
 * A group without its coloops: members that stick out of the span of the
 * others, so that each adds a dimension of its own. A coloop is in no linear
 * dependency of the group (matroid terms: in no circuit), so it adds a
 * dimension and no rank deficiency — a random direction that a chance link at
 * |cos| ≈ 0.2 joined to a family of similar directions. Kept, it makes chance
 * planes with the family's members (two near-parallel members plus it) and
 * the family's span is never read alone.
 *
 * A member is a coloop when both readings agree: without it the others span
 * d − 1 dimensions (d the group's), and it lies farther than `tolerance`
 * from their (d − 1)-dimensional principal subspace — it supplies the last
 * dimension by more than the tolerance that makes any direction a dimension.
 * Either alone misreads: the drop alone trims a family member that shares a
 * thin dimension (σ/σ₁ ≈ 0.05) with the others, which falls under the noise
 * floor when any one member leaves (its distance from the others' span:
 * ≈ 0.05); the distance alone trims a member of an SAE's antipodal pair at
 * cos −0.95 (0.31 from its partner's line) when a third direction shares the
 * group, though the pair is one dimension. A random joiner is ≈ 0.97 away.
 * Candidates are the members of leverage > ½ in the group's principal
 * subspace — a coloop has leverage ≈ 1 and the leverages sum to d, so at most
 * 2d are tested. A group of full dimension is left as it is: every member is
 * a coloop and there is no deficiency to isolate.
 *
 * @param U - Unit directions of the group's features, feature-major (|features|×m).
 * @param m - Hidden dimension.
 * @param features - The group's feature indices, rows of U.
 * @param dimensionOf - How a set's dimension is read from its singular values.
 * @param tolerance - Distance from the others' span beyond which a member is a coloop.
 */
export function rankDeficientCore(
  U: Float64Array,
  m: number,
  features: readonly number[],
  dimensionOf: (singular: Float64Array) => number,
  tolerance: number,
): GroupCore {
  const F = features.length;
  const { singular, coordinates, width } = rowSpectrum(U, F, m);
  const d = dimensionOf(singular);
  if (d >= F || d === 0) return { features: [...features], dimension: d };
  const drop = new Set<number>();
  const rest = new Float64Array((F - 1) * m);
  const cos = new Float64Array(F - 1);
  for (let a = 0; a < F; a++) {
    let h = 0;
    for (let c = 0; c < d; c++) h += (coordinates[a * width + c] / singular[c]) ** 2;
    if (h <= 0.5) continue;
    for (let b = 0, t = 0; b < F; b++) {
      if (b === a) continue;
      rest.set(U.subarray(b * m, b * m + m), m * t);
      let s = 0;
      for (let r = 0; r < m; r++) s += U[a * m + r] * U[b * m + r];
      cos[t++] = s;
    }
    // The others' principal directions are v_c = Σ_b u_b x_bc / σ_c² (x their coordinates), so ⟨u_a, v_c⟩ = Σ_b cos(a, b) x_bc / σ_c².
    const others = rowSpectrum(rest, F - 1, m);
    const dOthers = dimensionOf(others.singular);
    if (dOthers !== d - 1) continue;
    let inside = 0;
    for (let c = 0; c < dOthers; c++) {
      const sv = others.singular[c];
      if (!(sv > 1e-12 * others.singular[0])) break;
      let p = 0;
      for (let t = 0; t < F - 1; t++) p += cos[t] * others.coordinates[t * others.width + c];
      inside += (p / (sv * sv)) ** 2;
    }
    if (Math.sqrt(Math.max(0, 1 - inside)) > tolerance) drop.add(a);
  }
  if (drop.size === 0) return { features: [...features], dimension: d };
  const keep = features.filter((_, a) => !drop.has(a));
  const rows = new Float64Array(keep.length * m);
  for (let a = 0, t = 0; a < F; a++) if (!drop.has(a)) rows.set(U.subarray(a * m, a * m + m), m * t++);
  return { features: keep, dimension: dimensionOf(rowSpectrum(rows, keep.length, m).singular) };
}
