/**
 * report.md and compare.md as a Markdown viewer shows them: rendered by
 * markdown-it (CommonMark with GitHub's tables), an independent parser, then
 * read as a DOM. The other writer tests read the Markdown source line by line;
 * these catch what only rendering shows: a table swallowed by the paragraph
 * before it, two lines joined into one paragraph, a heading turned into text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { parse } from 'node-html-parser';
import type { HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { compareToMarkdown } from '../../src/report/compare-writers.js';
import type { CompareReport } from '../../src/report/compare-types.js';
import { reportToMarkdown } from '../../src/report/markdown.js';
import { parseCompareReport } from '../../src/report/validate.js';
import { markdownTable, realReports } from './real-reports.js';

const md = new MarkdownIt('commonmark').enable('table');
const rendered = (source: string): HTMLElement => parse(md.render(source));

/** The source's blocks as the writers mean them: a heading, a table, a list, a quote, or one line of paragraph. */
function sourceBlocks(source: string): { kind: 'h' | 'table' | 'ul' | 'blockquote' | 'p'; lines: string[] }[] {
  const blocks: { kind: 'h' | 'table' | 'ul' | 'blockquote' | 'p'; lines: string[] }[] = [];
  for (const line of source.split('\n')) {
    if (line.trim() === '') continue;
    const kind = line.startsWith('#') ? 'h' : line.startsWith('|') ? 'table' : line.startsWith('- ') ? 'ul' : line.startsWith('> ') ? 'blockquote' : 'p';
    const last = blocks.at(-1);
    // Tables and lists run on over lines; a paragraph is one line (the writers never wrap).
    if (last && last.kind === kind && (kind === 'table' || kind === 'ul')) last.lines.push(line);
    else blocks.push({ kind, lines: [line] });
  }
  return blocks;
}

/** The rendered blocks, in order, with their text; a list's items and a table's rows as lines. */
function renderedBlocks(doc: HTMLElement): { kind: string; lines: string[] }[] {
  return doc.children.map((e) => {
    const tag = e.tagName.toLowerCase();
    if (tag === 'table') return { kind: 'table', lines: e.querySelectorAll('tr').map((tr) => tr.children.map((c) => c.text).join(' | ')) };
    if (tag === 'ul') return { kind: 'ul', lines: e.querySelectorAll('li').map((li) => li.text.trim()) };
    return { kind: /^h\d$/.test(tag) ? 'h' : tag, lines: [e.text.trim()] };
  });
}

function checkStructure(source: string): void {
  const want = sourceBlocks(source);
  const got = renderedBlocks(rendered(source));
  // Block for block: every heading a heading, every table a table with one row per source row
  // (the alignment row aside), every list item an item, every paragraph line its own paragraph.
  expect(got.map((b) => b.kind)).toEqual(want.map((b) => b.kind));
  got.forEach((b, i) => {
    const lines = want[i].lines;
    if (b.kind === 'table') {
      const rows = markdownTable(lines);
      expect(b.lines).toEqual(rows.map((r) => r.map((c) => c.replace(/\\(.)/g, '$1')).join(' | ')));
    } else if (b.kind === 'ul') expect(b.lines).toHaveLength(lines.length);
    else if (b.kind === 'h') expect(b.lines[0]).toBe(lines[0].replace(/^#+ /, '').replace(/\\(.)/g, '$1'));
  });
  // No Markdown syntax left over in what is shown.
  const text = rendered(source).text;
  expect(text).not.toMatch(/\*\*|\\\||^#|^\|/m);
}

describe.each(realReports().map((r) => [r.name, r] as const))('report.md of %s', (_, { report }) => {
  const source = reportToMarkdown(report);

  it('renders block for block as written: headings, tables row for row, lists, one paragraph per line', () => {
    checkStructure(source);
  });

  it('its sections are the report’s: the title, then the ten sections in order', () => {
    const headings = rendered(source)
      .querySelectorAll('h1, h2, h3')
      .map((h) => `${h.tagName} ${h.text}`);
    expect(headings).toEqual([
      `H1 tegum report: ${report.input.file}`,
      'H2 Bundles (tegum factors)',
      'H2 Structures',
      'H2 Weak features',
      'H2 Planes (Hough step)',
      'H2 Spherical codes',
      'H2 Spheres (any centre)',
      'H2 Topology of the feature cloud',
      'H2 Decoder hyperplane arrangement',
      'H2 Features',
      'H2 Parameters',
    ]);
    const tables = rendered(source).querySelectorAll('table');
    const features = tables.at(-1) as HTMLElement;
    expect(features.querySelectorAll('tbody tr')).toHaveLength(report.features.length);
    expect(tables[0].querySelectorAll('tbody tr')).toHaveLength(report.bundles.length);
  });
});

const sweep: CompareReport = parseCompareReport(JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'compare', 'n5_m2-sweep.json'), 'utf8')));
const plain = structuredClone(sweep);
plain.baselines = [];
plain.notes = ['runs kept in the order given: not every run has a known p', 'b <not> aligned'];
plain.steps[0].changes = [];

