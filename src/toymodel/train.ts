import { adamwState, adamwStep } from './adamw.js';
import type { AdamWSettings } from './adamw.js';
import { allocateBatch, sampleBatch } from './batch.js';
import { xavierInit } from './init.js';
import type { ToyInit } from './init.js';
import { allocateWorkspace, lossAndGradient } from './loss-gradient.js';
import type { ToyParameters } from './loss-gradient.js';
import { Xoshiro128ss } from '../random/xoshiro128ss.js';

/** Everything that determines one training run (one instance). */
export interface ToyTrainingSettings {
  /** Features. */
  n: number;
  /** Hidden dimensions. */
  m: number;
  /** Per-feature loss weight, length n (the Toy Models use r^i). */
  importance: Float64Array;
  /** Probability that a feature is active (p = 1 − S), in (0, 1]. */
  p: number;
  /** Optimisation steps (official: 10,000). */
  steps: number;
  /** Samples per step (official: 1024). */
  batch: number;
  /** Random seed: the same seed, p and settings give bit-identical weights. */
  seed: number;
  /** AdamW hyperparameters (official: torch's defaults, TORCH_ADAMW). */
  optimizer: AdamWSettings;
  /** How W is initialised (the notebook's: `{ scheme: 'notebook', instances: 10 }` for its n = 5 demo). */
  init: ToyInit;
}

/** A trained instance. */
export interface TrainedToyModel {
  /** Final W (feature-major n×m) and b. */
  params: ToyParameters;
  /** Loss on a fixed evaluation batch of EVAL_SAMPLES fresh samples (see evaluateLoss). */
  finalLoss: number;
  /** Loss of the last training batch. */
  lastBatchLoss: number;
  /** Wall-clock seconds of training and evaluation (not written to the run's files). */
  seconds: number;
}

/** The official number of steps and batch size. */
export const OFFICIAL_STEPS = 10_000;
export const OFFICIAL_BATCH = 1024;
/** Samples in the evaluation batch behind finalLoss (at p = 0.01 a mean over 10^5 samples still varies by ~5 %). */
export const EVAL_SAMPLES = 1_000_000;
/** Seed of the evaluation batch, fixed so runs with different seeds are scored on the same data. */
export const EVAL_SEED = 12345;

/**
 * Train one Toy Model instance: xavier-normal W (see init.ts), b = 0, then `steps` AdamW
 * steps on fresh batches, all on the CPU in float64. (torch trains in
 * float32; V8 computes in double either way, so float32 arrays would only add
 * a rounding per store and buy no speed. The files store float32.)
 *
 * The generator stream depends on (seed, p) only, so a run is reproduced
 * whether it is trained alone or within a sweep, in any order.
 *
 * @param settings - The run's settings.
 * @param onProgress - Called every `every` steps and at the end with (steps done, last batch loss).
 * @param every - Steps between progress calls (default 100).
 */
export function trainToyModel(settings: ToyTrainingSettings, onProgress?: (step: number, batchLoss: number) => void, every = 100): TrainedToyModel {
  const { n, m, importance, p, steps, seed, optimizer, init } = settings;
  const started = performance.now();
  const rng = Xoshiro128ss.seeded(seed, 2 * streamOf(p));
  const params = xavierInit(n, m, init, () => rng.next());
  const grad = { W: new Float64Array(n * m), b: new Float64Array(n) };
  const stateW = adamwState(n * m);
  const stateB = adamwState(n);
  const batch = allocateBatch(settings.batch, n);
  const work = allocateWorkspace(n, m);
  let loss = NaN;
  for (let step = 1; step <= steps; step++) {
    sampleBatch(batch, p, rng);
    loss = lossAndGradient(params, importance, batch, grad, work);
    adamwStep(params.W, grad.W, stateW, optimizer);
    adamwStep(params.b, grad.b, stateB, optimizer);
    if (onProgress && (step % every === 0 || step === steps)) onProgress(step, loss);
  }
  const finalLoss = evaluateLoss(params, importance, p);
  return { params, finalLoss, lastBatchLoss: loss, seconds: (performance.now() - started) / 1000 };
}

/**
 * The loss of (W, b) on a fixed batch of fresh samples at feature probability
 * p: the same generator state for the same (p, seed), so losses of different
 * runs are compared on identical data.
 *
 * @param params - The model.
 * @param importance - Per-feature loss weight, length n.
 * @param p - Feature probability of the evaluation data.
 * @param samples - Batch size (default EVAL_SAMPLES).
 * @param seed - Seed of the evaluation data (default EVAL_SEED).
 */
export function evaluateLoss(params: ToyParameters, importance: Float64Array, p: number, samples = EVAL_SAMPLES, seed = EVAL_SEED): number {
  const rng = Xoshiro128ss.seeded(seed, 2 * streamOf(p) + 1);
  const chunk = 1024;
  const batch = allocateBatch(chunk, params.n);
  const work = allocateWorkspace(params.n, params.m);
  let total = 0;
  for (let done = 0; done < samples; done += chunk) {
    batch.size = Math.min(chunk, samples - done);
    sampleBatch(batch, p, rng);
    total += lossAndGradient(params, importance, batch, null, work) * batch.size;
  }
  return total / samples;
}

/** Generator stream of a feature probability: p to 2^-30 resolution. */
function streamOf(p: number): number {
  return Math.floor(p * 2 ** 30);
}
