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
import { judgedRank } from './float-vectors.js';
import { IncidenceJudge } from './incidence.js';
import { numericPosetCharacteristicPolynomial } from './numeric-poset.js';
import { genericFaces, posetFaces } from './faces.js';
import { checkFactor } from './zaslavsky-checks.js';
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
   * Symmetry tolerance for the normals' directions, relative, default 1e-8. A normal is zero
   * when ‖w_i‖ ≤ tol·max‖w‖; unit normals are parallel when they differ by ≤ tol; a normal
   * lies in the span of others (the rank) when its relative residual is ≤ tol; parallel
   * hyperplanes coincide when their offsets, in units of {@link Arrangement.lengthScale},
   * differ by ≤ tol; a basis coefficient ≤ tol (relative to the largest of its normal) is
   * zero, which decides the product split; 'exact' arithmetic rounds to fractions within tol.
   * Trained float32 weights need a tolerance near their noise floor (analyze passes the
   * interference noise floor) for antipodal pairs to be parallel and orthogonal bundles to
   * be factors. It does not decide where hyperplanes meet: see incidenceTolerance.
   */
  tolerance?: number;
  /**
   * Geometric tolerance of the float intersection poset and general-position test, default
   * 1e-10: hyperplane j passes through a flat when the relative residual of its coned vector
   * against the flat's (the backward error of the incidence, relative to the size of the
   * flat's coordinates and of the hyperplane) is ≤ this. Residuals up to 10⁴ times it (at most
   * 1e-4) are ambiguous and settled in exact arithmetic on the stored doubles (incidence.ts).
   * Raise it (e.g. 1e-4) to count noisy concurrencies as exact.
   */
  incidenceTolerance?: number;
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
  /** χ of the essential factor, highest degree (rank) first; null when it failed a check or a coefficient is beyond float64. */
  chi: number[] | null;
  regions: number | null;
  boundedRegions: number | null;
  /** Present when the poset was abandoned and the general-position values stand in. */
  capped?: string;
  /** Faces per dimension f_0..f_rank as decimal strings; null when the poset was too large to count them. */
  faces: string[] | null;
  /** Present when the counts failed an identity (zaslavsky-checks.ts); chi and the counts are then null. */
  error?: string;
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
  /**
   * χ(t), coefficients from t^m down to t^0 (length m+1); rounded when not {@link safeIntegers}.
   * Null (and chiText empty) when a factor failed a check: see {@link error}. Also null when a
   * coefficient is beyond float64 (a dictionary's C(16384, k) is past 1e308 from k ≈ 120);
   * chiText holds them exactly.
   */
  chi: number[] | null;
  /** The same coefficients as exact decimal strings. */
  chiText: string[];
  /** Number of regions (activation patterns), (−1)^m χ(−1); null when a check failed or it is beyond float64 (regionsText is exact). */
  regions: number | null;
  /** Its exact decimal string, or "unknown" when a check failed. */
  regionsText: string;
  /** Number of relatively bounded regions, (−1)^rank χ(1); null when a check failed or it is beyond float64. */
  boundedRegions: number | null;
  boundedRegionsText: string;
  /** Faces per dimension f_0..f_m (f_m = regions) as decimal strings; null when some factor's were not counted. */
  faces: string[] | null;
  /** The identities every factor's counts were checked against (zaslavsky-checks.ts). */
  checks: string[];
  /** Present, with the failed identities, when the counts are impossible; no count is reported then. */
  error?: string;
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
  /** Geometric tolerance of the incidence decisions ('float' arithmetic). */
  incidenceTolerance: number;
  /** Incidences that were ambiguous in floating point and decided in exact arithmetic. */
  exactDecisions: number;
  arithmetic: 'float' | 'exact';
  /** The unit of the offset tolerance: the smallest power of two ≥ every hyperplane's offset b_j/λ_j. */
  lengthScale: number;
}

