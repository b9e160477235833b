/**
 * The analysis of a file opened in the page, off the main thread: the same
 * chooseWeights → analyze as the CLI, fed with tensors the page has read.
 * Reading stays in the page because the .npz reader needs fflate, a bare
 * import that only the page's import map resolves (import maps do not reach
 * module workers); reading is linear in the file's bytes, the analysis is
 * what takes seconds to minutes.
 */
import { chooseWeights } from '../../import/choose.js';
import { InputError } from '../../import/errors.js';
import type { Tensor } from '../../import/tensor.js';
import { asFloat64 } from '../../import/weightset.js';
import { analyze } from '../../analysis/analyze.js';
import type { Report } from '../../report/types.js';
import { serveInWorker } from './worker-scope.js';

export interface AnalysisRequest {
  /** The file's name (named in errors, picks nothing here: the tensors are read). */
  name: string;
  tensors: Tensor[];
  /** tegum's version for report.tool. */
  version: string;
}

/** The Report and W, or why the input cannot be analysed (InputError's parts, or a message). */
export type AnalysisReply =
  { ok: true; report: Report; W: Float64Array } | { ok: false; file: string | null; reason: string } | { ok: 'progress'; fraction: number; detail: string };

/**
 * Analyse read tensors (also used in the page itself when a Worker cannot start).
 *
 * @param request The tensors and the file's name.
 * @param onProgress Called with the analysis's progress.
 */
export async function analyseTensors(
  request: AnalysisRequest,
  onProgress: (fraction: number, detail: string) => void = () => undefined,
): Promise<AnalysisReply> {
  try {
    const ws = chooseWeights(request.name, request.tensors);
    const report = await analyze(ws, { version: request.version, onProgress });
    // The viewer draws from float64 W (a float32 file's W widens exactly; an in-page file is small).
    return { ok: true, report, W: asFloat64(ws.W) };
  } catch (err) {
    if (err instanceof InputError) return { ok: false, file: err.file, reason: err.reason };
    return { ok: false, file: null, reason: err instanceof Error ? err.message : String(err) };
  }
}

serveInWorker<AnalysisRequest, AnalysisReply>(async (request) => {
  const reply = await analyseTensors(request, (fraction, detail) =>
    (globalThis as unknown as { postMessage(m: AnalysisReply): void }).postMessage({ ok: 'progress', fraction, detail }),
  );
  return { reply, transfer: reply.ok === true ? [reply.W.buffer as ArrayBuffer] : [] };
});
