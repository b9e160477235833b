import type { CompareReport } from '../compare-types.js';
import { ENERGY_LEVELS } from './energy-figure.js';
import { structureColour } from './phase-figure.js';
import { el, escapeXml, svg, text } from '../svg.js';

/** D_i of each run's represented features as a strip (one column per run) over the energy levels. */
export function dimensionalityStrips(report: CompareReport): string {
  const cols = report.runs.length;
  const colW = 70;
  const left = 40;
  const top = 14;
  const plotH = 240;
  const width = left + cols * colW + 170;
  const height = top + plotH + 40;
  const y = (d: number): number => top + plotH * (1 - d / 1.05);
  const parts: string[] = [];
  let lastLabelY = -Infinity;
  for (const level of ENERGY_LEVELS) {
    parts.push(el('line', { x1: left, y1: y(level.value), x2: left + cols * colW, y2: y(level.value), stroke: '#bbb', 'stroke-dasharray': '4 3' }));
    const labelY = Math.max(y(level.value) + 4, lastLabelY + 12);
    lastLabelY = labelY;
    parts.push(text(left + cols * colW + 6, labelY, level.label, { 'font-size': 11, fill: '#444' }));
  }
  for (const tick of [0, 0.5, 1]) parts.push(text(left - 6, y(tick) + 4, String(tick), { 'font-size': 10, 'text-anchor': 'end' }));
  report.runs.forEach((run, c) => {
    const cx = left + c * colW + colW / 2;
    const represented = run.report.features.filter((f) => f.represented);
    represented.forEach((f, k) => {
      // Nine lanes a dot's width (6 px) apart, so up to nine equal D_i stay visible side by side.
      const dx = ((k % 9) - 4) * 6;
      const label = f.bundle === null ? 'unrepresented' : run.report.bundles[f.bundle].polytope;
      parts.push(
        el(
          'circle',
          { cx: cx + dx, cy: y(f.dimensionality), r: 3, fill: structureColour(label), stroke: '#222', 'stroke-width': 0.4 },
          `<title>${escapeXml(run.label)}, feature ${f.index}: D = ${f.dimensionality.toFixed(3)} (${escapeXml(label)})</title>`,
        ),
      );
    });
    parts.push(text(cx, top + plotH + 18, run.settings.p !== undefined ? `p=${run.settings.p}` : run.label, { 'font-size': 10, 'text-anchor': 'middle' }));
  });
  return svg(width, height, parts.join(''), 'Feature dimensionality per run');
}
