import { describe, expect, it } from 'vitest';
import { DEFAULT_STRUCTURES, DICTIONARY_CASES, generateDictionary } from '../../src/synthetic/index.js';
import type { Dictionary } from '../../src/synthetic/index.js';

/** Unit rows of W for the given features, float64. */
function unitRows(d: Dictionary, feats: readonly number[]): Float64Array[] {
  return feats.map((f) => {
    const row = Float64Array.from(d.W.subarray(f * d.m, (f + 1) * d.m));
    const len = Math.hypot(...row);
    return row.map((x) => x / len);
  });
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Ideal cosines written down from each shape's geometry (closed forms, not the
 * generator's vertex tables): for vertex-transitive shapes the sorted row of
 * cosines, identical for every vertex.
 */
function idealSortedRow(label: string): number[] {
  const polygon = /^(?:polygon-(\d+)|(triangle|pentagon|hexagon))$/.exec(label);
  if (polygon) {
    const N = polygon[1] ? Number(polygon[1]) : { triangle: 3, pentagon: 5, hexagon: 6 }[polygon[2]]!;
    return Array.from({ length: N }, (_, k) => Math.cos((2 * Math.PI * k) / N)).sort((a, b) => a - b);
  }
  const simplexK = /^simplex-(\d+)$/.exec(label);
  if (simplexK) {
    const K = Number(simplexK[1]);
    return [...Array(K).fill(-1 / K), 1];
  }
  const r2 = 1 / (1 + Math.SQRT2 / 4); // equal-edge square antiprism: 2r² = r²(2 − √2) + 4h²
  const h2 = 1 - r2;
  const rows: Record<string, number[]> = {
    digon: [-1, 1],
    tetrahedron: [-1 / 3, -1 / 3, -1 / 3, 1],
    cube: [-1, -1 / 3, -1 / 3, -1 / 3, 1 / 3, 1 / 3, 1 / 3, 1],
    icosahedron: [-1, ...Array(5).fill(-1 / Math.sqrt(5)), ...Array(5).fill(1 / Math.sqrt(5)), 1],
    'square-antiprism': [h2 - r2, -r2 / Math.SQRT2 - h2, -r2 / Math.SQRT2 - h2, r2 / Math.SQRT2 - h2, r2 / Math.SQRT2 - h2, h2, h2, 1],
  };
  return [...rows[label]].sort((a, b) => a - b);
}

/** Numerical rank of a small PSD Gram by pivoted Cholesky: pivots above tol. */
function gramRank(G: number[][], tol: number): number {
  const A = G.map((r) => [...r]);
  const k = A.length;
  const used = new Array<boolean>(k).fill(false);
  let rank = 0;
  for (let step = 0; step < k; step++) {
    let p = -1;
    for (let i = 0; i < k; i++) if (!used[i] && (p < 0 || A[i][i] > A[p][p])) p = i;
    if (A[p][p] <= tol) break;
    used[p] = true;
    rank++;
    const piv = A[p][p];
    const col = A.map((r) => r[p]);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) A[i][j] -= (col[i] * col[j]) / piv;
  }
  return rank;
}

const SMALL = { n: 2048, m: 128, seed: 7 };

