import type { SparseBatch } from './batch.js';

/**
 * The Toy Models ReLU output model x' = ReLU(Wᵀ W x + b) for one instance,
 * with W stored feature-major (W[i·m + r] = coordinate r of feature i, the
 * WeightSet layout) so each feature's m coordinates are contiguous.
 */
export interface ToyParameters {
  /** Features. */
  n: number;
  /** Hidden dimensions. */
  m: number;
  /** Feature-major n×m weights (the transpose of the paper's m×n W). */
  W: Float64Array;
  /** Output bias, length n. */
  b: Float64Array;
}

/** Scratch arrays reused across calls, sized for one (n, m). */
export interface LossWorkspace {
  h: Float64Array;
  u: Float64Array;
  z: Float64Array;
  xRow: Float64Array;
  gram: Float64Array;
  outer: Float64Array;
  activeIndex: Int32Array;
  activeGrad: Float64Array;
}

/**
 * Allocate the scratch arrays of lossAndGradient.
 *
 * @param n - Features.
 * @param m - Hidden dimensions.
 */
export function allocateWorkspace(n: number, m: number): LossWorkspace {
  return {
    h: new Float64Array(m),
    u: new Float64Array(m),
    z: new Float64Array(n),
    xRow: new Float64Array(n),
    gram: new Float64Array(n * n),
    outer: new Float64Array(n * n),
    activeIndex: new Int32Array(n),
    activeGrad: new Float64Array(n),
  };
}

/**
 * Loss L = (1 / (B n)) Σ_s Σ_i I_i (x_si − x'_si)², the mean over batch and
 * features of the importance-weighted squared error (the official notebook's
 * loss of one instance), and its gradient in closed form.
 *
 * With z = Wᵀ h + b, h = W x and g = ∂L/∂z = −2 I ⊙ (x − x') ⊙ [z > 0] / (B n):
 *   ∂L/∂b = Σ_s g_s,   ∂L/∂W = Σ_s (h_s g_sᵀ + (W g_s) x_sᵀ)   (m×n form).
 * A sample with few active features (|S| ≤ m) takes the Gram route instead:
 * z = b + G x with G = WᵀW (n|S| work instead of m(n + |S|)), and its
 * gradient terms collect in A = Σ_s x_s g_sᵀ, since Σ_s h_s g_sᵀ = W A and
 * Σ_s (W g_s) x_sᵀ = W Aᵀ; W (A + Aᵀ) is added once per batch.
 *
 * @param params - Current W and b.
 * @param importance - Per-feature weight I_i, length n.
 * @param batch - The inputs x.
 * @param grad - Receives ∂L/∂W (feature-major, like params.W) and ∂L/∂b, overwritten; null to compute the loss only.
 * @param work - Scratch from allocateWorkspace(n, m).
 * @returns The loss L.
 */
export function lossAndGradient(
  params: ToyParameters,
  importance: Float64Array,
  batch: SparseBatch,
  grad: { W: Float64Array; b: Float64Array } | null,
  work: LossWorkspace,
): number {
  const { n, m, W, b } = params;
  const { start, feature, value } = batch;
  const { h, u, z, xRow, gram, outer, activeIndex, activeGrad } = work;
  const scale = 1 / (batch.size * n);
  const twoScale = 2 * scale;
  const gW = grad?.W;
  const gB = grad?.b;
  gW?.fill(0);
  gB?.fill(0);
  let gramReady = false;
  let loss = 0;

  for (let s = 0; s < batch.size; s++) {
    const k0 = start[s];
    const k1 = start[s + 1];
    for (let k = k0; k < k1; k++) xRow[feature[k]] = value[k];

    if (k1 - k0 <= m) {
      if (!gramReady) {
        fillGram(W, n, m, gram);
        outer.fill(0);
        gramReady = true;
      }
      z.set(b);
      for (let k = k0; k < k1; k++) {
        const xj = value[k];
        const row = feature[k] * n;
        for (let i = 0; i < n; i++) z[i] += xj * gram[row + i];
      }
      let active = 0;
      for (let i = 0; i < n; i++) {
        const zi = z[i];
        const d = zi > 0 ? xRow[i] - zi : xRow[i];
        const wd = importance[i] * d;
        loss += wd * d;
        if (zi > 0 && gB !== undefined) {
          const g = -twoScale * wd;
          gB[i] += g;
          activeIndex[active] = i;
          activeGrad[active++] = g;
        }
      }
      if (gB !== undefined) {
        for (let k = k0; k < k1; k++) {
          const xj = value[k];
          const row = feature[k] * n;
          for (let t = 0; t < active; t++) outer[row + activeIndex[t]] += xj * activeGrad[t];
        }
      }
    } else {
      for (let r = 0; r < m; r++) h[r] = 0;
      for (let k = k0; k < k1; k++) {
        const xj = value[k];
        const base = feature[k] * m;
        for (let r = 0; r < m; r++) h[r] += xj * W[base + r];
      }
      let active = 0;
      for (let i = 0; i < n; i++) {
        const base = i * m;
        let zi = b[i];
        for (let r = 0; r < m; r++) zi += W[base + r] * h[r];
        const d = zi > 0 ? xRow[i] - zi : xRow[i];
        const wd = importance[i] * d;
        loss += wd * d;
        if (zi > 0) {
          activeIndex[active] = i;
          activeGrad[active++] = -twoScale * wd;
        }
      }
      if (gW !== undefined && gB !== undefined) {
        // u = W g, then one pass adds g_i h + x_i u to every feature touched.
        for (let r = 0; r < m; r++) u[r] = 0;
        for (let t = 0; t < active; t++) {
          const g = activeGrad[t];
          const base = activeIndex[t] * m;
          gB[activeIndex[t]] += g;
          for (let r = 0; r < m; r++) u[r] += g * W[base + r];
        }
        for (let t = 0; t < active; t++) {
          const g = activeGrad[t];
          const base = activeIndex[t] * m;
          for (let r = 0; r < m; r++) gW[base + r] += g * h[r];
        }
        for (let k = k0; k < k1; k++) {
          const xj = value[k];
          const base = feature[k] * m;
          for (let r = 0; r < m; r++) gW[base + r] += u[r] * xj;
        }
      }
    }
    for (let k = k0; k < k1; k++) xRow[feature[k]] = 0;
  }

  if (gramReady && gW !== undefined) addOuterTerm(W, n, m, outer, gW);
  return loss * scale;
}

/** G = WᵀW (n×n, symmetric) from feature-major W. */
function fillGram(W: Float64Array, n: number, m: number, gram: Float64Array): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let dot = 0;
      for (let r = 0; r < m; r++) dot += W[i * m + r] * W[j * m + r];
      gram[i * n + j] = dot;
      gram[j * n + i] = dot;
    }
  }
}

/** gW_k += Σ_j (A_jk + A_kj) W_j: the Gram-route samples' share of ∂L/∂W. */
function addOuterTerm(W: Float64Array, n: number, m: number, outer: Float64Array, gW: Float64Array): void {
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      const a = outer[j * n + k] + outer[k * n + j];
      if (a === 0) continue;
      for (let r = 0; r < m; r++) gW[k * m + r] += a * W[j * m + r];
    }
  }
}
