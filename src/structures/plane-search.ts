/**
 * The Hough step applied to every candidate group, never skipped. A group whose
 * k-subsets fit the enumeration budget is searched whole (findPlanes, exact);
 * a larger one is searched in local neighbourhoods: each feature with its
 * NEIGHBOURHOOD most-aligned partners in the group. Features sharing a plane
 * interfere strongly with each other (their span is only k-dimensional), so a
 * plane is among each member's nearest partners unless the group is crowded
 * with stronger interference; planes found in overlapping neighbourhoods are
 * merged when their union still spans k dimensions.
 *
 * Recall (stated in params): a k-plane is found whole when one of its members
 * has all the others among its NEIGHBOURHOOD most-aligned partners, and
 * assembled from pieces when every member has at least k + 1 co-planar partners there.
 */
import { binomial, embeddingLength } from '../grassmannian/index.js';
import { findPlanes } from '../clustering/planes.js';
import type { FoundPlane, PlaneSearchParams, PlaneSearchResult, SubsetEmbedder } from '../clustering/planes.js';
import { featureRows, numericalRank, rowSpectrum, unitDirections } from '../features/index.js';

/** Partners per feature in a local neighbourhood. 16 covers the largest vocabulary shape searched at K = 3 (an icosahedron: 11 partners). */
export const NEIGHBOURHOOD = 16;

/** One candidate group for the search. */
export interface CandidateGroup {
  features: number[];
  dimension: number;
}

/** What the search did for one group, for params. */
export interface GroupSearchNote {
  group: number;
  mode: 'enumerated' | 'neighbourhoods';
  subsets: number;
  /** Neighbourhood centres searched (all members when enumerated or small). */
  centres: number;
}

export interface GroupPlaneSearch {
  planes: FoundPlane[];
  eps: PlaneSearchResult['eps'];
  subsetsEmbedded: number;
  notes: GroupSearchNote[];
}

/**
 * Find the k-planes (k ≤ maxK) holding more than k features in every group.
 *
 * @param W - Feature-major n×m weights.
 * @param m - Hidden dimension.
 * @param groups - The candidate groups (features ascending) with their dimension.
 * @param params - As findPlanes; maxSubsets decides between whole and local search.
 * @param embed - Subset embedder (CPU or WebGPU).
 * @param onProgress - Fraction of groups searched.
 */
export async function searchGroupPlanes(
  W: Float32Array | Float64Array,
  m: number,
  groups: readonly CandidateGroup[],
  params: PlaneSearchParams,
  embed: SubsetEmbedder,
  onProgress?: (fraction: number, detail: string) => void,
): Promise<GroupPlaneSearch> {
  const planes: FoundPlane[] = [];
  const eps: PlaneSearchResult['eps'] = {};
  const notes: GroupSearchNote[] = [];
  let subsetsEmbedded = 0;
  const L = embeddingLength(m);
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g];
    onProgress?.(g / groups.length, `group ${g + 1}/${groups.length} (${group.features.length} features)`);
    if (group.features.length < 2) continue;
    const kTop = Math.min(params.maxK, group.dimension);
    let fits = true;
    for (let k = 1; k <= kTop; k++) {
      const count = binomial(group.features.length, k);
      if (count > params.maxSubsets || count * L > MAX_VALUES) fits = false;
    }
    if (fits) {
      const r = await findPlanesInSpan(W, m, group, params, embed);
      planes.push(...r.planes);
      for (const [key, t] of Object.entries(r.eps)) eps[key.replace('bundle 0', `group ${g}`)] = t;
      subsetsEmbedded += r.subsetsEmbedded;
      notes.push({ group: g, mode: 'enumerated', subsets: r.subsetsEmbedded, centres: group.features.length });
      continue;
    }
    const universes = neighbourhoods(W, m, group.features).map((universe) => ({
      features: universe,
      dimension: Math.min(group.dimension, spanDimensionOf(params)(rowSpectrum(unitDirections(W, m, universe), universe.length, m).singular)),
    }));
    // eps per k is pooled over a few evenly spaced neighbourhoods (their
    // geometry is that of one group) instead of chosen in each: choosing it is
    // the quadratic part of findPlanes.
    const epsByK = new Map<number, number[]>();
    const stride = Math.max(1, Math.floor(universes.length / EPS_POOL));
    for (let u = 0; u < universes.length; u += stride) {
      const r = await findPlanesInSpan(W, m, universes[u], params, embed);
      for (const [key, t] of Object.entries(r.eps)) {
        const k = Number(key.slice(key.indexOf('k=') + 2));
        epsByK.set(k, [...(epsByK.get(k) ?? []), t.value]);
      }
    }
    const pooled = new Map<number, { value: number; rationale: string }>();
    for (const [k, values] of epsByK) {
      values.sort((a, b) => a - b);
      const median = values[values.length >> 1];
      const rationale = `median over ${values.length} of ${universes.length} neighbourhoods (range ${fmt(values[0])}–${fmt(values[values.length - 1])}), each from its own nearest-neighbour gap`;
      pooled.set(k, { value: median, rationale });
      eps[`group ${g}, k=${k}`] = { value: median, source: params.eps === undefined ? 'auto' : 'user', rationale };
    }
    const found: FoundPlane[] = [];
    let subsets = 0;
    for (const universe of universes) {
      const r = await findPlanesInSpan(W, m, universe, { ...params, epsByK: pooled }, embed);
      found.push(...r.planes);
      subsets += r.subsetsEmbedded;
    }
    planes.push(...mergePlanes(W, m, found, spanDimensionOf(params)));
    subsetsEmbedded += subsets;
    notes.push({ group: g, mode: 'neighbourhoods', subsets, centres: Math.min(group.features.length, MAX_CENTRES) });
  }
  onProgress?.(1, 'planes');
  planes.sort((a, b) => a.dimension - b.dimension || a.features[0] - b.features[0] || a.features.length - b.features.length);
  return { planes, eps, subsetsEmbedded, notes };
}

