/**
 * The compare report's Markdown (parsed) and HTML (DOM), held to the
 * CompareReport they came from: the runs table, what changed between runs,
 * the random baseline, the notes, the phase picture (one cell per feature and
 * run) and the dimensionality strips (one dot per represented feature and run).
 * The CompareReport is `tegum compare samples/runs/n5_m2_*.npz --json`, stored.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import type { HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { baselineSentence, compareToHtml, compareToMarkdown } from '../../src/report/compare-writers.js';
import type { CompareReport } from '../../src/report/compare-types.js';
import { dimensionalityStrips } from '../../src/report/figures/dimensionality-strips.js';
import { ENERGY_LEVELS } from '../../src/report/figures/energy-figure.js';
import { phaseFigure, structureColour } from '../../src/report/figures/phase-figure.js';
import { parseCompareReport } from '../../src/report/validate.js';
import { htmlTable, markdownSections, markdownTable, num } from './real-reports.js';

const sweep: CompareReport = parseCompareReport(JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'compare', 'n5_m2-sweep.json'), 'utf8')));

const residual = (report: CompareReport, i: number): string => {
  const al = report.alignments.find((a) => a.run === i);
  return al ? al.residual.toPrecision(3) : '—';
};
const runRow = (report: CompareReport, i: number): string[] => {
  const run = report.runs[i];
  return [
    run.label,
    run.settings.p !== undefined ? String(run.settings.p) : '—',
    String(run.report.input.n - run.report.unrepresented.length),
    run.report.decomposition,
    residual(report, i),
  ];
};
const dash = (x: number | undefined): string => (x === undefined ? '—' : x.toPrecision(4));
/** What the baseline legend must say about each column. */
const LEGEND_PARTS = [
  "Recorded loss: the trainer's own final loss (tegum train, float64 weights, its evaluation samples).",
  'Learned and random loss: the Toy Models loss of W as stored in the file and of n random unit directions with the best single bias',
  '|cos|: between represented features (norm > 0.5). δ = √(4 ln n / m)',
];

/** The sweep with some fields replaced: no baselines, notes, runs without p, an unaligned run. */
function variant(patch: (r: CompareReport) => void): CompareReport {
  const r = structuredClone(sweep);
  patch(r);
  return r;
}
const plain = variant((r) => {
  r.baselines = [];
  r.notes = ['runs kept in the order given: not every run has a known p', 'b <not> aligned'];
  for (const run of r.runs) delete run.settings.p;
  delete r.runs[1].settings.loss;
  r.alignments = r.alignments.filter((a) => a.run !== 2);
  r.steps[0].changes = [];
});

it('the sweep has changes, baselines, alignments and phases to show', () => {
  expect(sweep.runs).toHaveLength(5);
  expect(sweep.steps.some((s) => s.changes.length > 0)).toBe(true);
  expect(sweep.steps.some((s) => s.changes.length === 0)).toBe(true);
  expect(sweep.baselines).toHaveLength(5);
  expect(sweep.alignments).toHaveLength(4);
  expect(new Set(sweep.phase.flat()).size).toBeGreaterThan(1);
});

