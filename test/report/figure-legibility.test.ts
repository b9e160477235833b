/**
 * Every SVG figure the writers draw, for each stored Report and for the stored
 * compare sweep, checked for what makes a figure readable rather than for what
 * it counts: each mark and label on the canvas, well-formed colours and text
 * attributes, an accessible name, and no label printed over another label or
 * over a data mark. Labels are boxed by their glyphs in DejaVu Sans, the face
 * Debian's Chromium draws the report's system-ui text in: each character's
 * advance as Chromium measured it (canvas measureText at 100 px; a character
 * not in the table counts 1 em), 0.76 em above the baseline (the ascender) and
 * 0.24 em below it (the descender).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import type { HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import type { CompareReport } from '../../src/report/compare-types.js';
import { arrangementPicture, topologyFigure } from '../../src/report/html.js';
import { dimensionalityStrips } from '../../src/report/figures/dimensionality-strips.js';
import { energyFigure } from '../../src/report/figures/energy-figure.js';
import { gramFigure } from '../../src/report/figures/gram-figure.js';
import { phaseFigure } from '../../src/report/figures/phase-figure.js';
import { shapeFigure } from '../../src/report/figures/shape-figure.js';
import { parseCompareReport } from '../../src/report/validate.js';
import { num, realReports } from './real-reports.js';

const sweep: CompareReport = parseCompareReport(JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'compare', 'n5_m2-sweep.json'), 'utf8')));

interface Figure {
  name: string;
  markup: string;
  /** Its accessible name (the SVG's aria-label). */
  label: string | RegExp;
}

const figures: Figure[] = [
  ...realReports().flatMap(({ name, report, W }): Figure[] => [
    { name: `${name}: Gram matrix`, markup: gramFigure(report, W), label: 'Gram matrix ordered by bundle' },
    { name: `${name}: energy levels`, markup: energyFigure(report), label: 'Feature dimensionality energy levels' },
    { name: `${name}: barcode`, markup: topologyFigure(report), label: 'Vietoris–Rips persistence barcode' },
    { name: `${name}: arrangement`, markup: arrangementPicture(report, W), label: /^Hyperplane arrangement of \d+ features: .+/ },
    ...report.bundles.map((b) => ({
      name: `${name}: bundle ${b.id}`,
      markup: shapeFigure(b, W, report.input.m),
      label: `${b.polytope}, bundle ${b.id} · dim ${b.dimension}${b.dimension > 3 ? ' (leading 3 axes)' : ''}`,
    })),
  ]),
  { name: 'n5_m2 sweep: phase picture', markup: phaseFigure(sweep), label: 'Structure of each feature across runs' },
  { name: 'n5_m2 sweep: dimensionality strips', markup: dimensionalityStrips(sweep), label: 'Feature dimensionality per run' },
].filter((f) => f.markup.includes('<svg'));

function svgOf(markup: string): HTMLElement {
  const svg = parse(markup).querySelector('svg');
  if (!svg) throw new Error('no svg');
  return svg;
}

/** Every coordinate a mark is drawn at: x, y, x1 … y2, cx, cy, rect corners, polygon points. */
function drawnAt(e: HTMLElement): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  const put = (axis: number[], attr: string, plus = 0): void => {
    const v = e.getAttribute(attr);
    if (v !== undefined) axis.push(Number(v) + plus);
  };
  for (const a of ['x', 'x1', 'x2', 'cx']) put(xs, a);
  for (const a of ['y', 'y1', 'y2', 'cy']) put(ys, a);
  if (e.tagName === 'RECT') {
    put(xs, 'x', Number(e.getAttribute('width') ?? 0));
    put(ys, 'y', Number(e.getAttribute('height') ?? 0));
  }
  for (const p of (e.getAttribute('points') ?? '').split(' ').filter(Boolean)) {
    const [x, y] = p.split(',').map(Number);
    xs.push(x);
    ys.push(y);
  }
  return { xs, ys };
}

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** DejaVu Sans advances in em, measured in Chromium (see the file comment). */
const ADVANCE: Record<string, number> = {
  ...Object.fromEntries([...'0123456789'].map((d) => [d, 0.636])),
  ' ': 0.318,
  '.': 0.318,
  ',': 0.318,
  '·': 0.318,
  ':': 0.337,
  ';': 0.337,
  '/': 0.337,
  '-': 0.361,
  '(': 0.39,
  ')': 0.39,
  '[': 0.39,
  ']': 0.39,
  '−': 0.838,
  '+': 0.838,
  '=': 0.838,
  '–': 0.5,
  '∈': 0.871,
  '▶': 0.769,
  ᵢ: 0.179,
  ⱼ: 0.175,
  a: 0.613,
  b: 0.635,
  c: 0.55,
  d: 0.635,
  e: 0.615,
  f: 0.352,
  g: 0.635,
  h: 0.634,
  i: 0.278,
  k: 0.579,
  l: 0.278,
  m: 0.974,
  n: 0.634,
  o: 0.612,
  p: 0.635,
  q: 0.635,
  r: 0.411,
  s: 0.521,
  t: 0.392,
  u: 0.634,
  v: 0.592,
  w: 0.818,
  x: 0.592,
  y: 0.592,
  z: 0.525,
  H: 0.752,
  L: 0.557,
  R: 0.695,
  U: 0.732,
  W: 0.989,
};

