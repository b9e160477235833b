/**
 * Worker-thread entry of analyseInBackground: analyses the weights it was
 * started with and posts its stages and progress, then the Report or the failure.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyze } from '../analysis/analyze.js';
import { InputError } from '../import/errors.js';
import type { AnalysisJob, AnalysisMessage } from './background-analysis.js';

const port = parentPort;
if (port === null) throw new Error('analysis-worker.js must run in a worker thread');
const post = (message: AnalysisMessage): void => port.postMessage(message);
const job = workerData as AnalysisJob;

analyze(job.ws, {
  version: job.version,
  onStage: (stage, step, steps) => post({ kind: 'stage', stage, step, steps }),
  onProgress: (fraction, detail) => post({ kind: 'progress', fraction, detail }),
}).then(
  (report) => post({ kind: 'done', report }),
  (err: unknown) =>
    post({
      kind: 'failed',
      input: err instanceof InputError ? { file: err.file, reason: err.reason } : null,
      message: err instanceof Error ? err.message : String(err),
    }),
);
