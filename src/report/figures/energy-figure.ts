import type { Report } from '../types.js';
import { bundleColour } from '../palette.js';
import { el, svg, text } from '../svg.js';
import { FIGURE_FONT } from './figure-text.js';

/** The "energy levels" of Toy Models of Superposition: D_i of the polytopes that produce them. */
export const ENERGY_LEVELS: { value: number; label: string }[] = [
  { value: 1, label: '1 dedicated' },
  { value: 3 / 4, label: '3/4 tetrahedron' },
  { value: 2 / 3, label: '2/3 triangle' },
  { value: 1 / 2, label: '1/2 digon' },
  { value: 2 / 5, label: '2/5 pentagon' },
  { value: 3 / 8, label: '3/8 sq. antiprism, cube' },
];

/**
 * Feature dimensionality D_i per feature, grouped by bundle, over the energy-level lines.
 * Drawn 356 px wide with 11 px text, so it stays legible in the viewer's sidebar.
 *
 * @param report The report.
 * @param colourOf Colour of feature i's dot (default: its bundle's palette colour; the viewer passes its structure colours).
 */
export function energyFigure(report: Report, colourOf: (feature: number) => string = (f) => bundleColour(report.features[f].bundle)): string {
  const order = [...report.bundles.flatMap((b) => b.features), ...report.features.filter((f) => f.bundle === null).map((f) => f.index)];
  const width = 356;
  const height = 250;
  const left = 34;
  const right = 148;
  const top = 12;
  const bottom = 30;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const y = (d: number): number => top + plotH * (1 - d / 1.05);
  const x = (i: number): number => left + (order.length <= 1 ? plotW / 2 : (i * plotW) / (order.length - 1));
  const parts: string[] = [];
  parts.push(el('line', { x1: left, y1: y(0), x2: left + plotW, y2: y(0), stroke: '#444' }));
  parts.push(el('line', { x1: left, y1: top, x2: left, y2: y(0), stroke: '#444' }));
  let lastLabelY = -Infinity;
  for (const level of ENERGY_LEVELS) {
    parts.push(el('line', { x1: left, y1: y(level.value), x2: left + plotW, y2: y(level.value), stroke: '#999', 'stroke-dasharray': '4 3' }));
    // Levels 2/5 and 3/8 are a few px apart: push labels down so they never overprint.
    const labelY = Math.max(y(level.value) + 4, lastLabelY + FIGURE_FONT + 2);
    lastLabelY = labelY;
    parts.push(text(left + plotW + 6, labelY, level.label, { 'font-size': FIGURE_FONT, fill: '#444' }));
  }
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) parts.push(text(left - 5, y(tick) + 4, String(tick), { 'font-size': FIGURE_FONT, 'text-anchor': 'end' }));
  order.forEach((f, i) => {
    const feature = report.features[f];
    parts.push(
      el(
        'circle',
        { cx: x(i), cy: y(feature.dimensionality), r: order.length > 200 ? 2 : 4, fill: colourOf(f), stroke: '#222', 'stroke-width': 0.5 },
        `<title>feature ${f}: D = ${feature.dimensionality.toFixed(4)}, bundle ${feature.bundle ?? '—'}</title>`,
      ),
    );
  });
  parts.push(text(left + plotW / 2, height - 8, 'features, grouped by bundle', { 'font-size': FIGURE_FONT, 'text-anchor': 'middle' }));
  return svg(width, height, parts.join(''), 'Feature dimensionality energy levels');
}
