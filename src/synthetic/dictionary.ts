/**
 * Seeded SAE-like dictionaries with known structure: N unit directions in R^m,
 * most of them random (as an SAE's generic latents look), plus planted
 * polytopes, regular circles, antipodal pairs and families of similar
 * directions, each in its own random subspace, all subspaces mutually
 * orthogonal. The benchmark and the tests judge a structure finder against
 * the returned truth.
 */
import { Xoshiro128ss, gaussian, randomFrame } from '../random/index.js';
import type { Rng } from '../random/index.js';
import { cube, digon, dodecahedron, icosahedron, regularPolygon, simplex, squareAntiprism, tetrahedron } from '../spheres/polytopes.js';
import type { PointSet } from '../spheres/polytopes.js';

/** A planted polytope or circle, named in the Report's label vocabulary (see docs/ARCHITECTURE.md). */
export interface ShapeSpec {
  kind: 'shape';
  /** `digon`, `triangle`, `pentagon`, `hexagon`, `polygon-N` (N ≥ 7), `tetrahedron`, `cube`, `square-antiprism`, `icosahedron`, `dodecahedron` or `simplex-K` (K ≥ 4). */
  label: string;
  /** How many copies to plant, each in its own subspace. */
  count: number;
}

/**
 * A family of similar directions: `size` directions within a cone of half-angle
 * `maxAngleDeg` around a common axis, spanning exactly `dimension` dimensions.
 * Truth label `irregular`, dimension = `dimension` (their rank).
 */
export interface FamilySpec {
  kind: 'family';
  /** Directions in the family (> dimension, so the family is rank-deficient). */
  size: number;
  /** Dimension of the subspace the family spans (≥ 2). */
  dimension: number;
  /** Largest angle between a direction and the family's axis, in degrees (< 45 keeps every pairwise cos > 0). */
  maxAngleDeg: number;
  /** How many families to plant. */
  count: number;
}

/** One kind of planted structure. */
export type StructureSpec = ShapeSpec | FamilySpec;

/** A planted structure as a finder should report it. */
export interface TruthStructure {
  /**
   * 0-based row indices of its features in W, in the vertex order of the
   * ideal shape (shapeVertices), so the Gram of these rows is the ideal's.
   */
  features: number[];
  /** Label in the Report's vocabulary (`irregular` for families). */
  label: string;
  /** Dimension of its span. */
  dimension: number;
}

/** A generated dictionary. */
export interface Dictionary {
  /** Feature-major n×m values: row i is feature i's decoder direction times its norm. */
  W: Float32Array;
  m: number;
  n: number;
  truth: { structures: TruthStructure[] };
}

/** Options of {@link generateDictionary}. */
export interface DictionaryOptions {
  /** Total number of features (rows), planted ones included. */
  n: number;
  /** Hidden dimension; must be at least the summed dimensions of the planted structures. */
  m: number;
  /** Seed of the xoshiro128** stream: same options, same dictionary. */
  seed: number;
  /** What to plant. Default {@link DEFAULT_STRUCTURES} (21 structures in 48 dimensions). */
  structures?: readonly StructureSpec[];
  /**
   * Noise on planted directions: each unit direction u becomes u + (noise/√m)·g,
   * g ~ N(0, I_m), renormalised, so the perturbation has norm ≈ noise and
   * cosines move by O(noise). Default 0.01. Random directions are random anyway.
   */
  noise?: number;
  /** Smallest feature norm; norms are log-uniform on [minNorm, maxNorm] (one per planted structure, ±10 % per member, clamped to the range; one per random feature). Default 0.5. */
  minNorm?: number;
  /** Largest feature norm. Default 2. */
  maxNorm?: number;
}

/**
 * The mix: circles of two sizes, the vocabulary's polytopes, antipodal
 * pairs and two families; 21 structures, 110 features, 48 dimensions.
 */
