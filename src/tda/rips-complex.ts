/**
 * The Vietoris–Rips complex of a distance matrix up to a threshold, kept implicit
 * (Bauer 2021, §5): a simplex is its combinatorial index, its diameter is the largest
 * pairwise distance among its vertices, and cofacets are enumerated on the fly.
 *
 * Filtration order on simplices of one dimension: by diameter, ties broken by
 * *decreasing* index. Under it, adding vertex v to σ gives a larger index for larger v,
 * so scanning v downward meets σ's earliest zero-persistence cofacet first, and σ ∪ {v}
 * minus its largest vertex is its latest facet among equal-diameter ones.
 */
import { BinomialTable } from './binomial-table.js';
import type { WorkingColumn } from './working-column.js';

export class RipsComplex {
  /** Number of vertices. */
  readonly n: number;
  /** Full symmetric n×n distances. */
  readonly dist: Float64Array;
  /** Simplices of diameter ≤ threshold belong to the complex. */
  readonly threshold: number;
  /** C(v, k) for the combinatorial number system. */
  readonly binomial: BinomialTable;
  /** The distinct distances ≤ threshold, ascending: diameter rank r means diameter values[r]. */
  readonly values: Float64Array;
  /** n×n ranks of the distances in `values`; values.length for distances above the threshold. */
  readonly rank: Int32Array;
  private readonly facet = new Int32Array(8);

