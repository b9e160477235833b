/**
 * The report's SVG figures, parsed, with their marks counted and placed: one
 * Gram cell per entry coloured by its value, one dot per feature at its D_i,
 * one bar per persistence pair at its birth and length, one shaded cell per
 * region of the arrangement's slice with as many active ReLUs as its title says.
 */
import { parse } from 'node-html-parser';
import type { HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { arrangementPicture, topologyFigure } from '../../src/report/html.js';
import { arrangementFigure } from '../../src/report/figures/arrangement-figure.js';
import { barcodeFigure } from '../../src/report/figures/barcode-figure.js';
import { ENERGY_LEVELS, energyFigure } from '../../src/report/figures/energy-figure.js';
import { gramFigure } from '../../src/report/figures/gram-figure.js';
import { shapeFigure } from '../../src/report/figures/shape-figure.js';
import { bundleColour } from '../../src/report/palette.js';
import type { Report } from '../../src/report/types.js';
import { num, realReports } from './real-reports.js';
import type { RealReport } from './real-reports.js';

const reports: RealReport[] = realReports();
const named = (stem: string): RealReport => reports.find((r) => r.path.includes(stem)) as RealReport;
/** The default sample: composites, planes, structures, codes with best-known ratios, a bias. */
const sample = named('superposition-r8');

function svgOf(markup: string): HTMLElement {
  const svg = parse(markup).querySelector('svg');
  if (!svg) throw new Error('no svg');
  return svg;
}
const size = (svg: HTMLElement): [number, number] => [num(svg, 'width'), num(svg, 'height')];
const titled = (svg: HTMLElement, tag: string): HTMLElement[] => svg.querySelectorAll(tag).filter((e) => e.querySelector('title') !== null);
const title = (e: HTMLElement): string => e.querySelector('title')?.text ?? '';
const rgb = (fill: string): number[] => (/^rgb\((\d+),(\d+),(\d+)\)$/.exec(fill) ?? []).slice(1).map(Number);

/** Features in the figures' order: bundle by bundle, then those in no bundle. */
const byBundle = (report: Report): number[] => [
  ...report.bundles.flatMap((b) => b.features),
  ...report.features.filter((f) => f.bundle === null).map((f) => f.index),
];

/** The energy levels of D_i and their polytopes (background README; Toy Models of Superposition). */
const PAPER_LEVELS: [number, string][] = [
  [1, '1 dedicated'],
  [0.75, '3/4 tetrahedron'],
  [2 / 3, '2/3 triangle'],
  [0.5, '1/2 digon'],
  [0.4, '2/5 pentagon'],
  [0.375, '3/8 sq. antiprism, cube'],
];

function dot(W: Float64Array, m: number, i: number, j: number): number {
  let s = 0;
  for (let r = 0; r < m; r++) s += W[i * m + r] * W[j * m + r];
  return s;
}

describe.each(reports.map((r) => [r.name, r] as const))('%s', (_, { report, W }) => {
  const { m } = report.input;

  it('Gram matrix: one cell per entry, in bundle order, coloured by its value; membership strips; the colour scale', () => {
    const svg = svgOf(gramFigure(report, W));
    const order = byBundle(report);
    const N = order.length;
    expect([...order].sort((a, b) => a - b)).toEqual(report.features.map((f) => f.index));
    const cells = titled(svg, 'rect');
    expect(cells).toHaveLength(N * N);
    const cell = Math.max(1, Math.min(18, Math.floor(300 / N)));
    const labelled = cell >= 12;
    const pad = labelled ? 40 : 14;
    let maxAbs = 0;
    for (const i of order) for (const j of order) maxAbs = Math.max(maxAbs, Math.abs(dot(W, m, i, j)));
    cells.forEach((c, k) => {
      const [a, b] = [Math.floor(k / N), k % N];
      const g = dot(W, m, order[a], order[b]);
      expect(title(c)).toBe(`W${order[a]}·W${order[b]} = ${g.toFixed(4)}`);
      expect([num(c, 'x'), num(c, 'y'), num(c, 'width'), num(c, 'height')]).toEqual([pad + b * cell, pad + a * cell, cell, cell]);
      // White at 0, towards red (178, 24, 43) for positive and blue (33, 102, 172) for negative, saturated at max |entry|.
      const t = Math.abs(g) / maxAbs;
      const target = g >= 0 ? [178, 24, 43] : [33, 102, 172];
      expect(rgb(c.getAttribute('fill') ?? '')).toEqual(target.map((v) => Math.round(255 + (v - 255) * t)));
    });
    // The diagonal is ‖W_i‖² ≥ 0: red, the largest entry fully saturated.
    const diagonal = cells.filter((_c, k) => Math.floor(k / N) === k % N).map((c) => rgb(c.getAttribute('fill') ?? ''));
    for (const [r, g] of diagonal) expect(r).toBeGreaterThanOrEqual(g);
    expect(diagonal).toContainEqual([178, 24, 43]);
    const untitled = svg.querySelectorAll('rect').filter((e) => e.querySelector('title') === null);
    const strips = untitled.filter((e) => num(e, 'height') === cell || num(e, 'width') === cell).filter((e) => num(e, 'y') !== num(svg, 'height') - 38);
    const colours = order.map((f) => bundleColour(report.features[f].bundle));
    expect(strips.map((e) => e.getAttribute('fill'))).toEqual(colours.flatMap((c) => [c, c]));
    const texts = svg.querySelectorAll('text').map((e) => e.text);
    if (labelled) expect(texts.slice(0, 2 * N)).toEqual(order.flatMap((f) => [String(f), String(f)]));
    else expect(texts).toHaveLength(4);
    expect(texts.slice(-4)).toEqual([`−${maxAbs.toPrecision(3)}`, '0', `+${maxAbs.toPrecision(3)}`, 'Wᵢ·Wⱼ']);
    const side = N * cell;
    expect(size(svg)).toEqual([pad + side + 10, pad + side + 50]);
    const scale = untitled.filter((e) => num(e, 'height') === 8);
    expect(scale).toHaveLength(21);
    expect(rgb(scale[0].getAttribute('fill') ?? '')).toEqual([33, 102, 172]);
    expect(rgb(scale[10].getAttribute('fill') ?? '')).toEqual([255, 255, 255]);
    expect(rgb(scale[20].getAttribute('fill') ?? '')).toEqual([178, 24, 43]);
    const barW = Math.min(side, 240);
    expect(num(scale[0], 'x')).toBeCloseTo(pad + (side - barW) / 2, 1);
    expect(num(scale[20], 'x') + num(scale[20], 'width')).toBeCloseTo(pad + (side + barW) / 2 + 0.3, 1);
  });

  it('dimensionality: one dot per feature at its D_i, in bundle order, with the six energy levels labelled apart', () => {
    const svg = svgOf(energyFigure(report));
    const order = byBundle(report);
    const dots = titled(svg, 'circle');
    expect(dots).toHaveLength(order.length);
    const y = (d: number): number => 12 + 208 * (1 - d / 1.05);
    dots.forEach((c, i) => {
      const f = report.features[order[i]];
      expect(title(c)).toBe(`feature ${f.index}: D = ${f.dimensionality.toFixed(4)}, bundle ${f.bundle ?? '—'}`);
      expect(num(c, 'cy')).toBeCloseTo(y(f.dimensionality), 1);
      expect(num(c, 'cx')).toBeCloseTo(order.length <= 1 ? 34 + 87 : 34 + (i * 174) / (order.length - 1), 1);
      expect(num(c, 'r')).toBe(4);
      expect(c.getAttribute('fill')).toBe(bundleColour(f.bundle));
    });
    const levels = svg.querySelectorAll('line').filter((e) => e.getAttribute('stroke-dasharray') === '4 3');
    expect(levels.map((e) => num(e, 'y1'))).toEqual(PAPER_LEVELS.map(([d]) => Math.round(y(d) * 100) / 100));
    const labels = svg.querySelectorAll('text').filter((e) => ENERGY_LEVELS.some((l) => l.label === e.text));
    expect(labels.map((e) => e.text)).toEqual(PAPER_LEVELS.map(([, label]) => label));
    labels.forEach((e, k) => {
      expect(num(e, 'y')).toBeGreaterThanOrEqual(num(levels[k], 'y1') + 4 - 0.01);
      if (k > 0) expect(num(e, 'y') - num(labels[k - 1], 'y')).toBeGreaterThanOrEqual(13 - 0.01);
    });
    expect(svg.querySelectorAll('text').map((e) => e.text)).toEqual(expect.arrayContaining(['0', '0.25', '0.5', '0.75', '1', 'features, grouped by bundle']));
    const own = svgOf(energyFigure(report, () => '#123456'));
    expect(new Set(titled(own, 'circle').map((c) => c.getAttribute('fill')))).toEqual(new Set(['#123456']));
  });

  it('each bundle in its own basis: a dot and spoke per feature, the polytope’s edges, its label', () => {
    const edgesOf: Record<string, number> = { dedicated: 0, digon: 1, triangle: 3, pentagon: 5, hexagon: 6, tetrahedron: 6, cube: 12, 'square-antiprism': 16 };
    for (const b of report.bundles) {
      const svg = svgOf(shapeFigure(b, W, m));
      const colour = bundleColour(b.id);
      const dots = titled(svg, 'circle');
      expect(dots.map(title)).toEqual(b.features.map((f) => `feature ${f}`));
      const frame = svg.querySelectorAll('circle').filter((c) => c.querySelector('title') === null);
      expect(frame.map((c) => [num(c, 'cx'), num(c, 'cy'), num(c, 'r')])).toEqual([[100, 100, 76]]);
      for (const d of dots) {
        const r = Math.hypot(num(d, 'cx') - 100, num(d, 'cy') - 100);
        expect(r).toBeLessThanOrEqual(76.1);
        // Unit directions in the bundle's own span: on the circle when it is 1- or 2-dimensional.
        if (b.dimension <= 2) expect(r).toBeGreaterThan(0.97 * 76);
        expect(d.getAttribute('fill')).toBe(colour);
      }
      const lines = svg.querySelectorAll('line');
      const spokes = lines.filter((l) => l.getAttribute('stroke') === '#bbb');
      expect(spokes).toHaveLength(b.features.length);
      spokes.forEach((s, i) => {
        expect([num(s, 'x1'), num(s, 'y1')]).toEqual([100, 100]);
        expect([num(s, 'x2'), num(s, 'y2')]).toEqual([num(dots[i], 'cx'), num(dots[i], 'cy')]);
      });
      const edges = lines.filter((l) => l.getAttribute('stroke') === colour);
      if (b.polytope in edgesOf) expect(edges, b.polytope).toHaveLength(edgesOf[b.polytope]);
      // Every edge joins two drawn vertices.
      const at = new Set(dots.map((d) => `${d.getAttribute('cx')},${d.getAttribute('cy')}`));
      for (const e of edges) {
        expect(at.has(`${e.getAttribute('x1')},${e.getAttribute('y1')}`)).toBe(true);
        expect(at.has(`${e.getAttribute('x2')},${e.getAttribute('y2')}`)).toBe(true);
      }
      const texts = svg.querySelectorAll('text').map((t) => t.text);
      const detail = `bundle ${b.id} · dim ${b.dimension}${b.dimension > 3 ? ' (leading 3 axes)' : ''}`;
      expect(texts).toEqual([...b.features.map(String), b.polytope, detail]);
      expect(svg.getAttribute('aria-label')).toBe(`${b.polytope}, ${detail}`);
      expect(size(svg)).toEqual([200, 200]);
      // Labels sit beside their dots, up and right, or below them near the top, where the name is (baseline 14).
      svg
        .querySelectorAll('text')
        .slice(0, b.features.length)
        .forEach((t, i) => {
          const [cx, cy] = [num(dots[i], 'cx'), num(dots[i], 'cy')];
          const y = cy - 5 < 14 + 11 + 3 ? cy + 16 : cy - 5;
          expect([num(t, 'x'), num(t, 'y')]).toEqual([cx + 5, y].map((v) => Math.round(v * 100) / 100));
        });
    }
  });

  it('barcode: one bar per persistence pair at its birth and length, counted per dimension, over a tick axis', () => {
    const t = report.topology;
    const svg = svgOf(topologyFigure(report));
    const bars = titled(svg, 'rect');
    expect(bars).toHaveLength(t.diagrams.reduce((s, d) => s + Math.min(40, d.pairs.length), 0));
    const x = (v: number): number => 104 + (Math.min(v, t.threshold) / t.threshold) * 238;
    for (const d of t.diagrams) {
      const mine = bars.filter((b) => title(b).startsWith(`H${d.dimension}: `));
      expect(mine).toHaveLength(Math.min(40, d.pairs.length));
      const births = mine.map((b) => Number(/\[([^,]+),/.exec(title(b))?.[1]));
      for (let k = 1; k < births.length; k++) expect(births[k]).toBeGreaterThanOrEqual(births[k - 1]);
      for (const b of mine) {
        const [, birth, death] = /\[([^,]+), ([^)]+)\)/.exec(title(b)) as RegExpExecArray;
        const pair = d.pairs.find((p) => p.birth.toFixed(4) === birth && (p.death === null ? death === '∞' : p.death.toFixed(4) === death));
        expect(pair, title(b)).toBeDefined();
        const p = pair as { birth: number; death: number | null };
        expect(num(b, 'x')).toBeCloseTo(x(p.birth), 1);
        const end = p.death === null ? 104 + 238 - 6 : x(p.death);
        expect(num(b, 'width')).toBeCloseTo(Math.max(end - x(p.birth), 0.5), 1);
        expect(num(b, 'height')).toBe(5);
      }
      const arrows = svg.querySelectorAll('polygon').filter((e) => e.getAttribute('fill') === mine[0]?.getAttribute('fill'));
      expect(arrows).toHaveLength(d.pairs.filter((p) => p.death === null).length);
      const note =
        d.pairs.length === 0 ? 'no bars' : d.pairs.length > 40 ? `40 longest of ${d.pairs.length}` : `${d.pairs.length} bar${d.pairs.length === 1 ? '' : 's'}`;
      expect(svg.querySelectorAll('text').map((e) => e.text)).toContain(note);
    }
    expect(svg.querySelectorAll('text').map((e) => e.text)).toEqual(
      expect.arrayContaining([
        ...t.diagrams.map((d) => `H${d.dimension}`),
        'filtration value (distance)',
        `threshold ${t.threshold.toPrecision(4)}; ▶ = still alive there`,
      ]),
    );
  });

  it('barcode layout: each dimension in its own band, its name and count beside it, bars stacked; the axis below with ticks under their values', () => {
    const t = report.topology;
    const svg = svgOf(topologyFigure(report));
    const bars = titled(svg, 'rect');
    const texts = svg.querySelectorAll('text');
    const [left, right] = [104, 104 + 238];
    const separators = svg.querySelectorAll('line').filter((l) => l.getAttribute('stroke') === '#ddd');
    expect(separators).toHaveLength(t.diagrams.length);
    for (const s of separators) expect([num(s, 'x1'), num(s, 'x2'), num(s, 'y1')]).toEqual([left, right, num(s, 'y2')]);
    const bandTop = (k: number): number => (k === 0 ? 0 : num(separators[k - 1], 'y1'));
    const colours = new Set<string>();
    t.diagrams.forEach((d, k) => {
      const [top, bottom] = [bandTop(k), num(separators[k], 'y1')];
      const mine = bars.filter((b) => title(b).startsWith(`H${d.dimension}: `));
      const colour = mine[0]?.getAttribute('fill');
      // Bars one under the other, 2 px apart, inside the band.
      mine.forEach((b, i) => {
        expect(num(b, 'y')).toBeGreaterThan(top);
        expect(num(b, 'y') + num(b, 'height')).toBeLessThan(bottom);
        expect(b.getAttribute('fill')).toBe(colour);
        if (i > 0) expect(num(b, 'y')).toBe(num(mine[i - 1], 'y') + 7);
      });
      // The dimension's name in its colour, bold, and the bar count below it: right-aligned left of the bars, in the band.
      const name = texts.find((e) => e.text === `H${d.dimension}`) as HTMLElement;
      const count = texts[texts.indexOf(name) + 1];
      if (colour !== undefined) expect(name.getAttribute('fill')).toBe(colour);
      expect(name.getAttribute('font-weight')).toBe('bold');
      for (const label of [name, count]) {
        expect(label.getAttribute('text-anchor')).toBe('end');
        expect(num(label, 'x')).toBe(left - 8);
        expect(num(label, 'y')).toBeGreaterThan(top);
        expect(num(label, 'y')).toBeLessThan(bottom);
      }
      expect(num(count, 'y')).toBe(num(name, 'y') + 13);
      if (mine.length > 0) expect(num(name, 'y')).toBeLessThanOrEqual(num(mine[0], 'y') + 24);
      colours.add(name.getAttribute('fill') ?? '');
    });
    expect(colours.size).toBe(t.diagrams.length);
    // The axis below the last band, from 0 to the threshold, each tick's label centred under it, values rising.
    const axis = svg.querySelectorAll('line').find((l) => l.getAttribute('stroke') === '#444' && num(l, 'y1') === num(l, 'y2')) as HTMLElement;
    expect([num(axis, 'x1'), num(axis, 'x2')]).toEqual([left, right]);
    expect(num(axis, 'y1')).toBeGreaterThan(num(separators[separators.length - 1], 'y1'));
    const tickMarks = svg.querySelectorAll('line').filter((l) => l.getAttribute('stroke') === '#444' && l !== axis);
    const tickLabels = texts.filter((e) => num(e, 'y') === num(axis, 'y1') + 15);
    expect(tickLabels).toHaveLength(tickMarks.length);
    expect(tickMarks.length).toBeGreaterThanOrEqual(3);
    tickMarks.forEach((m, i) => {
      expect([num(m, 'y1'), num(m, 'y2'), num(m, 'x2')]).toEqual([num(axis, 'y1'), num(axis, 'y1') + 4, num(m, 'x1')]);
      expect(num(tickLabels[i], 'x')).toBe(num(m, 'x1'));
      expect(tickLabels[i].getAttribute('text-anchor')).toBe('middle');
      expect(num(m, 'x1')).toBeCloseTo(left + (Number(tickLabels[i].text) / t.threshold) * 238, 1);
      if (i > 0) expect(Number(tickLabels[i].text)).toBeGreaterThan(Number(tickLabels[i - 1].text));
    });
    expect(Number(tickLabels[0].text)).toBe(0);
    const [caption, note] = texts.slice(-2);
    expect([caption.text, num(caption, 'x'), num(caption, 'y'), caption.getAttribute('text-anchor')]).toEqual([
      'filtration value (distance)',
      left + 119,
      num(axis, 'y1') + 31,
      'middle',
    ]);
    expect([num(note, 'x'), num(note, 'y'), note.getAttribute('text-anchor')]).toEqual([left + 119, num(caption, 'y') + 14, 'middle']);
    expect(num(svg, 'height')).toBe(num(note, 'y') + 9);
  });

  it('arrangement: one line per feature, cells tiling the box, each with the number of ReLUs active there', () => {
    const picture = arrangementPicture(report, W);
    if (m < 2) {
      expect(picture).toBe('');
      return;
    }
    const svg = svgOf(picture);
    const a = report.arrangement;
    const N = a.features.length;
    const lines = titled(svg, 'line');
    expect(lines.map(title)).toEqual(a.features.map((f) => `feature ${f}`));
    expect(
      svg
        .querySelectorAll('text')
        .filter((e) => /^f\d+$/.test(e.text))
        .map((e) => e.text),
    ).toEqual(a.features.map((f) => `f${f}`));
    const box = svg.querySelectorAll('rect').find((e) => e.getAttribute('stroke') === '#888') as HTMLElement;
    expect([num(box, 'x'), num(box, 'y'), num(box, 'width'), num(box, 'height')]).toEqual([16, 16, 300, 300]);
    const cells = titled(svg, 'polygon');
    expect(cells.length).toBeGreaterThan(N);
    let area = 0;
    const b = a.bias;
    for (const cell of cells) {
      const pts = (cell.getAttribute('points') ?? '').split(' ').map((p) => p.split(',').map(Number));
      let s = 0;
      pts.forEach((p, i) => {
        const q = pts[(i + 1) % pts.length];
        s += p[0] * q[1] - q[0] * p[1];
      });
      area += Math.abs(s) / 2;
      for (const p of pts) {
        expect(p[0]).toBeGreaterThanOrEqual(16 - 0.01);
        expect(p[0]).toBeLessThanOrEqual(316 + 0.01);
        expect(p[1]).toBeGreaterThanOrEqual(16 - 0.01);
        expect(p[1]).toBeLessThanOrEqual(316 + 0.01);
      }
      // Active ReLUs at the cell's centroid, from the drawn lines: feature f is active on the side its
      // normal (w_f0, w_f1) points to (pixel y grows downwards, hence −w_f1).
      const cx = pts.reduce((v, p) => v + p[0], 0) / pts.length;
      const cy = pts.reduce((v, p) => v + p[1], 0) / pts.length;
      let active = 0;
      // A sliver between two nearly equal lines is below the coordinates' 0.01 px rounding: not judged.
      if (Math.abs(s) / 2 < 1) continue;
      lines.forEach((l, i) => {
        const f = a.features[i];
        const side = W[f * m] * (cx - num(l, 'x1')) - W[f * m + 1] * (cy - num(l, 'y1'));
        if (side > 0) active++;
      });
      expect(title(cell)).toBe(`${active} of ${N} ReLUs active`);
      // Rounded to 2 decimals in the attribute.
      expect(Math.abs(num(cell, 'fill-opacity') - (0.04 + (0.5 * active) / N))).toBeLessThanOrEqual(0.0051);
    }
    // The bias places each line: the origin is on feature f's active side exactly when b_f > 0.
    const origin = svg.querySelectorAll('circle').find((c) => title(c) === 'origin') as HTMLElement;
    lines.forEach((l, i) => {
      const f = a.features[i];
      const bf = b === null ? 0 : b[f];
      const side = W[f * m] * (num(origin, 'cx') - num(l, 'x1')) - W[f * m + 1] * (num(origin, 'cy') - num(l, 'y1'));
      if (Math.abs(bf) > 1e-3 * Math.hypot(W[f * m], W[f * m + 1])) expect(side > 0, `feature ${f}, b = ${bf}`).toBe(bf > 0);
    });
    expect(area).toBeCloseTo(300 * 300, -2);
    expect(b === null).toBe(!a.hasBias);
    const notes = svg.querySelectorAll('text').map((e) => e.text);
    if (m === 2) expect(notes).toContain('hidden plane (h0, h1)');
    else expect(notes).toEqual(expect.arrayContaining(['slice through the origin spanned by hidden axes h0, h1', '(the other coordinates 0)']));
    expect(notes).toContain(`shading: number of active ReLUs (0–${N})`);
    expect(svg.querySelectorAll('circle').map(title)).toEqual(['origin']);
  });
});

describe('figures on small cases with a known answer', () => {
  it('the Gram matrix of zero weights is white with a 0 scale; past 256 features it is not drawn', () => {
    const base = sample.report;
    const W = new Float64Array(base.input.n * base.input.m);
    const svg = svgOf(gramFigure(base, W));
    expect(new Set(titled(svg, 'rect').map((e) => e.getAttribute('fill')))).toEqual(new Set(['rgb(255,255,255)']));
    expect(
      svg
        .querySelectorAll('text')
        .slice(-4)
        .map((e) => e.text),
    ).toEqual(['0', '0', '0', 'Wᵢ·Wⱼ']);
    const big = { ...base, bundles: [], features: Array.from({ length: 257 }, (_, index) => ({ ...base.features[0], index, bundle: null })) };
    expect(gramFigure(big, new Float64Array(257 * base.input.m))).toBe(
      '<p>The Gram matrix of 257 features is too large to draw as a heat map (limit 256 features).</p>',
    );
    const most = { ...big, features: big.features.slice(0, 256) };
    const drawn = svgOf(gramFigure(most, new Float64Array(256 * base.input.m)));
    expect(titled(drawn, 'rect')).toHaveLength(256 * 256);
    expect(num(titled(drawn, 'rect')[1], 'width')).toBe(1);
    // Cells of 1 px have no room for indices: none are written and the margin shrinks to 14 px.
    expect(drawn.querySelectorAll('text')).toHaveLength(4);
    expect([num(titled(drawn, 'rect')[0], 'x'), num(titled(drawn, 'rect')[0], 'y')]).toEqual([14, 14]);
    expect([num(drawn, 'width'), num(drawn, 'height')]).toEqual([14 + 256 + 10, 14 + 256 + 50]);
    // Twenty-five features: 12 px cells, just wide enough for their indices.
    const twelve = svgOf(gramFigure({ ...big, features: big.features.slice(0, 25) }, new Float64Array(25 * base.input.m)));
    expect(num(titled(twelve, 'rect')[0], 'width')).toBe(12);
    expect(twelve.querySelectorAll('text')).toHaveLength(50 + 4);
    const eleven = svgOf(gramFigure({ ...big, features: big.features.slice(0, 26) }, new Float64Array(26 * base.input.m)));
    expect(num(titled(eleven, 'rect')[0], 'width')).toBe(11);
    expect(eleven.querySelectorAll('text')).toHaveLength(4);
    const custom = svgOf(gramFigure(base, sample.W, () => '#abcdef'));
    expect(custom.querySelectorAll('rect').filter((e) => e.getAttribute('fill') === '#abcdef')).toHaveLength(2 * base.input.n);
  });

  it('dimensionality: one feature sits in the middle; more than 200 get small dots', () => {
    const base = sample.report;
    const one = { ...base, bundles: [], features: [{ ...base.features[0], index: 0, bundle: null, dimensionality: 0.5 }] };
    const dots = titled(svgOf(energyFigure(one)), 'circle');
    expect(dots.map((d) => [num(d, 'cx'), num(d, 'r')])).toEqual([[34 + 87, 4]]);
    const many = { ...base, bundles: [], features: Array.from({ length: 201 }, (_, index) => ({ ...base.features[0], index, bundle: null })) };
    const small = titled(svgOf(energyFigure(many)), 'circle');
    expect(small).toHaveLength(201);
    expect(num(small[0], 'r')).toBe(2);
    expect(num(small[200], 'cx')).toBe(34 + 174);
    const atLimit = { ...many, features: many.features.slice(0, 200) };
    expect(num(titled(svgOf(energyFigure(atLimit)), 'circle')[0], 'r')).toBe(4);
  });

  it('a shape drawn as a structure says so; a 4-d bundle is drawn on its leading axes', () => {
    const { report, W } = sample;
    const b = report.bundles[0];
    const svg = svgOf(shapeFigure(b, W, report.input.m, 'structure'));
    expect(svg.querySelectorAll('text').at(-1)?.text).toBe(`structure ${b.id} · dim ${b.dimension}`);
    // The cube (8 features in R^6) said to span 4 dimensions: the caption says only 3 are drawn.
    const cubes = named('cube-antiprism');
    const cube = cubes.report.bundles.find((x) => x.features.length === 8) as (typeof cubes.report.bundles)[number];
    const wide = svgOf(shapeFigure({ ...cube, dimension: 4 }, cubes.W, cubes.report.input.m));
    expect(wide.querySelectorAll('text').at(-1)?.text).toBe(`bundle ${cube.id} · dim 4 (leading 3 axes)`);
    expect(titled(wide, 'circle')).toHaveLength(8);
    // A zero feature has no direction: it sits at the centre.
    const zero = new Float64Array(W);
    zero.fill(0, b.features[0] * report.input.m, (b.features[0] + 1) * report.input.m);
    const dot0 = titled(svgOf(shapeFigure(b, zero, report.input.m)), 'circle')[0];
    expect([num(dot0, 'cx'), num(dot0, 'cy')]).toEqual([100, 100]);
  });

  it('a 2-d pentagon is drawn as a regular pentagon: five equal edges, vertices 72° apart', () => {
    const m = 2;
    const W = new Float64Array(Array.from({ length: 5 }, (_, i) => [Math.cos((2 * Math.PI * i) / 5), Math.sin((2 * Math.PI * i) / 5)]).flat());
    const svg = svgOf(shapeFigure({ id: 2, features: [0, 1, 2, 3, 4], dimension: 2, polytope: 'pentagon', regularity: 1 }, W, m));
    const edges = svg.querySelectorAll('line').filter((l) => l.getAttribute('stroke') === bundleColour(2));
    expect(edges).toHaveLength(5);
    const lengths = edges.map((e) => Math.hypot(num(e, 'x2') - num(e, 'x1'), num(e, 'y2') - num(e, 'y1')));
    for (const l of lengths) expect(l).toBeCloseTo(2 * 76 * Math.sin(Math.PI / 5), 0);
    // A square has 4 edges, not its diagonals; a tetrahedron in 3-d all 6 of them, seen without overlaps.
    const sq = new Float64Array([1, 0, 0, 1, -1, 0, 0, -1]);
    expect(
      svgOf(shapeFigure({ id: 0, features: [0, 1, 2, 3], dimension: 2, polytope: 'square', regularity: 1 }, sq, 2))
        .querySelectorAll('line')
        .filter((l) => l.getAttribute('stroke') === bundleColour(0)),
    ).toHaveLength(4);
    const s = 1 / Math.sqrt(3);
    const tet = new Float64Array([s, s, s, s, -s, -s, -s, s, -s, -s, -s, s]);
    const tsvg = svgOf(shapeFigure({ id: 1, features: [0, 1, 2, 3], dimension: 3, polytope: 'tetrahedron', regularity: 1 }, tet, 3));
    expect(tsvg.querySelectorAll('line').filter((l) => l.getAttribute('stroke') === bundleColour(1))).toHaveLength(6);
    const pts = titled(tsvg, 'circle').map((d) => [num(d, 'cx'), num(d, 'cy')]);
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) expect(Math.hypot(pts[i][0] - pts[j][0], pts[i][1] - pts[j][1])).toBeGreaterThan(30);
    // Two coincident directions: no edges drawn between them (nor anywhere).
    const same = new Float64Array([1, 0, 1, 0, 0, 1]);
    expect(
      svgOf(shapeFigure({ id: 0, features: [0, 1, 2], dimension: 2, polytope: 'irregular', regularity: null }, same, 2))
        .querySelectorAll('line')
        .filter((l) => l.getAttribute('stroke') === bundleColour(0)),
    ).toHaveLength(0);
  });

  it('barcode: the longest bars when there are too many, sorted by birth; infinite bars end in an arrow', () => {
    const pairs = [
      { birth: 0, death: 0.1 },
      { birth: 0.2, death: 0.9 },
      { birth: 0, death: Infinity },
      { birth: 0.05, death: 0.5 },
    ];
    const svg = svgOf(
      barcodeFigure(
        {
          threshold: 1,
          diagrams: [
            { dimension: 0, pairs },
            { dimension: 1, pairs: [] },
            { dimension: 2, pairs: [pairs[1]] },
          ],
        },
        { maxBarsPerDimension: 2 },
      ),
    );
    const bars = titled(svg, 'rect');
    expect(bars.map(title)).toEqual(['H0: [0.0000, ∞)', 'H0: [0.2000, 0.9000)', 'H2: [0.2000, 0.9000)']);
    expect(bars.map((b) => [num(b, 'x'), num(b, 'width')])).toEqual([
      [104, 232],
      [151.6, 166.6],
      [151.6, 166.6],
    ]);
    const texts = svg.querySelectorAll('text').map((e) => e.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        'H0',
        '2 longest of 4',
        'H1',
        'no bars',
        'H2',
        '1 bar',
        '0',
        '0.2',
        '0.4',
        '0.6',
        '0.8',
        '1',
        'threshold 1.000; ▶ = still alive there',
      ]),
    );
    const arrows = svg.querySelectorAll('polygon');
    expect(arrows).toHaveLength(1);
    expect(arrows[0].getAttribute('points')).toBe('336,10.5 344,14.5 336,18.5');
    expect(bars.map((b) => b.getAttribute('fill'))).toEqual(['#332288', '#332288', '#CC6677']);
    // Groups stack downwards: H2's bars sit below H1's empty group, which sits below H0's.
    expect(num(bars[2], 'y')).toBeGreaterThan(num(bars[1], 'y') + 30);
    expect(num(svg, 'width')).toBe(356);
    const wide = svgOf(barcodeFigure({ threshold: 1, diagrams: [{ dimension: 0, pairs }] }, { width: 500 }));
    expect(titled(wide, 'rect')).toHaveLength(4);
    expect(num(wide, 'width')).toBe(500);
    // Default limit: 40 per dimension.
    const many = Array.from({ length: 45 }, (_, i) => ({ birth: 0, death: (i + 1) / 45 }));
    const limited = svgOf(barcodeFigure({ threshold: 1, diagrams: [{ dimension: 1, pairs: many }] }));
    const shown = titled(limited, 'rect').map((b) => Number(/, ([^)]+)\)/.exec(title(b))?.[1]));
    expect(shown).toHaveLength(40);
    expect(Math.min(...shown)).toBeCloseTo(6 / 45, 4);
    expect(limited.querySelectorAll('text').map((e) => e.text)).toContain('40 longest of 45');
  });

  it('barcode ticks are round numbers up to the threshold; without a threshold the longest death sets the axis', () => {
    const ticks = (threshold: number, deaths: number[]): string[] => {
      const svg = svgOf(barcodeFigure({ threshold, diagrams: [{ dimension: 0, pairs: deaths.map((death) => ({ birth: 0, death })) }] }));
      return svg
        .querySelectorAll('text')
        .filter((e) => e.getAttribute('text-anchor') === 'middle' && /^[\d.]+$/.test(e.text))
        .map((e) => e.text);
    };
    expect(ticks(1.43, [0.5])).toEqual(['0', '0.5', '1']);
    expect(ticks(2, [1])).toEqual(['0', '0.5', '1', '1.5', '2']);
    expect(ticks(0.7, [0.1])).toEqual(['0', '0.2', '0.4', '0.6']);
    expect(ticks(12, [3])).toEqual(['0', '2.5', '5', '7.5', '10']);
    expect(ticks(30, [3])).toEqual(['0', '10', '20', '30']);
    expect(ticks(Infinity, [0.3, 0.6])).toEqual(['0', '0.2', '0.4', '0.6']);
    expect(ticks(0, [0.3, 0.6])).toEqual(['0', '0.2', '0.4', '0.6']);
    const svg = svgOf(
      barcodeFigure({
        threshold: Infinity,
        diagrams: [
          {
            dimension: 0,
            pairs: [
              { birth: 0, death: 0.3 },
              { birth: 0, death: 0.6 },
            ],
          },
        ],
      }),
    );
    // Equal births: the longer bar first.
    expect(titled(svg, 'rect').map((b) => num(b, 'width'))).toEqual([238, 119]);
  });

  it('the topology figure is empty without diagrams; the arrangement picture without features, for m < 2 or past 200 lines', () => {
    const { report, W } = sample;
    expect(topologyFigure({ ...report, topology: { ...report.topology, diagrams: [] } })).toBe('');
    const a = report.arrangement;
    expect(arrangementPicture({ ...report, arrangement: { ...a, features: [] } }, W)).toBe('');
    expect(arrangementPicture({ ...report, input: { ...report.input, m: 1 } }, W)).toBe('');
    const many = Array.from({ length: 201 }, (_, i) => i % report.input.n);
    expect(arrangementPicture({ ...report, arrangement: { ...a, features: many } }, W)).toBe('');
    expect(arrangementPicture({ ...report, arrangement: { ...a, features: many.slice(0, 200) } }, W)).toMatch(/^<svg /);
    const noBias = svgOf(arrangementPicture({ ...report, arrangement: { ...a, bias: null } }, W));
    // b = 0: every line passes through the origin, at the centre of the box.
    for (const l of titled(noBias, 'line')) {
      const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((k) => num(l, k));
      expect(Math.abs((x2 - x1) * (166 - y1) - (y2 - y1) * (166 - x1)) / Math.hypot(x2 - x1, y2 - y1)).toBeLessThan(0.05);
    }
  });
});

