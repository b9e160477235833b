/**
 * Structures: groups of strong features that random directions would not
 * produce, each with its shape. A candidate group whose features form a named
 * shape on their own (a clean tegum factor: pentagon, digon, tetrahedron, …)
 * is a structure as it stands. In a group that is not one shape (near-orthogonal
 * polytopes that interfere at |cos| 0.1–0.2, or a dense irregular frame), the
 * structures are the k-planes holding more than k features that the Hough step
 * finds inside it: the shapes the interference hid. Features in no structure
 * are generic.
 */
import { classifyBundle } from '../spheres/classify.js';
import type { FoundPlane } from '../clustering/planes.js';
import { numericalRank, rowSpectrum, unitDirections } from '../features/index.js';
import { cosineTail, logGamma, significanceOf, subspaceDistanceCdf } from './baseline.js';
import { RIDER_COS } from './strength.js';

/** One structure, as the Report carries it. */
export interface Structure {
  features: number[];
  /** A label of the vocabulary (docs/ARCHITECTURE.md); `irregular` for a rank-deficient group with no named shape. */
  label: string;
  /** Dimension of the span: the plane's k, or the factor's numerical rank. */
  dimension: number;
  /** Closeness to the named shape in [0, 1]; null for `irregular`. */
  regularity: number | null;
  /** −log₁₀ of the expected number of such groups among random unit directions (see structureSignificance); ≥ 2 is one in a hundred. */
  significance: number;
  /** Largest |cos| between a member and a strong feature outside the structure (0 for an exactly orthogonal factor). */
  maxCrossCos: number;
  /** Where it was found: a whole candidate group ('factor') or a Hough plane inside one ('plane'). */
  source: 'factor' | 'plane';
}

/**
 * A plane found inside a larger group, or a group with no name, is a structure only when random
 * directions would produce one like it less than once in 10⁵ data sets
 * (significance ≥ 5): the estimate below is rough, and in a few dimensions
 * some k + 1 of many directions are nearly dependent by chance (measured on
 * trained n = 20, m = 5 and n = 200, m = 20 runs: such chance planes score
 * 2–3, a noisy pentagon 7 in R⁵ and ≳ 50 in R²⁰, a tetrahedron ≈ 10). A whole factor of a named shape needs no such
 * test: its orthogonality to everything else already sets it apart.
 */
export const MIN_PLANE_SIGNIFICANCE = 5;

/** Largest span of a group reported as one unnamed structure. */
const MAX_UNNAMED_DIMENSION = 8;

/** A candidate group with its label, as the decomposition produced it. */
export interface LabelledGroup {
  features: number[];
  dimension: number;
  polytope: string;
}

/**
 * Structures from the labelled candidate groups and the planes found inside them.
 *
 * @param W - Feature-major n×m weights.
 * @param m - Hidden dimension.
 * @param groups - Candidate groups (strong features) with their labels.
 * @param planes - Hough planes found within the groups.
 * @param strong - All strong features (for cross-interference and the baseline's N).
 * @param rankTolerance - Relative rank tolerance of the candidate groups (for the components tried inside them).
 * @param maxCrossOf - Largest |cos| of a set's members to strong features outside it, when the caller has it (dictionary scale: from the screening's partner lists); otherwise computed against every strong feature.
 * @param spanDimension - How a set's dimension is read from its singular values (dictionary scale: the group's own spectral gap, src/structures/dimension.ts); default the count above rankTolerance·σ₁.
 */
