/**
 * Candidate groups at dictionary scale (thousands of directions, N ≫ m), where
 * no feature is orthogonal to the rest and an exact decomposition is
 * meaningless. One screening pass over the Gram matrix of unit directions
 * (float32, blocked, src/screening) gives
 * - the significant pairs: |cos| above what N random unit directions in R^m
 *   reach by chance (chanceCosine, expected 0.01 chance pairs), re-checked in
 *   float64; and
 * - each feature's strongest partners, where rank deficiency is looked for:
 *   a feature lying in the span of 2, 3 or 4 of its partners is a circuit random
 *   directions do not form, even when every |cos| is below the pair threshold
 *   (a tetrahedron's 1/3 at m = 256 among 32k directions whose random pairs
 *   reach ≈ 0.37).
 * Groups are the connected components of both kinds of link.
 */
import type { Screener } from '../screening/index.js';
import { recheckPairs, unitDirections } from '../screening/index.js';
import { chanceCosine, subspaceDistanceCdf } from './baseline.js';
import { DisjointSets } from '../clustering/disjoint-sets.js';
import { copyRows } from '../features/directions.js';

/** Expected chance pairs among N random directions that the pair threshold admits. */
export const CHANCE_PAIRS = 0.01;

/** Partners per feature kept by the screening pass. */
export const SCREEN_TOP_K = 16;

/** Partners per feature searched for circuits (subsets of 2, 3 and 4 of them: 28 + 56 + 70 per feature). */
export const CIRCUIT_PARTNERS = 8;

/** Circuits' spanning partners must be well conditioned: smallest eigenvalue of their Gram at least this (σ_min ≥ 0.35, as the Hough step's MIN_CONDITION). */
const MIN_SPAN_EIGEN = 0.35 * 0.35;

/** Largest distance from a span accepted for a circuit, whatever the baseline allows (about 17°). */
const MAX_CIRCUIT_DISTANCE = 0.3;

/** Expected chance circuits among all those tested that the distance threshold admits. */
const CHANCE_CIRCUITS = 0.001;

/** What the screening found, in the caller's feature indices. */
export interface DictionaryGroups {
  /** Components with at least two features, ascending, ordered by smallest member. */
  groups: number[][];
  /** |cos| threshold of a significant pair. */
  pairThreshold: number;
  /** Distance threshold of a circuit, per k = 2, 3, 4. */
  circuitDistance: Record<number, number>;
  /** Significant pairs (float64-checked) and circuits found. */
  pairs: number;
  circuits: number;
  /** Each feature's largest |cos| partner outside a given set, from the top-K lists. */
  maxCross: (features: readonly number[]) => number;
  /** Rows whose significant partners exceeded the screening's per-row bound. */
  truncatedRows: number;
  /** Which kernel ran. */
  backend: string;
}

/**
 * Screen `features` (indices into W) and group them.
 *
 * @param W - Feature-major n×m weights (float32 or float64).
 * @param m - Hidden dimension.
 * @param features - The features to screen (e.g. the represented ones), ascending.
 * @param screener - The screening backend (worker pool in the CLI, one thread in a page).
 * @param onProgress - Fraction of the Gram tiles screened.
 */
export async function dictionaryGroups(
  W: Float32Array | Float64Array,
  m: number,
  features: readonly number[],
  screener: Screener,
  onProgress?: (fraction: number) => void,
): Promise<DictionaryGroups> {
  const N = features.length;
  // The screened rows in W's own storage (float32 stays float32: exact for the float64 re-check), and W itself
  // when every feature is screened: no copy of a dictionary.
  const all = N * m === W.length && features.every((f, a) => f === a);
  const sub = all ? W : copyRows(W, m, features, W instanceof Float32Array ? new Float32Array(N * m) : new Float64Array(N * m));
  const units = unitDirections(sub, N, m);
  const pairThreshold = chanceCosine(m, (N * (N - 1)) / 2, CHANCE_PAIRS);
  // Screen a little below the threshold so that float32 rounding cannot drop a pair the float64 check keeps.
  const screening = await screener.screen(units, N, m, { threshold: Math.max(0, pairThreshold - 1e-4), topK: SCREEN_TOP_K }, onProgress);
  const exact = recheckPairs(sub, N, m, screening.pairs);
  const dsu = new DisjointSets(N);
  let pairs = 0;
  for (let p = 0; p < exact.length; p++) {
    if (Math.abs(exact[p]) <= pairThreshold) continue;
    dsu.union(screening.pairs.i[p], screening.pairs.j[p]);
    pairs++;
  }
  const { top } = screening;
  const K = Math.min(CIRCUIT_PARTNERS, top.k);
  const circuitDistance: Record<number, number> = {};
  for (const k of [2, 3, 4]) {
    const tested = N * binomialSmall(K, k);
    circuitDistance[k] = Math.min(MAX_CIRCUIT_DISTANCE, distanceAtChance(m, k, tested, CHANCE_CIRCUITS));
  }
  let circuits = 0;
  const local = new Float64Array((K + 1) * (K + 1));
  const dot = (a: number, b: number): number => {
    let s = 0;
    for (let r = 0; r < m; r++) s += units[a * m + r] * units[b * m + r];
    return s;
  };
  for (let a = 0; a < N && m > 4; a++) {
    const partners = Array.from(top.index.subarray(a * top.k, a * top.k + K));
    const idx = [a, ...partners];
    for (let x = 0; x <= K; x++) {
      local[x * (K + 1) + x] = 1;
      for (let y = x + 1; y <= K; y++) {
        const c = x === 0 ? top.cos[a * top.k + y - 1] : dot(idx[x], idx[y]);
        local[x * (K + 1) + y] = c;
        local[y * (K + 1) + x] = c;
      }
    }
    const G = (x: number, y: number): number => local[x * (K + 1) + y];
    for (let x = 1; x <= K; x++) {
      for (let y = x + 1; y <= K; y++) {
        const pair = [x, y];
        if (inSpan(G, 0, pair, circuitDistance[2]) && needsAll(G, pair, circuitDistance[2])) {
          dsu.union(a, idx[x]);
          dsu.union(a, idx[y]);
          circuits++;
        }
        for (let z = y + 1; z <= K; z++) {
          const triple = [x, y, z];
          if (inSpan(G, 0, triple, circuitDistance[3]) && needsAll(G, triple, circuitDistance[3])) {
            for (const t of triple) dsu.union(a, idx[t]);
            circuits++;
          }
          for (let w = z + 1; w <= K; w++) {
            const quad = [x, y, z, w];
            if (inSpan(G, 0, quad, circuitDistance[4]) && needsAll(G, quad, circuitDistance[4])) {
              for (const t of quad) dsu.union(a, idx[t]);
              circuits++;
            }
          }
        }
      }
    }
  }
  const byRoot = new Map<number, number[]>();
  for (let a = 0; a < N; a++) {
    const r = dsu.find(a);
    const list = byRoot.get(r);
    if (list) list.push(features[a]);
    else byRoot.set(r, [features[a]]);
  }
  const groups = [...byRoot.values()].filter((g) => g.length >= 2).sort((x, y) => x[0] - y[0]);
  const position = new Map<number, number>();
  features.forEach((f, a) => position.set(f, a));
  const maxCross = (members: readonly number[]): number => {
    const inside = new Set(members);
    let best = 0;
    for (const f of members) {
      const a = position.get(f);
      if (a === undefined) continue;
      for (let t = 0; t < top.k; t++) {
        if (inside.has(features[top.index[a * top.k + t]])) continue;
        best = Math.max(best, Math.abs(top.cos[a * top.k + t]));
        break;
      }
    }
    return best;
  };
  return {
    groups,
    pairThreshold,
    circuitDistance,
    pairs,
    circuits,
    maxCross,
    truncatedRows: screening.pairs.truncatedRows,
    backend: screener.describe(),
  };
}

