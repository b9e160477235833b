import { gaussian } from '../random/gaussian.js';
import type { ToyParameters } from './loss-gradient.js';

/**
 * The official initial point: W xavier-normal (Glorot & Bengio 2010) with
 * std = sqrt(2 / (n + m)) for the m×n matrix, as torch.nn.init.xavier_normal_
 * gives a 2-D weight; b = 0.
 *
 * @param n - Features.
 * @param m - Hidden dimensions.
 * @param rng - Uniform generator on [0, 1) for the Gaussian draws.
 */
export function xavierInit(n: number, m: number, rng: () => number): ToyParameters {
  const std = Math.sqrt(2 / (n + m));
  const W = new Float64Array(n * m);
  for (let k = 0; k < W.length; k++) W[k] = std * gaussian(rng);
  return { n, m, W, b: new Float64Array(n) };
}
