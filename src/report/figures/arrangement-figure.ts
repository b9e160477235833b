/**
 * The ReLU decoder's hyperplane arrangement drawn in a plane: for m = 2 the hidden
 * space itself, for m ≥ 3 the slice through the origin spanned by two hidden axes
 * e_a, e_b (h = s·e_a + t·e_b). Each feature's boundary ⟨w_i, h⟩ + b_i = 0 is a line
 * in that plane, labelled by its feature; the cells between the lines are shaded by
 * how many ReLUs are active there (⟨w_i, h⟩ + b_i > 0).
 */
import { el, svg, text } from '../svg.js';
import { FIGURE_FONT } from './figure-text.js';

/** Parameters of {@link arrangementFigure}. */
export interface ArrangementFigureOptions {
  /** The two hidden axes spanning the plane (default [0, 1]); for m = 2 they must be [0, 1] or [1, 0]. */
  axes?: [number, number];
  /**
   * Half-width of the square drawn, in hidden units, centred on the origin. Default: a box
   * around every crossing of two lines, the origin and each line's point nearest the origin.
   */
  extent?: number;
  /** Side of the square plot in pixels (default 300: with the margins about 330 px, legible in the viewer's sidebar). */
  size?: number;
  /** Stroke colour of feature i's line (default dark grey). */
  colour?: (feature: number) => string;
}

type Point = [number, number];

/** Cells are not shaded above this many lines: up to ~n²/2 polygons would bloat the page. */
const MAX_SHADED_LINES = 120;

/**
 * @param W - feature-major n×m weights: W[i*m + r] is coordinate r of feature i.
 * @param m - hidden dimension, ≥ 2.
 * @param b - decoder bias (length n) or null for b = 0.
 * @param features - the features to draw (e.g. the represented ones).
 * @param opts - see {@link ArrangementFigureOptions}.
 * @returns an SVG document.
 */