/**
 * findPlanes on one group, in the coordinates of the group's own span: the
 * rows' coordinates in their principal basis keep every inner product, so
 * every projector distance is unchanged, while an embedding shrinks from
 * m(m+1)/2 values (32,896 at m = 256) to d(d+1)/2 for the group's d ≤ |group|.
 */
async function findPlanesInSpan(
  W: Float32Array | Float64Array,
  m: number,
  group: CandidateGroup,
  params: PlaneSearchParams,
  embed: SubsetEmbedder,
): Promise<PlaneSearchResult> {
  const N = group.features.length;
  const { coordinates, width } = rowSpectrum(featureRows(W, m, group.features), N, m);
  const local = Array.from({ length: N }, (_, a) => a);
  const r = await findPlanes(coordinates, width, [{ features: local, dimension: Math.min(group.dimension, width) }], params, embed);
  return { ...r, planes: r.planes.map((p) => ({ ...p, features: p.features.map((a) => group.features[a]) })) };
}

/**
 * Neighbourhood centres per group. A group of more features is searched from
 * MAX_CENTRES evenly spaced members (said in params): a k-plane with F members
 * is then missed only if none of them is a centre, with probability about
 * (1 − MAX_CENTRES/N)^F (below 0.1 for F = 8 at N = 2,000). Past this the
 * search would cost O(N) neighbourhoods of C(17, 3) subsets each (≈ 15 min for
 * 16,000 features).
 */
export const MAX_CENTRES = 512;

/** Neighbourhoods of a group that its eps per k is pooled from. */
const EPS_POOL = 9;

/** Memory bound of one whole-group level, as findPlanes's own (2²⁶ float64 values). */
const MAX_VALUES = 2 ** 26;

/** Each feature with its NEIGHBOURHOOD largest-|cos| partners in the group, duplicates removed. */
function neighbourhoods(W: Float32Array | Float64Array, m: number, features: readonly number[]): number[][] {
  const U = unitDirections(W, m, features);
  const N = features.length;
  const seen = new Set<string>();
  const out: number[][] = [];
  const c = new Float64Array(N);
  const order = new Int32Array(N);
  const stride = N / Math.min(N, MAX_CENTRES);
  for (let t = 0; t < Math.min(N, MAX_CENTRES); t++) {
    const a = Math.floor(t * stride);
    for (let b = 0; b < N; b++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += U[a * m + r] * U[b * m + r];
      c[b] = b === a ? Infinity : Math.abs(s);
      order[b] = b;
    }
    const top = Array.from(order)
      .sort((x, y) => c[y] - c[x])
      .slice(0, NEIGHBOURHOOD + 1);
    const universe = top.map((b) => features[b]).sort((x, y) => x - y);
    const key = universe.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(universe);
  }
  return out;
}

/**
 * Planes from overlapping neighbourhoods: identical ones once, same-k planes that
 * share a feature merged when their union still spans k dimensions, and a plane
 * inside a larger same-k plane dropped.
 */
function mergePlanes(W: Float32Array | Float64Array, m: number, planes: FoundPlane[], spanDimension: (singular: Float64Array) => number): FoundPlane[] {
  const byK = new Map<number, FoundPlane[]>();
  for (const p of planes) byK.set(p.dimension, [...(byK.get(p.dimension) ?? []), { ...p, features: [...p.features] }]);
  const out: FoundPlane[] = [];
  for (const [k, list] of byK) {
    list.sort((a, b) => b.features.length - a.features.length);
    const merged: FoundPlane[] = [];
    for (const p of list) {
      let absorbed = false;
      for (const q of merged) {
        const qs = new Set(q.features);
        if (!p.features.some((f) => qs.has(f))) continue;
        const union = [...new Set([...q.features, ...p.features])].sort((a, b) => a - b);
        if (union.length === q.features.length) {
          absorbed = true;
          break;
        }
        if (spanDimension(rowSpectrum(unitDirections(W, m, union), union.length, m).singular) === k) {
          q.features = union;
          q.subsets = Math.max(q.subsets, p.subsets);
          absorbed = true;
          break;
        }
      }
      if (!absorbed) merged.push(p);
    }
    out.push(...merged);
  }
  return out;
}

/** How a set's span dimension is read: the params' rule, else the count above rankTolerance·σ₁ (as findPlanes). */
function spanDimensionOf(params: PlaneSearchParams): (singular: Float64Array) => number {
  return params.spanDimension ?? ((singular) => numericalRank(singular, params.rankTolerance));
}

function fmt(x: number): string {
  return Number(x.toPrecision(3)).toString();
}
