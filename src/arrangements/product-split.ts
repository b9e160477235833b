/**
 * The finest product decomposition A = A₁ × … × A_k of an affine arrangement.
 *
 * A is a product exactly when its normals split into groups whose spans form a
 * direct sum (their ranks add up to the total rank): in a basis adapted to the
 * split, each hyperplane's equation involves only its group's coordinates. The
 * offsets b play no part. The finest such split is the decomposition of the
 * normals' linear matroid into connected components, and those are the
 * components of the fundamental graph of any basis B: normal e is joined to
 * every basis normal with a non-zero coefficient in e's expression over B
 * (Oxley, "Matroid Theory", 2nd ed., Prop. 4.3.2 / Krogdahl 1977).
 */
import type { Rational } from './rational.js';

/** One factor of the split, as indices into the normals. */
export interface SplitGroup {
  /** Normals in the group, ascending. */
  members: number[];
  /** Positions (into the basis list) of the basis normals in the group: its rank is their count. */
  basisPositions: number[];
}

/**
 * Connected components of the normals' matroid.
 *
 * @param basis - indices of the basis normals.
 * @param coefficients - per normal, its exact coefficients over the basis.
 * @returns the groups, ordered by their smallest member.
 */
export function productSplit(basis: number[], coefficients: Rational[][]): SplitGroup[] {
  const n = coefficients.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  coefficients.forEach((c, j) => {
    c.forEach((x, k) => {
      if (x.num !== 0n) parent[find(j)] = find(basis[k]);
    });
  });
  const groups = new Map<number, SplitGroup>();
  for (let j = 0; j < n; j++) {
    const root = find(j);
    let g = groups.get(root);
    if (!g) {
      g = { members: [], basisPositions: [] };
      groups.set(root, g);
    }
    g.members.push(j);
  }
  basis.forEach((bj, k) => groups.get(find(bj))?.basisPositions.push(k));
  return [...groups.values()].sort((a, b) => a.members[0] - b.members[0]);
}
