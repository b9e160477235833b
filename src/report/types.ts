/**
 * The Report: the one typed, versioned result of `tegum analyze`. JSON,
 * Markdown, HTML and the viewer all render this object; field names are a
 * contract (docs/ARCHITECTURE.md, schema "tegum.report/1") and are never renamed.
 */

// Every field below is written out here, not inherited from a stage's internal
// type: renaming a field inside src/spheres or src/arrangements then fails the
// build at the mapping in src/analysis instead of silently renaming a JSON field.

/**
 * Version 2 added `structures`, `weak`, `generic` and `features[].role` /
 * `features[].structure`, and made `bundles[].regularity` null for `irregular`;
 * every version-1 field keeps its name and meaning.
 */
export const REPORT_SCHEMA = 'tegum.report/2';

export interface ReportInput {
  file: string;
  tensor: string;
  m: number;
  n: number;
  featuresAre: 'rows' | 'columns';
  /** Which instance of a 3-d stack was analysed. */
  instance?: number;
  /** The decoder bias tensor, when one was found or named. */
  bias?: string;
}

export interface FeatureReport {
  /** 0-based index in the file's own feature order. */
  index: number;
  /** ‖W_i‖. */
  norm: number;
  /** D_i = ‖W_i‖² / Σ_j (Ŵ_i·W_j)² (Toy Models), 0 for a zero feature. */
  dimensionality: number;
  /** Not unlearned: strong or weak. */
  represented: boolean;
  /** strong: learned and in its own right; weak: learned far below a feature it interferes with (see `weak`); unlearned: below the norm cut. */
  role: 'strong' | 'weak' | 'unlearned';
  /** Id of the bundle holding the feature; null for weak and unrepresented features. */
  bundle: number | null;
  /** Id of the structure holding the feature; null when it is in none (generic, weak or unrepresented). */
  structure: number | null;
}

/** A weak feature: learned, but far below a strong feature it interferes with; never part of a structure. */
export interface WeakFeatureReport {
  index: number;
  norm: number;
  /** The strong feature it is nearly parallel or antiparallel to (|cos| ≥ 0.9), or null. */
  ridesOn: number | null;
  /** Signed cos to that feature, or to the most aligned strong feature of its group; null when its group has none. */
  cos: number | null;
}

/** A group of strong features that random directions would not produce, with its shape. */
export interface StructureReport {
  id: number;
  /** Feature indices, ascending. */
  features: number[];
  /** A label from the vocabulary in docs/ARCHITECTURE.md; `irregular` when rank-deficient but no named shape. */
  label: string;
  /** Dimension of the structure's span. */
  dimension: number;
  /** How close the features are to the named shape, in [0, 1]; null for `irregular`. */
  regularity: number | null;
  /** −log₁₀ of the expected number of such groups among as many random unit directions in R^m (≥ 2: fewer than one in a hundred). */
  significance: number;
  /** Largest |cos| between a member and a strong feature outside the structure: its residual interference. */
  maxCrossCos: number;
  /** 'factor': a whole orthogonal factor of the given shape; 'plane': a k-plane holding more than k features, found inside a larger group. */
  source: 'factor' | 'plane';
}

/** Strong features in no structure. */
export interface GenericReport {
  count: number;
  /** Their indices, ascending. */
  indices: number[];
}

export interface BundleReport {
  id: number;
  /** Feature indices, ascending. */
  features: number[];
  /** Numerical rank of the bundle's directions. */
  dimension: number;
  /** A label from the vocabulary in docs/ARCHITECTURE.md (dedicated, digon, pentagon, cube, …, irregular). */
  polytope: string;
  /** How close the bundle is to the named shape, in [0, 1]; null for `irregular` (no shape is claimed). */
  regularity: number | null;
}

export interface PlaneReport {
  /** k of the k-plane. */
  dimension: number;
  /** The represented features lying in the plane, ascending. */
  features: number[];
  /** How many k-subsets' projectors fell into this cluster. */
  subsets: number;
}

/** One threshold: the value used, and where it came from. */
export interface Threshold {
  value: number;
  /** 'auto' when chosen from the data, 'user' when given on the command line. */
  source: 'auto' | 'user';
  /** One line saying how an automatic value was chosen. */
  rationale: string;
}

export interface ReportParams {
  /** Features with norm at or below this are unrepresented. */
  representedNorm: Threshold;
  /** A represented feature is weak when a feature it interferes with has more than 1/weakRatio times its norm. */
  weakRatio: number;
  /** How the structure search covered each candidate group, and the limits it ran under. */
  structureSearch: string[];
  /** |cos| above this links two features in the interference graph. */
  noiseFloor: Threshold;
  /** DBSCAN eps over projector embeddings (Frobenius distance), per k. */
  eps: Record<string, Threshold>;
  /** DBSCAN min_samples (the point itself counted, as scikit-learn does). */
  minSamples: number;
  /** Largest subset size embedded. */
  maxK: number;
  /** What the Hough step enumerated, e.g. "k-subsets within each bundle (exact: planes never cross orthogonal bundles)". */
  enumerated: string;
  /** How many k-subsets were embedded in total. */
  subsetsEmbedded: number;
  /** Where the projector embeddings ran: "cpu" or "webgpu (<adapter>)". */
  backend: string;
  /** How the sphere search went: subsets, eps per sphere dimension, bundles skipped. */
  spheres: string[];
}

