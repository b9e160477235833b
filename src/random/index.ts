/**
 * Seeded randomness, the bottom of the dependency graph (imports nothing).
 * Every generator is seeded and reproducible; none is for cryptography.
 *
 * One interface, {@link Rng} (a uniform draw on [0, 1)), two algorithms:
 * - mulberry32 (period 2^32) for test matrices, samples, self-test inputs and
 *   random rotations, where a few million draws at most are taken;
 * - xoshiro128** (period 2^128 − 1) for training, which draws 10^8–10^9 numbers;
 *   `Xoshiro128ss.seeded(seed, stream).next` is an Rng when bound.
 * Both sequences are fixed: committed fixtures, samples and test numbers depend on them.
 */
export { mulberry32 } from './uniform.js';
export type { Rng } from './uniform.js';
export { Xoshiro128ss } from './xoshiro128ss.js';
export { gaussian } from './gaussian.js';
export { randomRotation, randomFrame, applyRotation } from './rotation.js';
