/** Hyperparameters of AdamW, named as in torch.optim.AdamW. */
export interface AdamWSettings {
  /** Learning rate (torch default 1e-3). */
  lr: number;
  /** First-moment decay (torch default 0.9). */
  beta1: number;
  /** Second-moment decay (torch default 0.999). */
  beta2: number;
  /** Added to the denominator (torch default 1e-8). */
  eps: number;
  /** Decoupled weight decay (torch default 0.01), applied to every parameter. */
  weightDecay: number;
}

/** torch.optim.AdamW's defaults, which the Toy Models notebook leaves in place. */
export const TORCH_ADAMW: Readonly<AdamWSettings> = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 };

/** Moment estimates of one parameter array and the number of steps taken. */
export interface AdamWState {
  step: number;
  expAvg: Float64Array;
  expAvgSq: Float64Array;
}

/**
 * Fresh optimiser state for a parameter of `size` entries.
 *
 * @param size - Number of entries of the parameter.
 */
export function adamwState(size: number): AdamWState {
  return { step: 0, expAvg: new Float64Array(size), expAvgSq: new Float64Array(size) };
}

/**
 * One AdamW step in place, in the order torch 1.13's _single_tensor_adamw
 * does it (Loshchilov & Hutter 2019): decay θ ← θ(1 − lr·λ) first, then
 * m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², and
 * θ ← θ − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε).
 *
 * @param param - The parameter, updated in place.
 * @param grad - Its gradient.
 * @param state - Its moments, updated in place (state.step counts this step).
 * @param settings - Hyperparameters.
 */
export function adamwStep(param: Float64Array, grad: Float64Array, state: AdamWState, settings: AdamWSettings): void {
  const { lr, beta1, beta2, eps, weightDecay } = settings;
  const t = ++state.step;
  const stepSize = lr / (1 - beta1 ** t);
  const bias2Sqrt = Math.sqrt(1 - beta2 ** t);
  const decay = 1 - lr * weightDecay;
  const { expAvg, expAvgSq } = state;
  for (let i = 0; i < param.length; i++) {
    const g = grad[i];
    const m = (expAvg[i] = beta1 * expAvg[i] + (1 - beta1) * g);
    const v = (expAvgSq[i] = beta2 * expAvgSq[i] + (1 - beta2) * g * g);
    param[i] = param[i] * decay - (stepSize * m) / (Math.sqrt(v) / bias2Sqrt + eps);
  }
}
