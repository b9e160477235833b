/**
 * Reports from the real analysis of small committed weight files, built once
 * per test file: the writer tests hold each written section to these. Every
 * input is a sample or fixture (samples/README.md says what each holds), each
 * chosen for the sections it fills: composites and unrepresented features, no
 * bias, weak features with an off-centre sphere, a 2-D model whose
 * arrangement is drawn in the hidden plane itself.
 */
import { join } from 'node:path';
// node-html-parser (a dev dependency: small, two dependencies, no native code) reads
// report.html into a DOM, so the tests see the page's structure, not its source text.
import { parse } from 'node-html-parser';
import type { HTMLElement } from 'node-html-parser';
import { analyze } from '../../src/analysis/analyze.js';
import { chooseWeights, readTensors } from '../../src/import/index.js';
import type { WeightSet } from '../../src/import/weightset.js';
import type { Report } from '../../src/report/types.js';

const root = join(import.meta.dirname, '..', '..');

/** Each input, with what it brings to the writers. */
export const INPUTS: { name: string; path: string; instance?: number }[] = [
  { name: 'superposition-r8 (composite, generic, unrepresented, bias)', path: 'samples/superposition-r8.npz' },
  { name: 'cube-antiprism-r6 (no bias, 3-d bundles)', path: 'samples/cube-antiprism-r6.npy' },
  { name: 'bipyramid-hexagon-r5 (triangle, hexagon)', path: 'samples/bipyramid-hexagon-r5.safetensors' },
  { name: 'two-pentagons-n20 (9 unrepresented)', path: 'samples/two-pentagons-n20.json' },
  { name: 'toy model n20_m5[5] (weak, irregular, a sphere, an instance)', path: 'test/fixtures/toymodels/n20_m5.npz', instance: 5 },
  { name: 'toy model n5_m2 p=0.1 (m = 2, a circle)', path: 'samples/runs/n5_m2_p0.1_seed0.npz' },
];

export interface RealReport {
  name: string;
  ws: WeightSet;
  /** W in float64, as the HTML writer and its figures take it. */
  W: Float64Array;
  report: Report;
}

/** Analyse every input (about a third of a second in all). */
export async function realReports(): Promise<RealReport[]> {
  const out: RealReport[] = [];
  for (const input of INPUTS) {
    const file = join(root, input.path);
    const ws = chooseWeights(file, await readTensors(file), input.instance !== undefined ? { instance: input.instance } : {});
    out.push({ name: input.name, ws, W: Float64Array.from(ws.W), report: await analyze(ws) });
  }
  return out;
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
