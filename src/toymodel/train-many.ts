import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { trainToyModel } from './train.js';
import type { ToyTrainingSettings, TrainedToyModel } from './train.js';

/** A run sent to a worker. */
export interface WorkerJob {
  index: number;
  settings: ToyTrainingSettings;
  every: number;
}

/** What a worker posts back. */
export type WorkerMessage = { kind: 'progress'; index: number; step: number; loss: number } | { kind: 'done'; index: number; trained: TrainedToyModel };

/** Callbacks of trainToyModels. */
export interface TrainManyOptions {
  /** Worker threads to use (default: the available parallelism, at most one per run); 1 trains in this thread. */
  threads?: number;
  /** Steps between progress calls (default 100). */
  every?: number;
  /** Progress of run `index` (its position in the list). */
  onProgress?: (index: number, step: number, batchLoss: number) => void;
  /** Called as each run finishes, in completion order. */
  onDone?: (index: number, trained: TrainedToyModel) => void;
}

/**
 * Train several independent instances (e.g. one per p) at once: in worker
 * threads, one run per thread at a time, or in this thread when threads is 1
 * or the compiled worker is absent (running from TypeScript sources). Each run
 * draws from its own generator stream (seed, p), so results are bit-identical
 * whichever thread trains it and in whatever order.
 *
 * @param runs - Settings of each run.
 * @param opts - Threads and callbacks.
 * @returns The trained runs, in the order of `runs`.
 */
export async function trainToyModels(runs: ToyTrainingSettings[], opts: TrainManyOptions = {}): Promise<TrainedToyModel[]> {
  const every = opts.every ?? 100;
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), runs.length));
  const workerUrl = new URL('./train-worker.js', import.meta.url);
  const results: TrainedToyModel[] = new Array<TrainedToyModel>(runs.length);
  if (threads === 1 || !existsSync(fileURLToPath(workerUrl))) {
    for (const [index, settings] of runs.entries()) {
      results[index] = trainToyModel(settings, (step, loss) => opts.onProgress?.(index, step, loss), every);
      opts.onDone?.(index, results[index]);
    }
    return results;
  }
  let next = 0;
  const workers = Array.from({ length: threads }, () => new Worker(workerUrl));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = (): void => {
              if (next >= runs.length) return resolve();
              const job: WorkerJob = { index: next, settings: runs[next], every };
              next++;
              worker.postMessage(job);
            };
            worker.on('message', (message: WorkerMessage) => {
              try {
                if (message.kind === 'progress') {
                  opts.onProgress?.(message.index, message.step, message.loss);
                  return;
                }
                results[message.index] = message.trained;
                opts.onDone?.(message.index, message.trained);
                send();
              } catch (err) {
                reject(err instanceof Error ? err : new Error(String(err))); // a failing callback (e.g. a write) ends the whole call, not the process
              }
            });
            worker.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
