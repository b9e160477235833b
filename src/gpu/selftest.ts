/**
 * GPU self-test: every kernel on a small random input and on an exact
 * pentagon ⊕ digon (with a nearly coinciding plane) under a random rotation,
 * against the float64 CPU reference. `tegum gpu` prints its table.
 */
import { binomial, embeddingLength, embedSubsets, orthonormalBasis, projectorDistanceSquared, rankSubset } from '../grassmannian/index.js';
import { epsNeighbours } from '../clustering/eps-neighbours.js';
import { gram } from '../features/gram.js';
import type { GpuAdapterSummary, GpuHandle, GpuKernelLimits } from './device.js';
import { gpuDistanceTile } from './distance-tile.js';
import { gpuEmbedSubsets } from './embed.js';
import { gpuGram } from './gram.js';
import { gpuNeighbours } from './eps-neighbours-kernel.js';
import { compareEmbeddings, neighbourListDifferences, WELL_CONDITIONED_KAPPA } from './parity.js';
import { pentagonDigon, randomWeights } from './selftest-inputs.js';
import { DISTANCE_SQUARED_TOLERANCE, FLOAT32_EPS, GRAM_RELATIVE_TOLERANCE, NEAR_PLANE_DISTANCE_TOLERANCE, NEIGHBOUR_EPS_MARGIN } from './tolerances.js';

/** One row of the self-test table. */
export interface SelfTestKernel {
  /** Kernel and input. */
  name: string;
  /** Largest deviation from the CPU reference, in the unit the name states. */
  maxDeviation: number;
  /** Largest deviation allowed. */
  tolerance: number;
  passed: boolean;
  /** Sizes and counts behind the number. */
  detail: string;
}

/** Outcome of {@link runSelfTest}. */
export interface SelfTestResult {
  adapter: GpuAdapterSummary;
  isSoftware: boolean;
  limits: GpuKernelLimits;
  kernels: SelfTestKernel[];
  /** True when every kernel passed. */
  passed: boolean;
  /** Wall time of the whole self-test. */
  seconds: number;
}

function row(name: string, maxDeviation: number, tolerance: number, detail: string): SelfTestKernel {
  return { name, maxDeviation, tolerance, passed: maxDeviation <= tolerance, detail };
}

/** Squared distances of all pairs of rows of X (float64 arithmetic on X's values). */
function pairDistancesSquared(X: ArrayLike<number>, dim: number, count: number): Float64Array {
  const D = new Float64Array(count * count);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < count; j++) {
      let s = 0;
      for (let r = 0; r < dim; r++) s += (X[i * dim + r] - X[j * dim + r]) ** 2;
      D[i * count + j] = s;
    }
  }
  return D;
}

/**
 * An eps whose square lies in the middle of the widest gap between the
 * pairs' squared distances (in the lower half), so no pair is within the f32
 * margin of eps² and both paths must agree exactly.
 */
function epsInWidestGap(D: Float64Array): number {
  const d = Array.from(D).sort((a, b) => a - b);
  let best = 0;
  let at = 0;
  for (let i = 1; i < d.length / 2; i++) {
    if (d[i] - d[i - 1] > best) {
      best = d[i] - d[i - 1];
      at = i;
    }
  }
  if (best <= 2 * NEIGHBOUR_EPS_MARGIN) throw new Error('self-test input has no gap wide enough for an unambiguous eps');
  return Math.sqrt((d[at] + d[at - 1]) / 2);
}

/**
 * Runs every GPU kernel against the float64 CPU reference and reports the
 * largest deviation of each, with its tolerance (see tolerances.ts).
 *
 * @param gpu Device handle from acquireGpu.
 * @returns The adapter, its limits and one row per kernel check.
 */
