/**
 * The committed PyTorch fixtures of issue 11 agree with the numpy readings in
 * their manifests, recomputed here from the stored weights: a stale manifest
 * (weights retrained, reading not rerun) fails these before any analysis test
 * is judged against it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTensors } from '../../src/import/read-file.js';
import { squareAntiprism } from '../../src/spheres/polytopes.js';
import { shapeVertices } from '../../src/synthetic/index.js';

const dir = new URL('../fixtures/', import.meta.url);

interface Structure {
  features: number[];
  label: string;
  dimension: number;
}
interface ToyManifest {
  setup: { n: number; m: number };
  files: Record<string, { p: number; reading: { strong: number[]; maxNorm: number; structures: Structure[] } }>;
}
interface SaeManifest {
  reading: { antipodalPairs: number[][]; dead: number[]; maxOtherAbsCos: { cos: number; pair: number[] } };
}

/** Unit directions of chosen features; feature f is column f of an m×n matrix or row f of an n×m one. */
function units(data: Float32Array | Float64Array, rows: number, cols: number, featuresAreColumns: boolean, feats: readonly number[]): number[][] {
  const dim = featuresAreColumns ? rows : cols;
  return feats.map((f) => {
    const v = Array.from({ length: dim }, (_, r) => (featuresAreColumns ? data[r * cols + f] : data[f * cols + r]));
    const len = Math.hypot(...v);
    return v.map((x) => x / len);
  });
}

const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((s, x, i) => s + x * b[i], 0);

/** Sorted rows of a Gram, rows then sorted lexicographically (the manifests' permutation-free form). */
function sortedGram(U: readonly number[][]): number[][] {
  const rows = U.map((u) => U.map((v) => dot(u, v)).sort((a, b) => a - b));
  return rows.sort((a, b) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  });
}

describe('toymodels-paper fixtures match their numpy reading', () => {
  const manifest = JSON.parse(readFileSync(new URL('toymodels-paper/manifest.json', dir), 'utf8')) as ToyManifest;
  const names = Object.keys(manifest.files);

  it('has trained files across the sparsities', () => {
    expect(names.length).toBeGreaterThanOrEqual(6);
    expect(new Set(names.map((n) => manifest.files[n].p)).size).toBeGreaterThanOrEqual(5);
  });

  it.each(names)('%s: strong features and confident shapes', async (name) => {
    const entry = manifest.files[name];
    const tensors = await readTensors(new URL(`toymodels-paper/${name}`, dir).pathname);
    const W = tensors.find((t) => t.name === 'W')!;
    expect(W.shape).toEqual([manifest.setup.m, manifest.setup.n]);
    const [m, n] = W.shape;
    const norms = Array.from({ length: n }, (_, f) => Math.hypot(...Array.from({ length: m }, (_, r) => W.data[r * n + f])));
    const max = Math.max(...norms);
    expect(max).toBeCloseTo(entry.reading.maxNorm, 3);
    expect(norms.flatMap((x, i) => (x > 0.5 * max ? [i] : []))).toEqual(entry.reading.strong);
    for (const s of entry.reading.structures) {
      // The label's ideal vertices come from the TypeScript polytope tables, not from the Python ones;
      // a trained square antiprism may be the equal-edge one or the tight frame (both are accepted as the label).
      const candidates = s.label === 'square-antiprism' ? [squareAntiprism('equal-edge'), squareAntiprism('tight')] : [shapeVertices(s.label)];
      const got = sortedGram(units(W.data, m, n, true, s.features));
      const errs = candidates.map((set) => {
        const ideal = sortedGram(
          units(
            set.vectors,
            s.features.length,
            s.dimension,
            false,
            s.features.map((_, i) => i),
          ),
        );
        let err = 0;
        got.forEach((row, i) => row.forEach((x, j) => (err = Math.max(err, Math.abs(x - ideal[i][j])))));
        return err;
      });
      expect(Math.min(...errs)).toBeLessThanOrEqual(0.1);
    }
  });
});

describe('sae-digits fixture matches its numpy reading', () => {
  const manifest = JSON.parse(readFileSync(new URL('sae-digits/manifest.json', dir), 'utf8')) as SaeManifest;

  it('npz and SAELens safetensors hold the same decoder, whose antipodal pairs are as listed', async () => {
    const npz = await readTensors(new URL('sae-digits/sae.npz', dir).pathname);
    const st = await readTensors(new URL('sae-digits/saelens/sae_weights.safetensors', dir).pathname);
    const dec = npz.find((t) => t.name === 'W_dec')!;
    expect(dec.shape).toEqual([256, 64]);
    expect(Array.from(st.find((t) => t.name === 'W_dec')!.data)).toEqual(Array.from(dec.data));
    const U = units(
      dec.data,
      256,
      64,
      false,
      Array.from({ length: 256 }, (_, i) => i),
    );
    for (const [a, b] of manifest.reading.antipodalPairs) expect(dot(U[a], U[b])).toBeLessThan(-0.95);
    const [a, b] = manifest.reading.maxOtherAbsCos.pair;
    expect(dot(U[a], U[b])).toBeCloseTo(manifest.reading.maxOtherAbsCos.cos, 3);
    expect(manifest.reading.antipodalPairs.length).toBe(26);
  });
});
