/**
 * The whole analysis of one weight matrix, stage by stage as in docs/ARCHITECTURE.md:
 * features → bundles (tegum factors) → polytope labels → Hough planes →
 * decomposition, gathered into one Report. Pure apart from the embedder
 * (CPU or WebGPU), which is passed in.
 */
import { InputError } from '../import/errors.js';
import { assertFinite } from '../import/finite.js';
import { asFloat64 } from '../import/weightset.js';
import type { WeightSet } from '../import/weightset.js';
import { dimensionality, featureNorms, representedThreshold } from '../features/index.js';
import { atDictionaryScale, dictionaryGrouping, exactGrouping } from './grouping.js';
import { createThreadScreener, dimensionalityOnKernel, gramKernel } from '../screening/index.js';
import type { Screener } from '../screening/index.js';
import { searchGroupPlanes, NEIGHBOURHOOD } from '../structures/plane-search.js';
import { findStructures, MAX_PAIRWISE_GROUP, MIN_PLANE_SIGNIFICANCE, structureSignificance } from '../structures/structures.js';
import { WEAK_RATIO } from '../structures/strength.js';
import { classifyBundle, compositeNames } from '../spheres/index.js';
import { REPORT_SCHEMA } from '../report/types.js';
import type { BundleReport, FeatureReport, Report, StructureReport, Threshold } from '../report/types.js';
import { cpuEmbedder } from './embedders.js';
import { bundleSpheres, codeQualities } from './geometry-extras.js';
import { featureTopology } from './topology.js';
import { arrangementOf, compareWithBundles } from '../arrangements/index.js';
import type { Embedder } from './embedders.js';

/** Every knob of the analysis; anything left undefined is chosen from the data. */
export interface AnalyzeOptions {
  /** Features with norm ≤ this are unrepresented (default: the widest norm gap, see representedThreshold). */
  representedNorm?: number;
  /** |cos| above this links features in the interference graph (default: chosen so bundle ranks add up; ignored at dictionary scale, where the random baseline sets it). */
  noiseFloor?: number;
  /** DBSCAN eps over projector embeddings, all k (default: per k from the nearest-neighbour gap). */
  eps?: number;
  /** DBSCAN min_samples, the point itself included. Default 2: a plane needs two coinciding subsets. */
  minSamples?: number;
  /** Largest subset size of the Hough step. Default min(3, m − 1). */
  maxK?: number;
  /** A bundle with more k-subsets than this (per k) is searched in local neighbourhoods instead of whole (default 20,000: the neighbour search is quadratic). */
  maxSubsets?: number;
  /** The dictionary-scale screening pass and D_i's kernel (default: one thread, WASM SIMD where available; the CLI passes a worker pool). */
  screener?: Screener;
  /** Where subset embeddings run (default: the CPU reference). */
  embedder?: Embedder;
  /** Progress within the current stage, fraction in [0, 1]. */
  onProgress?: (fraction: number, detail: string) => void;
  /** Called when a stage starts: its name, its number (1-based) and the number of stages. */
  onStage?: (stage: string, step: number, steps: number) => void;
  /** tegum's version, for report.tool. */
  version?: string;
}

export const DEFAULT_MIN_SAMPLES = 2;
export const DEFAULT_MAX_K = 3;
export const DEFAULT_MAX_SUBSETS = 20_000;

/** Stages reported through onStage. */
const STAGES = 4;

/**
 * Analyse a weight set.
 *
 * @throws InputError when W has NaN/Inf values or is all zeros (nothing to analyse).
 */
