/**
 * What the data endpoints serve: the Report as JSON and W as little-endian
 * float64 bytes (feature-major, n×m), encoded once when the server starts.
 */
import type { Report } from '../report/types.js';

export interface ViewPayload {
  /** The Report, JSON text. */
  reportJson: string;
  /** W[i*m + r] as little-endian float64. */
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
  const { m, n } = report.input;
  if (W.length !== m * n) throw new Error(`W holds ${W.length} values, the report says ${n}×${m}`);
  const weights = new Uint8Array(8 * W.length);
  const view = new DataView(weights.buffer);
  for (let k = 0; k < W.length; k++) view.setFloat64(8 * k, W[k], true);
  return { reportJson: JSON.stringify(report), weights };
}