export function findStructures(
  W: Float32Array | Float64Array,
  m: number,
  groups: readonly LabelledGroup[],
  planes: readonly FoundPlane[],
  strong: readonly number[],
  rankTolerance: number,
  maxCrossOf: (features: readonly number[]) => number = (features) => maxCross(W, m, features, strong),
  spanDimension: (singular: Float64Array) => number = (singular) => numericalRank(singular, rankTolerance),
): Structure[] {
  const out: (Omit<Structure, 'significance' | 'maxCrossCos'> & { chance: { N: number; ambient: number } })[] = [];
  for (const g of groups) {
    if (g.features.length < 2) continue;
    if (g.polytope !== 'irregular') {
      const shape = classifyBundle(W, m, g.features, { dimension: g.dimension });
      out.push({
        features: g.features,
        label: g.polytope,
        dimension: g.dimension,
        regularity: shape.regularity,
        source: 'factor',
        chance: { N: strong.length, ambient: m },
      });
      continue;
    }
    const members = new Set(g.features);
    // The helpers below hold O(N²) cosines or run O(N) rank tests per plane, so they look only into groups of up to MAX_PAIRWISE_GROUP (said in params).
    const pairwise = g.features.length <= MAX_PAIRWISE_GROUP;
    const found = [
      ...planes.filter((p) => p.features.every((f) => members.has(f))),
      ...(pairwise ? antipodalPairs(W, m, g.features) : []),
      ...(pairwise ? shapedComponents(W, m, g.features, rankTolerance) : []),
    ];
    const { maximal, all } = maximalPlanes(found);
    // Contained planes stay candidates: when the plane holding them loses a
    // member to a larger structure (the disjoint selection below), they stand.
    // Chance planes (many in a crowded group of few dimensions) are dropped before the completion pass, which costs O(|group|) rank tests each.
    // Chance space: all strong features in R^m, except in a crowd (more than
    // CROWD features per dimension of the group's span), whose own random
    // directions make planes by chance: a 4-D block of 4,000 directions holds
    // many near-coplanar quadruples, none of them a structure.
    const chance =
      g.features.length > CROWD * g.dimension && g.dimension < m ? { N: g.features.length, ambient: g.dimension } : { N: strong.length, ambient: m };
    const significant = (p: FoundPlane): boolean => structureSignificance(W, m, p.features, p.dimension, chance.N, chance.ambient) >= MIN_PLANE_SIGNIFICANCE;
    const maximalKept = maximal.filter(significant);
    const inside = [...maximalKept, ...all.filter((p) => !maximal.includes(p) && significant(p))].map((p) => ({
      ...p,
      features: pairwise ? completePlane(W, m, p.features, p.dimension, g.features, spanDimension) : p.features,
    }));
    // The planes stand for the group when they explain all of its rank
    // deficiency (Σ (features − k) over the planes ≥ features − rank of the
    // group): near-orthogonal polytopes merged by their interference. When they
    // explain less (a family of similar directions, whose sub-planes are
    // fragments), the group itself is the structure, unnamed, as long as it is
    // small enough to be one shape (a crowd of 180 SAE latents spanning 49
    // dimensions is interference, not a structure).
    const deficiency = g.features.length - g.dimension;
    const explained = inside.slice(0, maximalKept.length).reduce((sum, p) => sum + p.features.length - p.dimension, 0);
    if (g.dimension <= MAX_UNNAMED_DIMENSION && g.dimension < m && deficiency > 0 && explained < deficiency) {
      out.push({
        features: g.features,
        label: 'irregular',
        dimension: g.dimension,
        regularity: null,
        source: 'factor',
        chance: { N: strong.length, ambient: m },
      });
      continue;
    }
    for (const p of inside) {
      const shape = classifyBundle(W, m, p.features, { dimension: p.dimension });
      out.push({
        features: p.features,
        label: shape.polytope,
        dimension: p.dimension,
        regularity: shape.polytope === 'irregular' ? null : shape.regularity,
        source: 'plane',
        chance,
      });
    }
  }
  const scored = out
    .map(({ chance, ...s }) => ({ ...s, significance: structureSignificance(W, m, s.features, s.dimension, chance.N, chance.ambient) }))
    .filter((s) => (s.source === 'factor' && s.label !== 'irregular') || s.significance >= MIN_PLANE_SIGNIFICANCE);
  return disjoint(scored)
    .map((s) => ({ ...s, maxCrossCos: maxCrossOf(s.features) }))
    .sort((a, b) => b.features.length - a.features.length || b.dimension - a.dimension || a.features[0] - b.features[0]);
}

