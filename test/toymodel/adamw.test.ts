import { describe, expect, it } from 'vitest';
import { adamwState, adamwStep } from '../../src/toymodel/adamw.js';
import { readReferenceJson } from './helpers.js';

interface AdamWCase {
  lr: number;
  betas: [number, number];
  eps: number;
  weight_decay: number;
  initial: number[];
  grads: number[][];
  after: number[][];
}

describe('adamwStep', () => {
  const cases = readReferenceJson<AdamWCase[]>('adamw.json');
  it.each(cases.map((c, k) => [k, c] as const))('reproduces torch.optim.AdamW step by step (case %i)', (_k, c) => {
    const param = Float64Array.from(c.initial);
    const state = adamwState(param.length);
    const settings = { lr: c.lr, beta1: c.betas[0], beta2: c.betas[1], eps: c.eps, weightDecay: c.weight_decay };
    c.grads.forEach((g, t) => {
      adamwStep(param, Float64Array.from(g), state, settings);
      for (let i = 0; i < param.length; i++) expect(Math.abs(param[i] - c.after[t][i])).toBeLessThan(1e-12 * Math.max(1, Math.abs(c.after[t][i])));
    });
    expect(state.step).toBe(c.grads.length);
  });
});
