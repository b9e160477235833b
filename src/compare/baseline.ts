/**
 * The random-superposition baseline (J. Edmonds, "Random Superposition"): how
 * much better is the learned W than n random unit directions in R^m with the
 * best single bias, and how does the learned interference compare with the
 * bound δ = sqrt(4 ln n / m) that random directions meet?
 */
import { asFloat64 } from '../import/weightset.js';
import type { WeightSet } from '../import/weightset.js';
import type { RandomBaseline } from '../report/compare-types.js';
import { evaluateLoss } from '../toymodel/train.js';
import { Xoshiro128ss, gaussian } from '../random/index.js';

/** Samples for each loss estimate; the estimates reuse one fixed data stream, so they are comparable. */
export const BASELINE_SAMPLES = 200_000;
/** Golden-section steps for the best scalar bias (the bracket [−3, 1] shrinks to ~1e-5 of its width). */
const GOLDEN_STEPS = 30;
/** Learned features with norm above this enter the interference statistics (Toy Models' convention). */
const REPRESENTED_NORM = 0.5;
const SEED = 20221;

/**
 * @param ws - The learned run (W feature-major, bias b; b = 0 when the file has none).
 * @param settings - Its feature probability p and importance base (importance_i = base^i).
 */
export function randomBaseline(ws: WeightSet, settings: { p: number; importance: number }): Omit<RandomBaseline, 'run'> {
  const { n, m } = ws;
  const W = asFloat64(ws.W);
  const importance = Float64Array.from({ length: n }, (_, i) => settings.importance ** i);
  const loss = (Wx: Float64Array, b: Float64Array): number => evaluateLoss({ n, m, W: Wx, b }, importance, settings.p, BASELINE_SAMPLES);
  const learnedLoss = loss(W, ws.bias ?? new Float64Array(n));

  // Gaussian directions, normalised: unit norm like a learned feature.
  const rng = Xoshiro128ss.seeded(SEED, 0);
  const uniform = (): number => rng.next();
  const R = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let r = 0; r < m; r++) s += (R[i * m + r] = gaussian(uniform)) ** 2;
    const inv = 1 / Math.sqrt(s);
    for (let r = 0; r < m; r++) R[i * m + r] *= inv;
  }
  const lossAt = (beta: number): number => loss(R, new Float64Array(n).fill(beta));
  const { x: randomBias, f: randomLoss } = goldenMinimum(lossAt, -3, 1);

  const { rms, max } = interference(W, m, n);
  return {
    learnedLoss,
    randomLoss,
    randomBias,
    samples: BASELINE_SAMPLES,
    interferenceRms: rms,
    interferenceMax: max,
    delta: Math.sqrt((4 * Math.log(n)) / m),
  };
}

/** Minimum of a unimodal f on [a, b] by golden-section search. */
function goldenMinimum(f: (x: number) => number, a: number, b: number): { x: number; f: number } {
  const g = (Math.sqrt(5) - 1) / 2;
  let lo = a;
  let hi = b;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let i = 0; i < GOLDEN_STEPS; i++) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = f(x2);
    }
  }
  return f1 <= f2 ? { x: x1, f: f1 } : { x: x2, f: f2 };
}

/** RMS and largest |cos| between distinct learned features (norm > 0.5). */
function interference(W: Float64Array, m: number, n: number): { rms: number; max: number } {
  const ids: number[] = [];
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let r = 0; r < m; r++) s += W[i * m + r] ** 2;
    norms[i] = Math.sqrt(s);
    if (norms[i] > REPRESENTED_NORM) ids.push(i);
  }
  let sum = 0;
  let count = 0;
  let max = 0;
  for (let a = 0; a < ids.length; a++) {
    for (let c = a + 1; c < ids.length; c++) {
      let dot = 0;
      for (let r = 0; r < m; r++) dot += W[ids[a] * m + r] * W[ids[c] * m + r];
      const cos = Math.abs(dot) / (norms[ids[a]] * norms[ids[c]]);
      sum += cos * cos;
      count++;
      max = Math.max(max, cos);
    }
  }
  return { rms: count ? Math.sqrt(sum / count) : 0, max };
}
