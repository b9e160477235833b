import type { CompareReport } from '../compare-types.js';
import { el, escapeXml, svg, text } from '../svg.js';

/** Colours by structure, light to dark as features share their dimensions with more others. */
const STRUCTURE_COLOURS: Record<string, string> = {
  unrepresented: '#EEEEEE',
  dedicated: '#332288',
  digon: '#88CCEE',
  triangle: '#44AA99',
  tetrahedron: '#117733',
  pentagon: '#DDCC77',
  hexagon: '#CC6677',
  'square-antiprism': '#AA4499',
  cube: '#882255',
  irregular: '#999999',
};
const OTHER = '#666666';

export function structureColour(label: string): string {
  return STRUCTURE_COLOURS[label] ?? OTHER;
}

/**
 * The Toy Models phase picture: one row per feature (in index order, i.e. by
 * importance for Toy Models runs), one column per run (dense to sparse), each
 * cell coloured by the structure the feature belongs to.
 */
export function phaseFigure(report: CompareReport): string {
  const rows = report.phase.length;
  const cols = report.runs.length;
  const cell = Math.max(6, Math.min(28, Math.floor(420 / Math.max(rows, 1))));
  const colW = Math.max(48, cell);
  const left = 44;
  const top = 70;
  const legend = [...new Set(report.phase.flat())];
  const width = left + cols * colW + 170;
  const height = Math.max(top + rows * cell + 20, top + legend.length * 16 + 20);
  const parts: string[] = [];
  report.runs.forEach((run, c) => {
    const p = run.settings.p;
    const x = left + c * colW + colW / 2;
    parts.push(text(x, top - 30, p !== undefined ? `p=${p}` : run.label, { 'font-size': 10, 'text-anchor': 'middle' }));
    parts.push(
      text(x, top - 16, `${run.report.unrepresented.length === run.report.input.n ? 0 : run.report.input.n - run.report.unrepresented.length} rep.`, {
        'font-size': 9,
        'text-anchor': 'middle',
        fill: '#555',
      }),
    );
  });
  report.phase.forEach((labels, f) => {
    if (cell >= 9) parts.push(text(left - 6, top + f * cell + cell * 0.75, String(f), { 'font-size': Math.min(10, cell - 1), 'text-anchor': 'end' }));
    labels.forEach((label, c) => {
      parts.push(
        el(
          'rect',
          { x: left + c * colW + 1, y: top + f * cell, width: colW - 2, height: cell - 1, fill: structureColour(label) },
          `<title>feature ${f}, ${escapeXml(report.runs[c].label)}: ${escapeXml(label)}</title>`,
        ),
      );
    });
  });
  legend.forEach((label, i) => {
    const y = top + i * 16;
    parts.push(el('rect', { x: left + cols * colW + 16, y, width: 12, height: 12, fill: structureColour(label), stroke: '#999', 'stroke-width': 0.5 }));
    parts.push(text(left + cols * colW + 34, y + 10, label, { 'font-size': 11 }));
  });
  parts.push(text(left - 30, top - 30, 'feature', { 'font-size': 10 }));
  return svg(width, height, parts.join(''), 'Structure of each feature across runs');
}
