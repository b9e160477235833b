import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import type { WeightSet } from '../../src/import/weightset.js';
import { cube, dedicated, digon, directSum, icosahedron, regularPolygon, simplex, squareAntiprism, tetrahedron } from '../../src/spheres/index.js';
import { applyRotation, gaussian, mulberry32, randomRotation } from '../../src/random/index.js';
import type { PointSet } from '../../src/spheres/index.js';
import type { Rng } from '../../src/random/index.js';

// Each case is a tegum product of exact shapes; the oracle is the construction
// itself: which features came from which part, and what each part is.
interface Part {
  label: string;
  shape: PointSet;
  /** Planes (k, local feature indices) the Hough step must report for this part alone. */
  planes: [number, number[]][];
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const evenPolygonLines = (N: number): [number, number[]][] => range(N / 2).map((i) => [1, [i, i + N / 2]]);

const part = {
  dedicated: (): Part => ({ label: 'dedicated', shape: dedicated(), planes: [] }),
  digon: (): Part => ({ label: 'digon', shape: digon(), planes: [[1, [0, 1]]] }),
  triangle: (): Part => ({ label: 'triangle', shape: regularPolygon(3), planes: [[2, range(3)]] }),
  pentagon: (): Part => ({ label: 'pentagon', shape: regularPolygon(5), planes: [[2, range(5)]] }),
  hexagon: (): Part => ({ label: 'hexagon', shape: regularPolygon(6), planes: [...evenPolygonLines(6), [2, range(6)]] }),
  heptagon: (): Part => ({ label: 'polygon-7', shape: regularPolygon(7), planes: [[2, range(7)]] }),
  tetrahedron: (): Part => ({ label: 'tetrahedron', shape: tetrahedron(), planes: [[3, range(4)]] }),
  // Antipodal vertex pairs of the cube differ in every sign: index i and 7 − i.
  cube: (): Part => ({ label: 'cube', shape: cube(), planes: [] }),
  squareAntiprism: (): Part => ({ label: 'square-antiprism', shape: squareAntiprism(), planes: [[3, range(8)]] }),
  icosahedron: (): Part => ({ label: 'icosahedron', shape: icosahedron(), planes: [] }),
  simplex4: (): Part => ({ label: 'simplex-4', shape: simplex(4), planes: [] }),
};

const cases: { name: string; parts: Part[]; extraDims?: number }[] = [
  { name: 'pentagon ⊕ digon ⊕ digon ⊕ dedicated', parts: [part.pentagon(), part.digon(), part.digon(), part.dedicated()] },
  { name: 'tetrahedron ⊕ triangle ⊕ digon', parts: [part.tetrahedron(), part.triangle(), part.digon()] },
  { name: 'cube ⊕ hexagon ⊕ dedicated', parts: [part.cube(), part.hexagon(), part.dedicated()] },
  { name: 'square antiprism ⊕ heptagon ⊕ digon ⊕ digon', parts: [part.squareAntiprism(), part.heptagon(), part.digon(), part.digon()] },
  { name: 'icosahedron ⊕ pentagon ⊕ 4-simplex, 2 unused dims (m = 11)', parts: [part.icosahedron(), part.pentagon(), part.simplex4()], extraDims: 2 },
  {
    name: 'tetrahedron ⊕ triangle ⊕ pentagon ⊕ digon ⊕ digon ⊕ dedicated ⊕ hexagon (m = 12)',
    parts: [part.tetrahedron(), part.triangle(), part.pentagon(), part.digon(), part.digon(), part.dedicated(), part.hexagon()],
  },
];

/** Rotate the hidden space, permute features, change norms by up to ±10 %, add N(0, σ²) per coordinate. */
function disguise(W: Float64Array, m: number, rng: Rng, sigma: number): { W: Float64Array; perm: number[] } {
  const n = W.length / m;
  const perm = range(n);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  const R = applyRotation(W, m, randomRotation(m, rng));
  const out = new Float64Array(n * m);
  for (let s = 0; s < n; s++) {
    const scale = 1 + 0.1 * (2 * rng() - 1);
    for (let r = 0; r < m; r++) out[s * m + r] = R[perm[s] * m + r] * scale + sigma * gaussian(rng);
  }
  return { W: out, perm };
}

const weightSet = (W: Float64Array, m: number): WeightSet => ({ file: 'test', tensor: 'W', m, n: W.length / m, featuresAre: 'columns', W });
const key = (features: number[]): string => [...features].sort((a, b) => a - b).join(',');

describe('analyze recovers exact tegum products under rotation, permutation, norm changes and noise', () => {
  for (const c of cases) {
    for (const sigma of [0, 0.01, 0.03]) {
      it(`${c.name}, σ = ${sigma}`, async () => {
        for (const seed of [1, 2, 3, 4]) {
          const { W: W0, m } = directSum(
            c.parts.map((p) => p.shape),
            c.extraDims ?? 0,
          );
          const { W, perm } = disguise(W0, m, mulberry32(seed * 1000 + sigma * 100), sigma);
          const stored = new Map(perm.map((orig, s) => [orig, s]));
          const expectedBundles: string[] = [];
          const expectedPlanes: string[] = [];
          let offset = 0;
          for (const p of c.parts) {
            const N = p.shape.vectors.length / p.shape.d;
            const toStored = (local: number[]): number[] => local.map((i) => stored.get(offset + i) as number);
            expectedBundles.push(`${p.label}:${key(toStored(range(N)))}`);
            for (const [k, local] of p.planes) expectedPlanes.push(`${k}:${key(toStored(local))}`);
            offset += N;
          }
          const report = await analyze(weightSet(W, m));
          expect(report.bundles.map((b) => `${b.polytope}:${key(b.features)}`).sort()).toEqual(expectedBundles.sort());
          expect(report.unrepresented).toEqual([]);
          const found = report.planes.map((p) => `${p.dimension}:${key(p.features)}`);
          for (const e of expectedPlanes) expect(found).toContain(e);
        }
      });
    }
  }

  it('cube: its 4 antipodal lines and the whole 3-plane, and no pyramids (two lines in a 2-plane)', async () => {
    const { W, m } = directSum([cube(), dedicated()]);
    const report = await analyze(weightSet(W, m));
    const lines = report.planes.filter((p) => p.dimension === 1);
    expect(lines).toHaveLength(4);
    for (const l of lines) {
      const [a, b] = l.features;
      let dot = 0;
      for (let r = 0; r < m; r++) dot += W[a * m + r] * W[b * m + r];
      expect(dot).toBeCloseTo(-1, 12);
    }
    expect(report.planes.filter((p) => p.dimension === 2)).toEqual([]);
    expect(report.planes.filter((p) => p.dimension === 3).map((p) => p.features)).toEqual([range(8)]);
    expect(report.bundles.map((b) => b.polytope)).toEqual(['cube', 'dedicated']);
  });

  it("the talk's failing case perturb₄(pentagon ⊕ pentagon) is recovered at every perturbation size", async () => {
    for (const eps of [1e-9, 1e-6, 1e-3, 1e-2]) {
      const { W: W0, m } = directSum([regularPolygon(5), regularPolygon(5)]);
      const rng = mulberry32(7);
      const W = W0.map((x) => x + eps * gaussian(rng));
      const report = await analyze(weightSet(W, m));
      expect(report.bundles.map((b) => `${b.polytope}:${key(b.features)}`)).toEqual(['pentagon:0,1,2,3,4', 'pentagon:5,6,7,8,9']);
      expect(report.planes.map((p) => `${p.dimension}:${key(p.features)}`)).toEqual(['2:0,1,2,3,4', '2:5,6,7,8,9']);
    }
  });

  it('random Gaussian W (the random-superposition baseline): no planes, no polytopes', async () => {
    for (const [n, m, seed] of [
      [20, 5, 1],
      [40, 10, 2],
      [30, 8, 3],
    ]) {
      const rng = mulberry32(seed);
      const W = Float64Array.from({ length: n * m }, () => gaussian(rng));
      const report = await analyze(weightSet(W, m));
      expect(report.planes).toEqual([]);
      for (const b of report.bundles) expect(b.polytope).toBe('irregular');
    }
  });

  it('is invariant under rotation, permutation and positive rescaling of W', async () => {
    const { W: W0, m } = directSum([regularPolygon(5), tetrahedron(), digon(), dedicated()]);
    const rng = mulberry32(99);
    const { W, perm } = disguise(W0, m, rng, 0.01);
    const base = await analyze(weightSet(W, m));
    const rotated = await analyze(weightSet(applyRotation(W, m, randomRotation(m, rng)), m));
    const scaled = await analyze(
      weightSet(
        W.map((x) => 3.7 * x),
        m,
      ),
    );
    const describe = (r: typeof base) => ({
      bundles: r.bundles.map((b) => `${b.polytope}:${key(b.features)}`).sort(),
      planes: r.planes.map((p) => `${p.dimension}:${key(p.features)}`).sort(),
    });
    expect(describe(rotated)).toEqual(describe(base));
    expect(describe(scaled)).toEqual(describe(base));
    // Permuting features back to the construction order relabels everything consistently.
    const n = W.length / m;
    const inv = new Array<number>(n);
    perm.forEach((orig, s) => (inv[orig] = s));
    const unpermuted = new Float64Array(W.length);
    for (let o = 0; o < n; o++) unpermuted.set(W.subarray(inv[o] * m, inv[o] * m + m), o * m);
    const back = await analyze(weightSet(unpermuted, m));
    const relabel = (features: number[]) => key(features.map((o) => inv[o]));
    expect(back.bundles.map((b) => `${b.polytope}:${relabel(b.features)}`).sort()).toEqual(describe(base).bundles);
    expect(back.planes.map((p) => `${p.dimension}:${relabel(p.features)}`).sort()).toEqual(describe(base).planes);
  });
});

describe('W at the ends of the float64 range', () => {
  it('entries near 1e200 or subnormal give the same structures, with norms in the file’s units', async () => {
    const { W, m } = directSum([regularPolygon(5), tetrahedron(), digon()]);
    const base = await analyze(weightSet(W, m));
    for (const c of [1e200, 1e-310]) {
      const r = await analyze(
        weightSet(
          W.map((x) => x * c),
          m,
        ),
      );
      expect(r.structures.map((s) => `${s.label}:${key(s.features)}`)).toEqual(base.structures.map((s) => `${s.label}:${key(s.features)}`));
      r.features.forEach((f, i) => {
        expect(f.norm / c).toBeCloseTo(base.features[i].norm, 6);
        expect(f.dimensionality).toBeCloseTo(base.features[i].dimensionality, 9);
      });
    }
  });
});