/** How close a set of unit directions is to an optimal spherical code (src/spheres/codes.ts). */
export interface CodeQualityReport {
  /** The bundle judged, or null for all represented features together in R^m. */
  bundle: number | null;
  /** Number of points N. */
  n: number;
  /** Dimension d of the sphere's ambient space. */
  d: number;
  /** Smallest angle between two points, degrees (NaN for N < 2, written as null in JSON). */
  minAngleDeg: number;
  /** Best-known minimal angle for N points in R^d, or null. */
  bestKnownMinAngleDeg: number | null;
  /** minAngleDeg / bestKnownMinAngleDeg; null without a table entry. */
  angleRatio: number | null;
  /** Σ_{i<j} 1/‖u_i − u_j‖; null when two directions coincide (the energy is infinite). */
  thomsonEnergy: number | null;
  /** Known minimal Thomson energy for N points in R^d, or null. */
  thomsonMinimum: number | null;
  /** thomsonEnergy / thomsonMinimum; null without a known minimum or with coinciding directions. */
  energyRatio: number | null;
  /** μ = max_{i≠j} |u_i·u_j| (NaN for N < 2, written as null in JSON). */
  coherence: number;
  /** Welch bound √((N − d)/(d(N − 1))); 0 for 2 ≤ N ≤ d; null for N < 2. */
  welchBound: number | null;
  /** Random superposition baseline δ = √(4 ln N / d). */
  randomBaseline: number;
  /** RMS |cos| of two random unit vectors in R^d, 1/√d. */
  randomRms: number;
  /** One line: how far from an optimal code. */
  verdict: string;
}

/** Features lying on a common (possibly off-centre) low-dimensional sphere. */
export interface SphereReport {
  /** 1 circle, 2 two-sphere. */
  dimension: number;
  centre: number[];
  radius: number;
  features: number[];
  subsets: number;
  /** Largest distance of a feature from the sphere, in units of W (the same units as the feature norms). */
  residual: number;
  /**
   * Monte Carlo p-value against random directions with the bundle's norms: how
   * often they put as many features within `residual` of some sphere (only
   * spheres with p ≤ 0.01 are reported; src/spheres/sphere-baseline.ts).
   */
  pValue: number;
}

/** How χ was obtained: the closed form (general position) or the intersection poset. */
export type ArrangementMethodReport = 'general-position' | 'intersection-poset';

/** One factor A_k of the arrangement's product decomposition, in its essential dimension. */
export interface ArrangementFactorReport {
  /** Features whose hyperplanes belong to this factor (duplicates included), ascending. */
  features: number[];
  /** Distinct hyperplanes in the factor. */
  hyperplanes: number;
  /** Rank of its normals = its essential dimension. */
  rank: number;
  /** All its hyperplanes share a point. */
  central: boolean;
  /** In general position for its kind. */
  generalPosition: boolean;
  method: ArrangementMethodReport;
  /** χ of the essential factor, highest degree (rank) first; null when it failed a check or a coefficient is beyond float64. */
  chi: number[] | null;
  regions: number | null;
  boundedRegions: number | null;
  /** Present when the poset was abandoned and the general-position values stand in. */
  capped?: string;
  /** Faces per dimension f_0..f_rank as decimal strings; null when the poset was too large to count them. */
  faces: string[] | null;
  /** Present when the counts failed an identity; chi and the counts are then null. */
  error?: string;
}

/** How the arrangement's product factors relate to the bundles (src/arrangements/compare-bundles.ts). */
export interface BundleComparisonReport {
  /** The two partitions are identical on the features they share. */
  agree: boolean;
  /** 'same'; 'finer': every factor lies in a bundle; 'coarser': every bundle lies in a factor; 'crossing': neither. */
  relation: 'same' | 'finer' | 'coarser' | 'crossing';
  /** Bundles (as feature lists) that the arrangement splits into several factors. */
  splitBundles: number[][];
  /** Factors that contain features of several bundles. */
  crossingFactors: number[][];
  /** Features present in only one of the two partitions. */
  unmatched: number[];
}