/**
 * Every feature in at most one structure: planes found in overlapping
 * neighbourhoods can share members, so structures are taken greedily, most
 * members first, then most significant, and one that shares a feature with a
 * structure already taken is dropped.
 */
function disjoint<T extends { features: number[]; significance: number }>(structures: T[]): T[] {
  const taken = new Set<number>();
  const out: T[] = [];
  for (const s of [...structures].sort((a, b) => b.features.length - a.features.length || b.significance - a.significance)) {
    if (s.features.some((f) => taken.has(f))) continue;
    for (const f of s.features) taken.add(f);
    out.push(s);
  }
  return out;
}

/**
 * DBSCAN can leave out a member of a plane whose subsets are ill-conditioned or
 * noisier than the rest; a feature of the group is added when its unit
 * direction lies within the plane's tolerance of the plane: twice the worst
 * distance of the found members, and at least COMPLETION_FLOOR.
 */
function completePlane(
  W: Float32Array | Float64Array,
  m: number,
  features: readonly number[],
  k: number,
  group: readonly number[],
  spanDimension: (singular: Float64Array) => number,
): number[] {
  const tol = Math.max(COMPLETION_FLOOR, 2 * residualDistance(unitDirections(W, m, features), m, features.length, k));
  const inside = new Set(features);
  const out = [...features];
  for (const f of group) {
    if (inside.has(f)) continue;
    const trial = [...features, f];
    if (residualDistance(unitDirections(W, m, trial), m, trial.length, k) <= tol) out.push(f);
  }
  // The completed set must still read as a k-plane: members each within the distance tolerance of it can
  // together span a thin further dimension (a family of similar directions), and then the plane is only what was found.
  if (out.length > features.length && spanDimension(rowSpectrum(unitDirections(W, m, out), out.length, m).singular) !== k) return [...features];
  return out.sort((a, b) => a - b);
}

/** Smallest tolerance for completing a plane (unit-direction distance: about 6°). */
const COMPLETION_FLOOR = 0.1;

/**
 * The planes to report as structures. A pyramid (a lower plane's features plus
 * one apex feature or one antipodal pair, the talk's rule) says nothing the
 * lower planes do not, and is dropped first: a plane through two digons is the
 * two digons; so is a direct sum of lower planes. `maximal`: the planes not
 * inside a higher-dimensional one (the two digons of a cube's diagonal
 * rectangle are the cube's); `all`: every plane left, for the disjoint
 * selection, which takes larger structures first.
 */
function maximalPlanes(planes: readonly FoundPlane[]): { maximal: FoundPlane[]; all: FoundPlane[] } {
  const unique = [...new Map(planes.map((p) => [`${p.dimension}:${p.features.join(',')}`, p])).values()];
  const lines = unique.filter((p) => p.dimension === 1 && p.features.length === 2);
  const isPyramid = (p: FoundPlane): boolean =>
    unique.some((q) => {
      if (q.dimension !== p.dimension - 1 || !q.features.every((f) => p.features.includes(f))) return false;
      const apex = p.features.filter((f) => !q.features.includes(f));
      return apex.length === 1 || (apex.length === 2 && lines.some((l) => l.features.includes(apex[0]) && l.features.includes(apex[1])));
    });
  // A direct sum of lower planes found (three digons spanning a 3-plane) is those planes, not a new shape.
  const isDirectSum = (p: FoundPlane): boolean => {
    const parts = unique
      .filter((q) => q.dimension < p.dimension && q.features.every((f) => p.features.includes(f)))
      .sort((a, b) => b.features.length - a.features.length);
    const covered = new Set<number>();
    let dims = 0;
    for (const q of parts) {
      if (q.features.some((f) => covered.has(f))) continue;
      for (const f of q.features) covered.add(f);
      dims += q.dimension;
    }
    return covered.size === p.features.length && dims === p.dimension;
  };
  const sorted = unique.filter((p) => !isPyramid(p) && !isDirectSum(p)).sort((a, b) => b.dimension - a.dimension || b.features.length - a.features.length);
  const kept: FoundPlane[] = [];
  for (const p of sorted) {
    if (kept.some((q) => p.features.every((f) => q.features.includes(f)))) continue;
    kept.push(p);
  }
  return { maximal: kept, all: sorted };
}

