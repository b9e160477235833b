/**
 * Worker-thread entry of trainToyModels: trains the runs it is sent, one at a
 * time, reporting progress and posting each result back (buffers transferred).
 */
import { parentPort } from 'node:worker_threads';
import { trainToyModel } from './train.js';
import type { WorkerJob, WorkerMessage } from './train-many.js';

const port = parentPort;
if (port === null) throw new Error('train-worker.js must run in a worker thread');

port.on('message', (job: WorkerJob) => {
  const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
  const trained = trainToyModel(job.settings, (step, loss) => post({ kind: 'progress', index: job.index, step, loss }), job.every);
  const { W, b } = trained.params;
  post({ kind: 'done', index: job.index, trained }, [W.buffer as ArrayBuffer, b.buffer as ArrayBuffer]);
});
