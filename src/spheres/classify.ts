import { unitDirections } from '../features/directions.js';
import { numericalRank, rowSpectrum } from '../features/rank.js';
import { cube, digon, dodecahedron, icosahedron, regularPolygon, simplex, squareAntiprism, tetrahedron, type PointSet } from './polytopes.js';

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
  /** A label from docs/ARCHITECTURE.md's vocabulary. */
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
 * (5, 2) pentagon, (6, 2) hexagon, (7 ≤ N ≤ 32, 2) polygon-N (see MAX_POLYGON); (4, 3) tetrahedron,
 * (8, 3) cube and square-antiprism (equal-edge or tight, see squareAntiprism), (12, 3) icosahedron, (20, 3) dodecahedron;
 * (K+1, K ≥ 4) simplex-K. A square (4 points in a plane) is two orthogonal
 * digons, so a 4-point planar bundle is not a square: it is `irregular`, as is
 * everything else. For `irregular` the regularity is the bundle's closeness to a
 * unit-norm tight frame, (N²/d) / Σ_ij cos²(W_i, W_j): 1 exactly when the frame
 * is tight (the energy-optimal arrangements, Benedetto & Fickus 2003).
 *
 * No N×N matrix is stored: cosine rows are computed one at a time, and only
 * when a candidate exists (N ≤ 32, or N = d + 1); the frame potential comes
 * from the m×m frame operator when N > m. A bundle of thousands of features
 * thus costs O(N m²) time and O(N m) memory.
 *
 * @param W - Feature-major n×m values: W[i*m + r] is coordinate r of feature i.
 * @param m - Hidden dimension.
 * @param features - Indices of the bundle's features (at least one).
 * @param opts - Dimension, tolerance and label cut.
 * @returns Label, regularity and dimension.
 */
export function classifyBundle(W: Float32Array | Float64Array, m: number, features: readonly number[], opts: ClassifyOptions = {}): BundleShape {
  const N = features.length;
  if (N === 0) throw new RangeError('classifyBundle: a bundle needs at least one feature');
  const minRegularity = opts.minRegularity ?? 0.75;
  const U = unitDirections(W, m, features);
  const dimension = opts.dimension ?? numericalRank(rowSpectrum(U, N, m).singular, opts.rankTolerance ?? 0.3);
  if (N === 1) return { polytope: dimension === 1 ? 'dedicated' : 'irregular', regularity: 1, dimension };
  const shapes = candidates(N, dimension);
  const distances = rowProfileDistances(
    U,
    m,
    N,
    shapes.map((c) => c.profile),
  );
  let best: { polytope: string; regularity: number } | null = null;
  for (let c = 0; c < shapes.length; c++) {
    const regularity = clamp01(1 - distances[c] / SCALE);
    if (!best || regularity > best.regularity) best = { polytope: shapes[c].polytope, regularity };
  }
  if (best && best.regularity >= minRegularity) return { ...best, dimension };
  return { polytope: 'irregular', regularity: clamp01((N * N) / Math.max(dimension, 1) / framePotential(U, m, N)), dimension };
}

/**
 * Largest polygon tried as polygon-N. Beyond it the sorted-row comparison no
 * longer tells a regular N-gon from random points on a circle (measured: 48
 * random points score up to 0.85, 128 up to 0.93, above minRegularity), and
 * every larger planar bundle is `irregular`.
 */
const MAX_POLYGON = 32;

interface Candidate {
  polytope: string;
  /** Sorted cosines from one vertex to the other N − 1. */
  profile: Float64Array;
}

/** Vocabulary shapes with N points spanning d dimensions, with their row profiles. */
function candidates(N: number, d: number): Candidate[] {
  const shapes: [string, PointSet][] = [];
  if (d === 1 && N === 2) shapes.push(['digon', digon()]);
  if (d === 2 && N >= 3 && N !== 4 && N <= MAX_POLYGON) {
    const name = N === 3 ? 'triangle' : N === 5 ? 'pentagon' : N === 6 ? 'hexagon' : `polygon-${N}`;
    shapes.push([name, regularPolygon(N)]);
  }
  if (d === 3 && N === 4) shapes.push(['tetrahedron', tetrahedron()]);
  if (d === 3 && N === 8) shapes.push(['cube', cube()], ['square-antiprism', squareAntiprism('equal-edge')], ['square-antiprism', squareAntiprism('tight')]);
  if (d === 3 && N === 12) shapes.push(['icosahedron', icosahedron()]);
  if (d === 3 && N === 20) shapes.push(['dodecahedron', dodecahedron()]);
  if (d >= 4 && N === d + 1) shapes.push([`simplex-${d}`, simplex(d)]);
  return shapes.map(([polytope, p]) => {
    // Vertex-transitive: vertex 0's row is every vertex's row.
    const row = new Float64Array(N - 1);
    for (let j = 1; j < N; j++) {
      let s = 0;
      for (let r = 0; r < p.d; r++) s += p.vectors[r] * p.vectors[j * p.d + r];
      row[j - 1] = s;
    }
    return { polytope, profile: row.sort() };
  });
}

/**
 * RMS over all vertices of (observed sorted cosine row − ideal profile), for
 * each profile. Rows are computed one at a time from the unit directions, so
 * memory stays O(N) whatever the bundle size.
 */
function rowProfileDistances(U: Float64Array, m: number, N: number, profiles: Float64Array[]): number[] {
  const sums = profiles.map(() => 0);
  if (profiles.length === 0) return sums;
  const row = new Float64Array(N - 1);
  for (let i = 0; i < N; i++) {
    let k = 0;
    for (let j = 0; j < N; j++) {
      if (j === i) continue;
      let s = 0;
      for (let r = 0; r < m; r++) s += U[i * m + r] * U[j * m + r];
      row[k++] = s;
    }
    row.sort();
    profiles.forEach((profile, c) => {
      let s = sums[c];
      for (let t = 0; t < N - 1; t++) s += (row[t] - profile[t]) ** 2;
      sums[c] = s;
    });
  }
  return sums.map((s) => Math.sqrt(s / (N * (N - 1))));
}

/**
 * Frame potential Σ_ij cos²(W_i, W_j) over all ordered pairs, i = j included
 * (Benedetto & Fickus 2003). Equal to ‖UᵀU‖_F² for the N×m unit directions U,
 * so it is summed over the smaller of the N×N and m×m Gram matrices, neither
 * stored: O(N m · min(N, m)) time, O(m²) memory at most.
 */
function framePotential(U: Float64Array, m: number, N: number): number {
  let potential = 0;
  if (N <= m) {
    for (let a = 0; a < N; a++) {
      for (let b = 0; b < N; b++) {
        let s = 0;
        for (let r = 0; r < m; r++) s += U[a * m + r] * U[b * m + r];
        potential += s * s;
      }
    }
    return potential;
  }
  const S = new Float64Array(m * m);
  for (let a = 0; a < N; a++) {
    for (let r = 0; r < m; r++) {
      const x = U[a * m + r];
      if (x === 0) continue;
      for (let c = r; c < m; c++) S[r * m + c] += x * U[a * m + c];
    }
  }
  for (let r = 0; r < m; r++) {
    potential += S[r * m + r] ** 2;
    for (let c = r + 1; c < m; c++) potential += 2 * S[r * m + c] ** 2;
  }
  return potential;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
