/**
 * The topology of the feature cloud: Vietoris–Rips persistence of the represented unit
 * directions (the talk's "TDA for spheres"). The complete H2 barcode grows as N⁴ simplices
 * (a spread-out trained cloud of 137 directions in R^20 took over ten minutes), so beyond
 * FULL_H2_POINTS directions H2 is computed on MAX-MIN landmarks, and H1 likewise beyond
 * FULL_H1_POINTS (src/tda/landmarks.ts): H0 stays exact on every direction, and the report
 * names each subsample with its covering radius ε and the bottleneck bound 2ε between its
 * bars and the full cloud's. The bound comes from an interleaving: Rips(L, t) ⊆ Rips(X, t),
 * and the nearest-landmark map sends Rips(X, t) into Rips(L, t + 2ε) (triangle inequality),
 * the composites being contiguous to the inclusions; shifting L's bars by ε makes it an
 * (ε, ε)-interleaving, so a landmark bar longer than 2ε cannot be matched to the diagonal
 * and certifies a bar of the full cloud at least 2ε shorter. Only such bars enter the verdict.
 */
import { unitDirections } from '../features/index.js';
import { barcodeVerdict, maxminLandmarks, ripsPersistence, selectRows } from '../tda/index.js';
import type { PersistenceDiagram, RipsResult } from '../tda/index.js';
import type { TopologyLandmarksReport, TopologyReport } from '../report/types.js';

/** Up to this many directions H2 uses every direction; beyond, H2_LANDMARKS landmarks, up to MAX_H2_POINTS directions. */
export const FULL_H2_POINTS = 60;
/** Up to this many directions H1 uses every direction; beyond, H1_LANDMARKS landmarks, up to MAX_H1_POINTS directions. */
export const FULL_H1_POINTS = 300;
/**
 * Landmarks for H2 and H1: counts whose complete barcodes stay within seconds on the worst
 * clouds measured (spread-out trained directions in R^20: H2 on 80 of them 1.7 s, on 100 over
 * two minutes, on all 137 over ten; 2 shared cores, see BENCHMARKS.md). 80 maxmin landmarks
 * cover S² to ε ≈ 0.29, so its H2 bar (length ≈ 0.9) stays certified (> 2ε).
 */
export const H2_LANDMARKS = 80;
export const H1_LANDMARKS = 300;
export const MAX_H2_POINTS = 1_000;
export const MAX_H1_POINTS = 2_000;
/** H0 (exact, all directions) up to this many: its distance matrix is N². */
export const MAX_H0_POINTS = 2_000;

export function featureTopology(W: Float32Array | Float64Array, m: number, represented: number[]): TopologyReport {
  const N = represented.length;
  if (N === 0 || N > MAX_H0_POINTS) {
    return {
      metric: 'euclidean',
      points: N,
      maxDimension: 0,
      threshold: 0,
      diagrams: [],
      verdict: { clusters: 0, circles: 0, spheres: 0, minLength: 0, text: N === 0 ? 'no represented features' : 'not computed' },
      note: N === 0 ? undefined : `${N} directions: persistence computed only up to ${MAX_H0_POINTS} points`,
    };
  }
  const U = unitDirections(W, m, represented);
  const fullDimension = N <= FULL_H2_POINTS ? 2 : N <= FULL_H1_POINTS ? 1 : 0;
  const full = ripsPersistence({ points: U, dim: m }, { maxDimension: fullDimension });
  const diagrams: PersistenceDiagram[] = [...full.diagrams];
  const landmarks: TopologyLandmarksReport[] = [];
  const onLandmarks = (dimension: 1 | 2, count: number): void => {
    const sample = maxminLandmarks(U, m, count);
    const result = ripsPersistence({ points: selectRows(U, m, sample.indices), dim: m }, { maxDimension: dimension });
    diagrams[dimension] = result.diagrams[dimension];
    landmarks.push({
      dimensions: [dimension],
      method: 'maxmin',
      count: sample.indices.length,
      coveringRadius: sample.coveringRadius,
      bottleneckBound: 2 * sample.coveringRadius,
      threshold: result.threshold,
    });
  };
  if (fullDimension < 1 && N <= MAX_H1_POINTS) onLandmarks(1, H1_LANDMARKS);
  if (fullDimension < 2 && N <= MAX_H2_POINTS) onLandmarks(2, H2_LANDMARKS);
  const result: RipsResult = { diagrams, threshold: full.threshold };
  const verdict = barcodeVerdict(certified(result, landmarks));
  const maxDimension = diagrams.length - 1;
  const notes = [
    ...landmarks.map(
      (l) =>
        `H${l.dimensions.join(', H')} on ${l.count} maxmin landmarks of the ${N} directions (covering radius ε = ${l.coveringRadius.toPrecision(3)}: ` +
        `bars within bottleneck distance 2ε = ${l.bottleneckBound.toPrecision(3)} of the full cloud's; only bars longer than 2ε count in the verdict)`,
    ),
    ...(maxDimension < 2
      ? [
          `${N} directions: H${maxDimension + 1}${maxDimension < 1 ? ' and H2' : ''} computed only up to ${maxDimension < 1 ? `${MAX_H1_POINTS} and ` : ''}${MAX_H2_POINTS} points`,
        ]
      : []),
  ];
  return {
    metric: 'euclidean',
    points: N,
    maxDimension,
    threshold: full.threshold,
    // JSON has no Infinity: a class that never dies is written with death null.
    diagrams: diagrams.map((d) => ({
      dimension: d.dimension,
      pairs: d.pairs.map((p) => ({ birth: p.birth, death: Number.isFinite(p.death) ? p.death : null })),
    })),
    verdict: { clusters: verdict.clusters, circles: verdict.circles, spheres: verdict.spheres, minLength: verdict.minLength, text: verdict.text },
    ...(landmarks.length > 0 ? { landmarks } : {}),
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
  };
}

/** The barcode the verdict reads: landmark diagrams keep only their bars longer than 2ε (certified). */
function certified(result: RipsResult, landmarks: TopologyLandmarksReport[]): RipsResult {
  const diagrams = result.diagrams.map((d) => {
    const l = landmarks.find((x) => x.dimensions.includes(d.dimension));
    if (!l) return d;
    return { dimension: d.dimension, pairs: d.pairs.filter((p) => Math.min(p.death, l.threshold) - p.birth > l.bottleneckBound) };
  });
  return { diagrams, threshold: result.threshold };
}