export async function runSelfTest(gpu: GpuHandle): Promise<SelfTestResult> {
  const t0 = performance.now();
  const kernels: SelfTestKernel[] = [];

  // Kernel 1 on random weights and on the pentagon ⊕ digon.
  const random = { W: randomWeights(9, 5, 20240601), m: 5, n: 9, tol: undefined as number | undefined };
  const shape = pentagonDigon(7);
  // An explicit rank tolerance far above f32 noise (1e-7) and far below the
  // tilted plane's smallest singular value (~3e-4): both paths must agree.
  const structured = { W: shape.W, m: shape.m, n: shape.n, tol: 1e-5 };
  let randomWorst = 0;
  let structuredWorst = 0;
  let perKappa = 0;
  let illConditioned = 0;
  let mismatches = 0;
  let subsets = 0;
  let randomPlanes: Float32Array = new Float32Array(0);
  for (const input of [random, structured]) {
    for (let k = 1; k <= 3; k++) {
      const count = binomial(input.n, k);
      const g = await gpuEmbedSubsets(gpu, input.W, input.m, input.n, k, 0, count, { tol: input.tol });
      const c = embedSubsets(input.W, input.m, input.n, k, 0, count, { tol: input.tol });
      const dev = compareEmbeddings(input.W, input.m, input.n, k, 0, g, c, input.tol);
      if (input === random) randomWorst = Math.max(randomWorst, dev.wellConditioned);
      else structuredWorst = Math.max(structuredWorst, dev.wellConditioned);
      perKappa = Math.max(perKappa, dev.perKappa);
      illConditioned += dev.illConditioned;
      mismatches += dev.rankMismatches;
      subsets += dev.subsets;
      if (input === random && k === 2) randomPlanes = g.embeddings;
    }
  }
  kernels.push(
    row('embedding, random W: |Δ|/(1+|x|)', randomWorst, 1e-5, 'n=9, m=5, k=1..3, 129 subsets'),
    row(`embedding, pentagon ⊕ digon, κ ≤ ${WELL_CONDITIONED_KAPPA}: |Δ|/(1+|x|)`, structuredWorst, 1e-5, 'n=9, m=4, k=1..3, rotated'),
    row(`embedding, nearly dependent (κ > ${WELL_CONDITIONED_KAPPA}): |Δ|/κ`, perKappa, 4 * FLOAT32_EPS, `${illConditioned} subsets`),
    row('embedding rank flags: mismatches', mismatches, 0, `${subsets} subsets`),
  );

  // Nearly coinciding planes: GPU embedding distance vs the residual form.
  const planeOf = async (pair: number[]) =>
    (await gpuEmbedSubsets(gpu, shape.W, shape.m, shape.n, 2, rankSubset(pair, shape.n), 1, { tol: structured.tol })).embeddings;
  const pentagonPlane = await planeOf([shape.pentagon[0], shape.pentagon[1]]);
  const tiltedPlane = await planeOf(shape.tilted);
  let gpuD2 = 0;
  for (let e = 0; e < pentagonPlane.length; e++) gpuD2 += (pentagonPlane[e] - tiltedPlane[e]) ** 2;
  const A = orthonormalBasis(shape.W, shape.m, [shape.pentagon[0], shape.pentagon[1]]).basis;
  const B = orthonormalBasis(shape.W, shape.m, shape.tilted).basis;
  const cpuD = Math.sqrt(projectorDistanceSquared(A, 2, B, 2, shape.m));
  kernels.push(
    row(
      'nearly coinciding planes: |Δ‖P−Q‖_F|',
      Math.abs(Math.sqrt(gpuD2) - cpuD),
      NEAR_PLANE_DISTANCE_TOLERANCE,
      `planes ${shape.tilt} rad apart, ‖P−Q‖_F = ${cpuD.toExponential(3)}`,
    ),
  );

  // Kernel 2: distance tile on the random 2-plane embeddings.
  const L5 = embeddingLength(random.m);
  const planes = binomial(random.n, 2);
  const tile = await gpuDistanceTile(gpu, randomPlanes, planes, randomPlanes, planes, L5);
  const reference = pairDistancesSquared(randomPlanes, L5, planes);
  let tileDev = 0;
  for (let t = 0; t < tile.length; t++) tileDev = Math.max(tileDev, Math.abs(tile[t] - reference[t]));
  kernels.push(row('squared distances (tile): |Δd²|', tileDev, DISTANCE_SQUARED_TOLERANCE, `${planes}×${planes}, dim ${L5}`));

  // Kernel 2: ε-neighbour lists, random planes (eps in a gap) and the
  // structured planes (eps separating and joining the nearly coinciding ones).
  const structuredPlanes = embedSubsets(shape.W, shape.m, shape.n, 2, 0, binomial(shape.n, 2), { tol: 1e-5 }).embeddings;
  const L4 = embeddingLength(shape.m);
  const cases: { X: Float64Array | Float32Array; dim: number; count: number; eps: number }[] = [
    { X: randomPlanes, dim: L5, count: planes, eps: epsInWidestGap(reference) },
    { X: structuredPlanes, dim: L4, count: binomial(shape.n, 2), eps: 1e-3 },
    { X: structuredPlanes, dim: L4, count: binomial(shape.n, 2), eps: 0.05 },
  ];
  let listDiff = 0;
  let pairs = 0;
  for (const c of cases) {
    const g = await gpuNeighbours(gpu, c.X, c.dim, c.count, c.eps);
    const r = epsNeighbours({ points: Float64Array.from(c.X), dim: c.dim }, c.eps);
    listDiff += neighbourListDifferences(g, r);
    pairs += r.neighbours.length;
  }
  kernels.push(row('ε-neighbour lists: differing entries', listDiff, 0, `3 cases, ${pairs} neighbour pairs`));

  // Kernel 3: Gram matrix.
  const gn = 40;
  const gm = 16;
  const GW = randomWeights(gn, gm, 99);
  const G = await gpuGram(gpu, GW, gm, gn);
  const Gref = gram(GW, gm, gn);
  let gramDev = 0;
  for (let i = 0; i < gn; i++) {
    for (let j = 0; j < gn; j++) {
      const scale = Math.sqrt(Gref[i * gn + i] * Gref[j * gn + j]);
      gramDev = Math.max(gramDev, Math.abs(G[i * gn + j] - Gref[i * gn + j]) / scale);
    }
  }
  kernels.push(row('Gram matrix WᵀW: |ΔG_ij|/(‖W_i‖‖W_j‖)', gramDev, GRAM_RELATIVE_TOLERANCE, `n=${gn}, m=${gm}`));

  return {
    adapter: gpu.adapterInfo,
    isSoftware: gpu.isSoftware,
    limits: gpu.limits,
    kernels,
    passed: kernels.every((k) => k.passed),
    seconds: (performance.now() - t0) / 1000,
  };
}

