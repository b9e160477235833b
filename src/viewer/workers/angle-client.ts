/**
 * The page's side of the angle statistics: groups up to SYNC_LIMIT features
 * are computed at once (≤ ~10 ms), larger ones in a Worker, on at most
 * SAMPLE_LIMIT evenly spaced members (the panel says so). Without Worker
 * support (a shell that refuses module workers) large groups are sampled
 * down to SYNC_LIMIT in the page instead.
 */
import { angleReply } from './angle-worker.js';
import type { AngleReply } from './angle-worker.js';
import { evenlySpaced } from '../math/sample.js';

/** Groups this small are computed on the main thread (k²·m/2 ≤ 25 M multiply-adds at m = 768). */
export const SYNC_LIMIT = 256;
/** Larger groups are sampled down to this many members (2 M pairs: a second or two in the worker). */
export const SAMPLE_LIMIT = 2048;

/** The range and how many of the group's features it was taken over. */
export interface AngleStats {
  range: { min: number; max: number } | null;
  /** Features the range covers (less than `of` when sampled). */
  used: number;
  of: number;
}

export class AngleClient {
  private worker: Worker | null | undefined;
  private next = 0;
  private readonly waiting = new Map<number, (reply: AngleReply) => void>();

  /**
   * The angle range of a group: a value when it was cheap, else a promise.
   *
   * @param W Feature-major weights.
   * @param m Hidden dimension.
   * @param features The group.
   */
  stats(W: Float64Array, m: number, features: readonly number[]): AngleStats | Promise<AngleStats> {
    if (features.length <= SYNC_LIMIT) return this.inPage(W, m, features, features.length);
    const worker = this.ensureWorker();
    if (worker === null) return this.inPage(W, m, evenlySpaced(features, SYNC_LIMIT), features.length);
    const used = evenlySpaced(features, SAMPLE_LIMIT);
    const id = this.next++;
    const rows = gatherRows(W, m, used);
    return new Promise((resolve) => {
      this.waiting.set(id, (reply) => resolve({ range: reply.range, used: used.length, of: features.length }));
      worker.postMessage({ id, m, rows }, [rows.buffer]);
    });
  }

  private inPage(W: Float64Array, m: number, used: readonly number[], of: number): AngleStats {
    return { range: angleReply({ id: -1, m, rows: gatherRows(W, m, used) }).range, used: used.length, of };
  }

  private ensureWorker(): Worker | null {
    if (this.worker !== undefined) return this.worker;
    try {
      this.worker = new Worker(new URL('./angle-worker.js', import.meta.url), { type: 'module', name: 'tegum-angles' });
      this.worker.onmessage = (e: MessageEvent<AngleReply>) => {
        this.waiting.get(e.data.id)?.(e.data);
        this.waiting.delete(e.data.id);
      };
      this.worker.onerror = () => {
        // The worker could not load: answer what is waiting with nothing, and compute in the page from now on.
        for (const resolve of this.waiting.values()) resolve({ id: -1, range: null });
        this.waiting.clear();
        this.worker = null;
      };
    } catch {
      this.worker = null;
    }
    return this.worker;
  }
}

function gatherRows(W: Float64Array, m: number, features: readonly number[]): Float64Array {
  const rows = new Float64Array(features.length * m);
  features.forEach((f, a) => rows.set(W.subarray(f * m, f * m + m), a * m));
  return rows;
}
