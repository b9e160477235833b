/**
 * What the data endpoints serve, each encoded once: the Report as UTF-8
 * JSON and W as little-endian float64 bytes (feature-major, n×m). In compare
 * mode (`tegum view A B`) run B and the alignment facts ride along.
 */
import type { Report } from '../report/types.js';

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

/** JSON as the UTF-8 bytes a response carries. */
export function encodeJson(value: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/** A Report as served by /api/report. */
export function encodeReport(report: Report): Uint8Array {
  return encodeJson(report);
}

/**
 * W as served by /api/weights: little-endian float64 whatever W's storage (float32 widens exactly).
 *
 * @param W Feature-major weights, length n × m.
 * @param m Hidden dimension.
 * @param n Number of features.
 * @throws Error when W's length disagrees with n × m.
 */
export function encodeWeights(W: Float32Array | Float64Array, m: number, n: number): Uint8Array {
  if (W.length !== m * n) throw new Error(`W holds ${W.length} values, expected ${n}×${m}`);
  const weights = new Uint8Array(8 * W.length);
  const view = new DataView(weights.buffer);
  for (let k = 0; k < W.length; k++) view.setFloat64(8 * k, W[k], true);
  return weights;
}
