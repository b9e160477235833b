/**
 * WGSL for the batched projector embedding of k-subsets (kernel 1), in two
 * passes so that the big output is written coalesced:
 *
 * 1. `basisShader`: one invocation per subset unranks it (lex order of
 *    src/grassmannian/subsets.ts) and orthonormalises its k vectors into a
 *    k×m basis (rows beyond the rank zero) plus the numerical rank.
 * 2. `expandShader`: one invocation per (subset, embedding entry) writes
 *    P_ij = Σ_a q_a[i] q_a[j] (×√2 off the diagonal) in the index order of
 *    src/grassmannian/projector.ts (row i, columns j = i..m−1).
 *
 * m and k are compiled in as constants so the private arrays are exactly
 * sized. Both shaders use at most 4 storage buffers (WebGPU compatibility
 * mode's minimum) and f32 only.
 */

/** Threads per workgroup of both shaders (≤ 128, compatibility mode's minimum). */
export const EMBED_WORKGROUP_SIZE = 64;

/**
 * Orthonormalisation: one-sided (Hestenes) Jacobi in f32, the algorithm of the
 * CPU reference (src/grassmannian/basis.ts). Rotating pairs of the subset's
 * vectors until they are orthogonal never forms the Gram matrix, so small
 * singular values keep absolute accuracy ≈ ε₃₂·σ₁ (Demmel & Veselić 1992),
 * and a rank-deficient subset is embedded as the span of its top singular
 * vectors, exactly as on the CPU (a pivoted Gram–Schmidt would pick a
 * different lower-rank span). Rank = number of singular values above
 * max(absTol, tolFactor·σ₁), see EMBED_RANK_TOLERANCE_FACTOR in embed.ts.
 *
 * @param m Hidden dimension.
 * @param k Subset size.
 */
