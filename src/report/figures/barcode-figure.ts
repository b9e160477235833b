/**
 * Persistence barcode of a Vietoris–Rips result: one horizontal bar per persistence pair,
 * grouped by homology dimension (H0 components, H1 loops, H2 cavities), over an axis of the
 * filtration value. Infinite bars run to the right edge and end in an arrow.
 */
import type { PersistencePair, RipsResult } from '../../tda/types.js';
import { el, svg, text } from '../svg.js';
import { FIGURE_FONT } from './figure-text.js';

/** Parameters of {@link barcodeFigure}. */
export interface BarcodeFigureOptions {
  /** At most this many bars per dimension, the longest ones (default 40); the rest are counted in the label. */
  maxBarsPerDimension?: number;
  /** Width of the SVG in pixels (default 356: legible at its own size in the viewer's sidebar). */
  width?: number;
}

/** Colours per dimension (Paul Tol's muted scheme, as the rest of the report). */
const DIMENSION_COLOURS = ['#332288', '#117733', '#CC6677', '#882255'];
const BAR_HEIGHT = 5;
const BAR_GAP = 2;

/**
 * @param result - output of ripsPersistence.
 * @param opts - see {@link BarcodeFigureOptions}.
 * @returns an SVG document.
 */
export function barcodeFigure(result: RipsResult, opts: BarcodeFigureOptions = {}): string {
  const maxBars = opts.maxBarsPerDimension ?? 40;
  const width = opts.width ?? 356;
  const left = 104;
  const right = 14;
  const top = 12;
  const plotW = width - left - right;
  const finite = result.diagrams.flatMap((g) => g.pairs.filter((p) => p.death !== Infinity).map((p) => p.death));
  // The axis ends at the threshold (all finite deaths lie below it); fall back to the data.
  const xMax = Number.isFinite(result.threshold) && result.threshold > 0 ? result.threshold : Math.max(1e-12, ...finite);
  const x = (v: number): number => left + (Math.min(v, xMax) / xMax) * plotW;
  const length = (p: PersistencePair): number => (p.death === Infinity ? Infinity : p.death - p.birth);

  const parts: string[] = [];
  let y = top;
  for (const diagram of result.diagrams) {
    const colour = DIMENSION_COLOURS[diagram.dimension % DIMENSION_COLOURS.length];
    const shown = [...diagram.pairs]
      .sort((a, b) => length(b) - length(a))
      .slice(0, maxBars)
      .sort((a, b) => a.birth - b.birth || length(b) - length(a));
    const hidden = diagram.pairs.length - shown.length;
    const groupHeight = Math.max(shown.length, 1) * (BAR_HEIGHT + BAR_GAP);
    parts.push(
      text(left - 8, y + Math.min(groupHeight, 24) / 2 + 4, `H${diagram.dimension}`, {
        'font-size': 13,
        'font-weight': 'bold',
        fill: colour,
        'text-anchor': 'end',
      }),
    );
    const note =
      diagram.pairs.length === 0
        ? 'no bars'
        : hidden > 0
          ? `${shown.length} longest of ${diagram.pairs.length}`
          : `${diagram.pairs.length} bar${diagram.pairs.length === 1 ? '' : 's'}`;
    parts.push(text(left - 8, y + Math.min(groupHeight, 24) / 2 + 17, note, { 'font-size': FIGURE_FONT, fill: '#666', 'text-anchor': 'end' }));
    shown.forEach((p, k) => {
      const yBar = y + k * (BAR_HEIGHT + BAR_GAP);
      const x0 = x(p.birth);
      const title = `<title>H${diagram.dimension}: [${p.birth.toFixed(4)}, ${p.death === Infinity ? '∞' : p.death.toFixed(4)})</title>`;
      if (p.death === Infinity) {
        const x1 = left + plotW;
        parts.push(el('rect', { x: x0, y: yBar, width: Math.max(x1 - 6 - x0, 0.5), height: BAR_HEIGHT, fill: colour }, title));
        parts.push(el('polygon', { points: `${x1 - 6},${yBar - 1.5} ${x1 + 2},${yBar + BAR_HEIGHT / 2} ${x1 - 6},${yBar + BAR_HEIGHT + 1.5}`, fill: colour }));
      } else {
        parts.push(el('rect', { x: x0, y: yBar, width: Math.max(x(p.death) - x0, 0.5), height: BAR_HEIGHT, fill: colour }, title));
      }
    });
    y += Math.max(groupHeight, 30) + 14;
    parts.push(el('line', { x1: left, y1: y - 7, x2: left + plotW, y2: y - 7, stroke: '#ddd' }));
  }
  const axisY = y;
  parts.push(el('line', { x1: left, y1: axisY, x2: left + plotW, y2: axisY, stroke: '#444' }));
  for (const tick of ticks(xMax)) {
    parts.push(el('line', { x1: x(tick), y1: axisY, x2: x(tick), y2: axisY + 4, stroke: '#444' }));
    parts.push(text(x(tick), axisY + 15, formatTick(tick), { 'font-size': FIGURE_FONT, 'text-anchor': 'middle' }));
  }
  parts.push(text(left + plotW / 2, axisY + 31, 'filtration value (distance)', { 'font-size': FIGURE_FONT, 'text-anchor': 'middle' }));
  parts.push(
    text(left + plotW / 2, axisY + 45, `threshold ${result.threshold.toPrecision(4)}; ▶ = still alive there`, {
      'font-size': FIGURE_FONT,
      'text-anchor': 'middle',
      fill: '#555',
    }),
  );
  return svg(width, axisY + 54, parts.join(''), 'Vietoris–Rips persistence barcode');
}

/** About five round tick values in [0, max]. */
function ticks(max: number): number[] {
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((s) => s * magnitude).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v <= max * (1 + 1e-9); v += step) out.push(v);
  return out;
}

function formatTick(v: number): string {
  return String(Math.round(v * 1e6) / 1e6);
}