/** The box a label's glyphs cover (see the file comment). */
function textBox(t: HTMLElement): Box {
  const size = num(t, 'font-size');
  const bold = t.getAttribute('font-weight') === 'bold' ? 1.1 : 1;
  const w = bold * size * [...t.text].reduce((s, ch) => s + (ADVANCE[ch] ?? 1), 0);
  const x = num(t, 'x');
  const anchor = t.getAttribute('text-anchor') ?? 'start';
  const x0 = anchor === 'end' ? x - w : anchor === 'middle' ? x - w / 2 : x;
  return { x0, x1: x0 + w, y0: num(t, 'y') - 0.76 * size, y1: num(t, 'y') + 0.24 * size };
}

/** The box of a data mark: a rect, or a circle's square. */
function markBox(e: HTMLElement): Box {
  if (e.tagName === 'CIRCLE') {
    const [cx, cy, r] = [num(e, 'cx'), num(e, 'cy'), num(e, 'r')];
    return { x0: cx - r, x1: cx + r, y0: cy - r, y1: cy + r };
  }
  return { x0: num(e, 'x'), x1: num(e, 'x') + num(e, 'width'), y0: num(e, 'y'), y1: num(e, 'y') + num(e, 'height') };
}

/** Overlap of two boxes by more than half a pixel each way (touching is not overlapping). */
const overlap = (a: Box, b: Box): boolean => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0.5 && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 0.5;

const COLOUR = /^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|rgb\(\d{1,3},\d{1,3},\d{1,3}\)|none)$/;

describe.each(figures.map((f) => [f.name, f] as const))('%s', (_, { markup, label }) => {
  const svg = svgOf(markup);
  const [width, height] = [num(svg, 'width'), num(svg, 'height')];
  const texts = svg.querySelectorAll('text');

  it('every mark and label inside the SVG, lines stroked, labels non-empty; a viewBox and an accessible name', () => {
    expect(svg.getAttribute('viewBox')).toBe(`0 0 ${width} ${height}`);
    expect(svg.getAttribute('role')).toBe('img');
    if (typeof label === 'string') expect(svg.getAttribute('aria-label')).toBe(label);
    else expect(svg.getAttribute('aria-label')).toMatch(label);
    const marks = svg.querySelectorAll('line, rect, circle, polygon, polyline, text');
    expect(marks.length).toBeGreaterThan(0);
    for (const e of marks) {
      const { xs, ys } = drawnAt(e);
      for (const x of xs) expect(x, e.toString()).toSatisfy((v: number) => v >= 0 && v <= width);
      for (const y of ys) expect(y, e.toString()).toSatisfy((v: number) => v >= 0 && v <= height);
      if (e.tagName === 'LINE') expect(e.getAttribute('stroke') ?? '', e.toString()).not.toBe('');
      if (e.tagName === 'TEXT') expect(e.text.trim(), e.toString()).not.toBe('');
    }
    // Labels lie wholly on the canvas, not only their anchor points.
    for (const t of texts) {
      const b = textBox(t);
      expect([b.x0, b.y0], t.toString()).toSatisfy(([x, y]: number[]) => x >= -0.5 && y >= -0.5);
      expect([b.x1, b.y1], t.toString()).toSatisfy(([x, y]: number[]) => x <= width + 0.5 && y <= height + 0.5);
    }
  });

  it('colours, sizes and text attributes are well formed', () => {
    for (const e of svg.querySelectorAll('*')) {
      for (const attr of ['fill', 'stroke']) {
        const v = e.getAttribute(attr);
        if (v !== undefined) expect(v, e.toString()).toMatch(COLOUR);
      }
      for (const attr of ['stroke-width', 'r', 'width', 'height', 'fill-opacity']) {
        const v = e.getAttribute(attr);
        if (v !== undefined) expect(Number(v), e.toString()).toBeGreaterThan(0);
      }
      const dash = e.getAttribute('stroke-dasharray');
      if (dash !== undefined) expect(dash).toMatch(/^\d+( \d+)+$/);
    }
    for (const t of texts) {
      // Set on every label: an exported SVG has no page font to inherit. 8 px is the phase picture's row numbers at their smallest.
      expect(num(t, 'font-size'), t.toString()).toBeGreaterThanOrEqual(8);
      expect(t.getAttribute('text-anchor') ?? 'start').toMatch(/^(start|middle|end)$/);
      expect(t.getAttribute('font-weight') ?? 'normal').toMatch(/^(normal|bold)$/);
    }
  });

  it('no label is printed over another label or over a data mark', () => {
    const boxes = texts.map((t) => ({ t, box: textBox(t) }));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++)
        expect(overlap(boxes[i].box, boxes[j].box), `${boxes[i].t.toString()} over ${boxes[j].t.toString()}`).toBe(false);
    // Data marks are the ones with a tooltip: Gram cells, dots, bars, phase cells.
    const data = svg.querySelectorAll('rect, circle').filter((e) => e.querySelector('title') !== null);
    for (const { t, box } of boxes) for (const d of data) expect(overlap(box, markBox(d)), `${t.toString()} over ${d.toString()}`).toBe(false);
  });
});