export const DEFAULT_STRUCTURES: readonly StructureSpec[] = [
  { kind: 'shape', label: 'polygon-7', count: 1 },
  { kind: 'shape', label: 'polygon-12', count: 1 },
  { kind: 'shape', label: 'triangle', count: 2 },
  { kind: 'shape', label: 'pentagon', count: 2 },
  { kind: 'shape', label: 'hexagon', count: 1 },
  { kind: 'shape', label: 'tetrahedron', count: 3 },
  { kind: 'shape', label: 'cube', count: 1 },
  { kind: 'shape', label: 'square-antiprism', count: 1 },
  { kind: 'shape', label: 'simplex-4', count: 1 },
  { kind: 'shape', label: 'icosahedron', count: 1 },
  { kind: 'shape', label: 'digon', count: 5 },
  { kind: 'family', size: 6, dimension: 3, maxAngleDeg: 30, count: 1 },
  { kind: 'family', size: 8, dimension: 4, maxAngleDeg: 30, count: 1 },
];

/**
 * Named benchmark cases (issue 11). At m = 256 with 32768 features the largest
 * random |cos| (≈ 0.37) exceeds a tetrahedron's 1/3 and a 4-simplex's 1/4, so
 * only rank deficiency can find those.
 */
export const DICTIONARY_CASES: Readonly<Record<string, DictionaryOptions>> = {
  'sae-16k-768': { n: 16384, m: 768, seed: 1 },
  'sae-32k-512': { n: 32768, m: 512, seed: 2 },
  'small-m-32k-256': { n: 32768, m: 256, seed: 3 },
  'sae-64k-768': { n: 65536, m: 768, seed: 1 },
  'wide-16k-2304': { n: 16384, m: 2304, seed: 1 },
};

/**
 * Unit vertices of a vocabulary label, or a RangeError for a label that is not
 * one indecomposable shape (e.g. `octahedron` is three digons).
 *
 * @param label - Label in the Report vocabulary.
 */
export function shapeVertices(label: string): PointSet {
  const polygon = /^polygon-(\d+)$/.exec(label);
  if (polygon && Number(polygon[1]) >= 7) return regularPolygon(Number(polygon[1]));
  const simplexK = /^simplex-(\d+)$/.exec(label);
  if (simplexK && Number(simplexK[1]) >= 4) return simplex(Number(simplexK[1]));
  const fixed: Record<string, () => PointSet> = {
    digon,
    triangle: () => regularPolygon(3),
    pentagon: () => regularPolygon(5),
    hexagon: () => regularPolygon(6),
    tetrahedron,
    cube,
    'square-antiprism': () => squareAntiprism(),
    icosahedron,
    dodecahedron,
  };
  const make = fixed[label];
  if (!make) throw new RangeError(`not a plantable shape label: ${label}`);
  return make();
}

/**
 * A family in its own R^d: axis e₁ tilted by θ ∈ [maxAngle/2, maxAngle]
 * toward a random unit direction of span(e₂…e_d). The lower bound keeps the
 * spread across the other d−1 axes well above any rank threshold.
 */
function familyVertices(spec: FamilySpec, rng: Rng): PointSet {
  const d = spec.dimension;
  const vectors = new Float64Array(spec.size * d);
  const maxAngle = (spec.maxAngleDeg * Math.PI) / 180;
  for (let i = 0; i < spec.size; i++) {
    const theta = maxAngle * (0.5 + 0.5 * rng());
    const w = new Float64Array(d - 1).map(() => gaussian(rng));
    const len = Math.hypot(...w);
    vectors[i * d] = Math.cos(theta);
    for (let r = 1; r < d; r++) vectors[i * d + r] = (Math.sin(theta) * w[r - 1]) / len;
  }
  return { vectors, d };
}

function validate(opts: DictionaryOptions, planted: { set: PointSet; count: number }[]): void {
  const { n, m } = opts;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`m must be a positive integer, got ${m}`);
  const dims = planted.reduce((s, p) => s + p.set.d, 0);
  const feats = planted.reduce((s, p) => s + p.count, 0);
  if (dims > m) throw new RangeError(`planted structures need ${dims} orthogonal dimensions, m = ${m}`);
  if (feats > n) throw new RangeError(`planted structures have ${feats} features, n = ${n}`);
  const minNorm = opts.minNorm ?? 0.5;
  const maxNorm = opts.maxNorm ?? 2;
  if (!(minNorm > 0 && maxNorm >= minNorm)) throw new RangeError(`need 0 < minNorm ≤ maxNorm, got ${minNorm}, ${maxNorm}`);
}

