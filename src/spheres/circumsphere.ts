/**
 * Spheres anywhere in R^m, not only centred at the origin (the talk's open
 * question: "find a good distance measure to represent & cluster these spheres").
 *
 * j + 1 affinely independent points span an affine j-plane and lie on exactly one
 * (j−1)-sphere inside it, their circumsphere. A sphere is represented by its centre
 * c ∈ R^m, its radius r and an orthonormal basis of its plane's direction space
 * (projector P = BᵀB). The points are the raw feature vectors W_i, not their
 * directions: normalising would put every feature on the unit sphere about the
 * origin and erase the off-centre structure sought.
 *
 * Distance between two spheres, with ℓ a length scale (the typical feature norm):
 *   d² = ‖c₁ − c₂‖² + (r₁ − r₂)² + ℓ²·½‖P₁ − P₂‖_F².
 * Why this one: it is the Euclidean distance of the embedding (c, r, ℓP/√2), and
 * the map sphere → (c, r, P) is injective (the plane is c + range P), so d is a
 * metric, zero exactly when the spheres coincide, and continuous. Rotations of R^m
 * (c → Qc, P → QPQᵀ) and translations leave it unchanged; scaling W and ℓ by s
 * scales d by s. ½‖P₁ − P₂‖_F² is the squared chordal distance of the planes
 * (Conway, Hardin & Sloane 1996); ℓ gives it the units of the other terms. Planes
 * of different dimensions are allowed: ½‖P₁ − P₂‖_F² then includes |j₁ − j₂|/2.
 */
import { orthonormalBasis } from '../grassmannian/basis.js';

/** A (j−1)-sphere in an affine j-plane of R^m. */
export interface Circumsphere {
  /** Dimension of the sphere, j − 1 (1 for a circle, 2 for a 2-sphere). */
  dimension: number;
  /** Centre, a point of R^m (length m). */
  centre: Float64Array;
  /** Radius. */
  radius: number;
  /** j×m row-major orthonormal basis of the plane's direction space. */
  basis: Float64Array;
  /**
   * Conditioning of the points: smallest over largest singular value of the
   * differences p_k − p_0. Near 0 the points are nearly affinely dependent and the
   * sphere is ill-determined.
   */
  conditioning: number;
}

/**
 * The circumsphere of j + 1 points of R^m.
 *
 * Method: with v_k = p_k − p_0 and an orthonormal basis B of span{v_k} (one-sided
 * Jacobi SVD, accurate for small singular values), the centre is p_0 + Bᵀx where
 * the in-plane coordinates x solve 2·y_k·x = ‖v_k‖² (k = 1 … j), y_k = B v_k: the
 * equations |x − y_k|² = |x|² with the quadratic term cancelled. The j×j system is
 * solved with partial pivoting; its condition number is that of the points, not
 * its square (as the Gram-matrix form v_i·v_k would give).
 *
 * @param points - (j+1)×m row-major coordinates.
 * @param m - Dimension of each point.
 * @returns The sphere, or null when the points are affinely dependent (numerical
 *   rank of the differences below j by numpy's default tolerance) or fewer than 2.
 */
export function circumsphere(points: Float64Array, m: number): Circumsphere | null {
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`m must be a positive integer, got ${m}`);
  if (points.length % m !== 0) throw new RangeError(`points.length ${points.length} is not a multiple of m ${m}`);
  const j = points.length / m - 1;
  if (j < 1 || j > m) return null;
  const V = new Float64Array(j * m);
  for (let k = 0; k < j; k++) for (let r = 0; r < m; r++) V[k * m + r] = points[(k + 1) * m + r] - points[r];
  const subset = Array.from({ length: j }, (_, k) => k);
  const { basis, rank, singularValues } = orthonormalBasis(V, m, subset);
  if (rank < j) return null;
  // Y (j×j): row k holds y_k = B v_k; rhs_k = ‖v_k‖²/2.
  const Y = new Float64Array(j * j);
  const rhs = new Float64Array(j);
  for (let k = 0; k < j; k++) {
    let nrm = 0;
    for (let r = 0; r < m; r++) nrm += V[k * m + r] ** 2;
    rhs[k] = nrm / 2;
    for (let c = 0; c < j; c++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += basis[c * m + r] * V[k * m + r];
      Y[k * j + c] = s;
    }
  }
  const x = solve(Y, rhs, j);
  if (x === null) return null;
  const centre = new Float64Array(m);
  let radius2 = 0;
  for (let c = 0; c < j; c++) radius2 += x[c] * x[c];
  for (let r = 0; r < m; r++) {
    let s = points[r];
    for (let c = 0; c < j; c++) s += x[c] * basis[c * m + r];
    centre[r] = s;
  }
  return {
    dimension: j - 1,
    centre,
    radius: Math.sqrt(radius2),
    basis,
    conditioning: singularValues[j - 1] / singularValues[0],
  };
}