/** The ReLU decoder x' = ReLU(Wᵀh + b) as the arrangement of hyperplanes ⟨w_i, h⟩ + b_i = 0 (src/arrangements). */
export interface ArrangementReport {
  /** Distinct hyperplanes (after dropping zero normals and merging duplicates). */
  n: number;
  /** Ambient dimension. */
  m: number;
  /** Rank of the normals. */
  rank: number;
  /** All hyperplanes share a point (e.g. b = 0). */
  central: boolean;
  /** In general position (refers to the merged hyperplanes). */
  generalPosition: boolean;
  /** χ(t), coefficients from t^m down to t^0 (length m+1); rounded when not safeIntegers; null (chiText empty) when a check failed, null (chiText exact) when a coefficient is beyond float64. */
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
  /** Faces per dimension f_0..f_m (f_m = regions) as decimal strings; null when not counted. */
  faces: string[] | null;
  /** The identities (Zaslavsky, Euler characteristic) every factor's counts were checked against. */
  checks: string[];
  /** Present, naming the failed identities, when the counts are impossible; no count is reported then. */
  error?: string;
  /** Whether every number above is a safe integer (|x| ≤ 2^53 − 1); else read the *Text fields. */
  safeIntegers: boolean;
  /** Features of each product factor, the finest split. */
  factors: number[][];
  factorDetails: ArrangementFactorReport[];
  /** Groups of features defining the same hyperplane (up to scale), representative first. */
  duplicates: number[][];
  /** Features whose normal is zero (no hyperplane). */
  dropped: number[];
  /** Features used, ascending. */
  features: number[];
  /** 'general-position' when every factor's χ came from the closed form, else 'intersection-poset'. */
  method: ArrangementMethodReport;
  /** Why some counts are general-position bounds rather than exact. */
  capped?: string;
  /** Symmetry tolerance of the normals' directions (parallel classes, rank, product split). */
  tolerance: number;
  /** Geometric tolerance of the incidence decisions (where hyperplanes meet). */
  incidenceTolerance: number;
  /** Incidences that were ambiguous in floating point and decided in exact arithmetic. */
  exactDecisions: number;
  arithmetic: 'float' | 'exact';
  /** The unit of the offset tolerance: the smallest power of two ≥ every hyperplane's offset b_j/λ_j. */
  lengthScale: number;
  /** Whether the bias came from the file (false: b = 0 was used, a central arrangement). */
  hasBias: boolean;
  /** b_i of every feature as read from the file (index = feature), or null without a bias. */
  bias: number[] | null;
  /** How the arrangement's product factors relate to the bundles. */
  bundles: BundleComparisonReport;
}

/** A landmark subsample on which some homology dimensions were computed (src/tda/landmarks.ts). */
export interface TopologyLandmarksReport {
  /** Homology dimensions whose bars come from this subsample. */
  dimensions: number[];
  /** Farthest-point (maxmin) selection, the first landmark farthest from the mean. */
  method: 'maxmin';
  /** Landmarks used. */
  count: number;
  /** ε: every direction lies within ε (Euclidean) of a landmark. */
  coveringRadius: number;
  /** 2ε: bottleneck distance bound between these bars and the full cloud's (Rips interleaving); bars longer than 2ε are certified. */
  bottleneckBound: number;
  /** Largest edge length of the landmark complex (its enclosing radius: its barcode is complete). */
  threshold: number;
}

/** Vietoris–Rips persistence of the represented unit feature directions (src/tda). */
export interface TopologyReport {
  metric: 'euclidean';
  /** Number of directions (represented features). */
  points: number;
  /** Highest homology dimension computed (2, or lower for large clouds). */
  maxDimension: number;
  /** Largest edge length in the filtration (the enclosing radius: the barcode is complete). */
  threshold: number;
  /** Bars per dimension; death null for a class that never dies. */
  diagrams: { dimension: number; pairs: { birth: number; death: number | null }[] }[];
  /** Long H1 / H2 bars read as circles / spheres; separated groups from H0. */
  verdict: { clusters: number; circles: number; spheres: number; minLength: number; text: string };
  /** Present when H1/H2 were computed on landmark subsamples (H0 always uses every direction). */
  landmarks?: TopologyLandmarksReport[];
  /** Which dimensions were left out or subsampled, if any. */
  note?: string;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  tool: { name: 'tegum'; version: string };
  input: ReportInput;
  features: FeatureReport[];
  unrepresented: number[];
  /** Weak features, ascending by index. */
  weak: WeakFeatureReport[];
  bundles: BundleReport[];
  /** Structures, largest first. */
  structures: StructureReport[];
  /** Strong features in no structure. */
  generic: GenericReport;
  planes: PlaneReport[];
  /** The model as a tegum product of its bundles, e.g. "pentagon ⊕ digon ⊕ digon ⊕ dedicated". */
  decomposition: string;
  /** Named composite shapes, e.g. "triangular bipyramid (triangle ⊕ digon)". */
  composites: string[];
  params: ReportParams;
  /** Spherical-code quality of each bundle of ≥ 2 features, and of all represented features in R^m. */
  codes: CodeQualityReport[];
  /** Circles and 2-spheres (any centre) holding more features than they need, searched within each bundle. */
  spheres: SphereReport[];
  /** Persistent homology (H0–H2) of the represented unit feature directions. */
  topology: TopologyReport;
  /** The decoder's hyperplane arrangement over the represented features. */
  arrangement: ArrangementReport;
}
