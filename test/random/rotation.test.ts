import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32, randomFrame, randomRotation } from '../../src/random/index.js';

/** The Gaussian draws the generators start from (same seed, same order). */
function draws(count: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  return Float64Array.from({ length: count }, () => gaussian(rng));
}

describe('randomRotation and randomFrame', () => {
  it('randomRotation is the Q of G = QR with R upper triangular, diagonal > 0 (Mezzadri 2007)', () => {
    for (const m of [1, 2, 5, 17]) {
      const Q = randomRotation(m, mulberry32(m));
      const G = draws(m * m, m);
      for (let r = 0; r < m; r++) {
        for (let c = 0; c < m; c++) {
          let qq = 0;
          let qg = 0;
          for (let i = 0; i < m; i++) {
            qq += Q[i * m + r] * Q[i * m + c];
            qg += Q[i * m + r] * G[i * m + c];
          }
          expect(Math.abs(qq - (r === c ? 1 : 0))).toBeLessThan(1e-14);
          // R = QᵀG: zero below the diagonal, positive on it.
          if (r > c) expect(Math.abs(qg)).toBeLessThan(1e-12);
          if (r === c) expect(qg).toBeGreaterThan(0);
        }
      }
    }
  });

  it('randomFrame rows are the F of G = LF with L lower triangular, diagonal > 0', () => {
    for (const [m, D] of [
      [3, 1],
      [8, 5],
      [40, 12],
    ]) {
      const F = randomFrame(m, D, mulberry32(100 + m));
      const G = draws(D * m, 100 + m);
      for (let a = 0; a < D; a++) {
        for (let b = 0; b < D; b++) {
          let ff = 0;
          let gf = 0;
          for (let r = 0; r < m; r++) {
            ff += F[a * m + r] * F[b * m + r];
            gf += G[a * m + r] * F[b * m + r];
          }
          expect(Math.abs(ff - (a === b ? 1 : 0))).toBeLessThan(1e-14);
          // L = G Fᵀ: zero above the diagonal, positive on it.
          if (b > a) expect(Math.abs(gf)).toBeLessThan(1e-12);
          if (a === b) expect(gf).toBeGreaterThan(0);
        }
      }
    }
  });
});
