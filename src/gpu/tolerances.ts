/**
 * How far the float32 GPU kernels may deviate from the float64 CPU
 * reference. The self-test and the test suites check exactly these bounds.
 */

/** f32 machine epsilon, 2^-23. */
export const FLOAT32_EPS = 2 ** -23;

/**
 * Allowed |Δ| of one projector-embedding entry x (kernel 1):
 * max(1e-5·(1 + |x|), 4·ε₃₂·κ), κ = σ₁/σ_r over the subset's kept singular
 * values. The first term covers well-conditioned subsets (the kernel's own
 * f32 rounding, ~10 ε₃₂, and W's rounding to f32); the second is first-order
 * subspace perturbation: rounding W by ε₃₂ turns the span by up to ε₃₂·κ
 * (Wedin 1972), so nearly dependent subsets are only as accurate as f32 can
 * make them.
 *
 * @param x Reference value of the entry.
 * @param kappa Condition number σ₁/σ_r of the subset (1 for rank ≤ 1).
 */
export function embeddingTolerance(x: number, kappa: number): number {
  return Math.max(1e-5 * (1 + Math.abs(x)), 4 * FLOAT32_EPS * kappa);
}

/**
 * Allowed |Δd²| of a squared distance between embeddings (kernel 2), given
 * the same float32 inputs: 1e-4 absolute. Squared distances of projector
 * embeddings are at most 2k ≤ 8, and direct f32 summation with two-level
 * accumulation errs by ~(16 + L/16)·ε₃₂·d² ≲ 1e-4 for L ≤ 2080.
 */
export const DISTANCE_SQUARED_TOLERANCE = 1e-4;

/**
 * Allowed |ΔG_ij| / (‖W_i‖·‖W_j‖) of a Gram entry (kernel 3): 1e-5, above
 * W's rounding to f32 (2 ε₃₂) plus two-level summation (~(16 + m/16)·ε₃₂).
 */
export const GRAM_RELATIVE_TOLERANCE = 1e-5;

/**
 * Neighbour lists must be identical when no pair's squared distance lies
 * within this margin of eps² (the f32 distance error bound).
 */
export const NEIGHBOUR_EPS_MARGIN = DISTANCE_SQUARED_TOLERANCE;

/**
 * Distance between the projectors of two nearly coinciding planes, from the
 * GPU embeddings vs the float64 residual form: 1e-5 absolute, for planes
 * 1e-3 apart (1% of the distance): f32 keeps such planes apart, the trace
 * form k_A + k_B − 2‖AᵀB‖² would not (it cancels to ~1e-7·k in d²).
 */
export const NEAR_PLANE_DISTANCE_TOLERANCE = 1e-5;
