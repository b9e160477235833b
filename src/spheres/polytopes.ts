/**
 * Exact polytopes as unit vectors (feature-major N×d Float64Array), and their
 * direct sums (tegum products) as test matrices. Random rotations and the seeded
 * generators that disguise them live in src/random.
 */

/** A point set: N unit vectors in R^d, feature-major (vectors[i*d + r]). */
export interface PointSet {
  vectors: Float64Array;
  /** Dimension of the space the vectors live in. */
  d: number;
}

const PHI = (1 + Math.sqrt(5)) / 2;

function normalised(rows: number[][]): PointSet {
  const d = rows[0].length;
  const vectors = new Float64Array(rows.length * d);
  rows.forEach((row, i) => {
    const len = Math.hypot(...row);
    row.forEach((x, r) => (vectors[i * d + r] = x / len));
  });
  return { vectors, d };
}

function signs(k: number): number[][] {
  const out: number[][] = [];
  for (let mask = 0; mask < 1 << k; mask++) out.push(Array.from({ length: k }, (_, b) => ((mask >> b) & 1 ? -1 : 1)));
  return out;
}

/**
 * Vertices of the regular N-gon on the unit circle, starting at (1, 0).
 * N = 2 gives two antipodal points in R² (a digon spans only R¹; use digon()).
 *
 * @param N - Number of vertices (≥ 2).
 */
export function regularPolygon(N: number): PointSet {
  return normalised(Array.from({ length: N }, (_, k) => [Math.cos((2 * Math.PI * k) / N), Math.sin((2 * Math.PI * k) / N)]));
}

/** One feature alone in its dimension: the single unit vector of R¹. */
export function dedicated(): PointSet {
  return { vectors: Float64Array.of(1), d: 1 };
}

/** An antipodal pair in R¹: +1 and −1. */
export function digon(): PointSet {
  return { vectors: Float64Array.of(1, -1), d: 1 };
}

/** Regular tetrahedron: alternate vertices of the cube, pairwise cos −1/3. */
export function tetrahedron(): PointSet {
  return normalised([
    [1, 1, 1],
    [1, -1, -1],
    [-1, 1, -1],
    [-1, -1, 1],
  ]);
}

/** Cube: (±1, ±1, ±1)/√3. */
export function cube(): PointSet {
  return normalised(signs(3));
}

/** Octahedron: ±e₁, ±e₂, ±e₃ (a tegum product of three digons, never one bundle). */
export function octahedron(): PointSet {
  return normalised([
    [1, 0, 0],
    [-1, 0, 0],
    [0, 1, 0],
    [0, -1, 0],
    [0, 0, 1],
    [0, 0, -1],
  ]);
}

/**
 * Square antiprism on the unit sphere: two squares at heights ±h, turned 45°
 * against each other.
 *
 * - 'equal-edge' (default): all 16 edges equal, the best 8-point spherical code
 *   (Tammes; minimal angle 74.8584922°). Equal edges need 2r² = r²(2 − √2) + 4h²
 *   with r² + h² = 1, i.e. r² = 1/(1 + √2/4).
 * - 'tight': h² = 1/3, which makes the 8 points a tight frame (Σ v vᵀ = 8/3 I), so
 *   every D_i is exactly 3/8 as in the Toy Models energy levels. The two differ
 *   by ~0.07 in their cosines; the classifier accepts both as square-antiprism.
 *
 * @param variant - Which height to use.
 */
export function squareAntiprism(variant: 'equal-edge' | 'tight' = 'equal-edge'): PointSet {
  const r2 = variant === 'tight' ? 2 / 3 : 1 / (1 + Math.SQRT2 / 4);
  const r = Math.sqrt(r2);
  const h = Math.sqrt(1 - r2);
  const rows: number[][] = [];
  for (let k = 0; k < 4; k++) rows.push([r * Math.cos((k * Math.PI) / 2), r * Math.sin((k * Math.PI) / 2), h]);
  for (let k = 0; k < 4; k++) rows.push([r * Math.cos((k * Math.PI) / 2 + Math.PI / 4), r * Math.sin((k * Math.PI) / 2 + Math.PI / 4), -h]);
  return normalised(rows);
}

/** Icosahedron: cyclic permutations of (0, ±1, ±φ), normalised. */
export function icosahedron(): PointSet {
  const rows: number[][] = [];
  for (const [s1, s2] of signs(2)) rows.push([0, s1, s2 * PHI], [s1, s2 * PHI, 0], [s2 * PHI, 0, s1]);
  return normalised(rows);
}

/** Dodecahedron: (±1, ±1, ±1) and cyclic permutations of (0, ±1/φ, ±φ), normalised. */
export function dodecahedron(): PointSet {
  const rows: number[][] = signs(3);
  for (const [s1, s2] of signs(2)) rows.push([0, s1 / PHI, s2 * PHI], [s1 / PHI, s2 * PHI, 0], [s2 * PHI, 0, s1 / PHI]);
  return normalised(rows);
}

/**
 * The K+1 vertices of the regular K-simplex in R^K (pairwise cos −1/K): the
 * centred standard basis e_i − 1/(K+1) of R^{K+1}, written in an orthonormal
 * basis of the hyperplane Σx = 0 (the Helmert basis).
 *
 * @param K - Dimension (≥ 1).
 */
export function simplex(K: number): PointSet {
  const rows: number[][] = [];
  for (let i = 0; i <= K; i++) {
    const e = Array.from({ length: K + 1 }, (_, j) => (j === i ? 1 : 0) - 1 / (K + 1));
    // Helmert basis vector k (1..K): (1,…,1,−k,0,…)/√(k(k+1)) with k ones.
    rows.push(
      Array.from({ length: K }, (_, c) => {
        const k = c + 1;
        let s = 0;
        for (let j = 0; j < k; j++) s += e[j];
        return (s - k * e[k]) / Math.sqrt(k * (k + 1));
      }),
    );
  }
  return normalised(rows);
}

/** A weight matrix in tegum's layout. */
export interface Assembled {
  /** Feature-major n×m values. */
  W: Float64Array;
  m: number;
  n: number;
}

/**
 * Direct sum (tegum product) of point sets: each part gets its own block of
 * coordinates, so parts are mutually orthogonal. Features keep the parts' order.
 *
 * @param parts - Point sets to combine.
 * @param extraDims - Unused hidden dimensions appended after the blocks. Default 0.
 */
export function directSum(parts: readonly PointSet[], extraDims = 0): Assembled {
  const m = parts.reduce((s, p) => s + p.d, 0) + extraDims;
  const n = parts.reduce((s, p) => s + p.vectors.length / p.d, 0);
  const W = new Float64Array(n * m);
  let row = 0;
  let off = 0;
  for (const p of parts) {
    const N = p.vectors.length / p.d;
    for (let i = 0; i < N; i++) for (let r = 0; r < p.d; r++) W[(row + i) * m + off + r] = p.vectors[i * p.d + r];
    row += N;
    off += p.d;
  }
  return { W, m, n };
}