const DEFAULT_TOLERANCE = 1e-8;
const DEFAULT_INCIDENCE_TOLERANCE = 1e-10;
/** Most interval steps spent counting a poset's faces for the Euler check. */
const FACE_BUDGET = 2_000_000;
const DEFAULT_MAX_FLATS = 20_000;
// 40 generic hyperplanes in R⁵ need C(41, 6) ≈ 4.5·10⁶ minors: about a second depth-first.
const DEFAULT_MAX_MINORS = 5_000_000;
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
export function arrangementOf(W: Float32Array | Float64Array, m: number, b: Float64Array | null, opts: ArrangementOptions = {}): Arrangement {
  if (!Number.isInteger(m) || m < 1 || W.length % m !== 0) throw new RangeError(`W has ${W.length} entries, not a multiple of m = ${m}`);
  const nAll = W.length / m;
  if (b && b.length !== nAll) throw new RangeError(`bias has ${b.length} entries, W has ${nAll} features`);
  const tol = opts.tolerance ?? DEFAULT_TOLERANCE;
  if (!(tol > 0 && tol < 1)) throw new RangeError(`tolerance must be in (0, 1), got ${tol}`);
  const incidenceTol = opts.incidenceTolerance ?? DEFAULT_INCIDENCE_TOLERANCE;
  if (!(incidenceTol > 0 && incidenceTol < 1)) throw new RangeError(`incidenceTolerance must be in (0, 1), got ${incidenceTol}`);
  const maxFlats = opts.maxFlats ?? DEFAULT_MAX_FLATS;
  const maxMinors = opts.maxMinors ?? DEFAULT_MAX_MINORS;
  const arithmetic = opts.arithmetic ?? 'float';
  const features = [...new Set(opts.features ?? Array.from({ length: nAll }, (_, i) => i))].sort((x, y) => x - y);
  for (const f of features) if (!Number.isInteger(f) || f < 0 || f >= nAll) throw new RangeError(`feature ${f} out of range 0..${nAll - 1}`);
  const maxHyperplanes = opts.maxHyperplanes ?? DEFAULT_MAX_HYPERPLANES;
  if (features.length > maxHyperplanes)
    return tooManyHyperplanes(features, m, maxHyperplanes, { tolerance: tol, incidenceTolerance: incidenceTol, arithmetic });

  const prep = prepareHyperplanes(W, m, b, features, tol);
  const coords = normalCoordinates(
    prep.classes.map((c) => c.direction),
    tol,
  );
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
        ? exactBackend(
            mine.map((h) => makePrimitive(cols.map((k) => h.vector[k]))),
            r,
            maxFlats,
            maxMinors,
          )
        : floatBackend(
            mine.map((h) => {
              const c = coords.coefficients[h.normalClass];
              return Float64Array.from(cols, (k) => (k < coords.basis.length ? c[k] : h.offset) / classScale[h.normalClass]);
            }),
            r,
            maxFlats,
            maxMinors,
            incidenceTol,
          );
    const f = factorOf(backend);
    return { features: mine.flatMap((h) => h.features).sort((x, y) => x - y), hyperplanes: mine.length, ...f, exactDecisions: backend.exactDecisions() };
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
    incidenceTolerance: incidenceTol,
    arithmetic,
    lengthScale: prep.lengthScale,
  });
}

/** The general-position bound for n hyperplanes of rank min(n, m), when n is too large to look closer. */
function tooManyHyperplanes(features: number[], m: number, limit: number, settings: Settings): Arrangement {
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
    chi: asDoubles([...chiAsc].reverse()),
    regions: asDouble(s * evaluate(chiAsc, -1n)),
    boundedRegions: asDouble(s * evaluate(chiAsc, 1n)),
    chiAsc,
    facesExact: genericFaces(n, rank, false),
    capped,
    exactDecisions: 0,
    checks: [],
  };
  return assemble({ m, rank, n, factorDetails: [factor], generalPosition: false, duplicates: [], dropped: [], features, ...settings, lengthScale: 1 });
}

/** The tolerances and arithmetic an arrangement was computed with, as reported. */
interface Settings {
  tolerance: number;
  incidenceTolerance: number;
  arithmetic: 'float' | 'exact';
}

