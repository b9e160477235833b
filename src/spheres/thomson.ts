/**
 * Thomson energy E = Σ_{i<j} 1/‖u_i − u_j‖ of unit vectors, and its known minima.
 *
 * Known minima used:
 * - S² (d = 3), N = 2 … 20: the table of the Thomson problem (global minima from the
 *   Cambridge Cluster Database; Wales & Ulker, Phys. Rev. B 74, 212101, 2006), to 9
 *   decimals, so ratios against it are exact to ~1e-9 relative.
 * - N ≤ d + 1: the regular simplex, chord √(2N/(N−1)), E = C(N,2)·√((N−1)/(2N)).
 * - N = 2d: the cross-polytope, E = d·((2d−2)/√2 + 1/2).
 *   Simplex and cross-polytope are universally optimal, so they minimise every
 *   completely monotone potential of the squared chord, 1/r included (Cohn & Kumar,
 *   J. AMS 20, 2007).
 * - d = 2: the regular N-gon, E = (N/4)·Σ_{k=1}^{N−1} 1/sin(πk/N) (equally spaced
 *   points minimise Riesz energies on the circle; Fejes Tóth 1956).
 */

/** Thomson minima on S², index N − 2 (N = 2 … 20). */
const S2_THOMSON_MIN: readonly number[] = [
  0.5, 1.732050808, 3.674234614, 6.474691495, 9.985281374, 14.452977414, 19.675287861, 25.759986531, 32.71694946, 40.59645051, 49.165253058, 58.853230612,
  69.306363297, 80.670244114, 92.911655302, 106.050404829, 120.084467447, 135.089467557, 150.881568334,
];

/**
 * Thomson (Coulomb) energy Σ_{i<j} 1/‖u_i − u_j‖ of N points.
 *
 * @param U - Feature-major N×d coordinates (unit vectors for the Thomson problem).
 * @param d - Dimension of each point.
 * @returns The energy; Infinity when two points coincide; 0 for N < 2.
 */
export function thomsonEnergy(U: Float64Array, d: number): number {
  const N = U.length / d;
  let E = 0;
  for (let a = 0; a < N; a++) {
    for (let b = a + 1; b < N; b++) {
      let s = 0;
      for (let r = 0; r < d; r++) {
        const x = U[a * d + r] - U[b * d + r];
        s += x * x;
      }
      E += 1 / Math.sqrt(s);
    }
  }
  return E;
}

/**
 * Known minimum of the Thomson energy of N points on the unit sphere of R^d.
 *
 * @param N - Number of points.
 * @param d - Ambient dimension.
 * @returns The minimum, or null when no closed form or table entry covers (N, d)
 *   (or N < 2, or d = 1 with N > 2, where points must coincide).
 */
export function thomsonMinimum(N: number, d: number): number | null {
  if (N < 2 || d < 1) return null;
  if (N <= d + 1) return ((N * (N - 1)) / 2) * Math.sqrt((N - 1) / (2 * N));
  if (d === 1) return null;
  if (d === 2) {
    let s = 0;
    for (let k = 1; k < N; k++) s += 1 / Math.sin((Math.PI * k) / N);
    return (N / 4) * s;
  }
  if (N === 2 * d) return d * ((2 * d - 2) / Math.SQRT2 + 0.5);
  if (d === 3 && N <= 20) return S2_THOMSON_MIN[N - 2];
  return null;
}