export function arrangementFigure(W: Float64Array, m: number, b: Float64Array | null, features: number[], opts: ArrangementFigureOptions = {}): string {
  if (m < 2) throw new RangeError('the arrangement figure needs m ≥ 2');
  const [ax, ay] = opts.axes ?? [0, 1];
  if (ax === ay || ax < 0 || ay < 0 || ax >= m || ay >= m) throw new RangeError(`axes [${ax}, ${ay}] are not two distinct hidden axes of 0..${m - 1}`);
  // In the plane: feature i is {p : ⟨a_i, p⟩ + c_i = 0}.
  const lines = features.map((f) => ({ feature: f, a: [W[f * m + ax], W[f * m + ay]] as Point, c: b ? b[f] : 0 }));
  const scale = Math.max(0, ...lines.map((l) => Math.hypot(l.a[0], l.a[1])));
  const visible = lines.filter((l) => Math.hypot(l.a[0], l.a[1]) > 1e-9 * scale);

  const [cx, cy, half] = frame(visible, opts.extent);
  const size = opts.size ?? 300;
  const pad = 16;
  const toX = (s: number): number => pad + ((s - (cx - half)) / (2 * half)) * size;
  const toY = (t: number): number => pad + ((cy + half - t) / (2 * half)) * size;
  const box: Point[] = [
    [cx - half, cy - half],
    [cx + half, cy - half],
    [cx + half, cy + half],
    [cx - half, cy + half],
  ];
  const parts: string[] = [];
  const activeAt = (p: Point): number => lines.filter((l) => l.a[0] * p[0] + l.a[1] * p[1] + l.c > 0).length;
  const N = lines.length;
  if (visible.length <= MAX_SHADED_LINES) {
    let cells: Point[][] = [box];
    for (const l of visible)
      cells = cells.flatMap((poly) => [clip(poly, l.a, l.c, 1), clip(poly, l.a, l.c, -1)]).filter((poly) => area(poly) > 1e-12 * half * half);
    for (const poly of cells) {
      const k = activeAt(centroid(poly));
      const opacity = N > 0 ? 0.04 + (0.5 * k) / N : 0;
      parts.push(
        el(
          'polygon',
          { points: poly.map((p) => `${r2(toX(p[0]))},${r2(toY(p[1]))}`).join(' '), fill: '#4477AA', 'fill-opacity': opacity, stroke: 'none' },
          `<title>${k} of ${N} ReLUs active</title>`,
        ),
      );
    }
  }
  parts.push(el('rect', { x: pad, y: pad, width: size, height: size, fill: 'none', stroke: '#888' }));
  if (Math.abs(cx) <= half && Math.abs(cy) <= half) {
    parts.push(el('circle', { cx: toX(0), cy: toY(0), r: 2.5, fill: '#000' }, '<title>origin</title>'));
  }
  // Line labels go where no earlier label is, inside the box: above it is the extent note,
  // below it the caption. 0.64 em is DejaVu Sans's digit advance, the widest glyph of "f12".
  const placedLabels: { x0: number; x1: number; y: number }[] = [];
  const lineStep = FIGURE_FONT + 1;
  const [labelTop, labelBottom] = [pad + FIGURE_FONT, pad + size - 3];
  // Lines a label may move to, nearest first and down before up: 0, +1, −1, … across the whole box.
  const reach = Math.ceil(size / lineStep);
  const shifts = [0, ...Array.from({ length: reach }, (_, i) => [i + 1, -(i + 1)]).flat()];
  for (const l of visible) {
    const seg = clipLine(box, l.a, l.c);
    if (!seg) continue;
    const [p, q] = seg;
    parts.push(
      el(
        'line',
        { x1: toX(p[0]), y1: toY(p[1]), x2: toX(q[0]), y2: toY(q[1]), stroke: opts.colour?.(l.feature) ?? '#333', 'stroke-width': 1.2 },
        `<title>feature ${l.feature}</title>`,
      ),
    );
    // Label at the end nearer the top-right, nudged inwards so it stays in the box.
    const end = p[0] + p[1] > q[0] + q[1] ? p : q;
    const other = end === p ? q : p;
    const len = Math.hypot(other[0] - end[0], other[1] - end[1]) || 1;
    const at: Point = [end[0] + ((other[0] - end[0]) / len) * half * 0.06, end[1] + ((other[1] - end[1]) / len) * half * 0.06];
    const label = `f${l.feature}`;
    const w = label.length * 0.64 * FIGURE_FONT;
    const x0 = Math.min(Math.max(toX(at[0]) + 3, pad + 2), pad + size - w - 2);
    const y0 = Math.min(Math.max(toY(at[1]) - 3, labelTop), labelBottom);
    const free = (y: number): boolean =>
      y >= labelTop && y <= labelBottom && !placedLabels.some((o) => o.x0 < x0 + w + 2 && x0 < o.x1 + 2 && Math.abs(o.y - y) < lineStep);
    // A label that would overprint an earlier one moves to the nearest free line (only a column of
    // more labels than the box has lines leaves one overprinted).
    const y = shifts.map((k) => y0 + k * lineStep).find(free) ?? y0;
    placedLabels.push({ x0, x1: x0 + w, y });
    parts.push(text(x0, y, label, { 'font-size': FIGURE_FONT, fill: opts.colour?.(l.feature) ?? '#333' }));
  }
  const hidden = features.length - visible.length;
  const axisName = (k: number): string => `h${k}`;
  const caption =
    m === 2 ? `hidden plane (${axisName(ax)}, ${axisName(ay)})` : `slice through the origin spanned by hidden axes ${axisName(ax)}, ${axisName(ay)}`;
  const notes = [
    caption,
    ...(m === 2 ? [] : ['(the other coordinates 0)']),
    `shading: number of active ReLUs (0–${N})`,
    ...(hidden > 0 ? [`${hidden} feature${hidden === 1 ? '' : 's'} parallel to the plane (no line)`] : []),
    ...(visible.length > MAX_SHADED_LINES ? ['cells not shaded (too many lines)'] : []),
  ];
  notes.forEach((line, k) => parts.push(text(pad, size + pad + 16 + 14 * k, line, { 'font-size': FIGURE_FONT, fill: k === 0 ? '#222' : '#555' })));
  parts.push(
    text(toX(cx + half), pad - 4, `${axisName(ax)} ∈ [${fmt(cx - half)}, ${fmt(cx + half)}], ${axisName(ay)} ∈ [${fmt(cy - half)}, ${fmt(cy + half)}]`, {
      'font-size': FIGURE_FONT,
      'text-anchor': 'end',
      fill: '#555',
    }),
  );
  return svg(size + 2 * pad, size + pad + 12 + 14 * notes.length, parts.join(''), `Hyperplane arrangement of ${features.length} features: ${caption}`);
}

