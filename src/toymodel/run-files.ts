import type { ToyParameters } from './loss-gradient.js';
import { describeInit, initStd } from './init.js';
import { encodeNpzFloat32 } from './npz-writer.js';
import { EVAL_SAMPLES } from './train.js';
import type { ToyTrainingSettings, TrainedToyModel } from './train.js';

/** A represented feature has a column norm above this (the Toy Models' convention, ‖W_i‖ ≈ 1 when learned). */
export const REPRESENTED_NORM = 0.5;

/** Settings and results of one run, as written to `<name>.json`. */
export interface ToyRunRecord {
  schema: 'tegum.toymodel-run/1';
  name: string;
  model: string;
  layout: { W: string; b: string };
  n: number;
  m: number;
  importance: { base: number; values: number[] };
  p: number;
  steps: number;
  batch: number;
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  seed: number;
  /** How W was initialised, in words. */
  init: string;
  /**
   * The initialisation scheme, the notebook stack size it assumed, and the std
   * it gave. Absent in records written before the scheme was a choice: those
   * runs used xavier2d (their `init` says so).
   */
  initScheme?: 'notebook' | 'xavier2d';
  initInstances?: number;
  initStd?: number;
  data: string;
  loss: string;
  precision: string;
  device: 'cpu';
  finalLoss: number;
  finalLossSamples: number;
  lastBatchLoss: number;
  represented: number;
  representedNorm: number;
}

/**
 * The run's file stem, e.g. `n20_m5_p0.03_seed0`.
 *
 * @param settings - The run's settings (n, m, p, seed are used).
 */
export function runName(settings: Pick<ToyTrainingSettings, 'n' | 'm' | 'p' | 'seed'>): string {
  return `n${settings.n}_m${settings.m}_p${settings.p}_seed${settings.seed}`;
}

/**
 * W in the Toy Models layout, float32 row-major [m, n] (features are columns),
 * from the trainer's feature-major n×m array.
 *
 * @param params - Trained parameters.
 */
export function paperLayoutW(params: ToyParameters): Float32Array {
  const { n, m, W } = params;
  const out = new Float32Array(m * n);
  for (let i = 0; i < n; i++) for (let r = 0; r < m; r++) out[r * n + i] = W[i * m + r];
  return out;
}

/**
 * Number of features whose column norm exceeds REPRESENTED_NORM.
 *
 * @param params - Trained parameters.
 */
export function representedCount(params: ToyParameters): number {
  const { n, m, W } = params;
  let count = 0;
  for (let i = 0; i < n; i++) {
    let sq = 0;
    for (let r = 0; r < m; r++) sq += W[i * m + r] ** 2;
    if (Math.sqrt(sq) > REPRESENTED_NORM) count++;
  }
  return count;
}

/**
 * The two files of a run: `<name>.npz` holding W (float32 [m, n], features are
 * columns) and b (float32 [n]), and `<name>.json` with every setting and the
 * final loss. Both are byte-identical for identical runs (no timestamps).
 *
 * @param settings - The run's settings.
 * @param importanceBase - r of importance_i = r^i, recorded alongside the values.
 * @param trained - The trainer's result.
 */
export function runFiles(
  settings: ToyTrainingSettings,
  importanceBase: number,
  trained: TrainedToyModel,
): { name: string; npz: Uint8Array; record: ToyRunRecord } {
  const { params } = trained;
  const name = runName(settings);
  const npz = encodeNpzFloat32({
    W: { data: paperLayoutW(params), shape: [settings.m, settings.n] },
    b: { data: Float32Array.from(params.b), shape: [settings.n] },
  });
  const { optimizer } = settings;
  const record: ToyRunRecord = {
    schema: 'tegum.toymodel-run/1',
    name,
    model: "x' = ReLU(Wᵀ W x + b)",
    layout: { W: 'float32 [m, n]: features are columns (Toy Models layout)', b: 'float32 [n]' },
    n: settings.n,
    m: settings.m,
    importance: { base: importanceBase, values: Array.from(settings.importance) },
    p: settings.p,
    steps: settings.steps,
    batch: settings.batch,
    lr: optimizer.lr,
    betas: [optimizer.beta1, optimizer.beta2],
    eps: optimizer.eps,
    weightDecay: optimizer.weightDecay,
    seed: settings.seed,
    init: describeInit(settings.n, settings.m, settings.init),
    initScheme: settings.init.scheme,
    initInstances: settings.init.instances,
    initStd: initStd(settings.n, settings.m, settings.init),
    data: 'each feature uniform on [0, 1) with probability p, else 0',
    loss: "mean over batch and features of importance_i (x_i - x'_i)^2",
    precision: 'float64 training, float32 files',
    device: 'cpu',
    finalLoss: trained.finalLoss,
    finalLossSamples: EVAL_SAMPLES,
    lastBatchLoss: trained.lastBatchLoss,
    represented: representedCount(params),
    representedNorm: REPRESENTED_NORM,
  };
  return { name, npz, record };
}