describe.each([
  ['the n5_m2 sweep', sweep],
  ['no p, no baselines, notes, an unaligned run, a step without change', plain],
] as const)('%s', (_, report) => {
  it('report.md: the runs table, what changed per step, the baseline table, the notes', () => {
    const md = compareToMarkdown(report);
    expect(md.endsWith('\n')).toBe(true);
    const sections = markdownSections(md);
    const head = sections.get('') as string[];
    expect(head[0]).toBe('# tegum compare');
    const [header, ...rows] = markdownTable(head);
    expect(header).toEqual(['run', 'p', 'represented', 'decomposition', 'residual after alignment']);
    expect(rows).toEqual(report.runs.map((_r, i) => runRow(report, i)));
    const changed = sections.get('What changed') as string[];
    const steps = changed.filter((l) => l.startsWith('### '));
    expect(steps).toEqual(report.steps.map((s) => `### ${report.runs[s.from].label} → ${report.runs[s.to].label}`));
    report.steps.forEach((s, k) => {
      const at = changed.indexOf(steps[k]);
      const end = k + 1 < steps.length ? changed.indexOf(steps[k + 1]) : changed.length;
      const items = changed.slice(at + 1, end).filter((l) => l.startsWith('- '));
      expect(items).toEqual(s.changes.length ? s.changes.map((c) => `- ${c.text}`) : ['- nothing']);
    });
    const base = sections.get('Random baseline');
    if (report.baselines.length === 0) expect(base).toBeUndefined();
    else {
      const [bh, ...brows] = markdownTable(base as string[]);
      expect(bh).toEqual(['run', 'recorded loss', 'learned loss', 'random loss (best bias)', 'RMS |cos|', 'max |cos|', 'δ']);
      expect(brows).toEqual(
        report.baselines.map((b) => [
          report.runs[b.run].label,
          dash(report.runs[b.run].settings.loss),
          b.learnedLoss.toPrecision(4),
          `${b.randomLoss.toPrecision(4)} (b = ${b.randomBias.toPrecision(3)})`,
          b.interferenceRms.toPrecision(3),
          b.interferenceMax.toPrecision(3),
          b.delta.toPrecision(3),
        ]),
      );
      const legend = (base as string[]).join('\n');
      for (const part of LEGEND_PARTS) expect(legend).toContain(part);
    }
    // Quoted with Markdown's backslash escapes (markdown-rendering.test.ts shows them rendered).
    expect(
      md
        .split('\n')
        .filter((l) => l.startsWith('> '))
        .map((l) => l.slice(2).replace(/\\(.)/g, '$1')),
    ).toEqual(report.notes);
  });

  it('report.html: the runs table, both figures, what changed, the baseline table, the notes', () => {
    const doc = parse(compareToHtml(report));
    expect(doc.querySelector('title')?.text).toBe('tegum compare');
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(doc.querySelector('h1')?.text).toBe(`tegum compare: ${report.runs.length} runs`);
    const tables = doc.querySelectorAll('table');
    const [header, ...rows] = htmlTable(tables[0]);
    expect(header).toEqual(['run', 'p', 'represented', 'decomposition', 'residual after alignment']);
    expect(rows).toEqual(report.runs.map((_r, i) => runRow(report, i)));
    expect(doc.querySelectorAll('h2').map((h) => h.text)).toEqual([
      'Structure of each feature across runs',
      'Feature dimensionality per run',
      'What changed',
      ...(report.baselines.length ? ['Random baseline'] : []),
    ]);
    expect(doc.querySelectorAll('svg').map((s) => s.getAttribute('aria-label'))).toEqual([
      'Structure of each feature across runs',
      'Feature dimensionality per run',
    ]);
    const h3 = doc.querySelectorAll('h3');
    expect(h3.map((h) => h.text)).toEqual(report.steps.map((s) => `${report.runs[s.from].label} → ${report.runs[s.to].label}`));
    report.steps.forEach((s, k) => {
      const ul = h3[k].nextElementSibling as HTMLElement;
      expect(ul.tagName).toBe('UL');
      expect(ul.querySelectorAll('li').map((li) => li.text)).toEqual(s.changes.length ? s.changes.map((c) => c.text) : ['nothing']);
    });
    if (report.baselines.length === 0) expect(tables).toHaveLength(1);
    else {
      const [bh, ...brows] = htmlTable(tables[1]);
      expect(bh).toEqual(['run', 'recorded loss', 'learned loss', 'random loss', 'best scalar bias', 'RMS |cos|', 'max |cos|', 'δ = √(4 ln n / m)']);
      expect(brows).toEqual(
        report.baselines.map((b) => [
          report.runs[b.run].label,
          dash(report.runs[b.run].settings.loss),
          b.learnedLoss.toPrecision(4),
          b.randomLoss.toPrecision(4),
          b.randomBias.toPrecision(3),
          b.interferenceRms.toPrecision(3),
          b.interferenceMax.toPrecision(3),
          b.delta.toPrecision(3),
        ]),
      );
      for (const part of LEGEND_PARTS) expect(tables[1].nextElementSibling?.text).toContain(part);
    }
    expect(doc.querySelectorAll('p > em').map((e) => e.text)).toEqual(report.notes);
  });

  it('the phase picture: one cell per feature and run, coloured by its structure, a legend, run headers', () => {
    const svg = parse(phaseFigure(report)).querySelector('svg') as HTMLElement;
    const cells = svg.querySelectorAll('rect').filter((r) => r.querySelector('title'));
    const rows = report.phase.length;
    const cols = report.runs.length;
    expect(cells).toHaveLength(rows * cols);
    const cell = Math.max(6, Math.min(28, Math.floor(420 / rows)));
    const colW = Math.max(48, cell);
    cells.forEach((c, k) => {
      const [f, r] = [Math.floor(k / cols), k % cols];
      const label = report.phase[f][r];
      expect(c.querySelector('title')?.text).toBe(`feature ${f}, ${report.runs[r].label}: ${label}`);
      expect(c.getAttribute('fill')).toBe(structureColour(label));
      expect([num(c, 'x'), num(c, 'y'), num(c, 'width'), num(c, 'height')]).toEqual([44 + r * colW + 1, 70 + f * cell, colW - 2, cell - 1]);
    });
    const legend = [...new Set(report.phase.flat())];
    const keys = svg.querySelectorAll('rect').filter((r) => !r.querySelector('title'));
    expect(keys.map((r) => r.getAttribute('fill'))).toEqual(legend.map(structureColour));
    const texts = svg.querySelectorAll('text').map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining(legend));
    const heads = report.runs.map((run) => (run.settings.p !== undefined ? `p=${run.settings.p}` : run.label));
    expect(texts).toEqual(expect.arrayContaining(heads));
    const rep = report.runs.map((run) => `${run.report.input.n - run.report.unrepresented.length} rep.`);
    expect(texts.filter((t) => t.endsWith(' rep.'))).toEqual(rep);
    expect(texts.filter((t) => /^\d+$/.test(t))).toEqual(report.phase.map((_l, f) => String(f)));
    expect(num(svg, 'width')).toBe(44 + cols * colW + 170);
    expect(num(svg, 'height')).toBe(Math.max(70 + rows * cell + 20, 70 + legend.length * 16 + 20));
  });

  it('the phase picture’s layout: run headers over their columns, feature numbers beside their rows, the legend right of the grid', () => {
    const svg = parse(phaseFigure(report)).querySelector('svg') as HTMLElement;
    const cells = svg.querySelectorAll('rect').filter((r) => r.querySelector('title'));
    const cols = report.runs.length;
    const texts = svg.querySelectorAll('text');
    const gridTop = num(cells[0], 'y');
    const gridLeft = num(cells[0], 'x');
    const gridRight = Math.max(...cells.map((c) => num(c, 'x') + num(c, 'width')));
    report.runs.forEach((run, c) => {
      const centre = num(cells[c], 'x') + num(cells[c], 'width') / 2;
      const head = texts.find((t) => t.text === (run.settings.p !== undefined ? `p=${run.settings.p}` : run.label)) as HTMLElement;
      const rep = texts.filter((t) => t.text.endsWith(' rep.'))[c];
      expect([num(head, 'x'), num(rep, 'x')]).toEqual([centre, centre]);
      for (const t of [head, rep]) expect(t.getAttribute('text-anchor')).toBe('middle');
      // The header over the count, both above the grid.
      expect(num(head, 'y')).toBeLessThan(num(rep, 'y') - 10);
      expect(num(rep, 'y')).toBeLessThan(gridTop - 10);
    });
    const numbers = texts.filter((t) => /^\d+$/.test(t.text));
    numbers.forEach((t, f) => {
      const row = cells[f * cols];
      expect(t.getAttribute('text-anchor')).toBe('end');
      expect(num(t, 'x')).toBe(gridLeft - 7);
      // Baseline three quarters down the row.
      expect(num(t, 'y')).toBeCloseTo(num(row, 'y') + 0.75 * (num(row, 'height') + 1), 5);
    });
    const heading = texts.find((t) => t.text === 'feature') as HTMLElement;
    expect(num(heading, 'x')).toBeLessThan(gridLeft);
    expect(num(heading, 'y')).toBeLessThan(gridTop - 10);
    const keys = svg.querySelectorAll('rect').filter((r) => !r.querySelector('title'));
    const legend = [...new Set(report.phase.flat())];
    keys.forEach((k, i) => {
      expect([num(k, 'x'), num(k, 'y'), num(k, 'width'), num(k, 'height')]).toEqual([gridRight + 17, gridTop + 16 * i, 12, 12]);
      const label = texts.find((t) => t.text === legend[i] && num(t, 'x') > gridRight) as HTMLElement;
      expect(num(label, 'x')).toBe(num(k, 'x') + 18);
      expect(num(label, 'y')).toBe(num(k, 'y') + 10);
    });
    expect(num(svg, 'height')).toBeGreaterThanOrEqual(gridTop + 16 * keys.length);
  });

  it('the dimensionality strips’ layout: level lines across the runs’ columns, their names at the right, ticks at the left, runs below', () => {
    const svg = parse(dimensionalityStrips(report)).querySelector('svg') as HTMLElement;
    const cols = report.runs.length;
    const y = (d: number): number => 14 + 240 * (1 - d / 1.05);
    const levels = svg.querySelectorAll('line').filter((l) => l.getAttribute('stroke-dasharray') === '4 3');
    const texts = svg.querySelectorAll('text');
    const runLabels = texts.slice(-cols);
    runLabels.forEach((t, c) => {
      expect(num(t, 'x')).toBe(40 + 70 * c + 35);
      expect(t.getAttribute('text-anchor')).toBe('middle');
      expect(num(t, 'y')).toBe(y(0) + 18);
    });
    let previous = -Infinity;
    levels.forEach((l, k) => {
      expect([num(l, 'x1'), num(l, 'x2')]).toEqual([40, 40 + 70 * cols]);
      expect(num(l, 'y1')).toBeCloseTo(y(ENERGY_LEVELS[k].value), 1);
      const label = texts.find((t) => t.text === ENERGY_LEVELS[k].label) as HTMLElement;
      expect(num(label, 'x')).toBe(num(l, 'x2') + 6);
      // At its line's height, or pushed down a line below the previous label.
      expect(num(label, 'y')).toBeCloseTo(Math.max(num(l, 'y1') + 4, previous + 12), 1);
      previous = num(label, 'y');
    });
    for (const tick of [0, 0.5, 1]) {
      const t = texts.find((e) => e.text === String(tick)) as HTMLElement;
      expect([num(t, 'x'), t.getAttribute('text-anchor')]).toEqual([34, 'end']);
      expect(num(t, 'y')).toBeCloseTo(y(tick) + 4, 1);
    }
    // Equal D_i side by side: a run's dots spread over its column, none over another (r = 3).
    for (const run of report.runs) {
      const dots = svg.querySelectorAll('circle').filter((d) => d.querySelector('title')?.text.startsWith(`${run.label}, `));
      for (let i = 0; i < dots.length; i++)
        for (let j = i + 1; j < dots.length; j++)
          if (Math.abs(num(dots[i], 'cy') - num(dots[j], 'cy')) < 6) expect(Math.abs(num(dots[i], 'cx') - num(dots[j], 'cx'))).toBeGreaterThanOrEqual(6);
    }
  });

  it('the dimensionality strips: one dot per represented feature and run, at its D_i, coloured by its bundle’s shape', () => {
    const svg = parse(dimensionalityStrips(report)).querySelector('svg') as HTMLElement;
    const dots = svg.querySelectorAll('circle');
    const expected = report.runs.flatMap((run, c) =>
      run.report.features
        .filter((f) => f.represented)
        .map((f) => {
          const label = f.bundle === null ? 'unrepresented' : run.report.bundles[f.bundle].polytope;
          return { c, f, label, title: `${run.label}, feature ${f.index}: D = ${f.dimensionality.toFixed(3)} (${label})` };
        }),
    );
    expect(dots.map((d) => d.querySelector('title')?.text)).toEqual(expected.map((e) => e.title));
    dots.forEach((d, k) => {
      const { c, f, label } = expected[k];
      expect(num(d, 'cy')).toBeCloseTo(14 + 240 * (1 - f.dimensionality / 1.05), 1);
      // Within its run's column: at most 24 px either side of the centre.
      expect(Math.abs(num(d, 'cx') - (40 + c * 70 + 35))).toBeLessThanOrEqual(24);
      expect(d.getAttribute('fill')).toBe(structureColour(label));
    });
    const texts = svg.querySelectorAll('text').map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining([...ENERGY_LEVELS.map((l) => l.label), '0', '0.5', '1']));
    expect(texts.slice(-report.runs.length)).toEqual(report.runs.map((run) => (run.settings.p !== undefined ? `p=${run.settings.p}` : run.label)));
    expect(svg.querySelectorAll('line').filter((l) => l.getAttribute('stroke-dasharray') === '4 3')).toHaveLength(ENERGY_LEVELS.length);
    expect([num(svg, 'width'), num(svg, 'height')]).toEqual([40 + report.runs.length * 70 + 170, 14 + 240 + 40]);
  });
});