/** Centre and half-width of the square around the crossings, the origin and each line's foot. */
function frame(lines: { a: Point; c: number }[], extent: number | undefined): [number, number, number] {
  if (extent !== undefined) {
    if (!(extent > 0)) throw new RangeError(`extent must be > 0, got ${extent}`);
    return [0, 0, extent];
  }
  const pts: Point[] = [[0, 0]];
  for (const l of lines) {
    const nn = l.a[0] ** 2 + l.a[1] ** 2;
    pts.push([(-l.c * l.a[0]) / nn, (-l.c * l.a[1]) / nn]);
  }
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const [a, c] = [lines[i].a, lines[i].c];
      const [d, e] = [lines[j].a, lines[j].c];
      const det = a[0] * d[1] - a[1] * d[0];
      if (Math.abs(det) <= 1e-9 * Math.hypot(a[0], a[1]) * Math.hypot(d[0], d[1])) continue;
      pts.push([(-c * d[1] + e * a[1]) / det, (-a[0] * e + d[0] * c) / det]);
    }
  }
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const half = (Math.max(x1 - x0, y1 - y0) / 2) * 1.25 || 1;
  return [(x0 + x1) / 2, (y0 + y1) / 2, half];
}

/** The part of a convex polygon where side·(⟨a, p⟩ + c) ≥ 0 (Sutherland–Hodgman against one half-plane). */
function clip(poly: Point[], a: Point, c: number, side: number): Point[] {
  const out: Point[] = [];
  const f = (p: Point): number => side * (a[0] * p[0] + a[1] * p[1] + c);
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i];
    const q = poly[(i + 1) % poly.length];
    const fp = f(p);
    const fq = f(q);
    if (fp >= 0) out.push(p);
    if (fp >= 0 !== fq >= 0) {
      const t = fp / (fp - fq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

/** The segment of the line ⟨a, p⟩ + c = 0 inside a convex polygon, or null. */
function clipLine(poly: Point[], a: Point, c: number): [Point, Point] | null {
  const pts: Point[] = [];
  const f = (p: Point): number => a[0] * p[0] + a[1] * p[1] + c;
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i];
    const q = poly[(i + 1) % poly.length];
    const fp = f(p);
    const fq = f(q);
    if (fp === 0) pts.push(p);
    else if (fp * fq < 0) {
      const t = fp / (fp - fq);
      pts.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return pts.length >= 2 ? [pts[0], pts[1]] : null;
}

function area(poly: Point[]): number {
  let s = 0;
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i];
    const q = poly[(i + 1) % poly.length];
    s += p[0] * q[1] - q[0] * p[1];
  }
  return Math.abs(s) / 2;
}

function centroid(poly: Point[]): Point {
  const sx = poly.reduce((s, p) => s + p[0], 0);
  const sy = poly.reduce((s, p) => s + p[1], 0);
  return [sx / poly.length, sy / poly.length];
}

function r2(v: number): number {
  return Math.round(v * 100) / 100;
}

function fmt(v: number): string {
  return Number(v.toPrecision(3)).toString();
}