function formatNumber(x: number): string {
  if (x === 0) return '0';
  return Number.isInteger(x) && x < 1e6 ? String(x) : x.toExponential(2);
}

function formatBytes(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

/**
 * The self-test as terminal text: adapter, the limits the kernels plan with,
 * and one row per check (deviation, tolerance, pass/FAIL).
 *
 * @param result Output of {@link runSelfTest}.
 */
export function formatSelfTest(result: SelfTestResult): string {
  const a = result.adapter;
  const name = [a.vendor, a.architecture, a.device].filter((s) => s !== '').join(' ') || '(unnamed adapter)';
  const lines: string[] = [];
  lines.push(`adapter: ${name}${a.description ? ` (${a.description})` : ''}${result.isSoftware ? ' [software]' : ''}`);
  if (a.backend !== undefined) lines.push(`backend: ${a.backend}`);
  const l = result.limits;
  lines.push(
    `limits: storage binding ${formatBytes(l.maxStorageBufferBindingSize)}, buffer ${formatBytes(l.maxBufferSize)}, ` +
      `${l.maxStorageBuffersPerShaderStage} storage buffers/stage, ${l.maxComputeWorkgroupStorageSize} B workgroup memory, ` +
      `${l.maxComputeInvocationsPerWorkgroup} invocations/workgroup, ${l.maxComputeWorkgroupsPerDimension} workgroups/dimension`,
  );
  lines.push('');
  const header = ['check', 'max deviation', 'tolerance', 'result', 'input'];
  const rows = result.kernels.map((k) => [k.name, formatNumber(k.maxDeviation), formatNumber(k.tolerance), k.passed ? 'pass' : 'FAIL', k.detail]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const render = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  lines.push(render(header));
  lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) lines.push(render(r));
  lines.push('');
  const passedCount = result.kernels.filter((k) => k.passed).length;
  lines.push(`self-test ${result.passed ? 'passed' : 'FAILED'}: ${passedCount}/${result.kernels.length} checks in ${result.seconds.toFixed(1)} s`);
  return lines.join('\n') + '\n';
}