export async function analyze(ws: WeightSet, opts: AnalyzeOptions = {}): Promise<Report> {
  assertFinite(ws.file, ws);
  const { m, n } = ws;
  // The geometry is invariant under W → cW (with b → cb). Entries near the ends
  // of the float64 range (|x| ≈ 1e200 or subnormal) would overflow or underflow
  // in every cosine, so such W is analysed at max |x| = 1 and lengths are
  // reported in the file's units (norms, thresholds, spheres).
  // (float32 W never needs it: its range lies inside [1e-45, 4e38].)
  const unit = rangeScale(ws.W);
  const scaled = unit === 1 ? ws.W : Float64Array.from(ws.W, (x) => x / unit);
  const bias = ws.bias && unit !== 1 ? ws.bias.map((x) => x / unit) : ws.bias;
  const norms = featureNorms(scaled, m, n);
  if (norms.every((x) => x === 0)) throw new InputError(ws.file, `${ws.tensor} is all zeros; there are no feature directions to analyse`);

  const cut = representedThreshold(norms, { threshold: opts.representedNorm === undefined ? undefined : opts.representedNorm / unit });
  const represented: number[] = [];
  const unrepresented: number[] = [];
  norms.forEach((x, i) => (x > cut.threshold ? represented : unrepresented).push(i));

  opts.onStage?.('grouping features', 1, STAGES);
  const dictionary = atDictionaryScale(represented.length, m);
  // Exact scale (toy models) gets one float64 copy of its small W: its inner loops (subsets, ranks,
  // polytopes) then see one array type. At dictionary scale W stays in the file's precision: the
  // screening and D_i run in float32 anyway, and the float64 re-checks read only candidate sets,
  // where a float32 element read is exact. Loops fed both kinds pay 5–7 % (featureNorms of
  // 16,384 × 768, scripts/bench/polymorphic.mjs): noise beside the O(N²m) screening.
  const exactW = dictionary ? undefined : asFloat64(scaled);
  const W = exactW ?? scaled;
  const screener = opts.screener ?? createThreadScreener();
  const grouping =
    exactW === undefined
      ? await dictionaryGrouping(W, m, norms, represented, screener, opts.onProgress)
      : exactGrouping(exactW, m, norms, represented, opts.noiseFloor);
  const { strength } = grouping;
  const bundles: BundleReport[] = grouping.groups.map((b, id) => {
    const shape = classifyBundle(W, m, b.features, { dimension: b.dimension });
    return {
      id,
      features: b.features,
      dimension: b.dimension,
      polytope: shape.polytope,
      regularity: shape.polytope === 'irregular' ? null : shape.regularity,
    };
  });
  const bundleOf = new Map<number, number>();
  for (const b of bundles) for (const f of b.features) bundleOf.set(f, b.id);

  const maxK = opts.maxK ?? Math.max(0, Math.min(DEFAULT_MAX_K, m - 1));
  const minSamples = opts.minSamples ?? DEFAULT_MIN_SAMPLES;
  const maxSubsets = opts.maxSubsets ?? DEFAULT_MAX_SUBSETS;
  const embedder = opts.embedder ?? (await cpuEmbedder());
  opts.onStage?.('finding planes', 2, STAGES);
  const hough = await searchGroupPlanes(
    W,
    m,
    bundles,
    { maxK, minSamples, eps: opts.eps, rankTolerance: grouping.rankTolerance, spanDimension: grouping.spanDimension, maxSubsets },
    embedder.embed,
    opts.onProgress,
  );
  const structures: StructureReport[] = findStructures(
    W,
    m,
    bundles,
    hough.planes,
    strength.strong,
    grouping.rankTolerance,
    grouping.maxCross,
    grouping.spanDimension,
  ).map((s, id) => ({ id, ...s }));
  const structureOf = new Map<number, number>();
  for (const s of structures) for (const f of s.features) structureOf.set(f, s.id);
  const weakSet = new Set(strength.weak.map((w) => w.index));
  const generic = strength.strong.filter((f) => !structureOf.has(f));

  opts.onStage?.('dimensionalities', 3, STAGES);
  const D = exactW === undefined ? await dimensionalityOnKernel(W, n, m, await (screener.productKernel?.() ?? gramKernel())) : dimensionality(exactW, m, n);
  const features: FeatureReport[] = Array.from({ length: n }, (_, i) => ({
    index: i,
    norm: norms[i] * unit,
    dimensionality: D[i],
    represented: norms[i] > cut.threshold,
    role: norms[i] <= cut.threshold ? 'unlearned' : weakSet.has(i) ? 'weak' : 'strong',
    bundle: bundleOf.get(i) ?? null,
    structure: structureOf.get(i) ?? null,
  }));

  const names = compositeNames(bundles);
  // Coefficients below the interference noise floor count as zero: the same
  // threshold that separated the bundles, so trained (noisy) weights keep their
  // symmetries and the arrangement's factors line up with the bundles.
  const arrangement = arrangementOf(W, m, bias ?? null, { features: represented, tolerance: grouping.noiseFloor });
  const spheres = bundleSpheres(W, m, bundles);
  const local = hough.notes.filter((note) => note.mode === 'neighbourhoods');
  const enumerated =
    'k-subsets (k = 1…K, k ≤ the bundle’s dimension) within each bundle; exact, because a plane across orthogonal bundles is a direct sum of planes inside them' +
    (local.length
      ? `; ${local.length} bundle(s) over ${maxSubsets} subsets per k searched in local neighbourhoods (each feature with its ${NEIGHBOURHOOD} most-aligned partners): ` +
        'a plane is found whole when one member has all the others among its partners'
      : '');
  opts.onStage?.('spheres, codes, topology, arrangement', 4, STAGES);
  return {
    schema: REPORT_SCHEMA,
    tool: { name: 'tegum', version: opts.version ?? 'unknown' },
    input: {
      file: ws.file,
      tensor: ws.tensor,
      m,
      n,
      featuresAre: ws.featuresAre,
      ...(ws.instance !== undefined ? { instance: ws.instance } : {}),
      ...(ws.biasName !== undefined ? { bias: ws.biasName } : {}),
    },
    features,
    unrepresented,
    weak: strength.weak,
    bundles,
    structures,
    generic: { count: generic.length, indices: generic },
    // Chance coincidences of random directions are not planes: a plane is listed when it lies in a factor of a named
    // shape (clean tegum products) or is as significant as a structure must be.
    planes: hough.planes.filter(
      (p) =>
        bundles.some((b) => b.polytope !== 'irregular' && p.features.every((f) => b.features.includes(f))) ||
        structureSignificance(W, m, p.features, p.dimension, strength.strong.length) >= MIN_PLANE_SIGNIFICANCE,
    ),
    decomposition: names.line,
    composites: names.composites,
    params: {
      representedNorm: threshold(cut.threshold * unit, opts.representedNorm, cut.rationale),
      weakRatio: WEAK_RATIO,
      structureSearch: [
        ...grouping.notes,
        ...hough.notes.map(
          (note) =>
            `bundle ${note.group}: ${note.mode === 'enumerated' ? 'every k-subset' : `local neighbourhoods of ${NEIGHBOURHOOD} partners`}, ${note.subsets} subsets` +
            (note.centres < bundles[note.group].features.length
              ? `; ${note.centres} of ${bundles[note.group].features.length} members as centres (a plane of F members missed with probability ≈ (1 − ${note.centres}/${bundles[note.group].features.length})^F)`
              : '') +
            (bundles[note.group].features.length > MAX_PAIRWISE_GROUP
              ? `; antipodal pairs and shaped components not searched, planes not completed (more than ${MAX_PAIRWISE_GROUP} features)`
              : ''),
        ),
      ],
      noiseFloor: threshold(grouping.noiseFloor, dictionary ? undefined : opts.noiseFloor, grouping.rationale),
      eps: hough.eps,
      minSamples,
      maxK,
      enumerated,
      subsetsEmbedded: hough.subsetsEmbedded,
      backend: embedder.describe(),
      spheres: spheres.notes,
    },
    codes: codeQualities(W, m, bundles, represented),
    spheres: spheres.spheres.map((sp) =>
      unit === 1 ? sp : { ...sp, centre: sp.centre.map((x) => x * unit), radius: sp.radius * unit, residual: sp.residual * unit },
    ),
    topology: featureTopology(W, m, represented),
    arrangement: {
      ...arrangement,
      hasBias: ws.bias !== undefined,
      bias: ws.bias ? Array.from(ws.bias) : null,
      bundles: compareWithBundles(
        arrangement.factors,
        bundles.map((b) => b.features),
      ),
    },
  };
}

/** 1, or the largest |x| of W when it lies outside [1e-100, 1e100] (see analyze). */
function rangeScale(W: Float32Array | Float64Array): number {
  let peak = 0;
  for (const x of W) peak = Math.max(peak, Math.abs(x));
  return peak > 1e100 || (peak > 0 && peak < 1e-100) ? peak : 1;
}

function threshold(value: number, given: number | undefined, rationale: string): Threshold {
  return { value, source: given === undefined ? 'auto' : 'user', rationale };
}
