/**
 * Order of a planar bundle's features around its polygon: by angle of the
 * 2-D coordinates in the bundle's own basis. Taken in the hidden space, not
 * in the view, so the polygon's edges stay the true neighbours whatever
 * projection is shown.
 */

/**
 * Sort features by their angle in a plane.
 *
 * @param W Feature-major weights.
 * @param m Hidden dimension.
 * @param features The features lying in the plane.
 * @param planeBasis Two orthonormal rows (2×m) spanning the plane (e.g. the first rows of a principal basis).
 * @returns The features in counter-clockwise order of atan2(⟨W_i, e₂⟩, ⟨W_i, e₁⟩).
 */
export function angularOrder(W: Float64Array, m: number, features: readonly number[], planeBasis: Float64Array): number[] {
  const angle = new Map<number, number>();
  for (const f of features) {
    let x = 0;
    let y = 0;
    for (let r = 0; r < m; r++) {
      x += W[f * m + r] * planeBasis[r];
      y += W[f * m + r] * planeBasis[m + r];
    }
    angle.set(f, Math.atan2(y, x));
  }
  return [...features].sort((a, b) => (angle.get(a) ?? 0) - (angle.get(b) ?? 0));
}
