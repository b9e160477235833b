/**
 * Worker-thread entry of the screening pool: for each job, takes tiles from
 * the shared counter until none is left, sweeping them into its own
 * selection, and posts the selection back (merged by the pool).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { nodeGramKernel } from './node-kernels.js';
import { createSelection } from './selection.js';
import { planBlocks, scratchLimits, sweepTile } from './sweep.js';
import type { NodeKernelChoice } from './node-kernels.js';
import type { ScreenJob, WorkerReply } from './pool-messages.js';

if (parentPort === null) throw new Error('screen-worker.js must run in a worker thread');
const port = parentPort;

// The kernel the pool resolved (workerData), loaded once before the first job.
const kernelLoad = nodeGramKernel(workerData as NodeKernelChoice);
kernelLoad.then(
  () => port.postMessage({ kind: 'ready' } satisfies WorkerReply),
  (err: unknown) => port.postMessage({ kind: 'error', message: err instanceof Error ? err.message : String(err) } satisfies WorkerReply),
);

async function runJob(job: ScreenJob): Promise<void> {
  try {
    const units = new Float32Array(job.units, 0, job.n * job.m);
    const counter = new Int32Array(job.counter);
    const kernel = await kernelLoad;
    const tiles = await kernel.load(units, job.n, job.m);
    const plan = planBlocks(job.n, job.blockRows);
    const sel = createSelection(job.n, job.opts.topK, job.opts.maxPerRow);
    const lim = scratchLimits();
    try {
      for (let t = Atomics.add(counter, 0, 1); t < plan.tiles; t = Atomics.add(counter, 0, 1)) {
        await sweepTile(plan, t, tiles, sel, job.opts.threshold, lim);
        Atomics.add(counter, 1, 1);
      }
    } finally {
      tiles.dispose();
    }
    const { top, sig, above } = sel;
    const reply: WorkerReply = { kind: 'done', selection: { top, sig, above } };
    const buffers = [top.index, top.cos, top.key, top.size, sig.index, sig.cos, sig.key, sig.size, above].map((a) => a.buffer as ArrayBuffer);
    port.postMessage(reply, buffers);
  } catch (err) {
    const reply: WorkerReply = { kind: 'error', message: err instanceof Error ? err.message : String(err) };
    port.postMessage(reply);
  }
}

// runJob posts its own errors, so the promise never rejects.
port.on('message', (job: ScreenJob) => void runJob(job));
