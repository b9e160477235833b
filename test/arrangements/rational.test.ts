import { describe, expect, it } from 'vitest';
import { rationalise } from '../../src/arrangements/rational.js';

describe('rationalise', () => {
  it('snaps to the simplest fraction within the tolerance', () => {
    expect(rationalise(1 / 3 + 1e-12, 1e-9)).toEqual({ num: 1n, den: 3n });
    expect(rationalise(-0.5000000001, 1e-8)).toEqual({ num: -1n, den: 2n });
    expect(rationalise(3e-10, 1e-8)).toEqual({ num: 0n, den: 1n });
    expect(rationalise(355 / 113, 1e-9)).toEqual({ num: 355n, den: 113n });
  });

  it('puts values without a simple fraction on the dyadic grid 2^−k ≤ tol', () => {
    const q = rationalise(Math.SQRT2, 1e-8);
    expect(q.den).toBe(2n ** 27n);
    expect(Math.abs(Number(q.num) / Number(q.den) - Math.SQRT2)).toBeLessThanOrEqual(1e-8);
  });
});