/**
 * Near-orthogonal polytopes merged by their interference (|cos| 0.1–0.2 across,
 * more within) come apart when the group is cut higher: the components of
 * |cos| > c for c on COMPONENT_CUTS that are one named shape on their own
 * (regularity ≥ SHAPED_REGULARITY at their numerical rank) are offered as
 * planes of that rank, beside the Hough step's, for the same maximal and
 * disjoint selection. (The numpy reading of Toy Models cuts at 0.2 the same way.)
 */
function shapedComponents(W: Float32Array | Float64Array, m: number, features: readonly number[], rankTolerance: number): FoundPlane[] {
  const N = features.length;
  if (N < 3) return [];
  const U = unitDirections(W, m, features);
  const cos = new Float64Array(N * N);
  for (let a = 0; a < N; a++) {
    for (let b = a + 1; b < N; b++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += U[a * m + r] * U[b * m + r];
      cos[a * N + b] = cos[b * N + a] = Math.abs(s);
    }
  }
  const out: FoundPlane[] = [];
  for (const cut of COMPONENT_CUTS) {
    const label = new Int32Array(N).fill(-1);
    for (let a = 0; a < N; a++) {
      if (label[a] >= 0) continue;
      const members = [a];
      label[a] = a;
      for (let q = 0; q < members.length; q++) {
        for (let b = 0; b < N; b++) {
          if (label[b] < 0 && cos[members[q] * N + b] > cut) {
            label[b] = a;
            members.push(b);
          }
        }
      }
      if (members.length < 3 || members.length === N) continue;
      const group = members.map((x) => features[x]).sort((x, y) => x - y);
      const dimension = numericalRank(rowSpectrum(unitDirections(W, m, group), group.length, m).singular, Math.max(rankTolerance, COMPONENT_RANK_TOLERANCE));
      if (dimension >= group.length) continue;
      const shape = classifyBundle(W, m, group, { dimension });
      if (shape.polytope !== 'irregular' && shape.regularity >= SHAPED_REGULARITY) out.push({ dimension, features: group, subsets: 0 });
    }
  }
  return out;
}

/** A group with more features than this per dimension of its span is a crowd (see findStructures). */
const CROWD = 8;

/** Largest group searched for antipodal pairs and shaped components, and whose planes are completed (the |cos| matrix: 32 MB at this size). */
export const MAX_PAIRWISE_GROUP = 2048;

/** |cos| cuts at which a group is split into components (see shapedComponents). */
const COMPONENT_CUTS = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4];

/**
 * Rank tolerance of a component, at least: the exact decomposition's own
 * tolerance shrinks with its floor (to ≈ 0.01 when interference merged
 * everything), far below a trained polytope's noise.
 */
const COMPONENT_RANK_TOLERANCE = 0.2;

/** Regularity a component needs to stand as its shape. */
const SHAPED_REGULARITY = 0.9;

/**
 * Antipodal pairs of a group as 1-planes: mutual most-aligned partners with
 * cos ≤ −RIDER_COS. DBSCAN at k = 1 finds a line only when its two projectors
 * are within eps, which on trained weights (an SAE's pairs at cos −0.93…−0.99)
 * the nearest-neighbour gap does not always allow.
 */
