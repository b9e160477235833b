/**
 * Angle statistics of a large group off the main thread: the detail panel's
 * "angles between features" is O(k²·m), 9 s for 4,096 features on the main
 * thread before this existed. The page sends the group's rows; the worker
 * answers with the range.
 */
import { angleRange } from '../math/feature-angles.js';
import { serveInWorker } from './worker-scope.js';

/** One group's rows, k×m feature-major. */
export interface AngleRequest {
  id: number;
  m: number;
  rows: Float64Array;
}

export interface AngleReply {
  id: number;
  range: { min: number; max: number } | null;
}

/**
 * The range of angles between the rows (also called by the page directly for small groups).
 *
 * @param request The rows and their width.
 */
export function angleReply(request: AngleRequest): AngleReply {
  const k = request.rows.length / request.m;
  return {
    id: request.id,
    range: angleRange(
      request.rows,
      request.m,
      Array.from({ length: k }, (_, a) => a),
    ),
  };
}

serveInWorker<AngleRequest, AngleReply>(async (request) => ({ reply: angleReply(request) }));
