/**
 * A weight file opened in the page (file input, drop, or bytes from the
 * desktop app's main process) goes through the same library as the CLI:
 * readTensorsFromBytes here, then chooseWeights → analyze in a Worker
 * (src/viewer/workers/analysis-worker.ts), so the page stays responsive
 * however long the analysis takes. Where module workers cannot start, the
 * analysis runs in the page.
 */
import { readTensorsFromBytes } from '../../import/read-bytes.js';
import { InputError } from '../../import/errors.js';
import { analyseTensors } from '../workers/analysis-worker.js';
import type { AnalysisReply, AnalysisRequest } from '../workers/analysis-worker.js';
import type { ViewData } from './view-data.js';

/**
 * Analyse a weight file held in memory.
 *
 * @param name File name (extension picks the reader; named in errors).
 * @param bytes File contents.
 * @param version tegum's version for report.tool (the page learns it from the first report it shows).
 * @param onProgress Called with the analysis's progress (fraction in [0, 1] and what is being done).
 * @throws InputError for files tegum cannot read or analyse.
 */
export async function analyseBytes(
  name: string,
  bytes: Uint8Array,
  version: string,
  onProgress: (fraction: number, detail: string) => void = () => undefined,
): Promise<ViewData> {
  const request: AnalysisRequest = { name, tensors: readTensorsFromBytes(name, bytes), version };
  const reply = (await inWorker(request, onProgress)) ?? (await analyseTensors(request, onProgress));
  if (reply.ok === true) return { report: reply.report, W: reply.W };
  if (reply.ok === false) throw reply.file === null ? new Error(reply.reason) : new InputError(reply.file, reply.reason);
  throw new Error('the analysis worker answered with progress only');
}

/** The worker's final reply, or null when no module worker could start (then the caller analyses in the page). */
function inWorker(request: AnalysisRequest, onProgress: (fraction: number, detail: string) => void): Promise<AnalysisReply | null> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('../workers/analysis-worker.js', import.meta.url), { type: 'module', name: 'tegum-analysis' });
  } catch {
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    worker.onmessage = (e: MessageEvent<AnalysisReply>) => {
      if (e.data.ok === 'progress') {
        onProgress(e.data.fraction, e.data.detail);
        return;
      }
      worker.terminate();
      resolve(e.data);
    };
    // A worker that fails to load (a shell refusing module workers) reports here before any message.
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      resolve(null);
    };
    // Tensors may share one buffer; each is transferred once.
    worker.postMessage(request, [...new Set(request.tensors.map((t) => t.data.buffer as ArrayBuffer))]);
  });
}