export function basisShader(m: number, k: number): string {
  return /* wgsl */ `
const M: u32 = ${m}u;
const K: u32 = ${k}u;
// Jacobi stops rotating a pair once |x_p·x_q| <= sqrt(m)·eps32·|x_p||x_q| (dgesvj's rule).
const ORTHO_TOL: f32 = ${Math.sqrt(m) * 2 ** -23};
const MAX_SWEEPS: u32 = 30u;

struct Params {
  n: u32,
  count: u32,
  // colex rank of the mirrored first subset, C(n,k) − 1 − start, as (lo, hi)
  baseLo: u32,
  baseHi: u32,
  // rank threshold = max(absTol, tolFactor·σ₁)
  tolFactor: f32,
  absTol: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> W: array<f32>;
// binom[i * n + c] = C(c, i) as (lo, hi) 32-bit words, saturated at 2^53
@group(0) @binding(2) var<storage, read> binom: array<vec2<u32>>;
@group(0) @binding(3) var<storage, read_write> basis: array<f32>;
@group(0) @binding(4) var<storage, read_write> ranks: array<u32>;

fn le64(a: vec2<u32>, b: vec2<u32>) -> bool {
  return a.y < b.y || (a.y == b.y && a.x <= b.x);
}

fn sub64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let borrow = select(0u, 1u, a.x < b.x);
  return vec2<u32>(a.x - b.x, a.y - b.y - borrow);
}

@compute @workgroup_size(${EMBED_WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let s = gid.x;
  if (s >= params.count) {
    return;
  }
  let n = params.n;
  // Lex rank start + s is colex rank base − s of the mirrored subset {n−1−x}.
  var r = sub64(vec2<u32>(params.baseLo, params.baseHi), vec2<u32>(s, 0u));
  var idx: array<u32, K>;
  for (var q = 0u; q < K; q++) {
    let i = K - q;
    // Largest c with C(c, i) <= r; C(i−1, i) = 0 so the search starts there.
    var lo = i - 1u;
    var hi = n - 1u;
    loop {
      if (lo >= hi) { break; }
      let mid = (lo + hi + 1u) / 2u;
      if (le64(binom[i * n + mid], r)) { lo = mid; } else { hi = mid - 1u; }
    }
    r = sub64(r, binom[i * n + lo]);
    idx[K - i] = n - 1u - lo;
  }

  var v: array<f32, ${k * m}>;
  for (var p = 0u; p < K; p++) {
    for (var c = 0u; c < M; c++) { v[p * M + c] = W[idx[p] * M + c]; }
  }

  for (var sweep = 0u; sweep < MAX_SWEEPS; sweep++) {
    var rotated = false;
    for (var p = 0u; p + 1u < K; p++) {
      for (var q = p + 1u; q < K; q++) {
        var alpha = 0.0;
        var beta = 0.0;
        var gamma = 0.0;
        for (var c = 0u; c < M; c++) {
          let a = v[p * M + c];
          let b = v[q * M + c];
          alpha += a * a;
          beta += b * b;
          gamma += a * b;
        }
        if (abs(gamma) <= ORTHO_TOL * sqrt(alpha * beta)) { continue; }
        rotated = true;
        // Rotation zeroing the pair's inner product (Golub & Van Loan §8.6.3);
        // t is the smaller root of t² + 2ζt − 1 = 0.
        let zeta = (beta - alpha) / (2.0 * gamma);
        let az = abs(zeta);
        let sgn = select(-1.0, 1.0, zeta >= 0.0);
        let t = sgn / select(az + sqrt(1.0 + zeta * zeta), 2.0 * az, az > 1e15);
        let cs = 1.0 / sqrt(1.0 + t * t);
        let sn = cs * t;
        for (var c = 0u; c < M; c++) {
          let a = v[p * M + c];
          let b = v[q * M + c];
          v[p * M + c] = cs * a - sn * b;
          v[q * M + c] = sn * a + cs * b;
        }
      }
    }
    if (!rotated) { break; }
  }

  // Singular values = norms of the rotated vectors; order them descending.
  var sigma: array<f32, K>;
  var order: array<u32, K>;
  for (var p = 0u; p < K; p++) {
    var nrm2 = 0.0;
    for (var c = 0u; c < M; c++) { nrm2 += v[p * M + c] * v[p * M + c]; }
    sigma[p] = sqrt(nrm2);
    var q = p;
    loop {
      if (q == 0u) { break; }
      if (sigma[order[q - 1u]] >= sigma[p]) { break; }
      order[q] = order[q - 1u];
      q--;
    }
    order[q] = p;
  }
  let threshold = max(params.absTol, params.tolFactor * sigma[order[0]]);

  var rank = 0u;
  for (var a = 0u; a < K; a++) {
    let dst = (s * K + a) * M;
    let p = order[a];
    if (sigma[p] > threshold) {
      let inv = 1.0 / sigma[p];
      for (var c = 0u; c < M; c++) { basis[dst + c] = v[p * M + c] * inv; }
      rank++;
    } else {
      for (var c = 0u; c < M; c++) { basis[dst + c] = 0.0; }
    }
  }
  ranks[s] = rank;
}
`;
}

/**
 * Expansion of k×m bases into projector embeddings. Dispatched as
 * (⌈L/64⌉, count): x walks the embedding entries so that consecutive
 * invocations write consecutive floats; `pairs[e]` = i | (j << 16) gives the
 * (row, column) of entry e.
 *
 * @param m Hidden dimension.
 * @param k Subset size.
 */
export function expandShader(m: number, k: number): string {
  const L = (m * (m + 1)) / 2;
  return /* wgsl */ `
const M: u32 = ${m}u;
const K: u32 = ${k}u;
const L: u32 = ${L}u;
const SQRT2: f32 = 1.4142135623730951;

struct Params {
  count: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> basis: array<f32>;
@group(0) @binding(2) var<storage, read> pairs: array<u32>;
@group(0) @binding(3) var<storage, read_write> embeddings: array<f32>;

@compute @workgroup_size(${EMBED_WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let e = gid.x;
  let s = gid.y;
  if (e >= L || s >= params.count) {
    return;
  }
  let p = pairs[e];
  let i = p & 0xffffu;
  let j = p >> 16u;
  var acc = 0.0;
  for (var a = 0u; a < K; a++) {
    let o = (s * K + a) * M;
    acc += basis[o + i] * basis[o + j];
  }
  embeddings[s * L + e] = select(acc * SQRT2, acc, i == j);
}
`;
}
