/**
 * The affine hyperplane arrangement of the ReLU decoder x' = ReLU(Wᵀh + b):
 * feature i cuts the hidden space R^m along H_i = {h : ⟨w_i, h⟩ + b_i = 0};
 * the regions of the arrangement are the activation patterns the decoder can
 * realise. Counts follow Zaslavsky (1975): regions = (−1)^m χ(−1) and
 * (relatively) bounded regions = (−1)^rank χ(1), the convention of Sage's
 * `n_regions` / `n_bounded_regions` (for a non-essential arrangement the latter
 * counts the bounded regions of its essentialisation).
 */
import { prepareHyperplanes } from './hyperplanes.js';
import { normalCoordinates } from './normal-basis.js';
import { productSplit, type SplitGroup } from './product-split.js';
import { integerDirection, makePrimitive, rankOf } from './integer-vectors.js';
import { rationalise } from './rational.js';
import { exactUniformTest, numericUniformTest, type UniformTest } from './general-position.js';
import { numericalRank } from './float-vectors.js';
import { numericPosetCharacteristicPolynomial } from './numeric-poset.js';
import type { PosetResult } from './mobius.js';
import { affineGenericChi, centralGenericChi } from './generic-polynomial.js';
import { exactPosetCharacteristicPolynomial } from './intersection-poset.js';
import { evaluate, multiply, shift } from './polynomial.js';

/** How χ was obtained. */
export type ArrangementMethod = 'general-position' | 'intersection-poset';

/** Parameters of {@link arrangementOf}. */
export interface ArrangementOptions {
  /** Features to use (0-based, e.g. the represented ones). Default: all n. */
  features?: number[];
  /**
   * Relative tolerance, default 1e-8. A normal is zero when ‖w_i‖ ≤ tol·max‖w‖; unit
   * normals are parallel when they differ by ≤ tol; a vector lies in a span when its
   * residual is ≤ tol times its norm; parallel hyperplanes coincide when their offsets, in units of
   * {@link Arrangement.lengthScale}, differ by ≤ tol; a basis coefficient ≤ tol (relative to
   * the largest of its normal) is zero; 'exact' arithmetic rounds to fractions within tol.
   * Trained float32 weights need a tolerance near their noise floor (e.g. 1e-4–1e-3) for
   * their symmetries to count as exact.
   */
  tolerance?: number;
  /** Most flats per factor before giving up on the intersection poset. Default 20 000. */
  maxFlats?: number;
  /** Most determinants the general-position test may evaluate per factor. Default 200 000. */
  maxMinors?: number;
  /**
   * Above this many features nothing is computed beyond the general-position bound for
   * rank m (grouping parallel normals alone is quadratic in n). Default 1000.
   */
  maxHyperplanes?: number;
  /** Split into product factors before computing χ (default true); false computes the whole poset at once. */
  factorize?: boolean;
  /**
   * How the intersection poset and the general-position test decide "in the span":
   * 'float' (default): relative residual ≤ tolerance, which also sees degeneracies with
   * irrational coefficients (regular polytopes); 'exact': BigInt linear algebra on the
   * input rounded to fractions, always a consistent lattice but blind to relations whose
   * coefficients are not simple fractions in the normals as given.
   */
  arithmetic?: 'float' | 'exact';
}

/** One factor A_k of the product decomposition, described in its essential dimension. */
export interface ArrangementFactor {
  /** Features whose hyperplanes belong to this factor (duplicates included), ascending. */
  features: number[];
  /** Distinct hyperplanes in the factor. */
  hyperplanes: number;
  /** Rank of its normals = its essential dimension. */
  rank: number;
  /** All its hyperplanes share a point. */
  central: boolean;
  /** In general position for its kind (affine: no rank+1 share a point; central: every rank normals independent). */
  generalPosition: boolean;
  method: ArrangementMethod;
  /** χ of the essential factor, highest degree (rank) first. */
  chi: number[];
  regions: number;
  boundedRegions: number;
  /** Present when the poset was abandoned and the general-position values stand in. */
  capped?: string;
}

