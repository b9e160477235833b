import type { Rng } from './uniform.js';

/**
 * One standard normal draw by the Box–Muller transform.
 *
 * @param rng - Uniform generator.
 */
export function gaussian(rng: Rng): number {
  const u = 1 - rng(); // (0, 1]: keeps log finite
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
