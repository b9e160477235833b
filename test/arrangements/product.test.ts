import { describe, expect, it } from 'vitest';
import { arrangementOf, compareWithBundles } from '../../src/arrangements/index.js';
import { flat, polygon, polyMul, rng, rotate, rotation } from './helpers.js';
import { decoderLines, lineArrangementCounts } from './line-oracle.js';

/** A1 in coordinates (0,1), A2 in coordinates (2,3): the direct sum in R⁴. */
function directSum(rows1: number[][], rows2: number[][]): number[][] {
  return [...rows1.map((w) => [w[0], w[1], 0, 0]), ...rows2.map((w) => [0, 0, w[0], w[1]])];
}

// A pentagon with b = −0.2 and a hexagon of antipodal pairs with mixed biases.
const P = polygon(5);
const Pb = P.map(() => -0.2);
const H = [
  ...polygon(6).slice(0, 3),
  ...polygon(6)
    .slice(0, 3)
    .map((w) => w.map((x) => -x)),
];
// Biases chosen so no three lines meet: u₆₀ = u₀ + u₁₂₀ makes ⟨u₆₀,h⟩ = ⟨u₀,h⟩ + ⟨u₁₂₀,h⟩ at crossings.
const Hb = [-0.3, -0.1, 0.15, -0.35, -0.2, 0.1];

describe('product decomposition', () => {
  it('a direct sum in orthogonal blocks: χ = χ₁·χ₂, regions r₁·r₂, bounded b₁·b₂, two factors', () => {
    const o1 = lineArrangementCounts(decoderLines(P, Pb));
    const o2 = lineArrangementCounts(decoderLines(H, Hb));
    const a1 = arrangementOf(flat(P), 2, Float64Array.from(Pb));
    const a2 = arrangementOf(flat(H), 2, Float64Array.from(Hb));
    const sum = arrangementOf(flat(directSum(P, H)), 4, Float64Array.from([...Pb, ...Hb]));
    expect(sum.chi).toEqual(polyMul(a1.chi!, a2.chi!));
    expect(sum.regions).toBe(o1.regions * o2.regions);
    expect(sum.boundedRegions).toBe(o1.bounded * o2.bounded);
    expect(sum.factors).toEqual([
      [0, 1, 2, 3, 4],
      [5, 6, 7, 8, 9, 10],
    ]);
    expect(sum.factorDetails.map((f) => f.rank)).toEqual([2, 2]);
  });

  it('the whole intersection poset gives the same χ as the product of the factors’ (factorisation theorem)', () => {
    const rows = directSum(P, H);
    const bias = Float64Array.from([...Pb, ...Hb]);
    const split = arrangementOf(flat(rows), 4, bias);
    const whole = arrangementOf(flat(rows), 4, bias, { factorize: false });
    expect(whole.factors).toHaveLength(1);
    expect(whole.method).toBe('intersection-poset');
    expect(whole.chi).toEqual(split.chi);
  });

  it('survives a random rotation of the hidden space (blocks no longer axis-aligned)', () => {
    const rows = rotate(directSum(P, H), rotation(4, rng(5)));
    const a = arrangementOf(flat(rows), 4, Float64Array.from([...Pb, ...Hb]));
    expect(a.factors).toEqual([
      [0, 1, 2, 3, 4],
      [5, 6, 7, 8, 9, 10],
    ]);
    expect(a.regions).toBe(16 * 19);
  });

  it('three one-dimensional factors in R⁵ (non-essential): χ carries t^(m − rank)', () => {
    const rows = [
      [1, 0, 0, 0, 0],
      [2, 0, 0, 0, 0],
      [0, 1, 0, 0, 0],
      [0, 0, 3, 0, 0],
    ];
    const a = arrangementOf(flat(rows), 5, Float64Array.from([1, 1, 0, 0]));
    expect(a.rank).toBe(3);
    expect(a.factors).toEqual([[0, 1], [2], [3]]);
    // (t − 2)(t − 1)² t² : 3·2·2 = 12 regions, 1·0·0 = 0 bounded.
    expect(a.chi).toEqual([1, -4, 5, -2, 0, 0]);
    expect([a.regions, a.boundedRegions]).toEqual([12, 0]);
  });
});

describe('compareWithBundles', () => {
  it('same partition, a finer split, and a crossing factor', () => {
    expect(compareWithBundles([[0, 1], [2]], [[2], [1, 0]])).toMatchObject({ agree: true, relation: 'same' });
    // Two features at 45° interfere (one bundle) but span independent lines (two factors).
    const a = arrangementOf(
      flat([
        [1, 0],
        [Math.SQRT1_2, Math.SQRT1_2],
      ]),
      2,
      Float64Array.from([-0.1, -0.1]),
    );
    expect(a.factors).toEqual([[0], [1]]);
    expect(compareWithBundles(a.factors, [[0, 1]])).toMatchObject({ agree: false, relation: 'finer', splitBundles: [[0, 1]] });
    expect(
      compareWithBundles(
        [
          [0, 1],
          [2, 3],
        ],
        [[0], [1, 2], [3]],
      ),
    ).toMatchObject({
      relation: 'crossing',
      crossingFactors: [
        [0, 1],
        [2, 3],
      ],
    });
    expect(compareWithBundles([[0, 1, 2]], [[0], [1], [2]])).toMatchObject({ relation: 'coarser' });
    expect(compareWithBundles([[0, 1]], [[0, 1], [7]]).unmatched).toEqual([7]);
  });
});
