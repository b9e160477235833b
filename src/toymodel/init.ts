import { gaussian } from '../random/index.js';
import type { ToyParameters } from './loss-gradient.js';

/**
 * How W is initialised (b is always 0). Both are xavier-normal (Glorot &
 * Bengio 2010), std = sqrt(2 / (fan_in + fan_out)); they differ in the tensor
 * whose fans are taken:
 *
 * - `notebook`: the Toy Models notebook's `nn.init.xavier_normal_` on its whole
 *   stack W [instances, n, m]. torch's `_calculate_fan_in_and_fan_out` takes
 *   fan_in = size(1)·receptive = n·m and fan_out = size(0)·receptive =
 *   instances·m (receptive = prod(size[2:]) = m), so
 *   std = sqrt(2 / ((n + instances)·m)); checked against torch 1.13 by
 *   scripts/fixtures/train_torch_outcomes.py (fixture `fan`).
 * - `xavier2d`: the 2-D definition for one m×n matrix, std = sqrt(2 / (n + m)).
 *
 * The scale matters: which local minimum a run ends in (pentagon or two digons
 * at n = 5, m = 2) depends on it.
 */
export type InitScheme = 'notebook' | 'xavier2d';

/** The initialisation of a run. */
export interface ToyInit {
  scheme: InitScheme;
  /** Instances in the notebook's stack (its first axis); used by `notebook` only, ≥ 1. */
  instances: number;
}

/**
 * The standard deviation of W's entries under `init`.
 *
 * @param n - Features.
 * @param m - Hidden dimensions.
 * @param init - Scheme and stack size.
 */
export function initStd(n: number, m: number, init: ToyInit): number {
  return init.scheme === 'notebook' ? Math.sqrt(2 / ((n + init.instances) * m)) : Math.sqrt(2 / (n + m));
}

/**
 * The initial point: W with i.i.d. N(0, std²) entries, b = 0.
 *
 * @param n - Features.
 * @param m - Hidden dimensions.
 * @param init - Scheme and stack size (see {@link initStd}).
 * @param rng - Uniform generator on [0, 1) for the Gaussian draws.
 */
export function xavierInit(n: number, m: number, init: ToyInit, rng: () => number): ToyParameters {
  const std = initStd(n, m, init);
  const W = new Float64Array(n * m);
  for (let k = 0; k < W.length; k++) W[k] = std * gaussian(rng);
  return { n, m, W, b: new Float64Array(n) };
}

/**
 * A one-line description of `init` for the run record.
 *
 * @param n - Features.
 * @param m - Hidden dimensions.
 * @param init - Scheme and stack size.
 */
export function describeInit(n: number, m: number, init: ToyInit): string {
  const std = initStd(n, m, init).toPrecision(4);
  return init.scheme === 'notebook'
    ? `W xavier_normal_ on the notebook's [instances, n, m] stack, instances = ${init.instances}: std sqrt(2/((n+instances)·m)) = ${std}; b = 0`
    : `W xavier_normal on one m×n matrix: std sqrt(2/(n+m)) = ${std}; b = 0`;
}