describe('arrangement figure on small cases', () => {
  const cellsOf = (svg: HTMLElement): string[] =>
    titled(svg, 'polygon')
      .map(title)
      .sort((a, b) => a.localeCompare(b));

  it('two lines through the origin cut the plane into quadrants with 0, 1, 1 and 2 active ReLUs', () => {
    const svg = svgOf(arrangementFigure(new Float64Array([1, 0, 0, 1]), 2, null, [0, 1]));
    expect(cellsOf(svg)).toEqual(['0 of 2 ReLUs active', '1 of 2 ReLUs active', '1 of 2 ReLUs active', '2 of 2 ReLUs active']);
    const both = titled(svg, 'polygon').find((p) => title(p).startsWith('2 of')) as HTMLElement;
    const pts = (both.getAttribute('points') ?? '').split(' ').map((p) => p.split(',').map(Number));
    // Both active where h0 > 0 and h1 > 0: the top-right quadrant (pixel y grows downwards).
    for (const [x, y] of pts) {
      expect(x).toBeGreaterThanOrEqual(166 - 0.01);
      expect(y).toBeLessThanOrEqual(166 + 0.01);
    }
    expect(num(both, 'fill-opacity')).toBe(0.54);
    const texts = svg.querySelectorAll('text').map((e) => e.text);
    expect(texts).toEqual(['f0', 'f1', 'hidden plane (h0, h1)', 'shading: number of active ReLUs (0–2)', 'h0 ∈ [-1, 1], h1 ∈ [-1, 1]']);
    expect(svg.getAttribute('aria-label')).toBe('Hyperplane arrangement of 2 features: hidden plane (h0, h1)');
    expect(size(svg)).toEqual([332, 316 + 12 + 28]);
    const origin = svg.querySelector('circle') as HTMLElement;
    expect([num(origin, 'cx'), num(origin, 'cy')]).toEqual([166, 166]);
    const lines = titled(svg, 'line').map((l) => ['x1', 'y1', 'x2', 'y2'].map((k) => num(l, k)));
    expect(lines[0][0]).toBe(166);
    expect(lines[0][2]).toBe(166);
    expect(lines[1][1]).toBe(166);
    expect(lines[1][3]).toBe(166);
  });

  it('offsets move the lines: the box frames every crossing and foot; the other axis order flips the picture', () => {
    // h0 = 1 and h1 = 2 (w = e0, b = −1; w = e1, b = −2) cross at (1, 2).
    const svg = svgOf(arrangementFigure(new Float64Array([1, 0, 0, 1]), 2, new Float64Array([-1, -2]), [0, 1]));
    const texts = svg.querySelectorAll('text').map((e) => e.text);
    // Points (0,0), (1,0), (0,2), (1,2): centre (0.5, 1), half 1.25.
    expect(texts.at(-1)).toBe('h0 ∈ [-0.75, 1.75], h1 ∈ [-0.25, 2.25]');
    const [v, h] = titled(svg, 'line').map((l) => ['x1', 'y1', 'x2', 'y2'].map((k) => num(l, k)));
    expect(v[0]).toBeCloseTo(16 + (1.75 / 2.5) * 300, 1);
    expect(h[1]).toBeCloseTo(16 + (0.25 / 2.5) * 300, 1);
    expect(cellsOf(svg)).toEqual(['0 of 2 ReLUs active', '1 of 2 ReLUs active', '1 of 2 ReLUs active', '2 of 2 ReLUs active']);
    const flipped = svgOf(arrangementFigure(new Float64Array([1, 0, 0, 1]), 2, new Float64Array([-1, -2]), [0, 1], { axes: [1, 0] }));
    expect(flipped.querySelectorAll('text').at(-1)?.text).toBe('h1 ∈ [-0.25, 2.25], h0 ∈ [-0.75, 1.75]');
  });

  it('in R^3 a slice through two axes; a feature along the third axis has no line and is counted', () => {
    const W = new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 2]);
    const svg = svgOf(arrangementFigure(W, 3, new Float64Array([0, 0, 1, -1]), [0, 1, 2, 3]));
    expect(titled(svg, 'line').map(title)).toEqual(['feature 0', 'feature 1']);
    const texts = svg.querySelectorAll('text').map((e) => e.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        'slice through the origin spanned by hidden axes h0, h1',
        '(the other coordinates 0)',
        'shading: number of active ReLUs (0–4)',
        '2 features parallel to the plane (no line)',
      ]),
    );
    // Feature 2 (b = 1 > 0) is active everywhere in the slice, feature 3 (b = −1) nowhere.
    expect(cellsOf(svg)).toEqual(['1 of 4 ReLUs active', '2 of 4 ReLUs active', '2 of 4 ReLUs active', '3 of 4 ReLUs active']);
    const one = svgOf(arrangementFigure(W, 3, null, [0, 1, 2], { axes: [0, 2] }));
    expect(one.querySelectorAll('text').map((e) => e.text)).toContain('1 feature parallel to the plane (no line)');
    expect(one.querySelectorAll('text').map((e) => e.text)).toContain('slice through the origin spanned by hidden axes h0, h2');
  });

  it('options: a fixed extent, a size, line colours; more than 120 lines are not shaded', () => {
    const W = new Float64Array([1, 0, 0, 1]);
    const svg = svgOf(arrangementFigure(W, 2, new Float64Array([-5, 0]), [0, 1], { extent: 2, size: 200, colour: (f) => (f === 0 ? '#ff0000' : '#00ff00') }));
    const texts = svg.querySelectorAll('text');
    expect(texts.at(-1)?.text).toBe('h0 ∈ [-2, 2], h1 ∈ [-2, 2]');
    // h0 = 5 lies outside the box: no line, no label; the cells are the two halves of h1 = 0.
    expect(titled(svg, 'line').map(title)).toEqual(['feature 1']);
    expect(titled(svg, 'line')[0].getAttribute('stroke')).toBe('#00ff00');
    expect(texts.find((t) => t.text === 'f1')?.getAttribute('fill')).toBe('#00ff00');
    expect(cellsOf(svg)).toEqual(['0 of 2 ReLUs active', '1 of 2 ReLUs active']);
    expect(size(svg)).toEqual([232, 200 + 16 + 12 + 28]);
    const off = svgOf(arrangementFigure(W, 2, new Float64Array([-5, -5]), [0, 1], { extent: 2 }));
    expect(off.querySelectorAll('circle').map(title)).toEqual(['origin']);
    const many = 121;
    const Wm = new Float64Array(Array.from({ length: many }, (_, i) => [Math.cos((i * Math.PI) / many), Math.sin((i * Math.PI) / many)]).flat());
    const dense = svgOf(
      arrangementFigure(
        Wm,
        2,
        null,
        Array.from({ length: many }, (_, i) => i),
      ),
    );
    expect(titled(dense, 'polygon')).toHaveLength(0);
    expect(dense.querySelectorAll('text').map((e) => e.text)).toContain('cells not shaded (too many lines)');
    const shaded = svgOf(
      arrangementFigure(
        Wm,
        2,
        null,
        Array.from({ length: 120 }, (_, i) => i),
      ),
    );
    expect(titled(shaded, 'polygon')).toHaveLength(240);
    // Labels of lines that meet at one corner step down instead of overprinting.
    const labels = shaded
      .querySelectorAll('text')
      .filter((e) => /^f\d+$/.test(e.text))
      .map((e) => [num(e, 'x'), num(e, 'y')]);
    expect(labels).toHaveLength(120);
  });

  it('labels of nearby line ends are stepped apart', () => {
    // Three nearly parallel lines through the origin: their top-right ends are close together.
    const W = new Float64Array([1, 0, 1, 0.02, 1, 0.04]);
    const svg = svgOf(arrangementFigure(W, 2, new Float64Array([-0.5, -0.5, -0.5]), [0, 1, 2], { extent: 1 }));
    const labels = svg
      .querySelectorAll('text')
      .filter((e) => /^f\d+$/.test(e.text))
      .map((e) => [num(e, 'x'), num(e, 'y')]);
    expect(labels).toHaveLength(3);
    for (let i = 0; i < 3; i++)
      for (let j = i + 1; j < 3; j++) expect(Math.abs(labels[i][0] - labels[j][0]) >= 26 || Math.abs(labels[i][1] - labels[j][1]) >= 12).toBe(true);
  });

  it('crowded line ends: every label inside the box, none over another, each on the nearest free line to its own end', () => {
    // Twelve lines ending together at the right edge (x = 0.9 with w = (1, t)), crowding 12 labels into one spot,
    // and three more ending at the box's bottom-right and top-right corners.
    const lines = [...Array.from({ length: 12 }, (_, k) => [1, 0.01 * k, -0.9]), [0.02, 1, 0.97], [1, 0.001, -0.999], [0.001, 1, -0.999]];
    const W = new Float64Array(lines.flatMap(([a, b]) => [a, b]));
    const bias = new Float64Array(lines.map(([, , c]) => c));
    const features = lines.map((_, i) => i);
    const svg = svgOf(arrangementFigure(W, 2, bias, features, { extent: 1 }));
    const labels = svg.querySelectorAll('text').filter((e) => /^f\d+$/.test(e.text));
    expect(labels.map((e) => e.text)).toEqual(features.map((f) => `f${f}`));
    // Glyph boxes: DejaVu Sans digits and f are at most 0.64 em wide; 0.76 em above the baseline, 0.24 below.
    const boxes = labels.map((e) => {
      const [x, y] = [num(e, 'x'), num(e, 'y')];
      return { x0: x, x1: x + 0.64 * 11 * e.text.length, y0: y - 0.76 * 11, y1: y + 0.24 * 11 };
    });
    for (const b of boxes) {
      expect(b.x0).toBeGreaterThanOrEqual(16);
      expect(b.x1).toBeLessThanOrEqual(316);
      expect(b.y0).toBeGreaterThanOrEqual(16);
      expect(b.y1).toBeLessThanOrEqual(316);
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        const apart = a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0;
        expect(apart, `${labels[i].text} and ${labels[j].text}`).toBe(true);
      }
    // The crowd's ends are at the top edge: the first label at the top line (box top 16 + 11 px), the rest a line (12 px) apart below it.
    expect(num(labels[0], 'y')).toBe(27);
    expect(
      labels
        .slice(0, 12)
        .map((e) => num(e, 'y'))
        .sort((a, b) => a - b)
        .every((y, k, ys) => k === 0 || y - ys[k - 1] >= 12 - 0.01),
    ).toBe(true);
  });

  it('refuses m < 2, equal or out-of-range axes, and a non-positive extent', () => {
    const W = new Float64Array([1, 0, 0, 1]);
    expect(() => arrangementFigure(new Float64Array([1]), 1, null, [0])).toThrow('the arrangement figure needs m ≥ 2');
    expect(() => arrangementFigure(W, 2, null, [0, 1], { axes: [1, 1] })).toThrow('axes [1, 1] are not two distinct hidden axes of 0..1');
    expect(() => arrangementFigure(W, 2, null, [0, 1], { axes: [0, 2] })).toThrow(RangeError);
    expect(() => arrangementFigure(W, 2, null, [0, 1], { axes: [-1, 0] })).toThrow(RangeError);
    expect(() => arrangementFigure(W, 2, null, [0, 1], { axes: [0, -1] })).toThrow(RangeError);
    expect(() => arrangementFigure(W, 2, null, [0, 1], { axes: [2, 0] })).toThrow(RangeError);
    expect(() => arrangementFigure(W, 2, null, [0, 1], { extent: 0 })).toThrow('extent must be > 0, got 0');
    expect(() => arrangementFigure(W, 2, null, [0, 1], { extent: NaN })).toThrow(RangeError);
    expect(arrangementFigure(W, 2, null, [0, 1], { axes: [1, 0] })).toMatch(/^<svg /);
  });
});
