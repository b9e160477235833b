import { unitDirections } from '../features/directions.js';
import { DisjointSets } from './disjoint-sets.js';
import { numericalRank, rowSpectrum } from '../features/rank.js';

/** Options for {@link orthogonalDecomposition}. */
export interface DecompositionOptions {
  /** Use this |cos| noise floor instead of choosing one from the data. */
  noiseFloor?: number;
  /** Use this relative rank tolerance (× largest singular value) instead of the automatic one. */
  rankTolerance?: number;
  /**
   * Highest floor considered when choosing automatically. Default 0.3: above the
   * smallest interference of every shape in the label vocabulary that needs all
   * its edges (4-simplex |cos| = 1/4; the heptagon's 0.2225 pairs are not needed
   * for it to stay connected) and above σ ≤ 0.03 coordinate noise (|cos| ≲ 0.2).
   */
  maxFloor?: number;
  /** Lower end used only to report a floor for noise-free data (cross |cos| ≈ 1e-16). Default 0.01. */
  minFloor?: number;
}

/** One tegum factor: features whose span is orthogonal to every other factor's. */
export interface Bundle {
  /** Feature indices (as given in `represented`), ascending. */
  features: number[];
  /** Numerical rank of the bundle's unit directions under `rankTolerance`. */
  dimension: number;
}

/** The finest orthogonal decomposition and the thresholds behind it. */
export interface OrthogonalDecomposition {
  /** Bundles ordered by their smallest feature index. */
  bundles: Bundle[];
  /** |cos(W_i, W_j)| above this links i and j in the interference graph. */
  noiseFloor: number;
  /** Singular values of unit directions ≤ rankTolerance·σ₁ count as noise. */
  rankTolerance: number;
  /** One line saying how the floor was chosen. */
  rationale: string;
}

/**
 * Split the represented features into tegum factors: the connected components
 * of the interference graph (edge i–j when |cos(W_i, W_j)| > noise floor), the
 * finest partition into mutually orthogonal groups.
 *
 * Choosing the floor. Orthogonal factors span independent subspaces, so their
 * ranks add up to the rank of all directions; a floor set too high breaks a
 * factor into pieces whose spans overlap and the ranks no longer add up (a
 * digon cut in two: 1 + 1 > 1; a pentagon: 2 + 2 > 2). Starting at maxFloor
 * the floor is lowered edge by edge of the maximum spanning forest (Kruskal,
 * descending |cos|) until Σ rank(bundle) ≤ rank(all). Every floor between the
 * largest |cos| across bundles (the observed noise) and the weakest edge holding
 * a bundle together gives the same partition; the reported floor is the
 * geometric middle of that interval (its lower end clipped to minFloor for
 * noise-free data). Random Gaussian W has no such gap: its graph is connected at
 * maxFloor and it stays one bundle.
 *
 * Ranks use a relative tolerance tied to the floor: the upper end of that
 * interval (≤ maxFloor). Noise of σ per coordinate gives singular values of
 * about σ(√N + √m) against √(N/d) for a tight frame of N unit vectors in d
 * dimensions, i.e. ≲ 0.15 relative for σ ≤ 0.03, m ≤ 12; so a pentagon with
 * σ = 0.03 noise in R⁵ keeps rank 2. (Weak directions of genuinely
 * full-rank irregular bundles, such as random W, are under-counted the same way.)
 *
 * Cost. The components of {|cos| > t} for every t are those of the maximum
 * spanning tree of the |cos| graph cut at t, and the largest |cos| across them
 * is the heaviest tree edge left out; so everything above needs only that tree
 * (N − 1 edges), never the N×N cosine matrix. It is built by Prim's algorithm
 * with cosines computed as needed: O(N² m) time, O(N m) memory. Measured on
 * 2 cores at N = 16,384: 1.8 s for m = 8, 11 s for m = 64; ~4× per doubling of
 * N. At m = 4096 the tree alone would take ~10 min at that N, and the m×m
 * eigen-decompositions of the rank tests (O(m³) each) dominate. Rank tests
 * recompute only the spectra of merged groups (O(|group|·m² + m³) each).
 *
 * @param W - Feature-major n×m values: W[i*m + r] is coordinate r of feature i.
 * @param m - Hidden dimension.
 * @param represented - Indices of the represented features (others are ignored).
 * @param opts - Overrides and tuning parameters.
 * @returns Bundles, the floor, the rank tolerance and a rationale.
 */
