/**
 * The topology of the feature cloud: Vietoris–Rips persistence of the
 * represented unit directions (the talk's "TDA for spheres"). The complete
 * barcode in H2 grows as N⁴ simplices, so large clouds get fewer dimensions,
 * said in the report's note.
 */
import { unitDirections } from '../features/index.js';
import { barcodeVerdict, ripsPersistence } from '../tda/index.js';
import type { RipsResult } from '../tda/index.js';
import type { TopologyReport } from '../report/types.js';

/** Up to this many points H2 is computed (seconds); H1 up to MAX_H1_POINTS; H0 up to MAX_H0_POINTS (the distance matrix is N²); beyond, nothing. */
export const MAX_H2_POINTS = 60;
export const MAX_H1_POINTS = 300;
export const MAX_H0_POINTS = 2_000;

export function featureTopology(W: Float64Array, m: number, represented: number[]): TopologyReport {
  const N = represented.length;
  const maxDimension = N <= MAX_H2_POINTS ? 2 : N <= MAX_H1_POINTS ? 1 : 0;
  const note =
    maxDimension === 2 ? undefined : `${N} directions: ${maxDimension === 1 ? `H2 computed only up to ${MAX_H2_POINTS}` : `H1 and H2 computed only up to ${MAX_H1_POINTS} and ${MAX_H2_POINTS}`} points`;
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
  const result: RipsResult = ripsPersistence({ points: unitDirections(W, m, represented), dim: m }, { maxDimension, metric: 'euclidean' });
  const verdict = barcodeVerdict(result);
  return {
    metric: 'euclidean',
    points: N,
    maxDimension,
    threshold: result.threshold,
    // JSON has no Infinity: a class that never dies is written with death null.
    diagrams: result.diagrams.map((d) => ({ dimension: d.dimension, pairs: d.pairs.map((p) => ({ birth: p.birth, death: Number.isFinite(p.death) ? p.death : null })) })),
    verdict: { clusters: verdict.clusters, circles: verdict.circles, spheres: verdict.spheres, minLength: verdict.minLength, text: verdict.text },
    ...(note ? { note } : {}),
  };
}