/**
 * A circuit is minimal: feature 0 must not already lie within `delta` of the
 * span of fewer of its partners (a near-duplicate partner would otherwise pull
 * any random direction into its group).
 */
function needsAll(G: (x: number, y: number) => number, S: number[], delta: number): boolean {
  for (let drop = 0; drop < S.length; drop++) {
    const rest = S.filter((_, t) => t !== drop);
    if (rest.length === 1) {
      const c = G(0, rest[0]);
      if (1 - c * c <= delta * delta) return false;
    } else if (inSpan(G, 0, rest, delta)) return false;
  }
  return true;
}

/**
 * Whether unit vector `f` lies within `delta` of the span of the unit vectors
 * `S` (given through their Gram entries G), the span well conditioned:
 * dist² = 1 − gᵀ G_S⁻¹ g = 1 − ‖L⁻¹g‖² with G_S = L Lᵀ (Cholesky) and g the
 * cosines of f to S; G_S − MIN_SPAN_EIGEN·I positive definite ⇔ λ_min ≥ MIN_SPAN_EIGEN.
 */
function inSpan(G: (x: number, y: number) => number, f: number, S: number[], delta: number): boolean {
  const k = S.length;
  const g = new Float64Array(k);
  let g2 = 0;
  for (let x = 0; x < k; x++) {
    g[x] = G(f, S[x]);
    g2 += g[x] * g[x];
  }
  // gᵀG_S⁻¹g ≤ ‖g‖²/λ_min: too small a ‖g‖ cannot reach 1 − δ².
  if (g2 < (1 - delta * delta) * MIN_SPAN_EIGEN) return false;
  const A = new Float64Array(k * k);
  for (let x = 0; x < k; x++) for (let y = 0; y < k; y++) A[x * k + y] = G(S[x], S[y]) - (x === y ? MIN_SPAN_EIGEN : 0);
  if (!cholesky(A, k)) return false;
  for (let x = 0; x < k; x++) for (let y = 0; y < k; y++) A[x * k + y] = G(S[x], S[y]);
  if (!cholesky(A, k)) return false;
  let proj = 0;
  for (let x = 0; x < k; x++) {
    let y = g[x];
    for (let t = 0; t < x; t++) y -= A[x * k + t] * g[t];
    g[x] = y / A[x * k + x];
    proj += g[x] * g[x];
  }
  return 1 - proj <= delta * delta;
}

/** In-place Cholesky factor (lower triangle) of a small symmetric matrix; false unless positive definite. */
function cholesky(A: Float64Array, k: number): boolean {
  for (let c = 0; c < k; c++) {
    let d = A[c * k + c];
    for (let t = 0; t < c; t++) d -= A[c * k + t] * A[c * k + t];
    if (!(d > 0)) return false;
    const l = Math.sqrt(d);
    A[c * k + c] = l;
    for (let r = c + 1; r < k; r++) {
      let v = A[r * k + c];
      for (let t = 0; t < c; t++) v -= A[r * k + t] * A[c * k + t];
      A[r * k + c] = v / l;
    }
  }
  return true;
}

/** The distance δ with `tested` · P(dist ≤ δ from a k-space) = expected, by bisection. */
function distanceAtChance(m: number, k: number, tested: number, expected: number): number {
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < 50; it++) {
    const mid = (lo + hi) / 2;
    if (tested * subspaceDistanceCdf(m, k, mid) > expected) hi = mid;
    else lo = mid;
  }
  return lo;
}

function binomialSmall(n: number, k: number): number {
  let r = 1;
  for (let t = 0; t < k; t++) r = (r * (n - t)) / (t + 1);
  return r;
}
