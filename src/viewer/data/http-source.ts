/**
 * The `tegum view` data source. The server reads the file, serves W as
 * little-endian float64 bytes as soon as it is known and the Report when the
 * analysis is done; /api/status says where it stands (503 + Retry-After on
 * the data endpoints until then). Servers without /api/status (older
 * builds) answer both endpoints at once. The Report is checked against the
 * schema (src/report/validate.ts) before the page uses it.
 */
import type { Report } from '../../report/types.js';
import { parseReport } from '../../report/validate.js';
import type { DataSource, ViewData } from './view-data.js';

/** Endpoints of the viewer server (src/viewer-server/handler.ts serves them). */
export const REPORT_URL = '/api/report';
export const WEIGHTS_URL = '/api/weights';
export const STATUS_URL = '/api/status';

/** How often the page asks for progress while the server works. */
const POLL_MS = 400;

/** /api/status's answer. */
export interface ServerStatus {
  /** 'reading', 'analysing', 'ready' or 'error'. */
  stage: string;
  /** Stage k of `steps` (1-based) within the analysis. */
  step: number;
  steps: number;
  /** Progress within the step, 0..1. */
  fraction: number;
  detail: string;
  weightsReady: boolean;
  reportReady: boolean;
  error: string | null;
}

/** W before its Report: the shape comes from the X-Tegum-Shape header ("n,m"). */
export interface EarlyWeights {
  W: Float64Array;
  m: number;
  n: number;
}

/** What the page does while the server works. */
export interface ProgressHandlers {
  /** Each status seen while waiting. */
  status(status: ServerStatus): void;
  /** W, once known (before the analysis), when the server names its shape. */
  weights(weights: EarlyWeights): void;
}

export class HttpSource implements DataSource {
  readonly name = 'tegum view';

  /**
   * @param reportUrl Endpoint of the Report (compare mode: run B's is /api/b/report).
   * @param weightsUrl Endpoint of W.
   */
  constructor(
    private readonly reportUrl = REPORT_URL,
    private readonly weightsUrl = WEIGHTS_URL,
  ) {}

  /** Report and W, waiting for the server as long as it works. */
  initial(): Promise<ViewData> {
    return this.progressive({ status: () => undefined, weights: () => undefined });
  }

  /**
   * Wait for the analysis, passing progress and early weights to `on`.
   *
   * @throws Error when the server reports a failed analysis or an endpoint fails.
   */
  async progressive(on: ProgressHandlers): Promise<ViewData> {
    let early: EarlyWeights | null = null;
    for (;;) {
      const res = await fetch(STATUS_URL);
      if (res.status === 404) return this.fetchBoth(null);
      if (!res.ok) throw new Error(`${STATUS_URL}: ${res.status}`);
      const status = (await res.json()) as ServerStatus;
      if (status.error !== null) throw new Error(status.error);
      on.status(status);
      if (status.reportReady) return this.fetchBoth(early);
      if (status.weightsReady && early === null) {
        early = await this.fetchEarlyWeights();
        if (early) on.weights(early);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async fetchEarlyWeights(): Promise<EarlyWeights | null> {
    const res = await fetch(this.weightsUrl);
    if (!res.ok) return null;
    const shape = /^(\d+),(\d+)$/.exec(res.headers.get('X-Tegum-Shape') ?? '');
    const buffer = await res.arrayBuffer();
    if (shape === null) return null;
    const n = Number(shape[1]);
    const m = Number(shape[2]);
    if (buffer.byteLength !== m * n * 8) return null;
    return { W: littleEndianFloat64(buffer), m, n };
  }

  private async fetchBoth(early: EarlyWeights | null): Promise<ViewData> {
    const [reportRes, weightsRes] = await Promise.all([fetch(this.reportUrl), early ? null : fetch(this.weightsUrl)]);
    if (!reportRes.ok) throw new Error(`${this.reportUrl}: ${reportRes.status} ${await reportRes.text()}`);
    // The page draws whatever the Report says, so a server of another version (or a
    // broken one) is refused here in one line rather than failing somewhere inside.
    const report = validReport(this.reportUrl, await reportRes.json());
    const { m, n } = report.input;
    if (early && early.m === m && early.n === n) return { report, W: early.W };
    const res = weightsRes ?? (await fetch(this.weightsUrl));
    if (!res.ok) throw new Error(`${this.weightsUrl}: ${res.status}`);
    const buffer = await res.arrayBuffer();
    if (buffer.byteLength !== m * n * 8) throw new Error(`${this.weightsUrl}: expected ${m * n * 8} bytes for ${n}×${m} float64, got ${buffer.byteLength}`);
    return { report, W: littleEndianFloat64(buffer) };
  }
}

/** The fetched JSON as a Report, or an Error naming the endpoint and the first bad field. */
function validReport(url: string, value: unknown): Report {
  try {
    return parseReport(value);
  } catch (err) {
    throw new Error(`${url}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** Whether this platform stores numbers little-endian (then the bytes are used as they are). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Decode little-endian float64 regardless of the platform's byte order. */
function littleEndianFloat64(buffer: ArrayBuffer): Float64Array {
  if (LITTLE_ENDIAN) return new Float64Array(buffer);
  const view = new DataView(buffer);
  const out = new Float64Array(buffer.byteLength / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(8 * i, true);
  return out;
}
