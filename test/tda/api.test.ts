// Input handling and threshold semantics of ripsPersistence; oracles are closed forms.
import { describe, expect, it } from 'vitest';
import { bottleneckDistance, enclosingRadius, pointDistances, ripsPersistence } from '../../src/tda/index.js';

const square = Float64Array.from([1, 0, 0, 1, -1, 0, 0, -1]);

describe('ripsPersistence inputs and thresholds', () => {
  it('a distance matrix gives the same barcode as its points (only the lower triangle is read)', () => {
    const D = pointDistances(square, 2);
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) D[i * 4 + j] = -7; // upper triangle ignored
    const fromPoints = ripsPersistence({ points: square, dim: 2 });
    const fromMatrix = ripsPersistence({ distances: D, count: 4 });
    expect(fromMatrix).toEqual(fromPoints);
    // Square on the unit circle: H1 [√2, 2), enclosing radius 2.
    expect(fromPoints.threshold).toBe(2);
    expect(fromPoints.diagrams[1].pairs).toHaveLength(1);
    expect(fromPoints.diagrams[1].pairs[0].birth).toBeCloseTo(Math.SQRT2, 15);
    expect(fromPoints.diagrams[1].pairs[0].death).toBe(2);
  });

  it('angular metric: arccos of the cosine, blind to the points’ norms', () => {
    const scaled = square.map((v, k) => v * (1 + (k >> 1)));
    const r = ripsPersistence({ points: scaled, dim: 2 }, { metric: 'angular' });
    expect(r.threshold).toBeCloseTo(Math.PI, 15);
    expect(r.diagrams[1].pairs[0].birth).toBeCloseTo(Math.PI / 2, 15);
    expect(r.diagrams[1].pairs[0].death).toBeCloseTo(Math.PI, 15);
    expect(() => ripsPersistence({ points: Float64Array.from([0, 0, 1, 0]), dim: 2 }, { metric: 'angular' })).toThrow(RangeError);
  });

  it('a threshold above the enclosing radius is capped; below it, live classes get death ∞', () => {
    expect(ripsPersistence({ points: square, dim: 2 }, { threshold: 10 }).threshold).toBe(enclosingRadius(pointDistances(square, 2), 4));
    const cut = ripsPersistence({ points: square, dim: 2 }, { threshold: 1.5 });
    expect(cut.diagrams[1].pairs).toEqual([{ birth: cut.diagrams[1].pairs[0].birth, death: Infinity }]);
    const apart = ripsPersistence({ points: square, dim: 2 }, { threshold: 1 });
    expect(apart.diagrams[0].pairs).toEqual(Array.from({ length: 4 }, () => ({ birth: 0, death: Infinity })));
  });

  it('maxDimension limits the diagrams; duplicate points give no zero-length bars', () => {
    const r = ripsPersistence({ points: Float64Array.from([0, 0, 0, 0, 1, 0]), dim: 2 }, { maxDimension: 0 });
    expect(r.diagrams).toEqual([
      {
        dimension: 0,
        pairs: [
          { birth: 0, death: 1 },
          { birth: 0, death: Infinity },
        ],
      },
    ]);
    expect(
      bottleneckDistance(r.diagrams[0].pairs, [
        { birth: 0, death: 1 },
        { birth: 0, death: Infinity },
      ]),
    ).toBe(0);
  });

  it('rejects malformed input', () => {
    expect(() => ripsPersistence({ points: Float64Array.from([1, 2, 3]), dim: 2 })).toThrow(RangeError);
    expect(() => ripsPersistence({ points: Float64Array.from([1, NaN]), dim: 2 })).toThrow(RangeError);
    expect(() => ripsPersistence({ distances: new Float64Array(5), count: 2 })).toThrow(RangeError);
    expect(() => ripsPersistence({ distances: Float64Array.from([0, 0, -1, 0]), count: 2 })).toThrow(RangeError);
    expect(() => ripsPersistence({ points: square, dim: 2 }, { threshold: -1 })).toThrow(RangeError);
  });
});