type FactorDetail = Omit<ArrangementFactor, 'faces'> & { chiAsc: bigint[]; facesExact: bigint[] | null; exactDecisions: number; checks: string[] };

/**
 * χ = t^{m−rank}·Π χ_k and the counts from it, with the rest of the result. The faces of a
 * product are the products of faces, so the f-polynomial Σ f_j x^j multiplies the same way
 * (x^{m−rank} for the lineality space). A factor that failed a check leaves no count at all.
 */
function assemble(
  parts: {
    m: number;
    rank: number;
    n: number;
    factorDetails: FactorDetail[];
    generalPosition: boolean;
    duplicates: number[][];
    dropped: number[];
    features: number[];
    lengthScale: number;
  } & Settings,
): Arrangement {
  const { m, rank, factorDetails } = parts;
  let chiAsc: bigint[] = [1n];
  let faces: bigint[] | null = [1n];
  for (const f of factorDetails) {
    chiAsc = multiply(chiAsc, f.chiAsc);
    faces = faces && f.facesExact ? multiply(faces, f.facesExact) : null;
  }
  chiAsc = shift(chiAsc, m - rank);
  if (faces) faces = shift(faces, m - rank);
  const sign = (k: number): bigint => (k % 2 === 0 ? 1n : -1n);
  const regions = sign(m) * evaluate(chiAsc, -1n);
  const bounded = sign(rank) * evaluate(chiAsc, 1n);
  const chiDesc = [...chiAsc].reverse();
  const capped = factorDetails.map((f) => f.capped).filter((s): s is string => s !== undefined);
  const errors = factorDetails.flatMap((f) => (f.error !== undefined ? [`factor ${f.features.join(',')}: ${f.error}`] : []));
  const failed = errors.length > 0;
  return {
    n: parts.n,
    m,
    rank,
    central: factorDetails.every((f) => f.central),
    generalPosition: parts.generalPosition,
    chi: failed ? null : asDoubles(chiDesc),
    chiText: failed ? [] : chiDesc.map(String),
    regions: failed ? null : asDouble(regions),
    regionsText: failed ? 'unknown' : String(regions),
    boundedRegions: failed ? null : asDouble(bounded),
    boundedRegionsText: failed ? 'unknown' : String(bounded),
    faces: failed || faces === null ? null : faces.map(String),
    checks: [...new Set(factorDetails.flatMap((f) => f.checks))],
    ...(failed ? { error: `impossible counts, not reported: ${errors.join('; ')}` } : {}),
    safeIntegers: failed || [...chiDesc, regions, bounded].every(isSafe),
    factors: factorDetails.map((f) => f.features),
    factorDetails: factorDetails.map(({ chiAsc: _chi, facesExact, exactDecisions: _e, checks: _c, ...rest }) => ({
      ...rest,
      faces: rest.error === undefined && facesExact ? facesExact.map(String) : null,
    })),
    duplicates: parts.duplicates,
    dropped: parts.dropped,
    features: parts.features,
    method: factorDetails.every((f) => f.method === 'general-position') ? 'general-position' : 'intersection-poset',
    ...(capped.length > 0 ? { capped: capped.join('; ') } : {}),
    tolerance: parts.tolerance,
    incidenceTolerance: parts.incidenceTolerance,
    exactDecisions: factorDetails.reduce((s, f) => s + f.exactDecisions, 0),
    arithmetic: parts.arithmetic,
    lengthScale: parts.lengthScale,
  };
}

type FactorResult = Omit<ArrangementFactor, 'features' | 'hyperplanes' | 'faces'> & { chiAsc: bigint[]; facesExact: bigint[] | null; checks: string[] };

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
  /** Incidences settled in exact arithmetic so far (float backend; 0 for exact). */
  exactDecisions: () => number;
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
      central
        ? exactUniformTest(
            vectors.map((v) => v.slice(0, r)),
            r,
            maxMinors,
          )
        : exactUniformTest([...vectors, infinity], r + 1, maxMinors),
    poset: () => exactPosetCharacteristicPolynomial(vectors, r, maxFlats),
    exactDecisions: () => 0,
  };
}

