import { asFloat64 } from '../import/weightset.js';
import { procrustesRotation, relativeResidual, rotateFeatures } from './procrustes.js';

/** How one run was aligned onto another. */
export interface AlignmentResult {
  /** Row-major m×m orthogonal map applied to the run. */
  rotation: Float64Array;
  /** Features whose sign was flipped before rotating (ascending). */
  signFlips: number[];
  /** ‖R S A − B‖_F / ‖B‖_F after alignment with sign flips. */
  residual: number;
  /** The same with an orthogonal map alone (no sign flips), for comparison. */
  residualRotationOnly: number;
  /** The aligned run, feature-major. */
  aligned: Float64Array;
}

/** Alternations of (rotate, re-choose signs); each round can only lower the residual, so a few suffice. */
const MAX_ROUNDS = 20;

/**
 * Align run A onto reference B by an orthogonal map of the hidden space and,
 * where it helps, per-feature sign flips: a feature stored as −w in one run and
 * w in the other would otherwise look entirely changed.
 *
 * Signs and rotation are found together by alternating Procrustes with the
 * best sign per feature (sign of ⟨R a_i, b_i⟩), a coordinate ascent on
 * Σ s_i b_iᵀ R a_i. It is started twice, from no flips and from the signs the
 * Gram matrices imply (B = R A S gives BᵀB = S AᵀA S, so s_i s_j = sign of
 * (AᵀA)_ij (BᵀB)_ij, propagated along a maximum spanning tree of that
 * product's magnitude), and the better end point is kept.
 *
 * @param a - Feature-major n×m run to align.
 * @param b - Feature-major n×m reference (features matched by index).
 * @param m - Hidden dimension.
 * @param allowSignFlips - Whether per-feature sign flips may be used.
 */
export function alignRuns(a: Float32Array | Float64Array, b: Float32Array | Float64Array, m: number, allowSignFlips = true): AlignmentResult {
  // Runs compared are toy-model size: one float64 copy of a float32 file's W costs nothing.
  const A = asFloat64(a);
  const B = asFloat64(b);
  const n = A.length / m;
  const plain = alternate(A, B, m, new Int8Array(n).fill(1), 1);
  const residualRotationOnly = plain.residual;
  if (!allowSignFlips) return { ...plain, residualRotationOnly };
  let best = plain;
  for (const start of [new Int8Array(n).fill(1), gramSigns(A, B, m)]) {
    const r = alternate(A, B, m, start, MAX_ROUNDS);
    if (r.residual < best.residual) best = r;
  }
  return { ...best, residualRotationOnly };
}

/** Procrustes for fixed signs, then re-choose signs, `rounds` times at most. */
function alternate(A: Float64Array, B: Float64Array, m: number, start: Int8Array, rounds: number): Omit<AlignmentResult, 'residualRotationOnly'> {
  const n = A.length / m;
  let signs = start;
  let best: Omit<AlignmentResult, 'residualRotationOnly'> | undefined;
  for (let round = 0; round < rounds; round++) {
    const flipped = A.map((x, idx) => x * signs[Math.floor(idx / m)]);
    const rotation = procrustesRotation(flipped, B, m);
    const aligned = rotateFeatures(flipped, m, rotation);
    const residual = relativeResidual(aligned, B);
    if (best === undefined || residual < best.residual) {
      best = { rotation, signFlips: [...signs.keys()].filter((i) => signs[i] < 0), residual, aligned };
    }
    const next = signs.slice();
    for (let i = 0; i < n; i++) {
      let dot = 0;
      for (let r = 0; r < m; r++) dot += aligned[i * m + r] * B[i * m + r];
      if (dot < 0) next[i] = -signs[i];
    }
    if (next.every((s, i) => s === signs[i])) break;
    signs = next;
  }
  return best as Omit<AlignmentResult, 'residualRotationOnly'>;
}

/**
 * Signs implied by the two Gram matrices: along a maximum spanning tree of
 * |(AᵀA)_ij (BᵀB)_ij| (Prim's algorithm, O(n²·m)), s_j = s_i · sign(product).
 * Each tree's root keeps +1 (flipping a whole orthogonal bundle is itself an
 * orthogonal map, so the choice is free).
 */
function gramSigns(A: Float64Array, B: Float64Array, m: number): Int8Array {
  const n = A.length / m;
  const dot = (X: Float64Array, i: number, j: number): number => {
    let s = 0;
    for (let r = 0; r < m; r++) s += X[i * m + r] * X[j * m + r];
    return s;
  };
  const signs = new Int8Array(n).fill(1);
  const inTree = new Uint8Array(n);
  const bestWeight = new Float64Array(n).fill(-1);
  const bestFrom = new Int32Array(n).fill(-1);
  for (let added = 0; added < n; added++) {
    let v = -1;
    for (let i = 0; i < n; i++) if (!inTree[i] && (v < 0 || bestWeight[i] > bestWeight[v])) v = i;
    inTree[v] = 1;
    const u = bestFrom[v];
    // A weight of ~0 means no link: v starts a new tree with sign +1.
    if (u >= 0 && bestWeight[v] > 1e-12) signs[v] = signs[u] * Math.sign(dot(A, u, v) * dot(B, u, v));
    for (let i = 0; i < n; i++) {
      if (inTree[i]) continue;
      const w = Math.abs(dot(A, v, i) * dot(B, v, i));
      if (w > bestWeight[i]) {
        bestWeight[i] = w;
        bestFrom[i] = v;
      }
    }
  }
  return signs;
}