describe.each([
  ['the n5_m2 sweep', sweep],
  ['no baselines, two notes, a step without change', plain],
] as const)('compare.md of %s', (_, report) => {
  const source = compareToMarkdown(report);

  it('renders block for block as written', () => {
    checkStructure(source);
  });

  it('shows the runs table, each step with its changes, the baseline table and its legend, each note in its own quote', () => {
    const got = renderedBlocks(rendered(source)).map((b) => [b.kind, b.lines.length === 1 ? b.lines[0] : b.lines.length]);
    const label = (i: number): string => report.runs[i].label;
    expect(got).toEqual([
      ['h', 'tegum compare'],
      ['table', report.runs.length + 1],
      ['h', 'What changed'],
      ...report.steps.flatMap((s) => [
        ['h', `${label(s.from)} → ${label(s.to)}`],
        ['ul', s.changes.length === 0 ? 'nothing' : s.changes.length === 1 ? s.changes[0].text : s.changes.length],
      ]),
      ...(report.baselines.length > 0
        ? [
            ['h', 'Random baseline'],
            ['table', report.baselines.length + 1],
            ['p', expect.stringMatching(/^Recorded loss: /)],
          ]
        : []),
      ...report.notes.map((n) => ['blockquote', n]),
    ]);
    const items = rendered(source).querySelectorAll('ul');
    report.steps.forEach((s, i) =>
      expect(items[i].querySelectorAll('li').map((li) => li.text)).toEqual(s.changes.length ? s.changes.map((c) => c.text) : ['nothing']),
    );
  });
});

describe('text from outside tegum is shown as it is, not read as Markdown', () => {
  it('run labels and notes with |, <, *, _ and backslashes', () => {
    const odd = structuredClone(sweep);
    const label = 'run|<b>*1*_x_\\';
    odd.runs[0].label = label;
    odd.notes = ['x < y | *z* and <em>', '_one_ `two`'];
    const source = compareToMarkdown(odd);
    checkStructure(source);
    const doc = rendered(source);
    expect(doc.querySelectorAll('table')[0].querySelectorAll('tbody tr')[0].querySelectorAll('td')[0].text).toBe(label);
    expect(doc.querySelectorAll('h3')[0].text).toBe(`${label} → ${odd.runs[odd.steps[0].to].label}`);
    expect(doc.querySelectorAll('blockquote').map((q) => q.text.trim())).toEqual(odd.notes);
    expect(
      doc.querySelectorAll(['blockquote', 'table', 'h3'].flatMap((b) => ['em', 'strong', 'code'].map((i) => `${b} ${i}`)).join(', ')).map((e) => e.toString()),
    ).toEqual([]);
    // A path with underscores inside words is written as it is.
    const report = realReports()[0].report;
    expect(reportToMarkdown({ ...report, input: { ...report.input, file: 'runs/n5_m2_p0.1.npz' } }).split('\n')[0]).toBe('# tegum report: runs/n5_m2_p0.1.npz');
  });
});