export function orthogonalDecomposition(W: Float64Array, m: number, represented: readonly number[], opts: DecompositionOptions = {}): OrthogonalDecomposition {
  const maxFloor = opts.maxFloor ?? 0.3;
  const minFloor = opts.minFloor ?? 0.01;
  const ids = [...represented].sort((a, b) => a - b);
  const N = ids.length;
  const U = unitDirections(W, m, ids);
  const tree = maximumSpanningTree(U, m, N);
  const edges = tree.w.length;

  const groups = new Groups(U, m, N);
  let next = 0;
  // Upper end of the floor interval that yields the current partition.
  let upper = maxFloor;
  const start = opts.noiseFloor ?? maxFloor;
  while (next < edges && tree.w[next] > start) {
    if (groups.union(tree.a[next], tree.b[next])) upper = Math.min(upper, tree.w[next]);
    next++;
  }

  if (opts.noiseFloor === undefined) {
    const total = rowSpectrum(U, N, m).singular;
    for (;;) {
      const tol = opts.rankTolerance ?? upper;
      if (groups.count <= 1 || groups.rankSum(tol) <= numericalRank(total, tol)) break;
      // Merge at the next tree edge and every tree edge tied with it: the
      // components of {|cos| ≥ w} are those of the tree's edges ≥ w.
      const w = tree.w[next];
      while (next < edges && tree.w[next] >= w) {
        groups.union(tree.a[next], tree.b[next]);
        next++;
      }
      upper = w;
    }
  }
  // Every tree edge left joins two different factors, and the heaviest of them is
  // the largest |cos| across factors (a heavier cross pair would have entered the tree).
  const cross = next < edges ? tree.w[next] : 0;
  const rankTolerance = opts.rankTolerance ?? upper;
  const factors = groups.list();
  const bundles = factors.map((g) => ({ features: g.map((a) => ids[a]), dimension: numericalRank(groups.singular(g[0]), rankTolerance) }));
  if (opts.noiseFloor !== undefined) {
    return {
      bundles,
      noiseFloor: opts.noiseFloor,
      rankTolerance,
      rationale: `given: |cos| > ${opts.noiseFloor} links two features`,
    };
  }
  const lower = Math.max(cross, Math.min(minFloor, upper / 10));
  const noiseFloor = lower < upper ? Math.sqrt(lower * upper) : cross;
  const rationale =
    factors.length === 1 && N > 1 && upper >= maxFloor
      ? `one factor: the interference graph is connected at |cos| > ${maxFloor}, the highest floor considered; floor ${fmt(noiseFloor)}`
      : `finest split whose factor ranks add up (Σ rank = ${bundles.reduce((s, b) => s + b.dimension, 0)}): ` +
        `largest |cos| across factors ${fmt(cross)}, weakest link within ${fmt(upper)}${upper >= maxFloor ? ' (capped)' : ''}; floor at the geometric middle ${fmt(noiseFloor)}`;
  return { bundles, noiseFloor, rankTolerance, rationale };
}

function gather(U: Float64Array, m: number, rows: number[]): Float64Array {
  const out = new Float64Array(rows.length * m);
  rows.forEach((a, k) => out.set(U.subarray(a * m, a * m + m), k * m));
  return out;
}

function fmt(x: number): string {
  return Number(x.toPrecision(3)).toString();
}

/** Edges of a spanning tree, heaviest first: edge e joins a[e] and b[e] with weight w[e]. */
interface SpanningTree {
  a: Int32Array;
  b: Int32Array;
  w: Float64Array;
}

