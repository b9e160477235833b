/**
 * The `tegum view` data source: the server analysed FILE with the CLI's code
 * and serves the Report as JSON and W as little-endian float64 bytes.
 */
import type { Report } from '../../report/types.js';
import type { DataSource, ViewData } from './view-data.js';

/** Endpoints of the viewer server (src/viewer-server/routes.ts serves them). */
export const REPORT_URL = '/api/report';
export const WEIGHTS_URL = '/api/weights';

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

  async initial(): Promise<ViewData> {
    const [reportRes, weightsRes] = await Promise.all([fetch(this.reportUrl), fetch(this.weightsUrl)]);
    if (!reportRes.ok) throw new Error(`${this.reportUrl}: ${reportRes.status} ${await reportRes.text()}`);
    if (!weightsRes.ok) throw new Error(`${this.weightsUrl}: ${weightsRes.status}`);
    const report = (await reportRes.json()) as Report;
    const buffer = await weightsRes.arrayBuffer();
    const { m, n } = report.input;
    if (buffer.byteLength !== m * n * 8) throw new Error(`${this.weightsUrl}: expected ${m * n * 8} bytes for ${n}×${m} float64, got ${buffer.byteLength}`);
    return { report, W: littleEndianFloat64(buffer) };
  }
}

/** Decode little-endian float64 regardless of the platform's byte order. */
function littleEndianFloat64(buffer: ArrayBuffer): Float64Array {
  const view = new DataView(buffer);
  const out = new Float64Array(buffer.byteLength / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(8 * i, true);
  return out;
}
