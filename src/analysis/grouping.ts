/**
 * Candidate groups of strong features, the input of the structure search, at
 * either of two scales:
 * - exact (toy models, small dictionaries): the finest orthogonal decomposition
 *   (src/clustering/bundles.ts), every group a tegum factor;
 * - dictionary (wide layers or many features, see atDictionaryScale): no
 *   feature is orthogonal to the rest, so groups are the components of the
 *   links random directions would not make (src/structures/dictionary-groups.ts).
 * Both first split strong from weak features, so weak riders never join a group.
 */
import { orthogonalDecomposition } from '../clustering/bundles.js';
import { unitDirections } from '../features/index.js';
import type { Screener } from '../screening/index.js';
import { CHANCE_PAIRS, dictionaryGroups } from '../structures/dictionary-groups.js';
import { chanceCosine } from '../structures/baseline.js';
import { groupDimension, MIN_DIMENSION_RATIO, rankDeficientCore } from '../structures/dimension.js';
import { splitStrength } from '../structures/strength.js';
import type { StrengthSplit } from '../structures/strength.js';

/** Candidate groups and the thresholds behind them. */
export interface Grouping {
  scale: 'exact' | 'dictionary';
  strength: StrengthSplit;
  /** Groups of strong features, ascending, with their numerical rank; at dictionary scale only groups of ≥ 2. */
  groups: { features: number[]; dimension: number }[];
  /** |cos| above which two features are linked. */
  noiseFloor: number;
  rationale: string;
  /** Relative rank tolerance for ranks of groups and planes. */
  rankTolerance: number;
  /** How the dimension of a group or plane is read from its singular values, when not by rankTolerance alone (dictionary scale: groupDimension). */
  spanDimension?: (singular: Float64Array) => number;
  /** Largest |cos| of a set's members to strong features outside it; undefined: compute it directly. */
  maxCross?: (features: readonly number[]) => number;
  /** What the screening did (dictionary scale). */
  notes: string[];
  /** Which kernel screened (dictionary scale). */
  backend?: string;
}

/**
 * Whether a matrix is analysed at dictionary scale. The exact decomposition
 * costs O(N² m) for its spanning tree and O(m³) per rank test of a merge, and
 * in a wide layer (m > 64) with N ≫ m no two groups are orthogonal anyway; the
 * screening costs one blocked Gram pass. Below that, the random baseline
 * decides: when chance pairs among N random directions stay below
 * INFORMATIVE_CHANCE_COS, interference alone can single out structure (a
 * 256-latent SAE in R^64: 0.59; 16,384 directions in R^64: 0.70), while in a
 * toy model's few dimensions (n = 200, m = 20: 0.82 and more) only exact
 * orthogonality can.
 */
export function atDictionaryScale(N: number, m: number): boolean {
  if (m > EXACT_MAX_M || N * N * m > EXACT_MAX_WORK) return true;
  return N > m && chanceCosine(m, (N * (N - 1)) / 2, CHANCE_PAIRS) < INFORMATIVE_CHANCE_COS;
}

/** Chance |cos| below which the random baseline, not orthogonality, sets the groups. */
const INFORMATIVE_CHANCE_COS = 0.75;

/** Widest layer decomposed exactly. */
const EXACT_MAX_M = 64;

/** Largest N²·m decomposed exactly (16,384² × 64: about 10 s on 2 cores). */
const EXACT_MAX_WORK = 16_384 * 16_384 * 64;

/**
 * Rank tolerance at dictionary scale. An SAE's antipodal pairs sit at cos
 * −0.93…−0.99 (scikit-learn digits SAE), i.e. σ₂/σ₁ = √((1+cos)/(1−cos)) up
 * to 0.19, and must be rank 1; a family of directions tilted 15–30° from a
 * common axis spans its other dimensions at σ/σ₁ ≈ 0.1–0.25, which the exact
 * path's 0.3 would call rank 1; below this tolerance a group's own spectral
 * gap decides (groupDimension).
 */
