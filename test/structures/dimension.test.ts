/**
 * A dictionary group's dimension from its own spectrum, and its rank-deficient
 * core. Oracles are closed forms: an antipodal pair at cos c has singular
 * values √(1 ± |c|); directions built in a known span with noise of known size.
 */
import { describe, expect, it } from 'vitest';
import { groupDimension, MIN_DIMENSION_RATIO, rankDeficientCore } from '../../src/structures/dimension.js';
import { numericalRank, rowSpectrum } from '../../src/features/index.js';
import { gaussian, mulberry32 } from '../../src/random/index.js';

const TAU = 0.2;
const sv = (...xs: number[]): Float64Array => Float64Array.from(xs);

/** Unit rows (feature-major F×m) from row vectors. */
function units(rows: number[][]): Float64Array {
  const m = rows[0].length;
  const U = new Float64Array(rows.length * m);
  rows.forEach((r, a) => {
    const len = Math.hypot(...r);
    r.forEach((x, c) => (U[a * m + c] = x / len));
  });
  return U;
}

describe('groupDimension', () => {
  it('an antipodal pair at cos −0.95 is one dimension, at −0.8 two (two directions give no gap of their own: τ decides)', () => {
    for (const [c, dim] of [
      [-0.95, 1],
      [-0.8, 2],
    ]) {
      expect(groupDimension(sv(Math.sqrt(1 - c), Math.sqrt(1 + c)), TAU)).toBe(dim);
    }
  });
  it('a weak planted dimension below τ counts when the spectrum drops to the noise beneath it', () => {
    // A family's spectrum (seed 2 of the dictionary test): 1, 0.289, 0.194, 0.083, then noise at 0.004.
    const family = sv(1, 0.289, 0.194, 0.083, 0.0042, 0.0038, 0.0036, 0.0034);
    expect(numericalRank(family, TAU)).toBe(2);
    expect(groupDimension(family, TAU)).toBe(4);
  });
  it('never fewer dimensions than τ gives, and no dimension at or below the noise floor', () => {
    expect(groupDimension(sv(1, 0.9, 0.5, 0.3), TAU)).toBe(4);
    // A member 1e-3 off an exact 3-span, then rounding: the gap among the noise adds nothing.
    expect(groupDimension(sv(1, 1, 1, 1e-3, 1e-16), TAU)).toBe(3);
    expect(groupDimension(sv(1, 0.5, MIN_DIMENSION_RATIO, 1e-6), TAU)).toBe(2);
    expect(groupDimension(sv(), TAU)).toBe(0);
  });
});

describe('rankDeficientCore', () => {
  const rng = mulberry32(11);
  const m = 32;
  const noisy = (v: number[], s: number): number[] => v.map((x) => x + s * gaussian(rng));
  const axis = (k: number, x = 1): number[] => Array.from({ length: m }, (_, c) => (c === k ? x : 0));
  const add = (...vs: number[][]): number[] => vs.reduce((a, b) => a.map((x, c) => x + b[c]));
  const dimOf = (s: Float64Array): number => groupDimension(s, TAU);

  it('drops a random direction joined to a family and keeps the family at its dimension', () => {
    // Six directions within 30° of e0, spanning e0, e1, e2, plus one direction at |cos| ≈ 0.2 to them, out of their span.
    const family = Array.from({ length: 6 }, (_, i) => {
      const t = (Math.PI / 6) * (0.5 + 0.5 * ((i * 0.37) % 1));
      const phi = (2 * Math.PI * i) / 6;
      return noisy(add(axis(0, Math.cos(t)), axis(1, Math.sin(t) * Math.cos(phi)), axis(2, Math.sin(t) * Math.sin(phi))), 0.001);
    });
    const joiner = noisy(add(axis(0, 0.2), axis(7, 0.98)), 0.001);
    const U = units([...family, joiner]);
    const core = rankDeficientCore(U, m, [10, 11, 12, 13, 14, 15, 16], dimOf, TAU);
    expect(core).toEqual({ features: [10, 11, 12, 13, 14, 15], dimension: 3 });
  });
  it('keeps both members of an antipodal pair that shares its group with a third direction', () => {
    const pair = [axis(0), add(axis(0, -0.95), axis(1, Math.sqrt(1 - 0.95 ** 2)))];
    const third = add(axis(0, 0.3), axis(2, 0.95));
    const U = units([...pair, third]);
    expect(rowSpectrum(U, 3, m).singular[2] / rowSpectrum(U, 3, m).singular[0]).toBeLessThan(TAU);
    expect(rankDeficientCore(U, m, [0, 4, 9], dimOf, TAU)).toEqual({ features: [0, 4], dimension: 1 });
  });
  it('keeps a member that carries a thin dimension shared with the others', () => {
    // Eight directions near e0 in R^4 whose fourth dimension is thin (σ₄/σ₁ ≈ 0.05): no member is outside the others' span.
    const rows = Array.from({ length: 8 }, (_, i) =>
      noisy(add(axis(0), axis(1, 0.3 * Math.cos(i)), axis(2, 0.3 * Math.sin(i)), axis(3, 0.08 * Math.cos(2.3 * i))), 0.0005),
    );
    const U = units(rows);
    const s = rowSpectrum(U, 8, m).singular;
    expect(s[3] / s[0]).toBeLessThan(0.06);
    // Without one of them the thin dimension falls under the noise floor: the dimension drop alone would trim it.
    const without = (a: number): number => dimOf(rowSpectrum(units(rows.filter((_, b) => b !== a)), 7, m).singular);
    expect([0, 1, 2, 3, 4, 5, 6, 7].some((a) => without(a) === 3)).toBe(true);
    expect(rankDeficientCore(U, m, [0, 1, 2, 3, 4, 5, 6, 7], dimOf, TAU)).toEqual({ features: [0, 1, 2, 3, 4, 5, 6, 7], dimension: 4 });
  });
  it('leaves a group of full dimension as it is', () => {
    const U = units([axis(0), axis(1), add(axis(0, 0.3), axis(2))]);
    expect(rankDeficientCore(U, m, [1, 2, 3], dimOf, TAU)).toEqual({ features: [1, 2, 3], dimension: 3 });
  });
});
