import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, tegum } from './run-cli.js';

const truth = JSON.parse(readFileSync(join(root, 'samples', 'truth.json'), 'utf8'));

describe('tegum analyze (the real CLI)', () => {
  it('with no file analyses the embedded default sample and prints its decomposition', () => {
    const r = tegum(['analyze', '--gpu', 'off']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('superposition-r8.npz');
    expect(r.stdout).toMatch(/decomposition: tetrahedron ⊕ pentagon ⊕ digon ⊕ digon ⊕ dedicated/);
  });

  it('--json prints the Report and nothing else, with the contract fields of docs/ARCHITECTURE.md', () => {
    const r = tegum(['analyze', '--json', '--gpu', 'off']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.schema).toBe('tegum.report/2');
    expect(Object.keys(report.input)).toEqual(expect.arrayContaining(['file', 'tensor', 'm', 'n', 'featuresAre']));
    expect(report.input).toMatchObject({ tensor: 'W', m: 8, n: 16, featuresAre: 'columns' });
    for (const f of report.features) expect(Object.keys(f).sort()).toEqual(['bundle', 'dimensionality', 'index', 'norm', 'represented', 'role', 'structure']);
    for (const b of report.bundles) expect(Object.keys(b).sort()).toEqual(['dimension', 'features', 'id', 'polytope', 'regularity']);
    for (const p of report.planes) expect(Object.keys(p).sort()).toEqual(['dimension', 'features', 'subsets']);
    expect(report.unrepresented).toEqual(truth['superposition-r8.npz'].unrepresented);
    expect(typeof report.decomposition).toBe('string');
    for (const key of ['representedNorm', 'weakRatio', 'noiseFloor', 'eps', 'minSamples', 'maxK', 'structureSearch']) expect(report.params).toHaveProperty(key);
    // Version 2: every structure of the sample, its generic and weak features (truth.json's bundles of ≥ 2 features are its structures).
    const shapes = truth['superposition-r8.npz'].bundles.filter((b: { features: number[] }) => b.features.length >= 2);
    expect(report.structures.map((s: { label: string }) => s.label).sort()).toEqual(shapes.map((b: { polytope: string }) => b.polytope).sort());
    for (const s of report.structures)
      expect(Object.keys(s).sort()).toEqual(['dimension', 'features', 'id', 'label', 'maxCrossCos', 'regularity', 'significance', 'source']);
    expect(report.generic.count).toBe(1);
    expect(report.weak).toEqual([]);
  });

  it('reads every sample format and finds what the sample was built from', () => {
    for (const [file, expected] of Object.entries(truth) as [string, { bundles: { polytope: string }[] }][]) {
      const r = tegum(['analyze', join('samples', file), '--json', '--gpu', 'off']);
      expect(r.code, r.stderr).toBe(0);
      const labels = JSON.parse(r.stdout)
        .bundles.map((b: { polytope: string }) => b.polytope)
        .sort();
      expect(labels).toEqual(expected.bundles.map((b) => b.polytope).sort());
    }
  });

  it('--out writes report.json, report.md, report.html and never overwrites without --force', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-out-'));
    const first = tegum(['analyze', '--out', dir, '--gpu', 'off']);
    expect(first.code, first.stderr).toBe(0);
    for (const f of ['report.json', 'report.md', 'report.html']) expect(existsSync(join(dir, f))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).schema).toBe('tegum.report/2');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('tetrahedron ⊕ pentagon');

    writeFileSync(join(dir, 'report.md'), 'my notes');
    const second = tegum(['analyze', '--out', dir, '--gpu', 'off']);
    expect(second.code).toBe(2);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stderr).toMatch(/^tegum: .*report\.(json|md|html): already exists; pass --force to overwrite/);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe('my notes');

    const forced = tegum(['analyze', '--out', dir, '--force', '--gpu', 'off']);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('# tegum report');
  });

  it('threshold flags override the automatic values and are recorded as given', () => {
    const r = tegum([
      'analyze',
      '--json',
      '--gpu',
      'off',
      '--noise-floor',
      '0.2',
      '--eps',
      '0.3',
      '--min-samples',
      '3',
      '--max-k',
      '2',
      '--represented-norm',
      '0.5',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const { params } = JSON.parse(r.stdout);
    expect(params.noiseFloor).toMatchObject({ value: 0.2, source: 'user' });
    expect(params.representedNorm).toMatchObject({ value: 0.5, source: 'user' });
    expect(params.minSamples).toBe(3);
    expect(params.maxK).toBe(2);
    for (const t of Object.values(params.eps) as { value: number; source: string }[]) expect(t).toMatchObject({ value: 0.3, source: 'user' });
  });

  it('--gpu on runs the Hough step on the WebGPU adapter and finds the same planes as the CPU', () => {
    const gpu = tegum(['analyze', '--json', '--gpu', 'on']);
    if (gpu.code === 2 && process.env.TEGUM_REQUIRE_GPU !== '1') {
      expect(gpu.stderr).toMatch(/^tegum: --gpu on: no WebGPU adapter/);
      return;
    }
    expect(gpu.code, gpu.stderr).toBe(0);
    const onGpu = JSON.parse(gpu.stdout);
    const onCpu = JSON.parse(tegum(['analyze', '--json', '--gpu', 'off']).stdout);
    expect(onGpu.params.backend).toMatch(/^webgpu \(/);
    expect(onCpu.params.backend).toBe('cpu');
    expect(onGpu.planes).toEqual(onCpu.planes);
    expect(onGpu.bundles).toEqual(onCpu.bundles);
  });

  it('usage errors are one line and exit 2', () => {
    for (const args of [['analyze', '--features', 'diagonal'], ['analyze', '--max-k', 'x'], ['frobnicate'], ['analyze', '--max-k', '99']]) {
      const r = tegum(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^tegum: /);
    }
  });
});
