/**
 * What `tegum view` has ready to serve, filled in as the work proceeds: W is
 * known once the file is read, the Report once the analysis finishes. The
 * page polls /api/status and fetches each endpoint when it is ready (503
 * with Retry-After until then).
 */
import type { CompareInfo } from './payload.js';
import { encodeJson } from './payload.js';

/** The JSON /api/status answers (the page codes against exactly these fields). */
export interface ViewStatus {
  /** Phase: 'analysing', 'ready' or 'error'. */
  stage: string;
  /** The analysis stage k of `steps` (1-based; compare mode counts run A's stages, then run B's); 0 of 0 before the first; n of n when ready. */
  step: number;
  steps: number;
  /** Progress within the current step, 0..1. */
  fraction: number;
  /** What is being done, for people (e.g. "planes: bundle 3/10, k=2"). */
  detail: string;
  /** Every run's W is served (compare mode: A and B). */
  weightsReady: boolean;
  /** Every run's Report is served. */
  reportReady: boolean;
  /** Why the analysis failed (the page shows it); null while all is well. */
  error: string | null;
}

/** One run's encoded endpoints; null until known. */
export interface ServedRun {
  report: Uint8Array | null;
  weights: Uint8Array | null;
  /** [n, m] of W, sent as the X-Tegum-Shape header so the page can draw W before its Report arrives. */
  shape?: [number, number];
}

export class ServedData {
  /** Run A (the only run outside compare mode). */
  readonly a: ServedRun = { report: null, weights: null };
  /** Run B in compare mode, else null. */
  readonly b: ServedRun | null;
  /** /api/compare's body: the alignment facts, or JSON null for a single run. */
  readonly compareInfo: Uint8Array;
  private progress: Pick<ViewStatus, 'stage' | 'step' | 'steps' | 'fraction' | 'detail'> = { stage: 'analysing', step: 0, steps: 0, fraction: 0, detail: '' };
  private failure: string | null = null;

  /** @param compare The alignment facts in compare mode; null for a single run. */
  constructor(compare: CompareInfo | null) {
    this.b = compare === null ? null : { report: null, weights: null };
    this.compareInfo = encodeJson(compare);
  }

  /** Record where the work stands (fraction is clamped to 0..1). */
  setProgress(stage: string, step: number, steps: number, fraction: number, detail: string): void {
    this.progress = { stage, step, steps, fraction: Math.min(1, Math.max(0, fraction)), detail };
  }

  /** The analysis failed: the status says why (no path beyond what the user typed). */
  fail(message: string): void {
    this.failure = message;
    this.progress = { ...this.progress, stage: 'error' };
  }

  status(): ViewStatus {
    const runs = this.b === null ? [this.a] : [this.a, this.b];
    return {
      ...this.progress,
      weightsReady: runs.every((r) => r.weights !== null),
      reportReady: runs.every((r) => r.report !== null),
      error: this.failure,
    };
  }
}