function antipodalPairs(W: Float32Array | Float64Array, m: number, features: readonly number[]): FoundPlane[] {
  const U = unitDirections(W, m, features);
  const N = features.length;
  const best = new Int32Array(N).fill(-1);
  const bestCos = new Float64Array(N);
  for (let a = 0; a < N; a++) {
    for (let b = 0; b < N; b++) {
      if (b === a) continue;
      let s = 0;
      for (let r = 0; r < m; r++) s += U[a * m + r] * U[b * m + r];
      if (best[a] < 0 || Math.abs(s) > Math.abs(bestCos[a])) {
        best[a] = b;
        bestCos[a] = s;
      }
    }
  }
  const out: FoundPlane[] = [];
  for (let a = 0; a < N; a++) {
    const b = best[a];
    if (b > a && best[b] === a && bestCos[a] <= -RIDER_COS) out.push({ dimension: 1, features: [features[a], features[b]].sort((x, y) => x - y), subsets: 1 });
  }
  return out;
}

/**
 * Significance of F features spanning only d dimensions among N strong unit
 * directions in R^m: −log₁₀ of the expected number of such groups among N
 * uniform random directions, the better of two readings —
 * (a) by rank: choose d spanning members, then the other F − d must fall within
 *     δ (the largest distance of a member's unit direction from the group's
 *     d-dimensional principal subspace) of their span:
 *     E ≈ C(N, d) · (N · P(dist ≤ δ))^{F − d}, P from subspaceDistanceCdf;
 * (b) by interference: E ≈ C(N, 2) · P(|cos| > c) for the largest |cos| c in the group.
 * An estimate (it ignores the order in which members are chosen), monotone in
 * what matters: tighter and larger groups are more significant.
 */
export function structureSignificance(
  W: Float32Array | Float64Array,
  m: number,
  features: readonly number[],
  d: number,
  N: number,
  ambient: number = m,
): number {
  const F = features.length;
  const U = unitDirections(W, m, features);
  let maxCos = 0;
  for (let a = 0; a < F; a++) {
    for (let b = a + 1; b < F; b++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += U[a * m + r] * U[b * m + r];
      maxCos = Math.max(maxCos, Math.abs(s));
    }
  }
  const pairs = (N * (N - 1)) / 2;
  const byCos = significanceOf(pairs * cosineTail(ambient, maxCos));
  if (d >= ambient || F <= d) return byCos;
  const delta = residualDistance(U, m, F, d);
  const p = Math.max(subspaceDistanceCdf(ambient, d, delta), 1e-300);
  const log10E = (logChoose(N, d) + (F - d) * (Math.log(N) + Math.log(p))) / Math.LN10;
  const byRank = Math.min(300, -log10E);
  return Math.max(byCos, byRank);
}

/** Largest distance of a unit row from the span of the top-d principal directions of the rows. */
function residualDistance(U: Float64Array, m: number, F: number, d: number): number {
  const { coordinates, width } = rowSpectrum(U, F, m);
  let worst = 0;
  for (let a = 0; a < F; a++) {
    let tail = 0;
    for (let c = d; c < width; c++) tail += coordinates[a * width + c] ** 2;
    worst = Math.max(worst, Math.sqrt(tail));
  }
  return worst;
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** Largest |cos| between a member and a strong feature outside the set. */
function maxCross(W: Float32Array | Float64Array, m: number, features: readonly number[], strong: readonly number[]): number {
  const inside = new Set(features);
  let best = 0;
  for (const f of features) {
    let nf = 0;
    for (let r = 0; r < m; r++) nf += W[f * m + r] ** 2;
    for (const s of strong) {
      if (inside.has(s)) continue;
      let dot = 0;
      let ns = 0;
      for (let r = 0; r < m; r++) {
        dot += W[f * m + r] * W[s * m + r];
        ns += W[s * m + r] ** 2;
      }
      if (nf > 0 && ns > 0) best = Math.max(best, Math.abs(dot) / Math.sqrt(nf * ns));
    }
  }
  return best;
}
