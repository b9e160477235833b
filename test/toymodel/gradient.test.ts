import { describe, expect, it } from 'vitest';
import { allocateWorkspace, lossAndGradient } from '../../src/toymodel/loss-gradient.js';
import type { ToyParameters } from '../../src/toymodel/loss-gradient.js';
import { mulberry32, gaussian } from '../../src/random/index.js';
import { featureMajor, readReferenceJson, sparseFromDense } from './helpers.js';

interface GradientFixture {
  n: number;
  m: number;
  batch: number;
  W: number[];
  b: number[];
  importance: number[];
  x: number[];
  loss: number;
  gradW: number[];
  gradB: number[];
}

function lossOnly(params: ToyParameters, importance: Float64Array, x: Float64Array, size: number): number {
  return lossAndGradient(params, importance, sparseFromDense(x, size, params.n), null, allocateWorkspace(params.n, params.m));
}

describe('closed-form gradients of the Toy Models loss', () => {
  it('equal torch autograd (float64) on the reference batch', () => {
    const f = readReferenceJson<GradientFixture>('gradient.json');
    const params = { n: f.n, m: f.m, W: featureMajor(f.W, f.m, f.n), b: Float64Array.from(f.b) };
    const grad = { W: new Float64Array(f.n * f.m), b: new Float64Array(f.n) };
    const loss = lossAndGradient(params, Float64Array.from(f.importance), sparseFromDense(f.x, f.batch, f.n), grad, allocateWorkspace(f.n, f.m));
    expect(loss).toBeCloseTo(f.loss, 14);
    const torchGradW = featureMajor(f.gradW, f.m, f.n);
    for (let k = 0; k < grad.W.length; k++) expect(Math.abs(grad.W[k] - torchGradW[k])).toBeLessThan(1e-14);
    for (let i = 0; i < f.n; i++) expect(Math.abs(grad.b[i] - f.gradB[i])).toBeLessThan(1e-14);
  });

  it('match central finite differences on dense and sparse samples (both routes of the kernel)', () => {
    const n = 9;
    const m = 3;
    const size = 40;
    const rng = mulberry32(11);
    const params = { n, m, W: Float64Array.from({ length: n * m }, () => 0.6 * gaussian(rng)), b: Float64Array.from({ length: n }, () => 0.3 * gaussian(rng)) };
    const importance = Float64Array.from({ length: n }, (_, i) => 0.8 ** i);
    // Half the samples dense (W route), half with ≤ m active features (Gram route).
    const x = new Float64Array(size * n);
    for (let s = 0; s < size; s++) for (let i = 0; i < n; i++) if (s % 2 === 0 ? rng() < 0.9 : rng() < 0.15) x[s * n + i] = rng();
    const batch = sparseFromDense(x, size, n);
    const active = (s: number): number => batch.start[s + 1] - batch.start[s];
    expect(Array.from({ length: size }, (_, s) => active(s)).some((k) => k <= m && k > 0)).toBe(true);
    expect(Array.from({ length: size }, (_, s) => active(s)).some((k) => k > m)).toBe(true);

    const grad = { W: new Float64Array(n * m), b: new Float64Array(n) };
    lossAndGradient(params, importance, batch, grad, allocateWorkspace(n, m));
    const h = 1e-6;
    const check = (arr: Float64Array, analytic: Float64Array): void => {
      for (let k = 0; k < arr.length; k++) {
        const keep = arr[k];
        arr[k] = keep + h;
        const up = lossOnly(params, importance, x, size);
        arr[k] = keep - h;
        const down = lossOnly(params, importance, x, size);
        arr[k] = keep;
        const numeric = (up - down) / (2 * h);
        expect(Math.abs(numeric - analytic[k])).toBeLessThan(1e-8 + 1e-6 * Math.abs(numeric));
      }
    };
    check(params.W, grad.W);
    check(params.b, grad.b);
  });
});