  /**
   * @param dist - full symmetric n×n distances.
   * @param n - number of vertices.
   * @param threshold - largest diameter included.
   * @param maxVertices - most vertices of any simplex used (cofacets of the top dimension).
   */
  constructor(dist: Float64Array, n: number, threshold: number, maxVertices: number) {
    this.dist = dist;
    this.n = n;
    this.threshold = threshold;
    this.binomial = new BinomialTable(n, maxVertices);
    const within: number[] = [0];
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if (dist[i * n + j] <= threshold) within.push(dist[i * n + j]);
    const sorted = Float64Array.from(within).sort();
    let distinct = 0;
    for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[distinct - 1]) sorted[distinct++] = sorted[k];
    this.values = sorted.slice(0, distinct);
    this.rank = new Int32Array(n * n);
    for (let k = 0; k < n * n; k++) this.rank[k] = dist[k] <= threshold ? lowerBound(this.values, dist[k]) : distinct;
  }

  /** Diameter rank of the simplex on vertices[0..count). */
  diameterRank(vertices: Int32Array, count: number): number {
    const { rank, n } = this;
    let r = 0;
    for (let a = 1; a < count; a++) {
      const row = vertices[a] * n;
      for (let b = 0; b < a; b++) if (rank[row + vertices[b]] > r) r = rank[row + vertices[b]];
    }
    return r;
  }

  /**
   * Pushes the cofacets σ ∪ {v} of diameter ≤ threshold onto `column`, except those earlier
   * in the filtration than (fromRank, fromIndex): when adding a column whose pivot is that
   * simplex, its earlier entries cancel among themselves anyway.
   *
   * @param vertices - σ's vertices, ascending, in [0, count).
   * @param index - σ's combinatorial index.
   * @param rank - σ's diameter rank.
   */
  pushCofacets(column: WorkingColumn, vertices: Int32Array, count: number, index: number, rank: number, fromRank: number, fromIndex: number): void {
    const { rank: ranks, n, binomial } = this;
    const beyond = this.values.length;
    // Vertices of σ above v move up one position in the cofacet: their terms C(u, k+1) become C(u, k+2).
    let above = 0;
    let below = index;
    let k = count;
    for (let v = n - 1; v >= 0; v--) {
      if (k > 0 && vertices[k - 1] === v) {
        below -= binomial.get(v, k);
        above += binomial.get(v, k + 1);
        k--;
        continue;
      }
      let r = rank;
      const row = v * n;
      for (let a = 0; a < count; a++) if (ranks[row + vertices[a]] > r) r = ranks[row + vertices[a]];
      if (r >= beyond || r < fromRank) continue;
      const idx = above + binomial.get(v, k + 1) + below;
      if (r === fromRank && idx > fromIndex) continue;
      column.push(r, idx);
    }
  }

  /** The vertex v added by the last {@link zeroCofacet} hit, and how many of σ's vertices lie below v (scratch, no allocation). */
  private hitVertex = -1;
  private hitVerticesBelow = 0;

  /**
   * σ's earliest cofacet when it has σ's own diameter (zero persistence), else −1.
   * Scanning v downward finds the largest-index such cofacet first, which is the earliest.
   */
  zeroCofacet(vertices: Int32Array, count: number, index: number, diam: number): number {
    const { dist, n, binomial } = this;
    let above = 0;
    let below = index;
    let k = count;
    for (let v = n - 1; v >= 0; v--) {
      if (k > 0 && vertices[k - 1] === v) {
        below -= binomial.get(v, k);
        above += binomial.get(v, k + 1);
        k--;
        continue;
      }
      const row = v * n;
      let a = 0;
      while (a < count && dist[row + vertices[a]] <= diam) a++;
      if (a === count) {
        this.hitVertex = v;
        this.hitVerticesBelow = k;
        return above + binomial.get(v, k + 1) + below;
      }
    }
    return -1;
  }

  /**
   * Whether σ is the facet of a zero-persistence apparent pair (σ, τ): τ = σ's earliest
   * cofacet has σ's diameter and σ is τ's latest facet (Bauer 2021, §3.4). Such a pair is
   * a persistence pair of length 0, found without any reduction.
   *
   * @returns τ's index, or −1.
   */
  zeroApparentCofacet(vertices: Int32Array, count: number, index: number, diam: number): number {
    const tau = this.zeroCofacet(vertices, count, index, diam);
    if (tau < 0) return -1;
    // τ = σ ∪ {v}. Facets dropping a vertex u > v have smaller index, so they are later
    // than σ; σ is the latest equal-diameter facet iff each of them has smaller diameter.
    for (let drop = this.hitVerticesBelow; drop < count; drop++) if (this.diameterWithout(vertices, count, drop, this.hitVertex) === diam) return -1;
    return tau;
  }

  /**
   * Whether τ is the cofacet of a zero-persistence apparent pair (σ, τ): σ = τ's latest
   * equal-diameter facet (drop the largest vertex that keeps the diameter) and τ is σ's
   * earliest cofacet (no σ ∪ {w}, w above the dropped vertex, has the same diameter).
   *
   * @param vertices - τ's vertices, ascending.
   * @returns σ's index, or −1.
   */
  zeroApparentFacet(vertices: Int32Array, count: number, index: number, diam: number): number {
    const { dist, n, binomial, facet } = this;
    for (let drop = count - 1; drop >= 0; drop--) {
      if (this.diameterWithout(vertices, count, drop, -1) !== diam) continue;
      const u = vertices[drop];
      let f = 0;
      for (let a = 0; a < count; a++) if (a !== drop) facet[f++] = vertices[a];
      // Any w > u outside τ with d(w, σ) ≤ diam would give an earlier cofacet of σ.
      let p = count - 1;
      for (let w = n - 1; w > u; w--) {
        if (p >= 0 && vertices[p] === w) {
          p--;
          continue;
        }
        const row = w * n;
        let a = 0;
        while (a < f && dist[row + facet[a]] <= diam) a++;
        if (a === f) return -1;
      }
      // σ's index: τ's minus the dropped vertex's term, with the vertices above it shifted down.
      let idx = index - binomial.get(u, drop + 1);
      for (let a = drop + 1; a < count; a++) idx += binomial.get(vertices[a], a) - binomial.get(vertices[a], a + 1);
      return idx;
    }
    return -1;
  }

  /** Diameter of the simplex vertices minus vertices[drop], plus vertex `extra` (≥ 0) if given. */
  private diameterWithout(vertices: Int32Array, count: number, drop: number, extra: number): number {
    const { dist, n } = this;
    let d = 0;
    for (let a = 0; a < count; a++) {
      if (a === drop) continue;
      const row = vertices[a] * n;
      for (let b = 0; b < a; b++) if (b !== drop && dist[row + vertices[b]] > d) d = dist[row + vertices[b]];
      if (extra >= 0 && dist[row + extra] > d) d = dist[row + extra];
    }
    return d;
  }
}

/** First position in ascending `values` holding a value ≥ x. */
function lowerBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
