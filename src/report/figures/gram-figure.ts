import type { Report } from '../types.js';
import { bundleColour } from '../palette.js';
import { el, svg, text } from '../svg.js';

/** Above this many features the cell grid would bloat the page; the figure says so instead. */
const MAX_CELLS_SIDE = 256;

/**
 * The Gram matrix WᵀW with features ordered by bundle, so mutually orthogonal
 * bundles show as diagonal blocks. Diverging colours: blue negative, red
 * positive, white 0, scaled by the largest |entry|.
 */
export function gramFigure(report: Report, W: Float64Array): string {
  const { m } = report.input;
  const order = [...report.bundles.flatMap((b) => b.features), ...report.unrepresented];
  const N = order.length;
  if (N > MAX_CELLS_SIDE) {
    return `<p>The Gram matrix of ${N} features is too large to draw here (limit ${MAX_CELLS_SIDE}); use the viewer.</p>`;
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
  const cell = Math.max(3, Math.min(24, Math.floor(480 / Math.max(N, 1))));
  const pad = 40;
  const size = pad + N * cell + 10;
  const parts: string[] = [];
  for (let a = 0; a < N; a++) {
    for (let b = 0; b < N; b++) {
      const v = maxAbs > 0 ? G[a * N + b] / maxAbs : 0;
      parts.push(el('rect', { x: pad + b * cell, y: pad + a * cell, width: cell, height: cell, fill: diverging(v) }, `<title>W${order[a]}·W${order[b]} = ${G[a * N + b].toFixed(4)}</title>`));
    }
  }
  // Bundle membership strips along both axes, and feature indices when there is room.
  order.forEach((f, a) => {
    const colour = bundleColour(report.features[f].bundle);
    parts.push(el('rect', { x: pad - 8, y: pad + a * cell, width: 6, height: cell, fill: colour }));
    parts.push(el('rect', { x: pad + a * cell, y: pad - 8, width: cell, height: 6, fill: colour }));
    if (cell >= 10) {
      parts.push(text(pad - 11, pad + a * cell + cell * 0.75, String(f), { 'font-size': Math.min(10, cell - 2), 'text-anchor': 'end' }));
      parts.push(text(pad + a * cell + cell / 2, pad - 11, String(f), { 'font-size': Math.min(10, cell - 2), 'text-anchor': 'middle' }));
    }
  });
  return svg(size, size, parts.join(''), 'Gram matrix ordered by bundle');
}

/** White at 0, saturating to blue (−1) and red (+1). */
function diverging(v: number): string {
  const t = Math.min(1, Math.abs(v));
  const [r, g, b] = v >= 0 ? [178, 24, 43] : [33, 102, 172];
  const mix = (c: number): number => Math.round(255 + (c - 255) * t);
  return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}
