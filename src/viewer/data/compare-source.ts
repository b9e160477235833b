/**
 * Compare mode's data (`tegum view A B`): the alignment facts from
 * /api/compare (JSON null when the server shows a single run), run A from the
 * usual endpoints and run B, already aligned onto A, from /api/b/….
 */
import type { CompareInfo } from '../../viewer-server/payload.js';
import { HttpSource } from './http-source.js';
import type { ServerStatus } from './http-source.js';
import type { ViewData } from './view-data.js';

/** Endpoint of the alignment facts (src/viewer-server/handler.ts serves it). */
export const COMPARE_URL = '/api/compare';

/** Both runs and how B was aligned onto A. */
export interface CompareData {
  a: ViewData;
  /** W is B's aligned onto A; the report is B's own analysis. */
  b: ViewData;
  info: CompareInfo;
}

/**
 * @param onStatus Called with the server's progress while it analyses the runs.
 * @returns Both runs, or null when the server shows a single run.
 * @throws Error when an endpoint fails.
 */
export async function fetchCompare(onStatus: (status: ServerStatus) => void): Promise<CompareData | null> {
  const res = await fetch(COMPARE_URL);
  if (!res.ok) throw new Error(`${COMPARE_URL}: ${res.status}`);
  const info = (await res.json()) as CompareInfo | null;
  if (info === null) return null;
  const quiet = { status: () => undefined, weights: () => undefined };
  const [a, b] = await Promise.all([
    new HttpSource().progressive({ ...quiet, status: onStatus }),
    new HttpSource('/api/b/report', '/api/b/weights').progressive(quiet),
  ]);
  return { a, b, info };
}
