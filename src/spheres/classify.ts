import { cosineMatrix, unitDirections } from '../features/directions.js';
import { numericalRank, rowSpectrum } from '../features/rank.js';
import {
  cube,
  digon,
  dodecahedron,
  icosahedron,
  regularPolygon,
  simplex,
  squareAntiprism,
  tetrahedron,
  type PointSet,
} from './polytopes.js';

/** Options for {@link classifyBundle}. */
export interface ClassifyOptions {
  /** The bundle's dimension when already known (e.g. from orthogonalDecomposition); otherwise its numerical rank. */
  dimension?: number;
  /** Relative rank tolerance used when `dimension` is not given. Default 0.3 (orthogonalDecomposition's maxFloor). */
  rankTolerance?: number;
  /** A bundle gets a polytope's name when its regularity against it is at least this. Default 0.75. */
  minRegularity?: number;
}

/** A bundle's shape. */
export interface BundleShape {
  /** A label from DESIGN.md's vocabulary. */
  polytope: string;
  /** Closeness to the named shape in [0, 1] (for `irregular`: closeness to a tight frame). */
  regularity: number;
  /** Numerical rank of the bundle's directions. */
  dimension: number;
}

/**
 * Cosine gap that costs a whole unit of regularity: regularity = 1 − RMS/0.5.
 * σ = 0.03 coordinate noise moves cosines by ~0.04 (regularity ≈ 0.9); a random
 * arrangement of the same size is off by ≳ 0.2 (regularity ≲ 0.6).
 */
const SCALE = 0.5;

/**
 * Name the polytope a bundle of features forms, from its geometry.
 *
 * The feature directions are normalised (norms do not matter) and their cosine
 * matrix is compared with the ideal one of every vocabulary shape having the
 * same number of points N and dimension d. All shapes in the vocabulary are
 * vertex-transitive, so every vertex of the ideal sees the same sorted list of
 * cosines to the others; sorting each observed row compares the two up to any
 * permutation of the features. The RMS difference gives regularity = 1 − RMS/0.5
 * (clamped to [0, 1]); the best candidate names the bundle when its regularity
 * reaches minRegularity. This tells a cube from a square antiprism although both
 * give every feature D = 3/8.
 *
 * Candidates by (N, d): (1, 1) dedicated; (2, 1) digon; (3, 2) triangle,
 * (5, 2) pentagon, (6, 2) hexagon, (N ≥ 7, 2) polygon-N; (4, 3) tetrahedron,
 * (8, 3) cube and square-antiprism (equal-edge or tight, see squareAntiprism), (12, 3) icosahedron, (20, 3) dodecahedron;
 * (K+1, K ≥ 4) simplex-K. A square (4 points in a plane) is two orthogonal
 * digons, so a 4-point planar bundle is not a square: it is `irregular`, as is
 * everything else. For `irregular` the regularity is the bundle's closeness to a
 * unit-norm tight frame, (N²/d) / Σ_ij cos²(W_i, W_j): 1 exactly when the frame
 * is tight (the energy-optimal arrangements, Benedetto & Fickus 2003).
 *
 * @param W - Feature-major n×m values: W[i*m + r] is coordinate r of feature i.
 * @param m - Hidden dimension.
 * @param features - Indices of the bundle's features (at least one).
 * @param opts - Dimension, tolerance and label cut.
 * @returns Label, regularity and dimension.
 */
export function classifyBundle(
  W: Float64Array,
  m: number,
  features: readonly number[],
  opts: ClassifyOptions = {},
): BundleShape {
  const N = features.length;
  if (N === 0) throw new RangeError('classifyBundle: a bundle needs at least one feature');
  const minRegularity = opts.minRegularity ?? 0.75;
  const U = unitDirections(W, m, features);
  const dimension = opts.dimension ?? numericalRank(rowSpectrum(U, N, m).singular, opts.rankTolerance ?? 0.3);
  if (N === 1) return { polytope: dimension === 1 ? 'dedicated' : 'irregular', regularity: 1, dimension };
  const C = cosineMatrix(U, m, N);
  let best: { polytope: string; regularity: number } | null = null;
  for (const cand of candidates(N, dimension)) {
    const regularity = clamp01(1 - rowProfileDistance(C, N, cand.profile) / SCALE);
    if (!best || regularity > best.regularity) best = { polytope: cand.polytope, regularity };
  }
  if (best && best.regularity >= minRegularity) return { ...best, dimension };
  let potential = 0;
  for (const c of C) potential += c * c;
  return { polytope: 'irregular', regularity: clamp01((N * N) / Math.max(dimension, 1) / potential), dimension };
}

interface Candidate {
  polytope: string;
  /** Sorted cosines from one vertex to the other N − 1. */
  profile: Float64Array;
}

/** Vocabulary shapes with N points spanning d dimensions, with their row profiles. */
function candidates(N: number, d: number): Candidate[] {
  const shapes: [string, PointSet][] = [];
  if (d === 1 && N === 2) shapes.push(['digon', digon()]);
  if (d === 2 && N >= 3 && N !== 4) {
    const name = N === 3 ? 'triangle' : N === 5 ? 'pentagon' : N === 6 ? 'hexagon' : `polygon-${N}`;
    shapes.push([name, regularPolygon(N)]);
  }
  if (d === 3 && N === 4) shapes.push(['tetrahedron', tetrahedron()]);
  if (d === 3 && N === 8) shapes.push(['cube', cube()], ['square-antiprism', squareAntiprism('equal-edge')], ['square-antiprism', squareAntiprism('tight')]);
  if (d === 3 && N === 12) shapes.push(['icosahedron', icosahedron()]);
  if (d === 3 && N === 20) shapes.push(['dodecahedron', dodecahedron()]);
  if (d >= 4 && N === d + 1) shapes.push([`simplex-${d}`, simplex(d)]);
  return shapes.map(([polytope, p]) => {
    const C = cosineMatrix(p.vectors, p.d, N);
    return { polytope, profile: sortedRow(C, N, 0) };
  });
}

function sortedRow(C: Float64Array, N: number, i: number): Float64Array {
  const row = new Float64Array(N - 1);
  let k = 0;
  for (let j = 0; j < N; j++) if (j !== i) row[k++] = C[i * N + j];
  return row.sort();
}

/** RMS over all vertices of (observed sorted cosine row − ideal profile). */
function rowProfileDistance(C: Float64Array, N: number, profile: Float64Array): number {
  let s = 0;
  for (let i = 0; i < N; i++) {
    const row = sortedRow(C, N, i);
    for (let k = 0; k < N - 1; k++) s += (row[k] - profile[k]) ** 2;
  }
  return Math.sqrt(s / (N * (N - 1)));
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
