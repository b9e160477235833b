/**
 * Best-known minimal angles of spherical codes (the Tammes problem): the largest
 * possible smallest angle between N unit vectors in R^d, where it is known.
 *
 * Sources:
 * - S² (d = 3), N = 4 … 30: N. J. A. Sloane, "Spherical codes: nice arrangements
 *   of points on a sphere in various dimensions", tables of packings
 *   (http://neilsloane.com/packings/), with R. H. Hardin and W. D. Smith; values in
 *   degrees, rounded to 7 decimals there, so a ratio against them is exact only to
 *   ~1e-9 relative.
 * - N ≤ d + 1: the regular simplex, arccos(−1/(N−1)), is optimal (Rankin 1955).
 * - d + 1 < N ≤ 2d: 90° is optimal (Rankin 1955: more than d + 1 points always
 *   have an angle ≤ 90°; subsets of the cross-polytope reach it).
 * - d = 2: the regular N-gon, 360°/N, is optimal.
 * - S³ (d = 4): the 24-cell (60°, N = 24) and the 600-cell (36°, N = 120) are
 *   optimal (Musin 2008; Andreev 1999); the other small S³ cases follow the rules above.
 */

/** Sloane's S² packings: best-known minimal angle in degrees, index N − 4 (N = 4 … 30). */
const S2_MIN_ANGLE_DEG: readonly number[] = [
  109.4712206, 90, 90, 77.8695421, 74.8584922, 70.5287794, 66.146822, 63.4349488, 63.4349488, 57.1367031, 55.67057, 53.6578501, 52.2443957, 51.0903285,
  49.5566548, 47.6919141, 47.4310362, 45.6132231, 44.7401612, 43.7099642, 43.6907671, 41.6344612, 41.0376616, 40.6776007, 39.3551436, 38.7136512, 38.5971159,
];

/** Optimal S³ codes beyond the simplex and cross-polytope rules: N → degrees. */
const S3_MIN_ANGLE_DEG: ReadonlyMap<number, number> = new Map([
  [24, 60], // 24-cell
  [120, 36], // 600-cell
]);

const DEG = 180 / Math.PI;

/**
 * Best-known minimal angle (degrees) for N points on the unit sphere of R^d.
 *
 * @param N - Number of points (≥ 2 for an angle to exist).
 * @param d - Dimension of the ambient space (≥ 1).
 * @returns The angle in degrees, or null when no table entry or closed form
 *   covers (N, d) (or N < 2, or d = 1 with N > 2, where points must coincide).
 */
export function bestKnownMinAngleDeg(N: number, d: number): number | null {
  if (N < 2 || d < 1) return null;
  if (N <= d + 1) return Math.acos(-1 / (N - 1)) * DEG;
  if (d === 1) return null;
  if (d === 2) return 360 / N;
  if (N <= 2 * d) return 90;
  if (d === 3 && N <= 30) return S2_MIN_ANGLE_DEG[N - 4];
  if (d === 4) return S3_MIN_ANGLE_DEG.get(N) ?? null;
  return null;
}