describe('small cases', () => {
  it('structure colours: a fixed colour per known shape, grey for the rest', () => {
    expect(structureColour('unrepresented')).toBe('#EEEEEE');
    expect(structureColour('pentagon')).toBe('#DDCC77');
    expect(structureColour('polygon-9')).toBe('#666666');
    const known = ['unrepresented', 'dedicated', 'digon', 'triangle', 'tetrahedron', 'pentagon', 'hexagon', 'square-antiprism', 'cube', 'irregular'];
    expect(new Set(known.map(structureColour)).size).toBe(known.length);
    expect(known.map(structureColour)).not.toContain('#666666');
  });

  it('the baseline sentence names the recorded loss only when there is one', () => {
    const b = sweep.baselines[0];
    const tail = `on the baseline's ${b.samples} samples ${b.learnedLoss.toPrecision(4)} for W as stored vs ${b.randomLoss.toPrecision(4)} for random unit directions (best bias ${b.randomBias.toPrecision(3)}); |cos| RMS ${b.interferenceRms.toPrecision(3)}, max ${b.interferenceMax.toPrecision(3)}, δ ${b.delta.toPrecision(3)}`;
    expect(baselineSentence({}, b)).toBe(tail);
    expect(baselineSentence({ loss: 0.0123456 }, b)).toBe(`loss 0.01235 as tegum train recorded it; ${tail}`);
    expect(baselineSentence({ loss: 0.0123456, lossSamples: 1000 }, b)).toBe(`loss 0.01235 as tegum train recorded it (1000 samples); ${tail}`);
  });

  it('many features: small cells without row numbers', () => {
    const wide = variant((r) => {
      r.phase = Array.from({ length: 60 }, (_, f) => r.runs.map(() => (f % 2 ? 'digon' : 'unrepresented')));
    });
    const svg = parse(phaseFigure(wide)).querySelector('svg') as HTMLElement;
    const cells = svg.querySelectorAll('rect').filter((r) => r.querySelector('title'));
    expect(cells).toHaveLength(60 * 5);
    expect(num(cells[0], 'height')).toBe(6);
    expect(svg.querySelectorAll('text').filter((t) => /^\d+$/.test(t.text))).toHaveLength(0);
    const few = variant((r) => {
      r.phase = Array.from({ length: 46 }, () => r.runs.map(() => 'digon'));
    });
    const nine = parse(phaseFigure(few)).querySelector('svg') as HTMLElement;
    expect(nine.querySelectorAll('text').filter((t) => /^\d+$/.test(t.text))).toHaveLength(46);
  });

  it('special characters in labels and notes are escaped', () => {
    const r = variant((x) => {
      x.runs[0].label = '<a&b>';
      x.notes = ['x < y'];
    });
    const html = compareToHtml(r);
    expect(html).not.toContain('<a&b>');
    const doc = parse(html);
    expect(doc.querySelectorAll('td').map((t) => t.text)).toContain('<a&b>');
    expect(doc.querySelector('p > em')?.text).toBe('x < y');
    // The run label is in the figures' tooltips too (it was written there unescaped).
    const tips = doc.querySelectorAll('svg title').filter((t) => t.text.includes('<a&b>'));
    expect(tips).toHaveLength(r.phase.length + r.runs[0].report.features.filter((f) => f.represented).length);
  });
});