/** The arrangement's combinatorics; plain JSON. */
export interface Arrangement {
  /** Distinct hyperplanes (after dropping zero normals and merging duplicates). */
  n: number;
  /** Ambient dimension. */
  m: number;
  /** Rank of the normals. */
  rank: number;
  /** All hyperplanes share a point (e.g. b = 0). */
  central: boolean;
  /**
   * In general position: every k ≤ m hyperplanes meet in an (m−k)-flat and, unless the
   * arrangement is central, no m+1 share a point. Refers to the merged hyperplanes.
   */
  generalPosition: boolean;
  /** χ(t), coefficients from t^m down to t^0 (length m+1); rounded when not {@link safeIntegers}. */
  chi: number[];
  /** The same coefficients as exact decimal strings. */
  chiText: string[];
  /** Number of regions (activation patterns), (−1)^m χ(−1). */
  regions: number;
  regionsText: string;
  /** Number of relatively bounded regions, (−1)^rank χ(1). */
  boundedRegions: number;
  boundedRegionsText: string;
  /** Whether every number above is a safe integer (|x| ≤ 2^53 − 1); else read the *Text fields. */
  safeIntegers: boolean;
  /** Features of each product factor, the finest split. */
  factors: number[][];
  factorDetails: ArrangementFactor[];
  /** Groups of features defining the same hyperplane (up to scale), representative first. */
  duplicates: number[][];
  /** Features whose normal is zero (no hyperplane). */
  dropped: number[];
  /** Features used, ascending. */
  features: number[];
  /** 'general-position' when every factor's χ came from the closed form, else 'intersection-poset'. */
  method: ArrangementMethod;
  /** Why some counts are general-position bounds rather than exact. */
  capped?: string;
  tolerance: number;
  arithmetic: 'float' | 'exact';
  /** The unit of the offset tolerance: the smallest power of two ≥ every hyperplane's offset b_j/λ_j. */
  lengthScale: number;
}

const DEFAULT_TOLERANCE = 1e-8;
const DEFAULT_MAX_FLATS = 20_000;
const DEFAULT_MAX_MINORS = 200_000;
const DEFAULT_MAX_HYPERPLANES = 1000;

/**
 * Regions, bounded regions, characteristic polynomial and product decomposition of the
 * affine arrangement {⟨w_i, h⟩ + b_i = 0} in R^m.
 *
 * Every hyperplane is written in coordinates y_k = ⟨w_{B_k}, h⟩ given by a basis of the
 * normals themselves, so nothing depends on the rotation of the hidden space: hyperplane j
 * becomes the coned vector (c_j, b_j/L) ∈ R^{rank+1}. The product split reads the zero
 * pattern of c (|c| ≤ tol: zero); χ comes from the closed form when the factor is in
 * general position, else from its intersection poset (opts.arithmetic says how "in the
 * span" is decided). In 'exact' mode the coefficients are rounded to the simplest
 * fractions within the tolerance (continued fractions), so relations that hold with
 * simple fractions (antipodal features, w₃ = w₁ + w₂, equal biases) are exact.
 *
 * @param W - feature-major n×m weights: W[i*m + r] is coordinate r of feature i.
 * @param m - hidden dimension.
 * @param b - decoder bias of length n, or null for b = 0.
 * @param opts - see {@link ArrangementOptions}.
 */
export function arrangementOf(W: Float64Array, m: number, b: Float64Array | null, opts: ArrangementOptions = {}): Arrangement {
  if (!Number.isInteger(m) || m < 1 || W.length % m !== 0) throw new RangeError(`W has ${W.length} entries, not a multiple of m = ${m}`);
  const nAll = W.length / m;
  if (b && b.length !== nAll) throw new RangeError(`bias has ${b.length} entries, W has ${nAll} features`);
  const tol = opts.tolerance ?? DEFAULT_TOLERANCE;
  if (!(tol > 0 && tol < 1)) throw new RangeError(`tolerance must be in (0, 1), got ${tol}`);
  const maxFlats = opts.maxFlats ?? DEFAULT_MAX_FLATS;
  const maxMinors = opts.maxMinors ?? DEFAULT_MAX_MINORS;
  const arithmetic = opts.arithmetic ?? 'float';
  const features = [...new Set(opts.features ?? Array.from({ length: nAll }, (_, i) => i))].sort((x, y) => x - y);
  for (const f of features) if (!Number.isInteger(f) || f < 0 || f >= nAll) throw new RangeError(`feature ${f} out of range 0..${nAll - 1}`);
  const maxHyperplanes = opts.maxHyperplanes ?? DEFAULT_MAX_HYPERPLANES;
  if (features.length > maxHyperplanes) return tooManyHyperplanes(features, m, maxHyperplanes, tol, arithmetic);

  const prep = prepareHyperplanes(W, m, b, features, tol);
  const coords = normalCoordinates(prep.classes.map((c) => c.direction), tol);
  // Each class's coefficient line, scaled to largest entry 1 and rounded to simple fractions.
  const classScale = coords.coefficients.map((c) => Math.max(...c.map(Math.abs)));
  const classLines = coords.coefficients.map((c, k) => Array.from(c, (x) => rationalise(x / classScale[k], tol)));
  const hyperplanes = mergeEqual(
    prep.hyperplanes.map((h) => ({ ...h, vector: integerDirection([...classLines[h.normalClass], rationalise(h.offset / classScale[h.normalClass], tol)]) })),
  );
  const groups: SplitGroup[] =
    opts.factorize === false
      ? [{ members: prep.classes.map((_, i) => i), basisPositions: coords.basis.map((_, k) => k) }]
      : productSplit(coords.basis, classLines);
  const factorDetails = groups.map((g) => {
    const inGroup = new Set(g.members);
    const mine = hyperplanes.filter((h) => inGroup.has(h.normalClass));
    // Restricted to the group's own basis coordinates (and the offset): the essential factor.
    const cols = [...g.basisPositions, coords.basis.length];
    const r = g.basisPositions.length;
    const backend =
      arithmetic === 'exact'
        ? exactBackend(mine.map((h) => makePrimitive(cols.map((k) => h.vector[k]))), r, maxFlats, maxMinors)
        : floatBackend(
            mine.map((h) => {
              const c = coords.coefficients[h.normalClass];
              return Float64Array.from(cols, (k) => (k < coords.basis.length ? c[k] : h.offset) / classScale[h.normalClass]);
            }),
            r,
            maxFlats,
            maxMinors,
            tol,
          );
    const f = factorOf(backend);
    return { features: mine.flatMap((h) => h.features).sort((x, y) => x - y), hyperplanes: mine.length, ...f };
  });

  const rank = coords.basis.length;
  const n = hyperplanes.length;
  const single = factorDetails.length === 1 ? factorDetails[0] : null;
  return assemble({
    m,
    rank,
    n,
    factorDetails,
    generalPosition: n === rank || (rank === m && single !== null && single.generalPosition),
    duplicates: hyperplanes.filter((h) => h.features.length > 1).map((h) => h.features),
    dropped: prep.dropped,
    features: prep.features,
    tolerance: tol,
    arithmetic,
    lengthScale: prep.lengthScale,
  });
}