const DICTIONARY_RANK_TOLERANCE = 0.2;

/** Exact grouping: orthogonal factors of all represented features, weak ones found, then factors of the strong ones. */
export function exactGrouping(W: Float64Array, m: number, norms: Float64Array, represented: number[], noiseFloor: number | undefined): Grouping {
  const first = orthogonalDecomposition(W, m, represented, { noiseFloor });
  const strength = splitStrength(
    W,
    m,
    norms,
    first.bundles.map((b) => b.features),
  );
  const decomposition = strength.weak.length === 0 ? first : orthogonalDecomposition(W, m, strength.strong, { noiseFloor });
  return {
    scale: 'exact',
    strength,
    groups: decomposition.bundles,
    noiseFloor: decomposition.noiseFloor,
    rationale: decomposition.rationale,
    rankTolerance: decomposition.rankTolerance,
    notes: [],
  };
}

/** Dictionary-scale grouping through one screening pass. */
export async function dictionaryGrouping(
  W: Float32Array | Float64Array,
  m: number,
  norms: Float64Array,
  represented: number[],
  screener: Screener,
  onProgress?: (fraction: number, detail: string) => void,
): Promise<Grouping> {
  const screened = await dictionaryGroups(W, m, represented, screener, (f) => onProgress?.(f, screener.describe()));
  const inGroup = new Set(screened.groups.flat());
  const singletons = represented.filter((f) => !inGroup.has(f)).map((f) => [f]);
  const strength = splitStrength(W, m, norms, [...screened.groups, ...singletons]);
  const weak = new Set(strength.weak.map((w) => w.index));
  const spanDimension = (singular: Float64Array): number => groupDimension(singular, DICTIONARY_RANK_TOLERANCE);
  // Each group without its coloops (members outside the others' span, joined by a chance link): what is left is its rank deficiency.
  const cores = screened.groups
    .map((g) => g.filter((f) => !weak.has(f)))
    .filter((g) => g.length >= 2)
    .map((features) => ({
      before: features.length,
      ...rankDeficientCore(unitDirections(W, m, features), m, features, spanDimension, DICTIONARY_RANK_TOLERANCE),
    }));
  const trimmed = cores.reduce((sum, g) => sum + g.before - g.features.length, 0);
  const groups = cores.filter((g) => g.features.length >= 2).map(({ features, dimension }) => ({ features, dimension }));
  const N = represented.length;
  return {
    scale: 'dictionary',
    strength,
    groups,
    noiseFloor: screened.pairThreshold,
    rationale:
      `dictionary scale (N = ${N}, m = ${m}): |cos| above what ${N} random unit directions in R^${m} reach with 0.01 expected chance pairs; ` +
      `${screened.pairs} such pairs, ${screened.circuits} circuits (a feature within ${fmt(screened.circuitDistance[2])}/${fmt(screened.circuitDistance[3])} of the span of 2/3 of its strongest partners)`,
    rankTolerance: DICTIONARY_RANK_TOLERANCE,
    spanDimension,
    maxCross: screened.maxCross,
    notes: [
      `screened ${N} directions (${screened.backend}): ${screened.groups.length} candidate groups` +
        (screened.truncatedRows ? `; ${screened.truncatedRows} rows had more significant partners than the screening keeps` : ''),
      `group dimension: singular values of the unit directions > ${DICTIONARY_RANK_TOLERANCE}·σ₁, and below that down to ${MIN_DIMENSION_RATIO}·σ₁ ` +
        `where the group's widest spectral gap lies; ${trimmed} coloop(s) (farther than ${DICTIONARY_RANK_TOLERANCE} from the others' span) trimmed from their groups`,
    ],
    backend: screened.backend,
  };
}

function fmt(x: number): string {
  return Number(x.toPrecision(3)).toString();
}
