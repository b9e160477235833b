/**
 * The project's seeded uniform generators share one interface, {@link Rng}: a
 * function returning the next draw on [0, 1). Two algorithms sit behind it, each
 * where its period fits the job (see src/random/index.ts).
 */

/** A seeded uniform generator on [0, 1). */
export type Rng = () => number;

/**
 * mulberry32: a small, fast 32-bit seeded generator (Tommy Ettinger), enough
 * for reproducible test data and samples; not for cryptography.
 *
 * @param seed - Any 32-bit integer.
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