describe('generateDictionary', () => {
  it('is reproducible from its seed and differs across seeds', () => {
    const a = generateDictionary(SMALL);
    const b = generateDictionary(SMALL);
    const c = generateDictionary({ ...SMALL, seed: 8 });
    expect(Buffer.from(a.W.buffer).equals(Buffer.from(b.W.buffer))).toBe(true);
    expect(a.truth).toEqual(b.truth);
    expect(Buffer.from(a.W.buffer).equals(Buffer.from(c.W.buffer))).toBe(false);
    expect(a.W.length).toBe(SMALL.n * SMALL.m);
  });

  it('plants every requested structure at distinct, in-range rows', () => {
    const d = generateDictionary(SMALL);
    const expected = DEFAULT_STRUCTURES.reduce((s, spec) => s + spec.count, 0);
    expect(d.truth.structures.length).toBe(expected);
    const all = d.truth.structures.flatMap((s) => s.features);
    expect(new Set(all).size).toBe(all.length);
    expect(Math.min(...all)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...all)).toBeLessThan(SMALL.n);
    // Shuffled: the planted rows are not simply the first ones.
    expect(Math.max(...all)).toBeGreaterThan(all.length * 4);
    const labels = d.truth.structures.map((s) => s.label);
    for (const l of ['polygon-7', 'polygon-12', 'tetrahedron', 'square-antiprism', 'simplex-4', 'icosahedron', 'digon', 'irregular'])
      expect(labels).toContain(l);
  });

  it('gives each planted shape the ideal Gram (closed forms) up to the noise', () => {
    for (const [noise, tol] of [
      [0, 2e-6], // float32 rounding only
      [0.01, 0.01],
    ] as const) {
      const d = generateDictionary({ ...SMALL, noise });
      let worst = 0;
      for (const s of d.truth.structures.filter((x) => x.label !== 'irregular')) {
        const U = unitRows(d, s.features);
        const ideal = idealSortedRow(s.label);
        expect(ideal.length).toBe(U.length);
        for (const u of U) {
          const row = U.map((v) => dot(u, v)).sort((a, b) => a - b);
          row.forEach((x, k) => (worst = Math.max(worst, Math.abs(x - ideal[k]))));
        }
      }
      expect(worst).toBeLessThan(tol);
      if (noise > 0) expect(worst).toBeGreaterThan(tol / 1000); // the noise is really there
    }
  });

  it('keeps polygons in vertex order and makes families rank-deficient cones', () => {
    const d = generateDictionary({ ...SMALL, noise: 0 });
    const hept = d.truth.structures.find((s) => s.label === 'polygon-7')!;
    const U = unitRows(d, hept.features);
    for (let k = 0; k < 7; k++) expect(dot(U[k], U[(k + 1) % 7])).toBeCloseTo(Math.cos((2 * Math.PI) / 7), 5);
    for (const spec of DEFAULT_STRUCTURES.filter((x) => x.kind === 'family')) {
      const fam = d.truth.structures.find((s) => s.label === 'irregular' && s.features.length === spec.size)!;
      expect(fam.dimension).toBe(spec.dimension);
      const F = unitRows(d, fam.features);
      const G = F.map((u) => F.map((v) => dot(u, v)));
      // Two directions within maxAngle of one axis are within 2·maxAngle of each other.
      const floor = Math.cos((2 * spec.maxAngleDeg * Math.PI) / 180);
      for (let i = 0; i < F.length; i++) for (let j = 0; j < F.length; j++) expect(G[i][j]).toBeGreaterThan(floor - 1e-6);
      expect(gramRank(G, 1e-5)).toBe(spec.dimension);
    }
  });

  it('puts different structures in mutually orthogonal subspaces', () => {
    const d = generateDictionary({ ...SMALL, noise: 0 });
    const S = d.truth.structures.map((s) => unitRows(d, s.features));
    let worst = 0;
    for (let a = 0; a < S.length; a++)
      for (let b = a + 1; b < S.length; b++) for (const u of S[a]) for (const v of S[b]) worst = Math.max(worst, Math.abs(dot(u, v)));
    expect(worst).toBeLessThan(1e-5);
  });

  it('draws norms log-uniformly on [minNorm, maxNorm]', () => {
    const d = generateDictionary({ ...SMALL, minNorm: 0.5, maxNorm: 2 });
    const logs = Array.from({ length: d.n }, (_, i) => Math.log(Math.hypot(...d.W.subarray(i * d.m, (i + 1) * d.m))));
    expect(Math.min(...logs)).toBeGreaterThanOrEqual(Math.log(0.5) - 1e-6);
    expect(Math.max(...logs)).toBeLessThanOrEqual(Math.log(2) + 1e-6);
    // Uniform on [ln 0.5, ln 2]: mean 0, variance (ln 4)²/12; 2048 draws put the mean within ~0.03.
    const mean = logs.reduce((s, x) => s + x, 0) / logs.length;
    const variance = logs.reduce((s, x) => s + (x - mean) ** 2, 0) / logs.length;
    expect(Math.abs(mean)).toBeLessThan(0.04);
    expect(variance).toBeCloseTo(Math.log(4) ** 2 / 12, 1);
    // Members of one structure share its norm within ±10 %.
    for (const s of d.truth.structures) {
      const ns = s.features.map((f) => Math.exp(logs[f]));
      expect(Math.max(...ns) / Math.min(...ns)).toBeLessThanOrEqual(1.1 / 0.9 + 1e-6);
    }
  });

  it('leaves the random part at the random-direction |cos| baseline sqrt(2 ln(N²)/m)', () => {
    const d = generateDictionary(SMALL);
    const planted = new Set(d.truth.structures.flatMap((s) => s.features));
    const rest = Array.from({ length: d.n }, (_, i) => i).filter((i) => !planted.has(i));
    const U = unitRows(d, rest);
    let max = 0;
    for (let i = 0; i < U.length; i++) for (let j = i + 1; j < U.length; j++) max = Math.max(max, Math.abs(dot(U[i], U[j])));
    const N = rest.length;
    const baseline = Math.sqrt((2 * Math.log(N * N)) / d.m);
    // The bound is the Gaussian tail for N²/2 pairs without its log-log correction
    // (and cosines have lighter tails than Gaussians), so the maximum sits a little below it.
    expect(max / baseline).toBeGreaterThan(0.8);
    expect(max / baseline).toBeLessThan(1.0);
  });

  it('rejects sizes that cannot hold the planted structures and unknown labels', () => {
    expect(() => generateDictionary({ n: 2048, m: 40, seed: 1 })).toThrow(/48 orthogonal dimensions/);
    expect(() => generateDictionary({ n: 50, m: 128, seed: 1 })).toThrow(/110 features/);
    expect(() => generateDictionary({ n: 64, m: 8, seed: 1, structures: [{ kind: 'shape', label: 'octahedron', count: 1 }] })).toThrow(/not a plantable shape/);
  });

  it('names the issue-11 cases, with the small-m case below a tetrahedron-hiding baseline', () => {
    const c = DICTIONARY_CASES['small-m-32k-256'];
    expect(Math.sqrt((2 * Math.log(c.n * c.n)) / c.m)).toBeGreaterThan(1 / 3);
    expect(DICTIONARY_CASES['sae-16k-768']).toMatchObject({ n: 16384, m: 768 });
    expect(DICTIONARY_CASES['sae-32k-512']).toMatchObject({ n: 32768, m: 512 });
  });
});