/**
 * Maximum spanning tree of the complete graph on N unit directions weighted by
 * |cos| (Prim's algorithm on a dense graph): each step computes the cosines of
 * the vertex just added to every vertex outside the tree, so every pair is
 * evaluated once, O(N² m) time, and nothing larger than the N×m directions is
 * stored. The vertices outside the tree are kept compacted (ids, rows, best
 * link) so the inner loop walks memory contiguously.
 */
function maximumSpanningTree(U: Float64Array, m: number, N: number): SpanningTree {
  const E = Math.max(N - 1, 0);
  const ta = new Int32Array(E);
  const tb = new Int32Array(E);
  const tw = new Float64Array(E);
  let left = E;
  const id = Int32Array.from({ length: left }, (_, k) => k + 1);
  const rows = U.slice(m, N * m);
  const best = new Float64Array(left).fill(-1);
  const via = new Int32Array(left);
  let v = 0;
  for (let e = 0; e < E; e++) {
    const base = v * m;
    let pick = 0;
    let pickW = -1;
    for (let k = 0; k < left; k++) {
      const o = k * m;
      let s = 0;
      for (let r = 0; r < m; r++) s += U[base + r] * rows[o + r];
      const c = Math.abs(s);
      if (c > best[k]) {
        best[k] = c;
        via[k] = v;
      }
      if (best[k] > pickW) {
        pickW = best[k];
        pick = k;
      }
    }
    ta[e] = via[pick];
    tb[e] = id[pick];
    tw[e] = pickW;
    v = id[pick];
    left--;
    id[pick] = id[left];
    best[pick] = best[left];
    via[pick] = via[left];
    rows.copyWithin(pick * m, left * m, left * m + m);
  }
  const order = Uint32Array.from({ length: E }, (_, e) => e).sort((x, y) => tw[y] - tw[x]);
  return {
    a: Int32Array.from(order, (e) => ta[e]),
    b: Int32Array.from(order, (e) => tb[e]),
    w: Float64Array.from(order, (e) => tw[e]),
  };
}

/**
 * Disjoint sets over 0..N-1 (union-find with path halving), each set's members
 * kept ascending and its directions' singular values cached until it merges, so
 * a rank test after a merge recomputes only the merged set's spectrum.
 */
class Groups {
  private readonly sets: DisjointSets;
  private readonly members = new Map<number, number[]>();
  private readonly spectra = new Map<number, Float64Array>();
  constructor(
    private readonly U: Float64Array,
    private readonly m: number,
    N: number,
  ) {
    this.sets = new DisjointSets(N);
    for (let a = 0; a < N; a++) this.members.set(a, [a]);
  }
  /** Number of sets. */
  get count(): number {
    return this.members.size;
  }
  /** Joins the sets of a and b; true when they were different. */
  union(a: number, b: number): boolean {
    const joined = this.sets.union(a, b);
    if (!joined) return false;
    const { root, other } = joined;
    this.members.set(root, mergeAscending(this.members.get(root)!, this.members.get(other)!));
    this.members.delete(other);
    this.spectra.delete(root);
    this.spectra.delete(other);
    return true;
  }
  /** Singular values of the unit directions of the set rooted at `root`, members in ascending order. */
  singular(root: number): Float64Array {
    let s = this.spectra.get(root);
    if (!s) {
      const rows = this.members.get(root)!;
      s = rowSpectrum(gather(this.U, this.m, rows), rows.length, this.m).singular;
      this.spectra.set(root, s);
    }
    return s;
  }
  /** Σ numerical rank over all sets at relative tolerance relTol. */
  rankSum(relTol: number): number {
    let sum = 0;
    for (const root of this.members.keys()) sum += numericalRank(this.singular(root), relTol);
    return sum;
  }
  /** Members of every set, ascending, sets ordered by smallest member. */
  list(): number[][] {
    return [...this.members.keys()].sort((x, y) => x - y).map((r) => this.members.get(r)!);
  }
}

function mergeAscending(x: number[], y: number[]): number[] {
  const out = new Array<number>(x.length + y.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < x.length && j < y.length) out[k++] = x[i] < y[j] ? x[i++] : y[j++];
  while (i < x.length) out[k++] = x[i++];
  while (j < y.length) out[k++] = y[j++];
  return out;
}
