import { describe, expect, it } from 'vitest';
import { alignRuns } from '../../src/compare/align.js';
import { compareRuns } from '../../src/compare/compare.js';
import type { WeightSet } from '../../src/import/weightset.js';
import { dedicated, digon, directSum, regularPolygon, tetrahedron } from '../../src/spheres/index.js';
import { applyRotation, gaussian, mulberry32, randomRotation } from '../../src/random/index.js';

const ws = (W: Float64Array, m: number, file: string): WeightSet => ({ file, tensor: 'W', m, n: W.length / m, featuresAre: 'columns', W });

function flipSigns(W: Float64Array, m: number, flips: number[]): Float64Array {
  const out = W.slice();
  for (const i of flips) for (let r = 0; r < m; r++) out[i * m + r] *= -1;
  return out;
}

describe('compare: runs whose hidden spaces differ by a rotation and sign flips', () => {
  const { W: W0, m } = directSum([regularPolygon(5), tetrahedron(), digon(), dedicated(), dedicated()]);
  const rng = mulberry32(5);
  const A = W0.map((x) => x + 0.01 * gaussian(rng));

  for (const flips of [[], [0], [2, 5, 9], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]]) {
    it(`alignment recovers a random rotation with sign flips on ${flips.length} features`, () => {
      const B = applyRotation(flipSigns(A, m, flips), m, randomRotation(m, rng));
      const al = alignRuns(B, A, m);
      expect(al.residual).toBeLessThan(1e-12);
      expect(al.signFlips).toEqual(flips.length > A.length / m / 2 ? al.signFlips : flips);
      // Rotation alone cannot undo a partial flip.
      if (flips.length > 0 && flips.length < A.length / m) expect(al.residualRotationOnly).toBeGreaterThan(0.1);
    });
  }

  it('compareRuns reports no changes between a run and its rotated, reflected copy with flipped dedicated features, and the change when a digon appears', async () => {
    // Sign flips of hidden axes (a reflection) and of the two dedicated features (11, 12)
    // leave the geometry as it was; flipping a pentagon vertex would not.
    const reflect = new Float64Array(m * m);
    for (let r = 0; r < m; r++) reflect[r * m + r] = r % 2 === 0 ? -1 : 1;
    const B = applyRotation(applyRotation(flipSigns(A, m, [11, 12]), m, reflect), m, randomRotation(m, rng));
    const same = await compareRuns([
      { label: 'a', ws: ws(A, m, 'a'), settings: {} },
      { label: 'b', ws: ws(B, m, 'b'), settings: {} },
    ]);
    expect(same.alignments[0].residual).toBeLessThan(1e-12);
    expect(same.alignments[0].signFlips).toEqual([11, 12]);
    expect(same.steps[0].changes).toEqual([]);

    // Run c: the two dedicated features (11, 12) become an antipodal pair in one dimension.
    const C = A.slice();
    for (let r = 0; r < m; r++) {
      C[12 * m + r] = -A[11 * m + r];
    }
    const changed = await compareRuns([
      { label: 'a', ws: ws(A, m, 'a'), settings: {} },
      { label: 'c', ws: ws(C, m, 'c'), settings: {} },
    ]);
    const texts = changed.steps[0].changes.map((c) => c.text);
    expect(texts).toEqual(['features 11, 12: 2 × dedicated → digon']);
    expect(changed.phase[11]).toEqual(['dedicated', 'digon']);
    expect(changed.phase[0]).toEqual(['pentagon', 'pentagon']);
  });
});
