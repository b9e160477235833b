/**
 * Vietoris–Rips persistent homology in dimensions 0..2 over Z/2, computed as persistent
 * cohomology with Ripser's techniques (Bauer 2021, "Ripser: efficient computation of
 * Vietoris–Rips persistence barcodes", J. Appl. Comput. Topol. 5): H0 by union-find,
 * then for each d ≥ 1 a coboundary reduction with clearing, apparent and emergent pairs
 * and implicit simplices (see cohomology.ts).
 */
import { cohomologyInDimension } from './cohomology.js';
import { enclosingRadius, pointDistances, symmetricDistances } from './distances.js';
import type { RipsMetric } from './distances.js';
import { RipsComplex } from './rips-complex.js';
import type { PersistenceDiagram, PersistencePair, RipsResult } from './types.js';
import { zeroDimensional } from './zero-dimensional.js';

/** The input: a point cloud, or a precomputed distance matrix. */
export type RipsInput = { points: Float64Array; dim: number } | { distances: Float64Array; count: number };

/** Parameters of {@link ripsPersistence}. */
export interface RipsOptions {
  /** Highest homology dimension computed: 0, 1 or 2 (default 2). */
  maxDimension?: 0 | 1 | 2;
  /**
   * Distance between points (ignored for a distance matrix): 'euclidean' (default) or
   * 'angular' (arccos of the cosine, radians).
   */
  metric?: RipsMetric;
  /**
   * Largest filtration value (simplex diameter) included. Default, and cap: the enclosing
   * radius min_i max_j d(i, j), beyond which the barcode does not change (the complex is a cone).
   * A smaller value truncates: classes alive at the threshold get death = Infinity.
   */
  threshold?: number;
}

/**
 * Persistence barcodes of the Vietoris–Rips filtration.
 *
 * @param input - `{ points, dim }`: row-major N×dim coordinates (tegum: feature-major W or its
 *   unit directions); or `{ distances, count }`: a count×count matrix of which only the lower
 *   triangle is read.
 * @param opts - see {@link RipsOptions}.
 * @returns one diagram per dimension 0..maxDimension, bars of positive length only, sorted by
 *   (birth, death); and the threshold used. Cost: O(N²) memory plus the working columns; the
 *   simplex scan is O(N^(maxDimension+1)). Measured on 500 points on S² (H ≤ 2): 0.4–1.3 s at
 *   threshold 0.8–1.0, but ~60–90 s and ~2–3 GB for the complete barcode (default threshold), where
 *   the long H2 bar's cocycle column alone absorbs ~10^5 coboundaries; 300 points take ~7 s.
 * @throws RangeError on malformed input or options.
 */
export function ripsPersistence(input: RipsInput, opts: RipsOptions = {}): RipsResult {
  const maxDimension = opts.maxDimension ?? 2;
  if (maxDimension !== 0 && maxDimension !== 1 && maxDimension !== 2) throw new RangeError(`maxDimension must be 0, 1 or 2, got ${String(maxDimension)}`);
  if (opts.threshold !== undefined && !(opts.threshold >= 0)) throw new RangeError(`threshold must be ≥ 0, got ${opts.threshold}`);
  const [D, n] =
    'points' in input
      ? [pointDistances(input.points, input.dim, opts.metric ?? 'euclidean'), input.points.length / input.dim]
      : [symmetricDistances(input.distances, input.count), input.count];
  const threshold = Math.min(opts.threshold ?? Infinity, enclosingRadius(D, n));

  const zero = zeroDimensional(D, n, threshold);
  const diagrams: PersistenceDiagram[] = [{ dimension: 0, pairs: sortPairs(zero.pairs) }];
  if (maxDimension >= 1 && n > 2) {
    const cx = new RipsComplex(D, n, threshold, maxDimension + 2);
    let cleared = zero.mergingEdges;
    for (let d = 1; d <= maxDimension; d++) {
      const result = cohomologyInDimension(cx, d, cleared, d > 1);
      diagrams.push({ dimension: d, pairs: sortPairs(result.pairs) });
      cleared = result.pivots;
    }
  }
  for (let d = diagrams.length; d <= maxDimension; d++) diagrams.push({ dimension: d, pairs: [] });
  return { diagrams, threshold };
}

function sortPairs(pairs: PersistencePair[]): PersistencePair[] {
  return pairs.sort((a, b) => a.birth - b.birth || a.death - b.death);
}
