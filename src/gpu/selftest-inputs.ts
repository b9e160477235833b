/**
 * Inputs for the GPU self-test (and the GPU test suites): seeded random
 * weights and an exact pentagon ⊕ digon with a nearly coinciding plane,
 * under a random rotation.
 */
import { gaussian, mulberry32, randomRotation } from '../random/index.js';

/**
 * n×m feature-major matrix of independent standard normal entries (seeded,
 * from the shared generators in src/random).
 * @param n Rows (features).
 * @param m Columns (hidden dimensions).
 * @param seed Generator seed.
 */
export function randomWeights(n: number, m: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  return Float64Array.from({ length: n * m }, () => gaussian(rng));
}

/** The structured self-test input: 9 features in R⁴. */
export interface PentagonDigonInput {
  /** Feature-major 9×4 weights. */
  W: Float64Array;
  m: 4;
  n: 9;
  /** Features 0..4: the regular pentagon (unit vectors in one plane). */
  pentagon: number[];
  /** Features 5, 6: the antipodal pair on the axis orthogonal to that plane. */
  digon: number[];
  /** Features 7, 8: two unit vectors spanning a plane tilted by `tilt` from the pentagon's. */
  tilted: number[];
  /** Angle between the pentagon plane and the tilted plane, radians. */
  tilt: number;
}

/**
 * An exact pentagon ⊕ digon in R⁴ plus a plane tilted by `tilt` radians from
 * the pentagon's plane, all under a random rotation. Any three pentagon
 * features are linearly dependent (rank 2), the digon is orthogonal to the
 * pentagon, and ‖P_pentagon − P_tilted‖_F = √2·sin(tilt): the nearly
 * coinciding planes test f32 accuracy.
 *
 * @param seed Seed of the rotation.
 * @param tilt Angle between the two planes (default 1e-3 rad).
 */
export function pentagonDigon(seed: number, tilt = 1e-3): PentagonDigonInput {
  const m = 4;
  const raw: number[][] = [];
  for (let j = 0; j < 5; j++) {
    const a = (2 * Math.PI * j) / 5;
    raw.push([Math.cos(a), Math.sin(a), 0, 0]);
  }
  raw.push([0, 0, 1, 0], [0, 0, -1, 0]);
  // The tilted plane: span{e1, cos(t)·e2 + sin(t)·e4}; its features at 20° and 110°.
  for (const deg of [20, 110]) {
    const a = (deg * Math.PI) / 180;
    raw.push([Math.cos(a), Math.sin(a) * Math.cos(tilt), 0, Math.sin(a) * Math.sin(tilt)]);
  }
  const R = randomRotation(m, mulberry32(seed));
  const W = new Float64Array(raw.length * m);
  raw.forEach((v, i) => {
    for (let r = 0; r < m; r++) {
      let s = 0;
      for (let c = 0; c < m; c++) s += R[r * m + c] * v[c];
      W[i * m + r] = s;
    }
  });
  return { W, m: 4, n: 9, pentagon: [0, 1, 2, 3, 4], digon: [5, 6], tilted: [7, 8], tilt };
}
