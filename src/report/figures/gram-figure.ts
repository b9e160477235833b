import type { Report } from '../types.js';
import { bundleColour } from '../palette.js';
import { el, svg, text } from '../svg.js';
import { FIGURE_FONT } from './figure-text.js';

/** Above this many features the cell grid would bloat the page; the figure says so instead. */
const MAX_CELLS_SIDE = 256;

/**
 * The Gram matrix WᵀW with features ordered by bundle, so mutually orthogonal
 * bundles show as diagonal blocks. Diverging colours: blue negative, red
 * positive, white 0, scaled by the largest |entry|, with the colour scale
 * drawn under the matrix. About 360 px wide with 11 px text (legible in the
 * viewer's sidebar); feature indices are written when a cell has room.
 *
 * @param report The report (its bundles give the order).
 * @param W Feature-major weights.
 * @param colourOf Colour of feature i's membership strip (default: its bundle's palette colour; the viewer passes its structure colours).
 */
export function gramFigure(report: Report, W: Float64Array, colourOf: (feature: number) => string = (f) => bundleColour(report.features[f].bundle)): string {
  const { m } = report.input;
  const order = [...report.bundles.flatMap((b) => b.features), ...report.features.filter((f) => f.bundle === null).map((f) => f.index)];
  const N = order.length;
  if (N > MAX_CELLS_SIDE) {
    return `<p>The Gram matrix of ${N} features is too large to draw as a heat map (limit ${MAX_CELLS_SIDE} features).</p>`;
  }
  const G = new Float64Array(N * N);
  let maxAbs = 0;
  for (let a = 0; a < N; a++) {
    for (let b = 0; b < N; b++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += W[order[a] * m + r] * W[order[b] * m + r];
      G[a * N + b] = s;
      maxAbs = Math.max(maxAbs, Math.abs(s));
    }
  }
  const cell = Math.max(1, Math.min(18, Math.floor(MATRIX_SIDE / Math.max(N, 1))));
  const labelled = cell >= FIGURE_FONT + 1;
  const pad = labelled ? 40 : 14;
  const side = N * cell;
  const width = pad + side + 10;
  const scaleTop = pad + side + 12;
  // Room below the caption's baseline for the descending subscript ⱼ.
  const height = scaleTop + 38;
  const parts: string[] = [];
  for (let a = 0; a < N; a++) {
    for (let b = 0; b < N; b++) {
      const v = maxAbs > 0 ? G[a * N + b] / maxAbs : 0;
      parts.push(
        el(
          'rect',
          { x: pad + b * cell, y: pad + a * cell, width: cell, height: cell, fill: diverging(v) },
          `<title>W${order[a]}·W${order[b]} = ${G[a * N + b].toFixed(4)}</title>`,
        ),
      );
    }
  }
  // Bundle membership strips along both axes, and feature indices when there is room.
  order.forEach((f, a) => {
    const colour = colourOf(f);
    parts.push(el('rect', { x: pad - 8, y: pad + a * cell, width: 6, height: cell, fill: colour }));
    parts.push(el('rect', { x: pad + a * cell, y: pad - 8, width: cell, height: 6, fill: colour }));
    if (labelled) {
      parts.push(text(pad - 11, pad + a * cell + cell / 2 + 4, String(f), { 'font-size': FIGURE_FONT, 'text-anchor': 'end' }));
      parts.push(text(pad + a * cell + cell / 2, pad - 11, String(f), { 'font-size': FIGURE_FONT, 'text-anchor': 'middle' }));
    }
  });
  // The colour scale: −max … 0 … +max in 21 steps.
  const steps = 21;
  const barW = Math.min(side, 240);
  const barX = pad + (side - barW) / 2;
  for (let k = 0; k < steps; k++) {
    parts.push(el('rect', { x: barX + (k * barW) / steps, y: scaleTop, width: barW / steps + 0.3, height: 8, fill: diverging(-1 + (2 * k) / (steps - 1)) }));
  }
  const label = (v: number): string => (v === 0 ? '0' : `${v > 0 ? '+' : '−'}${Math.abs(v).toPrecision(3)}`);
  parts.push(text(barX, scaleTop + 21, label(-maxAbs), { 'font-size': FIGURE_FONT, 'text-anchor': 'start' }));
  parts.push(text(barX + barW / 2, scaleTop + 21, '0', { 'font-size': FIGURE_FONT, 'text-anchor': 'middle' }));
  parts.push(text(barX + barW, scaleTop + 21, label(maxAbs), { 'font-size': FIGURE_FONT, 'text-anchor': 'end' }));
  parts.push(text(barX + barW / 2, scaleTop + 33, 'Wᵢ·Wⱼ', { 'font-size': FIGURE_FONT, 'text-anchor': 'middle', fill: '#555' }));
  return svg(width, height, parts.join(''), 'Gram matrix ordered by bundle');
}

/** The matrix is drawn about this many pixels on a side. */
const MATRIX_SIDE = 300;

/** White at 0, saturating to blue (−1) and red (+1). */
function diverging(v: number): string {
  const t = Math.min(1, Math.abs(v));
  const [r, g, b] = v >= 0 ? [178, 24, 43] : [33, 102, 172];
  const mix = (c: number): number => Math.round(255 + (c - 255) * t);
  return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}
