/**
 * What the data endpoints serve: the Report as JSON and W as little-endian
 * float64 bytes (feature-major, n×m), encoded once when the server starts.
 * In compare mode (`tegum view A B`) the second run and the alignment ride
 * along in `compare`.
 */
import type { Report } from '../report/types.js';

export interface ViewPayload {
  /** The Report, JSON text. */
  reportJson: string;
  /** W[i*m + r] as little-endian float64. */
  weights: Uint8Array;
  /** The second run of a comparison; absent for a single run. */
  compare?: ComparePayload;
}

/** How run B was aligned onto run A (see src/compare/align.ts). */
export interface CompareInfo {
  /** Labels of the two runs as given on the command line. */
  labels: [string, string];
  /** ‖R S B − A‖_F / ‖A‖_F after rotation and sign flips. */
  residual: number;
  /** The same with the rotation alone. */
  residualRotationOnly: number;
  /** Features of B whose sign was flipped (ascending). */
  signFlips: number[];
}

/** Run B's endpoints: its Report, its aligned W, and the alignment facts. */
export interface ComparePayload {
  /** CompareInfo, JSON text. */
  infoJson: string;
  /** Run B's Report, JSON text. */
  reportJson: string;
  /** B's W after alignment onto A, little-endian float64. */
  weights: Uint8Array;
}

/**
 * Encode a Report and its W for the endpoints.
 *
 * @param report The analysis of W.
 * @param W Feature-major weights, length report.input.n × report.input.m.
 * @throws Error when W's length disagrees with the report's n × m.
 */
export function encodePayload(report: Report, W: Float64Array): ViewPayload {
  return { reportJson: JSON.stringify(report), weights: encodeWeights(report, W) };
}

/**
 * Encode run B of a comparison.
 *
 * @param info Labels and alignment facts.
 * @param report Run B's Report (computed from B's own W; the analysis does not change under rotation).
 * @param alignedW B's W aligned onto A, feature-major.
 * @throws Error when W's length disagrees with the report's n × m.
 */
export function encodeComparePayload(info: CompareInfo, report: Report, alignedW: Float64Array): ComparePayload {
  return { infoJson: JSON.stringify(info), reportJson: JSON.stringify(report), weights: encodeWeights(report, alignedW) };
}

function encodeWeights(report: Report, W: Float64Array): Uint8Array {
  const { m, n } = report.input;
  if (W.length !== m * n) throw new Error(`W holds ${W.length} values, the report says ${n}×${m}`);
  const weights = new Uint8Array(8 * W.length);
  const view = new DataView(weights.buffer);
  for (let k = 0; k < W.length; k++) view.setFloat64(8 * k, W[k], true);
  return weights;
}
