/**
 * A real dictionary: a sparse autoencoder (256 latents, unit-norm decoder rows)
 * trained with PyTorch on scikit-learn's digits (scripts/fixtures/train_sae_digits.py).
 * The oracle is numpy's reading in the manifest, made independently of tegum:
 * the confident antipodal pairs (mutual most negative partners, cos < −0.95)
 * and the count of mutual partners below −0.9.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { chooseWeights, readTensors } from '../../src/import/index.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'sae-digits');
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
  reading: { antipodalPairs: [number, number][]; mutualPartnersBelow: Record<string, number> };
};

describe('SAE on scikit-learn digits (PyTorch)', () => {
  it('reports every confident antipodal pair as a digon, and only mutual antiparallel partners as digons', async () => {
    const file = join(dir, 'sae.npz');
    const ws = chooseWeights(file, await readTensors(file));
    expect(ws).toMatchObject({ tensor: 'W_dec', n: 256, m: 64, featuresAre: 'rows' });
    const r = await analyze(ws);
    const digons = r.structures.filter((s) => s.label === 'digon').map((s) => s.features.join(','));
    for (const pair of manifest.reading.antipodalPairs) expect(digons, `pair ${pair}`).toContain([...pair].sort((a, b) => a - b).join(','));
    // Every digon tegum reports is a pair of mutual partners at cos < −0.9: numpy counts 42 such.
    expect(digons).toHaveLength(manifest.reading.mutualPartnersBelow['-0.9']);
    for (const s of r.structures.filter((x) => x.label === 'digon')) {
      expect(s.dimension).toBe(1);
      expect(s.significance).toBeGreaterThan(5);
    }
    // The dictionary is read against the random baseline, not as one irregular bundle.
    expect(r.params.noiseFloor.rationale).toMatch(/dictionary scale/);
    expect(r.generic.count + r.structures.reduce((n, s) => n + s.features.length, 0) + r.weak.length).toBe(256);
  }, 120_000);
});
