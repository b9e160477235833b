/**
 * The screening worker pool (Node only: worker_threads). Tiles of the blocked
 * sweep are handed out through a shared atomic counter, the units sit in one
 * SharedArrayBuffer, each worker keeps its own bounded selection, and the pool
 * merges them; since the selection is a top-L under a strict total order and
 * every tile is computed by the same kernel, the result equals one thread's
 * bit for bit. The CLI creates this and passes it to the analysis, whose core
 * stays browser-safe.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ScreenJob, WorkerReply } from './pool-messages.js';
import { nodeGramKernel } from './node-kernels.js';
import type { NodeKernelChoice } from './node-kernels.js';
import { kernelScreener } from './screener.js';
import { createSelection, finishSelection, mergeSelection } from './selection.js';
import { checkUnits, planBlocks, resolveOptions } from './sweep.js';
import type { GramKernel, PairList, Screener, Screening, ScreenOptions } from './types.js';

/** Options of {@link createWorkerScreener}. */
export interface WorkerScreenerOptions {
  /** Worker threads (default: the available parallelism); 1 runs in this thread. */
  threads?: number;
  /** Tile kernel of every worker (default 'auto': onnxruntime's MLAS where installed, else WASM SIMD). */
  kernel?: NodeKernelChoice;
  /** Compiled worker entry (default: screen-worker.js beside this module; tests running sources point at dist/). */
  workerUrl?: URL;
  /** Milliseconds between progress calls (default 200). */
  progressEveryMs?: number;
}

/** The choice naming exactly `kernel`, so every worker loads the kernel the pool resolved. */
function choiceOf(kernel: GramKernel): NodeKernelChoice {
  return kernel.name === 'onnxruntime' ? 'onnxruntime' : kernel.name === 'js' ? 'js' : 'wasm';
}

/**
 * A screener over worker threads. Without the compiled worker file (running
 * from TypeScript sources) or with threads = 1 it runs in this thread (the
 * onnxruntime kernel then uses `threads` intra-op threads), and describe()
 * says so.
 */
export async function createWorkerScreener(options: WorkerScreenerOptions = {}): Promise<Screener> {
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const workerUrl = options.workerUrl ?? new URL('./screen-worker.js', import.meta.url);
  if (threads === 1 || !existsSync(fileURLToPath(workerUrl))) {
    const local = await nodeGramKernel(options.kernel ?? 'auto', threads);
    const intra = local.name === 'onnxruntime' ? threads : 1;
    return kernelScreener(local, `1 thread${intra > 1 ? ` (${intra} intra-op threads)` : ''}`);
  }
  const kernel = await nodeGramKernel(options.kernel ?? 'auto');
  const choice = choiceOf(kernel);
  // Workers start now and load their kernel (onnxruntime's library takes a
  // while) while the caller reads its input; each says 'ready' when loaded.
  const spawn = (): Promise<Worker[]> =>
    Promise.all(
      Array.from({ length: threads }, () => {
        const worker = new Worker(workerUrl, { workerData: choice });
        return new Promise<Worker>((resolve, reject) => {
          worker.once('error', reject);
          worker.once('message', (reply: WorkerReply) => {
            worker.off('error', reject);
            if (reply.kind === 'ready') resolve(worker);
            else reject(new Error(`screening worker failed: ${reply.kind === 'error' ? reply.message : reply.kind}`));
          });
        });
      }),
    );
  let workers: Promise<Worker[]> | null = spawn();
  workers.catch(() => undefined); // a failed start surfaces at the first screen()
  let busy = false;
  // Dense products run in this thread while the workers idle, so the kernel gets their threads (onnxruntime's intra-op pool).
  let product: Promise<GramKernel> | null = null;

  async function screen(units: Float32Array, n: number, m: number, opts: ScreenOptions, onProgress?: (fraction: number) => void): Promise<Screening> {
    checkUnits(units, n, m);
    const o = resolveOptions(opts);
    if (busy) throw new Error('this screener is already running a pass');
    busy = true;
    try {
      const pool = await (workers ??= spawn());
      // unitDirections' units are shared memory already; anything else is copied there once.
      const inPlace = units.buffer instanceof SharedArrayBuffer && units.byteOffset === 0;
      const shared = inPlace ? units.buffer : new SharedArrayBuffer(Math.max(4, n * m * 4));
      if (!inPlace) new Float32Array(shared).set(units.subarray(0, n * m));
      const counter = new SharedArrayBuffer(8);
      const blockRows = kernel.blockRows(m);
      const plan = planBlocks(n, blockRows);
      const job: ScreenJob = { units: shared, n, m, opts: o, blockRows, counter };
      const done = new Int32Array(counter);
      const timer = onProgress && setInterval(() => onProgress(Atomics.load(done, 1) / Math.max(1, plan.tiles)), options.progressEveryMs ?? 200);
      try {
        const replies = await Promise.all(
          pool.map(
            (worker) =>
              new Promise<WorkerReply>((resolve, reject) => {
                const onError = (err: Error): void => reject(err);
                worker.once('error', onError);
                worker.once('message', (reply: WorkerReply) => {
                  worker.off('error', onError);
                  resolve(reply);
                });
                worker.postMessage(job);
              }),
          ),
        ).catch(async (err: unknown) => {
          // A crashed worker leaves the pool unusable: start afresh on the next call.
          workers = null;
          await Promise.all(pool.map((w) => w.terminate()));
          throw err;
        });
        const sel = createSelection(n, o.topK, o.maxPerRow);
        for (const reply of replies) {
          if (reply.kind !== 'done') throw new Error(`screening worker failed: ${reply.kind === 'error' ? reply.message : 'unexpected reply'}`);
          mergeSelection(sel, reply.selection);
        }
        onProgress?.(1);
        return finishSelection(sel, o.maxPerRow);
      } finally {
        if (timer !== undefined) clearInterval(timer);
      }
    } finally {
      busy = false;
    }
  }

  return {
    describe: () => `${kernel.name}, ${threads} worker threads`,
    screen,
    productKernel: () => (product ??= nodeGramKernel(choice, threads)),
    pairs: async (units, n, m, opts, onProgress): Promise<PairList> => (await screen(units, n, m, { ...opts, topK: 0 }, onProgress)).pairs,
    close: async (): Promise<void> => {
      const all = (await workers?.catch(() => null)) ?? [];
      workers = null;
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
