/**
 * Messages between the screening worker pool (pool-node.ts) and its workers
 * (screen-worker.ts). Type-only, so importing it pulls in no Node module.
 */
import type { SelectionArrays } from './selection.js';
import type { ScreenOptions } from './types.js';

/** One pass sent to every worker (whose kernel was fixed at its start): the units and the tile counter are shared memory. */
export interface ScreenJob {
  /** Float32 n×m units in a SharedArrayBuffer. */
  units: SharedArrayBuffer;
  n: number;
  m: number;
  opts: Required<ScreenOptions>;
  blockRows: number;
  /** Int32 [next tile to take, tiles done], shared by all workers. */
  counter: SharedArrayBuffer;
}

/** What a worker posts: 'ready' once its kernel is loaded, then per job its selection or the error that stopped it. */
export type WorkerReply = { kind: 'ready' } | { kind: 'done'; selection: SelectionArrays } | { kind: 'error'; message: string };
