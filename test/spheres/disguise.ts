import { directSum, type PointSet } from '../../src/spheres/index.js';
import { applyRotation, gaussian, mulberry32, randomRotation } from '../../src/random/index.js';

/** A disguised direct sum and where each stored feature came from. */
export interface Disguised {
  W: Float64Array;
  m: number;
  n: number;
  /** origin[i] = index of stored feature i before the permutation. */
  origin: number[];
  /** part[i] = which summand stored feature i belongs to. */
  part: number[];
}

/**
 * Direct sum of the parts, rotated by a Haar-random rotation, features shuffled,
 * each feature's norm scaled by a factor in [0.9, 1.1], then Gaussian noise of
 * standard deviation sigma added to every coordinate.
 */
export function disguise(parts: PointSet[], seed: number, sigma: number, extraDims = 0): Disguised {
  const rng = mulberry32(seed);
  const { W: W0, m, n } = directSum(parts, extraDims);
  const partOf: number[] = parts.flatMap((p, k) => Array.from({ length: p.vectors.length / p.d }, () => k));
  const R = applyRotation(W0, m, randomRotation(m, rng));
  const origin = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [origin[i], origin[j]] = [origin[j], origin[i]];
  }
  const W = new Float64Array(n * m);
  origin.forEach((o, i) => {
    const s = 0.9 + 0.2 * rng();
    for (let r = 0; r < m; r++) W[i * m + r] = s * R[o * m + r] + sigma * gaussian(rng);
  });
  return { W, m, n, origin, part: origin.map((o) => partOf[o]) };
}

/** The true bundles as sorted lists of stored indices, sorted by first element. */
export function trueBundles(d: Disguised): number[][] {
  const byPart = new Map<number, number[]>();
  d.part.forEach((p, i) => byPart.set(p, [...(byPart.get(p) ?? []), i]));
  return [...byPart.values()].sort((a, b) => a[0] - b[0]);
}
