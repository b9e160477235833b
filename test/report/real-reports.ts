/**
 * The Reports the writer tests hold each written section to: `analyze` of six
 * small committed weight files (samples/, test/fixtures), stored with W in
 * test/report/fixtures by scripts/fixtures/report-writer-fixtures.mjs. They are
 * read, not recomputed, because `npm run test:mutation` reruns these tests once
 * per mutant. Each input is chosen for the sections it fills: composites and
 * unrepresented features, no bias, weak features with an off-centre sphere, a
 * 2-D model whose arrangement is drawn in the hidden plane itself.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
// node-html-parser (a dev dependency: small, two dependencies, no native code) reads
// report.html into a DOM, so the tests see the page's structure, not its source text.
import { parse } from 'node-html-parser';
import type { HTMLElement } from 'node-html-parser';
import { parseReport } from '../../src/report/validate.js';
import type { Report } from '../../src/report/types.js';

const fixtures = join(import.meta.dirname, 'fixtures');

export interface RealReport {
  /** The input and what it brings to the writers. */
  name: string;
  /** The weight file, relative to the repository. */
  path: string;
  /** W (feature-major, n×m) as chooseWeights read it, in float64 as the HTML writer takes it. */
  W: Float64Array;
  report: Report;
}

/** Every stored Report, each checked against the Report schema (a stale fixture fails here: remake them). */
export function realReports(): RealReport[] {
  return readdirSync(fixtures)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const stored = JSON.parse(readFileSync(join(fixtures, f), 'utf8')) as { name: string; path: string; W: number[]; report: unknown };
      return { name: stored.name, path: stored.path, W: Float64Array.from(stored.W), report: parseReport(stored.report) };
    });
}

/** report.md cut into its `## ` sections (the part before the first is ''). */
export function markdownSections(md: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current = '';
  sections.set(current, []);
  for (const line of md.split('\n')) {
    if (line.startsWith('## ')) {
      current = line.slice(3);
      if (sections.has(current)) throw new Error(`section ${current} twice`);
      sections.set(current, []);
    } else sections.get(current)?.push(line);
  }
  return sections;
}

/** The rows of the first Markdown table in `lines` (header first, the alignment row dropped), cells trimmed, `\|` unescaped. */
export function markdownTable(lines: string[]): string[][] {
  const start = lines.findIndex((l) => l.startsWith('|'));
  if (start < 0) return [];
  const rows: string[][] = [];
  for (let i = start; i < lines.length && lines[i].startsWith('|'); i++) {
    if (!lines[i].endsWith('|')) throw new Error(`table row without a closing bar: ${lines[i]}`);
    const cells = lines[i]
      .replace(/\\\|/g, '\uE000')
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim().replace(/\uE000/g, '|'));
    if (i === start + 1) {
      if (!cells.every((c) => /^-+:?$|^:?-+$/.test(c))) throw new Error(`no alignment row under the header: ${lines[i]}`);
      continue;
    }
    rows.push(cells);
  }
  return rows;
}

/** The page parsed, and its body's elements cut into `<h2>` sections by heading text. */
export function htmlSections(html: string): { doc: HTMLElement; sections: Map<string, HTMLElement[]> } {
  const doc = parse(html);
  const body = doc.querySelector('body');
  if (!body) throw new Error('no body');
  const sections = new Map<string, HTMLElement[]>();
  let current = '';
  sections.set(current, []);
  for (const node of body.children) {
    if (node.tagName === 'H2') {
      current = node.text;
      sections.set(current, []);
    } else sections.get(current)?.push(node);
  }
  return { doc, sections };
}

/** A table's rows as cell texts (header cells included), entities decoded. */
export function htmlTable(table: HTMLElement): string[][] {
  return table.querySelectorAll('tr').map((tr) => tr.children.map((c) => c.text));
}

/** The number an SVG attribute holds. */
export function num(e: HTMLElement, attr: string): number {
  const v = e.getAttribute(attr);
  if (v === undefined) throw new Error(`no ${attr} on <${e.tagName}>`);
  return Number(v);
}
