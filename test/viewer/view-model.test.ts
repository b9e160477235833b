/**
 * What the page lists and draws, read off a Report: structures of schema 2
 * (oracle: samples/truth.json, written by the sample generator from the
 * polytopes it built), the search box's queries, the
 * abbreviated region counts, and the title with a stack's instance.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { search, viewModel } from '../../src/viewer/data/view-model.js';
import { readableCount } from '../../src/viewer/ui/plots-panel.js';
import { titleOf } from '../../src/viewer/ui/title.js';
import { analyze } from '../../src/analysis/analyze.js';
import { chooseWeights, readTensors } from '../../src/import/index.js';
import type { Report } from '../../src/report/types.js';
import { root } from './browser.js';

const truth = JSON.parse(readFileSync(join(root, 'samples', 'truth.json'), 'utf8'))['superposition-r8.npz'] as {
  bundles: { polytope: string; features: number[] }[];
};

async function sampleReport(): Promise<Report> {
  const ws = chooseWeights('superposition-r8.npz', await readTensors(join(root, 'samples', 'superposition-r8.npz')));
  return analyze(ws, { version: 'test' });
}

describe('the view model', () => {
  it('lists the structures largest first, the dedicated feature as generic', async () => {
    const report = await sampleReport();
    const model = viewModel(report);
    const shapes = truth.bundles.filter((b) => b.features.length > 1);
    const listed = model.ranked.map((id) => model.groups[id]);
    expect(listed.map((g) => ({ polytope: g.label, features: [...g.features].sort((a, b) => a - b) })).sort((a, b) => a.features[0] - b.features[0])).toEqual(
      shapes.map((b) => ({ polytope: b.polytope, features: [...b.features].sort((a, c) => a - c) })).sort((a, b) => a.features[0] - b.features[0]),
    );
    const sizes = listed.map((g) => g.features.length);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    // Equal sizes: the more significant first.
    for (let k = 1; k < listed.length; k++) if (sizes[k] === sizes[k - 1]) expect(listed[k].significance!).toBeLessThanOrEqual(listed[k - 1].significance!);
    const dedicated = truth.bundles.filter((b) => b.features.length === 1).flatMap((b) => b.features);
    expect([...model.generic.keys()].filter((i) => model.generic[i] === 1)).toEqual(dedicated);
    for (const g of listed) for (const f of g.features) expect(model.groupOf[f]).toBe(g.id);
  });

  it('search: #index and bare numbers find a feature, words find labels (case-insensitive), largest first', async () => {
    const report = await sampleReport();
    const model = viewModel(report);
    expect(search(model, 16, '#4')).toEqual({ feature: 4, groups: [] });
    expect(search(model, 16, ' 12 ')).toEqual({ feature: 12, groups: [] });
    expect(search(model, 16, '#16')).toEqual({ feature: null, groups: [] });
    const digons = search(model, 16, 'DIGON').groups;
    expect(digons.map((id) => model.groups[id].label)).toEqual(['digon', 'digon']);
    expect(search(model, 16, 'penta').groups.map((id) => model.groups[id].label)).toEqual(['pentagon']);
    expect(search(model, 16, 'icosahedron').groups).toEqual([]);
  });
});

describe('words and numbers on the page', () => {
  it('abbreviates counts past 12 digits to a power of ten, exact below', () => {
    const sixty = '31' + '4'.repeat(59);
    expect(sixty).toHaveLength(61);
    expect(readableCount(sixty)).toBe('≈ 3.1 × 10⁶⁰');
    expect(readableCount('1' + '0'.repeat(12))).toBe('≈ 1.0 × 10¹²');
    expect(readableCount('999999999999')).toBe('999999999999');
    expect(readableCount('unknown')).toBe('unknown');
  });

  it('titles a stack with its instance', () => {
    const input = { file: 'runs/n5_m2.npz', tensor: 'W', m: 2, n: 5, featuresAre: 'rows' as const };
    expect(titleOf({ input: { ...input, instance: 3 } } as Report)).toBe('runs/n5_m2.npz · W · instance 3 · n = 5 features in m = 2 dims');
    expect(titleOf({ input } as Report)).toBe('runs/n5_m2.npz · W · n = 5 features in m = 2 dims');
  });
});