/** The general-position bound for n hyperplanes of rank min(n, m), when n is too large to look closer. */
function tooManyHyperplanes(features: number[], m: number, limit: number, tol: number, arithmetic: 'float' | 'exact'): Arrangement {
  const n = features.length;
  const rank = Math.min(n, m);
  const capped = `arrangement of ${n} hyperplanes in R^${m}: more than ${limit} hyperplanes; showing the general-position bound instead (the region count is an upper bound)`;
  const chiAsc = affineGenericChi(n, rank);
  const s = rank % 2 === 0 ? 1n : -1n;
  const factor: FactorDetail = {
    features,
    hyperplanes: n,
    rank,
    central: false,
    generalPosition: false,
    method: 'general-position',
    chi: [...chiAsc].reverse().map(Number),
    regions: Number(s * evaluate(chiAsc, -1n)),
    boundedRegions: Number(s * evaluate(chiAsc, 1n)),
    chiAsc,
    capped,
  };
  return assemble({ m, rank, n, factorDetails: [factor], generalPosition: false, duplicates: [], dropped: [], features, tolerance: tol, arithmetic, lengthScale: 1 });
}

type FactorDetail = ArrangementFactor & { chiAsc: bigint[] };

/** χ = t^{m−rank}·Π χ_k and the counts from it, with the rest of the result. */
function assemble(parts: {
  m: number;
  rank: number;
  n: number;
  factorDetails: FactorDetail[];
  generalPosition: boolean;
  duplicates: number[][];
  dropped: number[];
  features: number[];
  tolerance: number;
  arithmetic: 'float' | 'exact';
  lengthScale: number;
}): Arrangement {
  const { m, rank, factorDetails } = parts;
  let chiAsc: bigint[] = [1n];
  for (const f of factorDetails) chiAsc = multiply(chiAsc, f.chiAsc);
  chiAsc = shift(chiAsc, m - rank);
  const sign = (k: number): bigint => (k % 2 === 0 ? 1n : -1n);
  const regions = sign(m) * evaluate(chiAsc, -1n);
  const bounded = sign(rank) * evaluate(chiAsc, 1n);
  const chiDesc = [...chiAsc].reverse();
  const capped = factorDetails.map((f) => f.capped).filter((s): s is string => s !== undefined);
  return {
    n: parts.n,
    m,
    rank,
    central: factorDetails.every((f) => f.central),
    generalPosition: parts.generalPosition,
    chi: chiDesc.map(Number),
    chiText: chiDesc.map(String),
    regions: Number(regions),
    regionsText: String(regions),
    boundedRegions: Number(bounded),
    boundedRegionsText: String(bounded),
    safeIntegers: [...chiDesc, regions, bounded].every(isSafe),
    factors: factorDetails.map((f) => f.features),
    factorDetails: factorDetails.map(({ chiAsc: _chi, ...rest }) => rest),
    duplicates: parts.duplicates,
    dropped: parts.dropped,
    features: parts.features,
    method: factorDetails.every((f) => f.method === 'general-position') ? 'general-position' : 'intersection-poset',
    ...(capped.length > 0 ? { capped: capped.join('; ') } : {}),
    tolerance: parts.tolerance,
    arithmetic: parts.arithmetic,
    lengthScale: parts.lengthScale,
  };
}

