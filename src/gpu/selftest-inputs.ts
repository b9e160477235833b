/**
 * Inputs for the GPU self-test (and the GPU test suites): seeded random
 * weights and an exact pentagon ⊕ digon with a nearly coinciding plane,
 * under a random rotation.
 */

/**
 * A seeded uniform generator on [0, 1) (mulberry32), so self-test runs are
 * reproducible.
 * @param seed Any 32-bit integer.
 */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A standard normal generator (Box–Muller) driven by a seeded uniform one.
 * @param seed Any 32-bit integer.
 */
export function seededNormal(seed: number): () => number {
  const uniform = seededUniform(seed);
  return () => {
    const u = 1 - uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}

/**
 * n×m feature-major matrix of independent standard normal entries.
 * @param n Rows (features).
 * @param m Columns (hidden dimensions).
 * @param seed Generator seed.
 */
export function randomWeights(n: number, m: number, seed: number): Float64Array {
  const normal = seededNormal(seed);
  const W = new Float64Array(n * m);
  for (let t = 0; t < W.length; t++) W[t] = normal();
  return W;
}

/**
 * A random m×m rotation (row-major), by Gram–Schmidt (twice) on Gaussian rows.
 * @param m Dimension.
 * @param seed Generator seed.
 */
export function randomRotation(m: number, seed: number): Float64Array {
  const Q = randomWeights(m, m, seed);
  for (let i = 0; i < m; i++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < i; j++) {
        let d = 0;
        for (let c = 0; c < m; c++) d += Q[i * m + c] * Q[j * m + c];
        for (let c = 0; c < m; c++) Q[i * m + c] -= d * Q[j * m + c];
      }
    }
    let nrm = 0;
    for (let c = 0; c < m; c++) nrm += Q[i * m + c] ** 2;
    nrm = Math.sqrt(nrm);
    for (let c = 0; c < m; c++) Q[i * m + c] /= nrm;
  }
  return Q;
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
  const R = randomRotation(m, seed);
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
