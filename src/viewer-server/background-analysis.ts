/**
 * The analysis `tegum view` runs while it already serves W: in a worker
 * thread, so the server keeps answering (/api/status, the page's files)
 * during a long analysis. Running from the TypeScript sources (tests), where
 * the compiled worker is absent, it runs in this thread instead.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { analyze } from '../analysis/analyze.js';
import { InputError } from '../import/errors.js';
import type { WeightSet } from '../import/weightset.js';
import type { Report } from '../report/types.js';

/** What the worker is given. */
export interface AnalysisJob {
  ws: WeightSet;
  /** tegum's version, for report.tool. */
  version: string;
}

/** What the worker posts back. */
export type AnalysisMessage =
  | { kind: 'stage'; stage: string; step: number; steps: number }
  | { kind: 'progress'; fraction: number; detail: string }
  | { kind: 'done'; report: Report }
  | { kind: 'failed'; input: { file: string; reason: string } | null; message: string };

/** The analysis's own progress, as analyze() reports it. */
export interface AnalysisProgress {
  /** A stage begins: its name, k and n (1-based). */
  onStage: (stage: string, step: number, steps: number) => void;
  /** Progress within the stage, fraction in [0, 1], and what it is doing. */
  onProgress: (fraction: number, detail: string) => void;
}

/**
 * Analyse off the main thread.
 *
 * @param job The weights and the version.
 * @param progress Stage and progress callbacks.
 * @param signal Aborting stops the worker at once (Ctrl-C during a long analysis); the in-thread fallback runs to its end.
 * @returns The Report, exactly as analyze() gives it.
 * @throws InputError when the analysis refuses the weights (NaN, all zeros), Error for internal failures,
 *   the signal's reason when aborted.
 */
export async function analyseInBackground(job: AnalysisJob, progress: AnalysisProgress, signal?: AbortSignal): Promise<Report> {
  const workerUrl = new URL('./analysis-worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(workerUrl))) return analyze(job.ws, { version: job.version, onStage: progress.onStage, onProgress: progress.onProgress });
  const worker = new Worker(workerUrl, { workerData: job });
  try {
    return await new Promise<Report>((resolve, reject) => {
      const aborted = (): void => reject(signal?.reason instanceof Error ? signal.reason : new Error('the analysis was stopped'));
      if (signal?.aborted) return aborted();
      signal?.addEventListener('abort', aborted, { once: true });
      worker.on('message', (message: AnalysisMessage) => {
        if (message.kind === 'stage') progress.onStage(message.stage, message.step, message.steps);
        else if (message.kind === 'progress') progress.onProgress(message.fraction, message.detail);
        else if (message.kind === 'done') resolve(message.report);
        else reject(message.input ? new InputError(message.input.file, message.input.reason) : new Error(message.message));
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`the analysis worker exited with code ${code}`)));
    });
  } finally {
    await worker.terminate();
  }
}