/**
 * Distance of two spheres: √(‖c₁ − c₂‖² + (r₁ − r₂)² + ℓ²·½‖P₁ − P₂‖_F²) (see the file comment).
 * The projector term uses the residual form ½(‖B₁ − B₁P₂‖² + ‖B₂ − B₂P₁‖²), which
 * stays accurate for nearly equal planes where the trace form cancels.
 *
 * @param a - First sphere.
 * @param b - Second sphere (same ambient dimension m).
 * @param scale - ℓ, the length that one unit of chordal plane distance is worth,
 *   e.g. the median feature norm. Must be > 0.
 * @returns The distance, in the units of the feature vectors.
 */
export function sphereDistance(a: Circumsphere, b: Circumsphere, scale: number): number {
  const m = a.centre.length;
  if (b.centre.length !== m) throw new RangeError(`spheres live in R^${m} and R^${b.centre.length}`);
  if (!(scale > 0)) throw new RangeError(`scale must be > 0, got ${scale}`);
  let centre2 = 0;
  for (let r = 0; r < m; r++) centre2 += (a.centre[r] - b.centre[r]) ** 2;
  const chordal2 = (residual2(a.basis, b.basis, m) + residual2(b.basis, a.basis, m)) / 2;
  return Math.sqrt(centre2 + (a.radius - b.radius) ** 2 + scale * scale * chordal2);
}

/** ‖A − (ABᵀ)B‖_F²: how much of A's rows lies outside span B (rows orthonormal). */
function residual2(A: Float64Array, B: Float64Array, m: number): number {
  const ka = A.length / m;
  const kb = B.length / m;
  const row = new Float64Array(m);
  let total = 0;
  for (let p = 0; p < ka; p++) {
    row.set(A.subarray(p * m, p * m + m));
    for (let q = 0; q < kb; q++) {
      let dot = 0;
      for (let r = 0; r < m; r++) dot += A[p * m + r] * B[q * m + r];
      for (let r = 0; r < m; r++) row[r] -= dot * B[q * m + r];
    }
    for (let r = 0; r < m; r++) total += row[r] * row[r];
  }
  return total;
}

/**
 * Length of the embedding vector of a sphere in R^m: m (centre) + 1 (radius) +
 * m(m+1)/2 (projector's upper triangle).
 *
 * @param m - Ambient dimension.
 */
export function sphereEmbeddingLength(m: number): number {
  return m + 1 + (m * (m + 1)) / 2;
}

/**
 * Writes the embedding (c, r, ℓ·P/√2 with off-diagonal entries scaled by √2) of a
 * sphere, whose Euclidean distances equal {@link sphereDistance}: diagonal entries
 * enter as ℓP_ii/√2 and off-diagonal ones (i < k) as ℓP_ik, so the sum of squares of
 * differences is ℓ²·½‖ΔP‖_F².
 *
 * @param s - The sphere.
 * @param scale - ℓ, as in {@link sphereDistance}.
 * @param out - Receives sphereEmbeddingLength(m) values from `offset`.
 * @param offset - Start index in `out`.
 */
export function writeSphereEmbedding(s: Circumsphere, scale: number, out: Float64Array, offset = 0): void {
  const m = s.centre.length;
  const k = s.basis.length / m;
  out.set(s.centre, offset);
  out[offset + m] = s.radius;
  let o = offset + m + 1;
  for (let r = 0; r < m; r++) {
    for (let c = r; c < m; c++) {
      let p = 0;
      for (let q = 0; q < k; q++) p += s.basis[q * m + r] * s.basis[q * m + c];
      out[o++] = r === c ? (scale * p) / Math.SQRT2 : scale * p;
    }
  }
}

/** Partial-pivoting Gaussian elimination of the n×n system A x = b (A, b copied); null if singular. */
function solve(A0: Float64Array, b0: Float64Array, n: number): Float64Array | null {
  const A = A0.slice();
  const b = b0.slice();
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(A[r * n + col]) > Math.abs(A[piv * n + col])) piv = r;
    if (A[piv * n + col] === 0) return null;
    if (piv !== col) {
      for (let c = 0; c < n; c++) [A[col * n + c], A[piv * n + c]] = [A[piv * n + c], A[col * n + c]];
      [b[col], b[piv]] = [b[piv], b[col]];
    }
    for (let r = col + 1; r < n; r++) {
      const f = A[r * n + col] / A[col * n + col];
      if (f === 0) continue;
      for (let c = col; c < n; c++) A[r * n + c] -= f * A[col * n + c];
      b[r] -= f * b[col];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let c = r + 1; c < n; c++) s -= A[r * n + c] * x[c];
    x[r] = s / A[r * n + r];
  }
  return x;
}