type FactorResult = Omit<ArrangementFactor, 'features' | 'hyperplanes'> & { chiAsc: bigint[] };

/** One factor's linear algebra, exact or in floating point. */
interface FactorBackend {
  /** Distinct hyperplanes. */
  count: number;
  /** Essential dimension. */
  rank: number;
  central: () => boolean;
  /** General-position test of the normals (central) or of the coned vectors with e_∞. */
  uniform: (central: boolean) => UniformTest;
  poset: () => PosetResult;
  maxFlats: number;
}

function exactBackend(vectors: bigint[][], r: number, maxFlats: number, maxMinors: number): FactorBackend {
  const infinity = new Array<bigint>(r + 1).fill(0n);
  infinity[r] = 1n;
  return {
    count: vectors.length,
    rank: r,
    maxFlats,
    central: () => rankOf(vectors) === r,
    // For a central factor the coned vectors and the normals have the same matroid; test the normals.
    uniform: (central) =>
      central ? exactUniformTest(vectors.map((v) => v.slice(0, r)), r, maxMinors) : exactUniformTest([...vectors, infinity], r + 1, maxMinors),
    poset: () => exactPosetCharacteristicPolynomial(vectors, r, maxFlats),
  };
}

function floatBackend(vectors: Float64Array[], r: number, maxFlats: number, maxMinors: number, tol: number): FactorBackend {
  const infinity = new Float64Array(r + 1);
  infinity[r] = 1;
  return {
    count: vectors.length,
    rank: r,
    maxFlats,
    central: () => numericalRank(vectors, tol) === r,
    uniform: (central) =>
      central
        ? numericUniformTest(vectors.map((v) => v.subarray(0, r)), r, maxMinors, tol)
        : numericUniformTest([...vectors, infinity], r + 1, maxMinors, tol),
    poset: () => numericPosetCharacteristicPolynomial(vectors, r, maxFlats, tol),
  };
}

/** χ and counts of one essential factor (in R^r, coned to R^{r+1}). */
function factorOf(backend: FactorBackend): FactorResult {
  const { count: nh, rank: r, maxFlats } = backend;
  const central = backend.central();
  const done = (chiAsc: bigint[], method: ArrangementMethod, generalPosition: boolean, capped?: string): FactorResult => {
    const s = r % 2 === 0 ? 1n : -1n;
    return {
      rank: r,
      central,
      generalPosition,
      method,
      chi: [...chiAsc].reverse().map(Number),
      regions: Number(s * evaluate(chiAsc, -1n)),
      boundedRegions: Number(s * evaluate(chiAsc, 1n)),
      chiAsc,
      ...(capped !== undefined ? { capped } : {}),
    };
  };
  const generic = central ? centralGenericChi(nh, r) : affineGenericChi(nh, r);
  // r independent normals: a coordinate system, the Boolean arrangement (t−1)^r.
  if (nh === r) return done(generic, 'general-position', true);
  const test = backend.uniform(central);
  if (test === 'uniform') return done(generic, 'general-position', true);
  const poset = backend.poset();
  if ('capped' in poset) {
    const why = test === 'skipped' ? 'general position not verified' : 'not in general position';
    const message = `arrangement of ${nh} hyperplanes of rank ${r}: more than ${maxFlats} flats; showing the general-position bound instead (${why}; the region count is an upper bound)`;
    return done(generic, 'general-position', false, message);
  }
  // Region counts are maximal exactly in general position, so an equal χ means general position.
  return done(poset.chi, 'intersection-poset', poset.chi.every((c, i) => c === generic[i]));
}

/**
 * Merges hyperplanes whose rounded vectors coincide: offsets just over the tolerance
 * apart can round to the same fraction, and then they are one hyperplane.
 */
function mergeEqual<T extends { features: number[]; normalClass: number; vector: bigint[] }>(hyperplanes: T[]): T[] {
  const byKey = new Map<string, T>();
  for (const h of hyperplanes) {
    const key = h.vector.join(',');
    const same = byKey.get(key);
    if (same) same.features.push(...h.features);
    else byKey.set(key, { ...h, features: [...h.features] });
  }
  return [...byKey.values()];
}

function isSafe(x: bigint): boolean {
  return x <= BigInt(Number.MAX_SAFE_INTEGER) && x >= -BigInt(Number.MAX_SAFE_INTEGER);
}