function floatBackend(vectors: Float64Array[], r: number, maxFlats: number, maxMinors: number, incidenceTol: number): FactorBackend {
  const infinity = new Float64Array(r + 1);
  infinity[r] = 1;
  // One judge per vector list: the coned vectors (poset, centrality), the normals, the coned vectors with e_∞.
  const coned = new IncidenceJudge(vectors, incidenceTol);
  const normals = vectors.map((v) => v.subarray(0, r));
  const judges = [coned];
  const judge = (list: Float64Array[]): IncidenceJudge => {
    const j = new IncidenceJudge(list, incidenceTol);
    judges.push(j);
    return j;
  };
  return {
    count: vectors.length,
    rank: r,
    maxFlats,
    central: () => judgedRank(vectors, coned) === r,
    uniform: (central) => {
      const list = central ? normals : [...vectors, infinity];
      return numericUniformTest(list, central ? r : r + 1, maxMinors, judge(list));
    },
    poset: () => numericPosetCharacteristicPolynomial(vectors, r, maxFlats, coned),
    exactDecisions: () => judges.reduce((s, j) => s + j.exactDecisions, 0),
  };
}

/** χ and counts of one essential factor (in R^r, coned to R^{r+1}), checked against Zaslavsky's identities. */
function factorOf(backend: FactorBackend): FactorResult {
  const { count: nh, rank: r, maxFlats } = backend;
  const central = backend.central();
  const done = (chiAsc: bigint[], faces: bigint[] | null, method: ArrangementMethod, generalPosition: boolean, capped?: string): FactorResult => {
    const s = r % 2 === 0 ? 1n : -1n;
    const check = checkFactor(chiAsc, r, nh, central, faces);
    const failed = check.failed.length > 0;
    return {
      rank: r,
      central,
      generalPosition,
      method,
      chi: failed ? null : asDoubles([...chiAsc].reverse()),
      regions: failed ? null : asDouble(s * evaluate(chiAsc, -1n)),
      boundedRegions: failed ? null : asDouble(s * evaluate(chiAsc, 1n)),
      chiAsc,
      facesExact: faces,
      checks: check.checked,
      ...(capped !== undefined ? { capped } : {}),
      ...(failed ? { error: check.failed.join('; ') } : {}),
    };
  };
  const generic = central ? centralGenericChi(nh, r) : affineGenericChi(nh, r);
  const genericF = genericFaces(nh, r, central);
  // r independent normals: a coordinate system, the Boolean arrangement (t−1)^r.
  if (nh === r) return done(generic, genericF, 'general-position', true);
  const test = backend.uniform(central);
  if (test === 'uniform') return done(generic, genericF, 'general-position', true);
  const poset = backend.poset();
  if ('capped' in poset) {
    const why = test === 'skipped' ? 'general position not verified' : 'not in general position';
    const message = `arrangement of ${nh} hyperplanes of rank ${r}: more than ${maxFlats} flats; showing the general-position bound instead (${why}; the region count is an upper bound)`;
    return done(generic, null, 'general-position', false, message);
  }
  // Region counts are maximal exactly in general position, so an equal χ means general position.
  return done(
    poset.chi,
    posetFaces(poset.covers, r, FACE_BUDGET),
    'intersection-poset',
    poset.chi.every((c, i) => c === generic[i]),
  );
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

/**
 * A count as a double, or null beyond float64's range: JSON has no Infinity, and
 * the exact decimal string is reported beside it.
 */
function asDouble(count: bigint): number | null {
  const x = Number(count);
  return Number.isFinite(x) ? x : null;
}

/** Coefficients as doubles, or null when one is beyond float64's range (their exact strings are beside them). */
function asDoubles(coefficients: bigint[]): number[] | null {
  const xs = coefficients.map(Number);
  return xs.every(Number.isFinite) ? xs : null;
}
