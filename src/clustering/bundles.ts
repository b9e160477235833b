import { cosineMatrix, unitDirections } from '../features/directions.js';
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
 * @param W - Feature-major n×m values: W[i*m + r] is coordinate r of feature i.
 * @param m - Hidden dimension.
 * @param represented - Indices of the represented features (others are ignored).
 * @param opts - Overrides and tuning parameters.
 * @returns Bundles, the floor, the rank tolerance and a rationale.
 */
export function orthogonalDecomposition(
  W: Float64Array,
  m: number,
  represented: readonly number[],
  opts: DecompositionOptions = {},
): OrthogonalDecomposition {
  const maxFloor = opts.maxFloor ?? 0.3;
  const minFloor = opts.minFloor ?? 0.01;
  const ids = [...represented].sort((a, b) => a - b);
  const N = ids.length;
  const U = unitDirections(W, m, ids);
  const C = cosineMatrix(U, m, N);
  const edges: { a: number; b: number; w: number }[] = [];
  for (let a = 0; a < N; a++) for (let b = a + 1; b < N; b++) edges.push({ a, b, w: Math.abs(C[a * N + b]) });
  edges.sort((x, y) => y.w - x.w);

  const uf = new UnionFind(N);
  let next = 0;
  // Upper end of the floor interval that yields the current partition.
  let upper = maxFloor;
  const start = opts.noiseFloor ?? maxFloor;
  while (next < edges.length && edges[next].w > start) {
    if (uf.union(edges[next].a, edges[next].b)) upper = Math.min(upper, edges[next].w);
    next++;
  }
  const total = rowSpectrum(U, N, m).singular;
  const rankOf = (members: number[], relTol: number): number =>
    numericalRank(rowSpectrum(gather(U, m, members), members.length, m).singular, relTol);

  if (opts.noiseFloor === undefined) {
    for (;;) {
      const groups = uf.groups();
      const tol = opts.rankTolerance ?? upper;
      const sum = groups.reduce((s, g) => s + rankOf(g, tol), 0);
      if (groups.length <= 1 || sum <= numericalRank(total, tol)) break;
      // Merge at the next cross-component edge and every edge tied with it.
      while (uf.find(edges[next].a) === uf.find(edges[next].b)) next++;
      const w = edges[next].w;
      while (next < edges.length && edges[next].w >= w) {
        uf.union(edges[next].a, edges[next].b);
        next++;
      }
      upper = w;
    }
  }
  let cross = 0;
  for (let k = next; k < edges.length; k++) {
    if (uf.find(edges[k].a) !== uf.find(edges[k].b)) {
      cross = edges[k].w;
      break;
    }
  }
  const rankTolerance = opts.rankTolerance ?? upper;
  const groups = uf.groups();
  const bundles = groups.map((g) => ({ features: g.map((a) => ids[a]), dimension: rankOf(g, rankTolerance) }));

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
    groups.length === 1 && N > 1 && upper >= maxFloor
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

/** Disjoint sets over 0..N-1 with path halving. */
class UnionFind {
  private readonly parent: Int32Array;
  constructor(N: number) {
    this.parent = Int32Array.from({ length: N }, (_, i) => i);
  }
  find(a: number): number {
    let x = a;
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]];
      x = this.parent[x];
    }
    return x;
  }
  /** Joins the sets of a and b; true when they were different. */
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    // The smaller root wins so each group is labelled by its smallest member.
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
    return true;
  }
  /** Members of every set, ascending, sets ordered by smallest member. */
  groups(): number[][] {
    const byRoot = new Map<number, number[]>();
    for (let a = 0; a < this.parent.length; a++) {
      const r = this.find(a);
      const g = byRoot.get(r);
      if (g) g.push(a);
      else byRoot.set(r, [a]);
    }
    return [...byRoot.values()];
  }
}