/** Members of a planted structure have norms within ±10 % of the structure's own (log-uniform) norm. */
const STRUCTURE_NORM_JITTER = 0.1;

/**
 * Generate a dictionary (see the module comment). Planted structures occupy
 * mutually orthogonal subspaces (one random D-frame, D = their summed
 * dimensions); the remaining n − (planted features) rows are independent
 * uniform directions. Then every random row and every planted structure gets a
 * log-uniform norm (members jittered ±10 %) and the rows are shuffled; truth indices refer to the shuffled order (compare them as sets).
 *
 * @param opts - Size, seed and what to plant (every field documented on {@link DictionaryOptions}).
 * @returns W (float32, feature-major), its shape and the truth.
 */
export function generateDictionary(opts: DictionaryOptions): Dictionary {
  const { n, m } = opts;
  const noise = opts.noise ?? 0.01;
  const minNorm = opts.minNorm ?? 0.5;
  const maxNorm = opts.maxNorm ?? 2;
  const gen = Xoshiro128ss.seeded(opts.seed);
  const rng: Rng = () => gen.next();

  const planted: { set: PointSet; count: number; label: string }[] = [];
  for (const spec of opts.structures ?? DEFAULT_STRUCTURES) {
    for (let c = 0; c < spec.count; c++) {
      const set = spec.kind === 'shape' ? shapeVertices(spec.label) : familyVertices(spec, rng);
      planted.push({ set, count: set.vectors.length / set.d, label: spec.kind === 'shape' ? spec.label : 'irregular' });
    }
  }
  validate(opts, planted);
  const D = planted.reduce((s, p) => s + p.set.d, 0);
  const frame = randomFrame(m, D, rng);

  // Fisher–Yates: row t of the unshuffled list (planted structures in spec
  // order, then random directions) goes to position perm[t].
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  // Rows are built one at a time in a scratch vector and written scaled, so
  // memory stays at the float32 output (64k × 2304 would need 1.2 GB in float64).
  const W = new Float32Array(n * m);
  const u = new Float64Array(m);
  const logMin = Math.log(minNorm);
  const logSpan = Math.log(maxNorm) - logMin;
  const logUniform = (): number => Math.exp(logMin + logSpan * rng());
  const write = (t: number, norm: number): void => {
    let len = 0;
    for (let c = 0; c < m; c++) len += u[c] * u[c];
    const scale = norm / Math.sqrt(len);
    const dst = perm[t] * m;
    for (let c = 0; c < m; c++) W[dst + c] = u[c] * scale;
  };
  const groups: { rows: number[]; label: string; dimension: number }[] = [];
  let t = 0;
  let off = 0;
  for (const p of planted) {
    const rows: number[] = [];
    // A structure forms among features of comparable importance: one norm per
    // structure, each member within ±STRUCTURE_NORM_JITTER of it.
    const norm = logUniform();
    for (let i = 0; i < p.count; i++, t++) {
      u.fill(0);
      for (let r = 0; r < p.set.d; r++) {
        const x = p.set.vectors[i * p.set.d + r];
        const f = frame.subarray((off + r) * m, (off + r + 1) * m);
        for (let c = 0; c < m; c++) u[c] += x * f[c];
      }
      for (let c = 0; c < m; c++) u[c] += (noise / Math.sqrt(m)) * gaussian(rng);
      // Clamped so every norm stays in the documented [minNorm, maxNorm].
      write(t, Math.min(maxNorm, Math.max(minNorm, norm * (1 + STRUCTURE_NORM_JITTER * (2 * rng() - 1)))));
      rows.push(t);
    }
    groups.push({ rows, label: p.label, dimension: p.set.d });
    off += p.set.d;
  }
  for (; t < n; t++) {
    for (let c = 0; c < m; c++) u[c] = gaussian(rng);
    write(t, logUniform());
  }
  const structures = groups.map((g) => ({
    features: g.rows.map((t) => perm[t]),
    label: g.label,
    dimension: g.dimension,
  }));
  return { W, m, n, truth: { structures } };
}
