/**
 * report.md (parsed into sections and tables), report.html (parsed as a DOM)
 * and the terminal text (parsed into lines and its table), each section held
 * to the Report it was written from: every bundle, structure, plane, code,
 * sphere, barcode summary, arrangement count and parameter, in the number
 * format the writer documents.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { countsSentence, methodSentence } from '../../src/arrangements/describe.js';
import { CODES_LEGEND, SPHERES_LEGEND } from '../../src/report/geometry-legend.js';
import { reportToHtml } from '../../src/report/html.js';
import { reportToJson } from '../../src/report/json.js';
import { reportToMarkdown } from '../../src/report/markdown.js';
import { meanDimensionality } from '../../src/report/mean-dimensionality.js';
import { compactList, countsByLabel, groupedLine, shortCount, terminalSummary } from '../../src/report/terminal.js';
import { fmt } from '../../src/report/text-table.js';
import type { Report } from '../../src/report/types.js';
import type { HTMLElement } from 'node-html-parser';
import { htmlSections, htmlTable, markdownSections, markdownTable, realReports } from './real-reports.js';
import type { RealReport } from './real-reports.js';

const reports: RealReport[] = realReports();
const named = (stem: string): RealReport => reports.find((r) => r.path.includes(stem)) as RealReport;
/** The default sample: composites, planes, structures, codes with best-known ratios, a bias. */
const sample = named('superposition-r8');

const reg = (x: number | null): string => (x === null ? '—' : x.toFixed(3));
const sig = (x: number): string => (x >= 300 ? '≥ 300' : x.toFixed(1));
const sphereName = (d: number): string => (d === 1 ? 'circle' : `${d}-sphere`);
const barLength = (p: { birth: number; death: number | null }, threshold: number): number => (p.death ?? threshold) - p.birth;

it('the inputs fill every optional section somewhere', () => {
  const all = reports.map((r) => r.report);
  expect(all.some((r) => r.composites.length > 0)).toBe(true);
  expect(all.some((r) => r.weak.length > 0)).toBe(true);
  expect(all.some((r) => r.spheres.length > 0)).toBe(true);
  expect(all.some((r) => r.unrepresented.length > 0)).toBe(true);
  expect(all.some((r) => r.generic.count > 0)).toBe(true);
  expect(all.some((r) => !r.arrangement.hasBias)).toBe(true);
  expect(all.some((r) => r.input.instance !== undefined)).toBe(true);
  expect(all.some((r) => r.bundles.some((b) => b.regularity === null))).toBe(true);
  expect(all.some((r) => r.codes.some((c) => c.angleRatio === null))).toBe(true);
  expect(all.some((r) => r.topology.verdict.circles > 0)).toBe(true);
});

describe.each(reports.map((r) => [r.name, r] as const))('%s', (_, { report, W }) => {
  describe('report.md', () => {
    let md: string;
    let sections: Map<string, string[]>;
    beforeAll(() => {
      md = reportToMarkdown(report);
      sections = markdownSections(md);
    });
    const section = (name: string): string[] => {
      const s = sections.get(name);
      if (!s) throw new Error(`no section ${name}; have ${[...sections.keys()].join(' / ')}`);
      return s;
    };

    it('has the sections in order, and ends with one newline', () => {
      expect([...sections.keys()]).toEqual([
        '',
        'Bundles (tegum factors)',
        'Structures',
        'Weak features',
        'Planes (Hough step)',
        'Spherical codes',
        'Spheres (any centre)',
        'Topology of the feature cloud',
        'Decoder hyperplane arrangement',
        'Features',
        'Parameters',
      ]);
      expect(md.endsWith('\n')).toBe(true);
      expect(md.endsWith('\n\n')).toBe(false);
    });

    it('renders as Markdown: headings, paragraphs, lists and tables each set off by blank lines', () => {
      const lines = md.slice(0, -1).split('\n');
      // One blank line between blocks, never two.
      expect(md).not.toMatch(/\n\n\n/);
      lines.forEach((l, i) => {
        const prev = lines[i - 1];
        const next = lines[i + 1];
        if (l.startsWith('#')) {
          if (i > 0) expect(prev, `before ${l}`).toBe('');
          expect(next, `after ${l}`).toBe('');
        }
        // A table or a list only starts a block after a blank line (GFM would otherwise run it into the paragraph).
        if (l.startsWith('|') && !prev.startsWith('|')) expect(prev, `before ${l}`).toBe('');
        if (l.startsWith('|') && next !== undefined && !next.startsWith('|')) expect(next, `after ${l}`).toBe('');
        // A list may follow its paragraph directly (it interrupts it); it may not follow a table.
        if (l.startsWith('- ') && !prev.startsWith('- ')) expect(prev.startsWith('|'), `before ${l}`).toBe(false);
        if (l.startsWith('- ') && next !== undefined && !next.startsWith('- ')) expect(next, `after ${l}`).toBe('');
      });
      // Paragraphs per section (not tables or list items): nothing more is written than the sections say.
      const paragraphs = (name: string): number => section(name).filter((l) => l !== '' && !l.startsWith('|') && !l.startsWith('- ')).length;
      expect(paragraphs('Bundles (tegum factors)')).toBe(1);
      expect(paragraphs('Structures')).toBe(report.structures.length ? 2 : 3);
      expect(paragraphs('Weak features')).toBe(1);
      expect(paragraphs('Planes (Hough step)')).toBe(report.planes.length ? 0 : 1);
      expect(paragraphs('Spherical codes')).toBe(report.codes.length ? 1 : 2);
      expect(paragraphs('Spheres (any centre)')).toBe(report.spheres.length ? 1 : 2);
      expect(paragraphs('Topology of the feature cloud')).toBe(1);
      expect(paragraphs('Decoder hyperplane arrangement')).toBe(report.arrangement.capped ? 3 : 2);
      expect(paragraphs('Features')).toBe(0);
      expect(paragraphs('Parameters')).toBe(0);
    });

    it('the head: file, tensor, shape, decomposition, structures line, composites', () => {
      const head = section('');
      const { input } = report;
      expect(head[0]).toBe(`# tegum report: ${input.file}`);
      expect(head[1]).toBe('');
      const inst = input.instance !== undefined ? ` (instance ${input.instance})` : '';
      expect(head[2]).toBe(`Tensor \`${input.tensor}\`${inst}: n = ${input.n} features in m = ${input.m} dimensions (features are ${input.featuresAre}).`);
      expect(head[4]).toBe(`**Decomposition:** ${report.decomposition}`);
      const structures =
        (report.structures.length ? countsByLabel(report.structures) : 'none') +
        (report.generic.count ? `; ${report.generic.count} generic` : '') +
        (report.weak.length ? `; ${report.weak.length} weak` : '');
      expect(head[6]).toBe(`**Structures:** ${structures}.`);
      expect(head.filter((l) => l.startsWith('- '))).toEqual(report.composites.map((c) => `- ${c}`));
      expect(head.filter((l) => l !== '')).toHaveLength(4 + report.composites.length);
    });

    it('bundles: one row per bundle with features, dimension, polytope, regularity, mean D_i; the unrepresented', () => {
      const s = section('Bundles (tegum factors)');
      const [header, ...rows] = markdownTable(s);
      expect(header).toEqual(['bundle', 'features', 'dimension', 'polytope', 'regularity', 'mean D_i']);
      expect(rows).toEqual(
        report.bundles.map((b) => [
          String(b.id),
          b.features.join(', '),
          String(b.dimension),
          b.polytope,
          reg(b.regularity),
          meanDimensionality(report, b.features).toFixed(3),
        ]),
      );
      expect(s).toContain(`Unrepresented features: ${report.unrepresented.length ? report.unrepresented.join(', ') : 'none'}.`);
    });

    it('structures: one row per structure, then the generic features', () => {
      const s = section('Structures');
      const rows = markdownTable(s);
      if (report.structures.length === 0) expect(s).toContain('None.');
      else {
        expect(rows[0]).toEqual(['structure', 'label', 'dimension', 'features', 'regularity', 'significance', 'max cross |cos|', 'found as']);
        expect(rows.slice(1)).toEqual(
          report.structures.map((st) => [
            String(st.id),
            st.label,
            String(st.dimension),
            st.features.join(', '),
            reg(st.regularity),
            sig(st.significance),
            st.maxCrossCos.toFixed(3),
            st.source,
          ]),
        );
      }
      const g = report.generic;
      expect(s).toContain(`Generic (strong, in no structure): ${g.count ? `${g.count} — ${g.indices.join(', ')}` : 'none'}.`);
      expect(s.join(' ')).toContain(
        'Groups of strong features that random directions would not produce: a whole factor of a named shape, or a k-plane holding more than k features found inside a larger group. Significance is −log₁₀ of the expected number',
      );
    });

    it('weak features: one row each with norm, partner and cos, or the sentence for none', () => {
      const s = section('Weak features');
      if (report.weak.length === 0) {
        expect(s).toContain('None: no learned feature sits far below a feature it interferes with.');
        expect(markdownTable(s)).toEqual([]);
        return;
      }
      expect(s).toContain(`Learned, but below ×${report.params.weakRatio} of a feature they interfere with; kept out of every structure.`);
      const [header, ...rows] = markdownTable(s);
      expect(header).toEqual(['feature', 'norm', 'rides on', 'cos']);
      expect(rows).toEqual(
        report.weak.map((w) => [String(w.index), w.norm.toPrecision(3), w.ridesOn === null ? '—' : String(w.ridesOn), w.cos === null ? '—' : w.cos.toFixed(3)]),
      );
    });

    it('planes: one row per plane', () => {
      const s = section('Planes (Hough step)');
      if (report.planes.length === 0) {
        expect(s).toContain('No k-plane holds more than k features.');
        return;
      }
      const [header, ...rows] = markdownTable(s);
      expect(header).toEqual(['k', 'features', 'subsets']);
      expect(rows).toEqual(report.planes.map((p) => [String(p.dimension), p.features.join(', '), String(p.subsets)]));
    });

    it('spherical codes: the legend, one line per code with its verdict', () => {
      const s = section('Spherical codes');
      expect(s).toContain(CODES_LEGEND);
      expect(s.filter((l) => l.startsWith('- '))).toEqual(report.codes.map((c) => `- ${c.bundle === null ? 'all' : `bundle ${c.bundle}`}: ${c.verdict}`));
      expect(report.codes.length).toBeGreaterThan(0);
      expect(s).not.toContain('No bundle has two or more features.');
    });

    it('spheres: the legend, one line per sphere with radius, centre distance, residual and p', () => {
      const s = section('Spheres (any centre)');
      expect(s).toContain(SPHERES_LEGEND);
      const lines = s.filter((l) => l.startsWith('- '));
      expect(lines).toHaveLength(report.spheres.length);
      report.spheres.forEach((sp, i) => {
        expect(lines[i]).toBe(
          `- ${sphereName(sp.dimension)} through features ${sp.features.join(', ')}: radius ${sp.radius.toPrecision(4)}, centre at distance ${Math.hypot(...sp.centre).toPrecision(3)} from the origin (residual ${sp.residual.toPrecision(2)}, p ≤ ${sp.pValue.toPrecision(2)})`,
        );
      });
      if (report.spheres.length === 0) expect(s).toContain('No circle or 2-sphere holds more features than it needs.');
      else expect(s).not.toContain('No circle or 2-sphere holds more features than it needs.');
    });

    it('topology: points, dimensions, threshold, verdict; per dimension its bar count and five longest bars, longest first', () => {
      const s = section('Topology of the feature cloud');
      const t = report.topology;
      expect(s[1]).toBe(
        `Vietoris–Rips persistence of the ${t.points} represented unit directions (Euclidean, H0–H${t.maxDimension}, complete to ${t.threshold.toPrecision(3)}): ${t.verdict.text}.` +
          (t.note ? ` (${t.note})` : ''),
      );
      const lines = s.filter((l) => l.startsWith('- H'));
      expect(lines).toHaveLength(t.diagrams.length);
      t.diagrams.forEach((d, i) => {
        const m = /^- H(\d+): (\d+) bars; longest ?(.*)$/.exec(lines[i]);
        expect(m, lines[i]).not.toBeNull();
        const [, dim, count, bars] = m as RegExpExecArray;
        expect(Number(dim)).toBe(d.dimension);
        expect(Number(count)).toBe(d.pairs.length);
        const shown = [...bars.matchAll(/\[([^,]+), ([^)]+)\)/g)].map((b) => ({ birth: Number(b[1]), death: b[2] === '∞' ? null : Number(b[2]) }));
        expect(shown).toHaveLength(Math.min(5, d.pairs.length));
        // Each bar shown is a bar of the diagram, in 3 significant digits, longest first.
        const lengths = shown.map((p) => barLength(p, t.threshold));
        for (let k = 1; k < lengths.length; k++) expect(lengths[k]).toBeLessThanOrEqual(lengths[k - 1] + 2e-3 * t.threshold);
        const all = d.pairs.map((p) => barLength(p, t.threshold)).sort((x, y) => y - x);
        // Three significant digits at each end: within 0.01 for values near 1.
        if (all.length > 0) expect(Math.abs(lengths[0] - all[0])).toBeLessThanOrEqual(0.011 * Math.max(1, t.threshold));
        for (const p of shown) {
          const match = d.pairs.find(
            (q) =>
              q.birth.toPrecision(3) === p.birth.toPrecision(3) && (q.death === null ? p.death === null : q.death.toPrecision(3) === p.death?.toPrecision(3)),
          );
          expect(match, JSON.stringify(p)).toBeDefined();
        }
        if (d.pairs.length > 0) expect(bars.split(' [').length).toBe(shown.length);
      });
    });

    it('arrangement: hyperplanes, ambient space, bias, counts, method, product factors against the bundles', () => {
      const s = section('Decoder hyperplane arrangement');
      const a = report.arrangement;
      expect(s[1]).toBe(
        `${a.n} hyperplanes ⟨w_i, h⟩ + b_i = 0 in R^${a.m}${a.hasBias ? '' : ' (no bias in the file: b = 0, a central arrangement)'}: **${countsSentence(a)}** (${methodSentence(a)}).`,
      );
      expect(s[1]).toContain(`${a.regionsText} regions, ${a.boundedRegionsText} bounded`);
      const relation = a.bundles.relation === 'same' ? 'the same split as the bundles' : `${a.bundles.relation} than the bundles`;
      expect(s[3]).toBe(`Product factors: ${a.factors.map((f) => `{${f.join(', ')}}`).join(' × ')} — ${relation}.`);
      expect(s.some((l) => l.startsWith('Note: '))).toBe(a.capped !== undefined);
    });

    it('features: one row per feature with norm, D_i, role, bundle and structure', () => {
      const [header, ...rows] = markdownTable(section('Features'));
      expect(header).toEqual(['index', 'norm', 'D_i', 'role', 'bundle', 'structure']);
      expect(rows).toEqual(
        report.features.map((f) => [
          String(f.index),
          f.norm.toPrecision(4),
          f.dimensionality.toFixed(4),
          f.role,
          String(f.bundle ?? '—'),
          String(f.structure ?? '—'),
        ]),
      );
    });

    it('parameters: every threshold with its source and rationale, every eps, the search settings', () => {
      const s = section('Parameters').filter((l) => l.startsWith('- '));
      const p = report.params;
      const expected = [
        `- represented norm > ${p.representedNorm.value.toPrecision(4)} (${p.representedNorm.source}: ${p.representedNorm.rationale})`,
        `- weak: norm below ×${p.weakRatio} of a feature in the same group`,
        `- noise floor |cos| > ${p.noiseFloor.value.toPrecision(4)} (${p.noiseFloor.source}: ${p.noiseFloor.rationale})`,
        ...Object.entries(p.eps).map(([k, t]) => `- eps ${k} = ${t.value.toPrecision(4)} (${t.source}: ${t.rationale})`),
        `- min_samples = ${p.minSamples}, K = ${p.maxK}, backend: ${p.backend}`,
        `- enumerated: ${p.enumerated} (${p.subsetsEmbedded} subsets)`,
        ...p.structureSearch.map((l) => `- structure search, ${l}`),
      ];
      expect(s).toEqual(expected);
      expect(Object.keys(p.eps).length).toBeGreaterThan(0);
    });
  });

  describe('terminal text', () => {
    let lines: string[];
    beforeAll(() => {
      const text = terminalSummary(report);
      expect(text.endsWith('\n')).toBe(true);
      lines = text.slice(0, -1).split('\n');
    });
    const line = (prefix: string): string => {
      const found = lines.filter((l) => l.startsWith(prefix));
      if (found.length !== 1) throw new Error(`${found.length} lines start with "${prefix}"`);
      return found[0];
    };

    it('the head line and the bundle table, one row per bundle', () => {
      const { input } = report;
      expect(lines[0]).toBe(
        `${input.file} · ${input.tensor}${input.instance !== undefined ? `[${input.instance}]` : ''} · n = ${input.n} features in m = ${input.m} dims`,
      );
      expect(lines[1]).toBe('');
      const header = lines[2].split(/\s{2,}/);
      expect(header).toEqual(['bundle', 'features', 'dim', 'polytope', 'regularity', 'mean D']);
      expect(lines[3]).toMatch(/^[─ ]+$/);
      const rows = lines.slice(4, 4 + report.bundles.length).map((l) => l.trim().split(/\s{2,}/));
      expect(rows).toEqual(
        report.bundles.map((b) => [
          String(b.id),
          compactList(b.features),
          String(b.dimension),
          b.polytope,
          reg(b.regularity),
          meanDimensionality(report, b.features).toFixed(3),
        ]),
      );
      // Columns line up: every row is as wide as the rule under the header.
      const width = lines[3].length;
      for (const l of lines.slice(4, 4 + report.bundles.length)) expect(l.length).toBeLessThanOrEqual(width);
      expect(lines[4 + report.bundles.length]).toBe('');
      // Blank lines only after the head line and under the table.
      expect(lines.filter((l) => l === '')).toHaveLength(2);
    });

    it('decomposition (grouped), composites, structures one per line', () => {
      const d = lines.indexOf(`decomposition: ${groupedLine(report.decomposition)}`);
      expect(d).toBeGreaterThan(0);
      expect(lines.slice(d + 1, d + 1 + report.composites.length)).toEqual(report.composites.map((c) => `  ${c}`));
      const s = d + 1 + report.composites.length;
      if (report.structures.length === 0) expect(lines[s]).toBe('structures: none');
      else {
        expect(lines[s]).toBe(`structures: ${report.structures.length} (${countsByLabel(report.structures)})`);
        expect(lines.slice(s + 1, s + 1 + report.structures.length)).toEqual(
          report.structures.map(
            (st) =>
              `  ${st.label} in ${st.dimension}-d {${compactList(st.features)}}${st.regularity === null ? '' : ` regularity ${st.regularity.toFixed(3)}`}, significance ${st.significance >= 300 ? '≥ 300' : fmt(st.significance)}, max cross |cos| ${fmt(st.maxCrossCos)}`,
          ),
        );
      }
    });

    it('generic, weak and unrepresented features', () => {
      const g = report.generic;
      const has = (p: string): boolean => lines.some((l) => l.startsWith(p));
      expect(has('generic: ')).toBe(g.count > 0);
      if (g.count) expect(line('generic: ')).toBe(`generic: ${g.count} strong feature${g.count === 1 ? '' : 's'} in no structure (${compactList(g.indices)})`);
      expect(has('weak: ')).toBe(report.weak.length > 0);
      if (report.weak.length) {
        const w = report.weak;
        expect(line('weak: ')).toMatch(new RegExp(`^weak: ${w.length} features? \\(${compactList(w.map((x) => x.index))}\\), kept out of structures`));
      }
      expect(has('unrepresented: ')).toBe(report.unrepresented.length > 0);
      if (report.unrepresented.length) expect(line('unrepresented: ')).toBe(`unrepresented: ${compactList(report.unrepresented)}`);
    });

    it('spherical codes: the polytope and angle ratio of every bundle code with a best-known table entry', () => {
      const codes = report.codes.filter((c) => c.bundle !== null && c.angleRatio !== null);
      const has = lines.some((l) => l.startsWith('spherical codes'));
      expect(has).toBe(codes.length > 0);
      if (codes.length)
        expect(line('spherical codes')).toBe(
          `spherical codes (min angle / best known): ${codes.map((c) => `${report.bundles[c.bundle as number].polytope} ${(c.angleRatio as number).toFixed(3)}`).join(', ')}`,
        );
    });

    it('topology verdict, arrangement counts, spheres, planes', () => {
      const t = report.topology;
      expect(line('topology: ')).toBe(`topology: ${t.verdict.text}${t.note ? ` (${t.note})` : ''}`);
      const a = report.arrangement;
      const relation = a.bundles.relation === 'same' ? 'match the bundles' : `${a.bundles.relation} than the bundles`;
      expect(line('arrangement: ')).toBe(
        `arrangement: ${a.n} hyperplanes in R^${a.m}${a.hasBias ? '' : ' (b = 0)'}: ${shortCount(a.regionsText)} regions, ${shortCount(a.boundedRegionsText)} bounded; factors ${relation}`,
      );
      expect(lines.filter((l) => l.startsWith('sphere: '))).toEqual(
        report.spheres.map(
          (s) =>
            `sphere: ${sphereName(s.dimension)} {${compactList(s.features)}} radius ${fmt(s.radius)}, centre ${fmt(Math.hypot(...s.centre))} from the origin`,
        ),
      );
      expect(line('planes: ')).toBe(
        report.planes.length
          ? `planes: ${report.planes.map((p) => `${p.dimension}-plane {${compactList(p.features)}}`).join(', ')}`
          : 'planes: none holding more than k features',
      );
    });

    it('params: thresholds, weak ratio, eps per k as a range, search settings', () => {
      const p = report.params;
      const byK = new Map<string, number[]>();
      for (const [key, t] of Object.entries(p.eps)) {
        const k = /k=\d+$/.exec(key)?.[0] as string;
        byK.set(k, [...(byK.get(k) ?? []), t.value]);
      }
      const eps = [...byK.keys()]
        .sort()
        .map((k) => {
          const v = byK.get(k) as number[];
          const [lo, hi] = [Math.min(...v), Math.max(...v)];
          return `${k}: ${lo === hi ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`}`;
        })
        .join(' ');
      expect(lines.at(-1)).toBe(
        `params: represented norm > ${fmt(p.representedNorm.value)}, weak below ×${p.weakRatio} of a partner, noise floor |cos| > ${fmt(p.noiseFloor.value)}, eps ${eps}, min_samples ${p.minSamples}, K ${p.maxK}, ${p.backend}`,
      );
    });
  });

  describe('report.html (DOM)', () => {
    let parsed: ReturnType<typeof htmlSections>;
    beforeAll(() => {
      parsed = htmlSections(reportToHtml(report, W));
    });
    const section = (name: string): ReturnType<typeof htmlSections>['sections'] extends Map<string, infer V> ? V : never => {
      const s = parsed.sections.get(name);
      if (!s) throw new Error(`no section ${name}; have ${[...parsed.sections.keys()].join(' / ')}`);
      return s;
    };
    const texts = (name: string): string[] => section(name).map((e) => e.text);

    it('a self-contained page: title, no scripts, no external references, the sections in order', () => {
      const { doc, sections } = parsed;
      expect(doc.querySelector('title')?.text).toBe(`tegum report: ${report.input.file}`);
      expect(doc.querySelector('html')?.getAttribute('lang')).toBe('en');
      expect(doc.querySelectorAll('script')).toHaveLength(0);
      expect(doc.querySelectorAll('[src], link')).toHaveLength(0);
      expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toContain("default-src 'none'");
      expect([...sections.keys()]).toEqual([
        '',
        'Bundles (tegum factors)',
        'Structures',
        'Each bundle in its own basis',
        'Gram matrix WTW, ordered by bundle',
        'Feature dimensionality',
        'Planes (Hough step)',
        'Spherical codes',
        'Spheres (any centre)',
        'Topology of the feature cloud',
        'Decoder hyperplane arrangement',
        'Parameters',
      ]);
    });

    it('the head: file, tensor, shape, decomposition, structures line, composites', () => {
      const head = section('');
      expect(head[0].tagName).toBe('H1');
      expect(head[0].text).toBe(`tegum report: ${report.input.file}`);
      expect(head[1].text).toBe(`Tensor ${report.input.tensor}: n = ${report.input.n} features in m = ${report.input.m} dimensions.`);
      expect(parsed.doc.querySelector('p.decomp')?.text).toBe(report.decomposition);
      const structures =
        (report.structures.length ? countsByLabel(report.structures) : 'none') +
        (report.generic.count ? `; ${report.generic.count} generic` : '') +
        (report.weak.length ? `; ${report.weak.length} weak` : '');
      expect(parsed.doc.querySelector('p.structures-line')?.text).toBe(`Structures: ${structures}.`);
      const composites = head.filter((e) => e.tagName === 'UL');
      expect(composites.flatMap((ul) => ul.querySelectorAll('li').map((li) => li.text))).toEqual(report.composites);
      expect(composites).toHaveLength(report.composites.length ? 1 : 0);
    });

    it('bundles: one row per bundle, its colour swatch, and the unrepresented', () => {
      const s = section('Bundles (tegum factors)');
      const table = s.find((e) => e.tagName === 'TABLE');
      if (!table) throw new Error('no bundle table');
      const [header, ...rows] = htmlTable(table);
      expect(header).toEqual(['bundle', 'features', 'dim', 'polytope', 'regularity', 'mean Di']);
      expect(rows).toEqual(
        report.bundles.map((b) => [
          String(b.id),
          b.features.join(', '),
          String(b.dimension),
          b.polytope,
          reg(b.regularity),
          meanDimensionality(report, b.features).toFixed(3),
        ]),
      );
      const swatches = table.querySelectorAll('span.sw').map((e) => e.getAttribute('style'));
      expect(new Set(swatches).size).toBe(Math.min(report.bundles.length, 9));
      expect(texts('Bundles (tegum factors)')).toContain(`Unrepresented: ${report.unrepresented.length ? report.unrepresented.join(', ') : 'none'}.`);
    });

    it('structures: one row per structure, the generic and the weak features', () => {
      const s = section('Structures');
      const table = s.find((e) => e.tagName === 'TABLE');
      if (report.structures.length === 0) expect(table).toBeUndefined();
      else {
        if (!table) throw new Error('no structures table');
        const [header, ...rows] = htmlTable(table);
        expect(header).toEqual(['structure', 'label', 'dim', 'features', 'regularity', 'significance', 'max cross |cos|', 'found as']);
        expect(rows).toEqual(
          report.structures.map((st) => [
            String(st.id),
            st.label,
            String(st.dimension),
            st.features.join(', '),
            reg(st.regularity),
            sig(st.significance),
            st.maxCrossCos.toFixed(3),
            st.source,
          ]),
        );
      }
      const t = texts('Structures');
      const g = report.generic;
      expect(t).toContain(`Generic (strong, in no structure): ${g.count ? `${g.count} — ${g.indices.join(', ')}` : 'none'}.`);
      const weak = report.weak.length
        ? `Weak (learned, below ×${report.params.weakRatio} of a feature they interfere with; kept out of structures): ${report.weak
            .map((w) => `${w.index}${w.ridesOn !== null ? ` rides on ${w.ridesOn} (cos ${(w.cos as number).toFixed(3)})` : ''}`)
            .join(', ')}.`
        : 'Weak features: none.';
      expect(t).toContain(weak);
      expect(t[0]).toContain('Significance: −log10 of the expected number of such groups');
    });

    it('planes: one row per plane', () => {
      const s = section('Planes (Hough step)');
      const table = s.find((e) => e.tagName === 'TABLE');
      if (report.planes.length === 0) {
        expect(table).toBeUndefined();
        expect(texts('Planes (Hough step)')).toEqual(['No k-plane holds more than k features.']);
        return;
      }
      if (!table) throw new Error('no planes table');
      const [header, ...rows] = htmlTable(table);
      expect(header).toEqual(['k', 'features', 'subsets']);
      expect(rows).toEqual(report.planes.map((p) => [String(p.dimension), p.features.join(', '), String(p.subsets)]));
    });

    it('spherical codes: the legend, one row per code with every number', () => {
      const s = section('Spherical codes');
      expect(s[0].text).toBe(CODES_LEGEND);
      const table = s.find((e) => e.tagName === 'TABLE');
      if (!table) throw new Error('no codes table');
      const [header, ...rows] = htmlTable(table);
      expect(header).toEqual(['bundle', 'points', 'min angle', 'of best known', 'Thomson energy / min', 'coherence', 'Welch bound', 'random δ']);
      expect(rows).toEqual(
        report.codes.map((c) => [
          c.bundle === null ? 'all represented' : `${c.bundle}: ${report.bundles[c.bundle].polytope}`,
          `${c.n} in R${c.d}`,
          `${c.minAngleDeg.toFixed(2)}°`,
          reg(c.angleRatio),
          reg(c.energyRatio),
          c.coherence.toFixed(3),
          reg(c.welchBound),
          c.randomBaseline.toFixed(3),
        ]),
      );
      expect(table.querySelectorAll('sup').map((e) => e.text)).toEqual(report.codes.map((c) => String(c.d)));
    });

    it('spheres: the legend, one item per sphere', () => {
      const s = section('Spheres (any centre)');
      expect(s[0].text).toBe(SPHERES_LEGEND);
      const items = s.flatMap((e) => e.querySelectorAll('li')).map((li) => li.text);
      expect(items).toEqual(
        report.spheres.map(
          (sp) =>
            `${sphereName(sp.dimension)} through features ${sp.features.join(', ')}: radius ${sp.radius.toPrecision(4)}, centre ${Math.hypot(...sp.centre).toPrecision(3)} from the origin, residual ${sp.residual.toPrecision(2)}, p ≤ ${sp.pValue.toPrecision(2)}`,
        ),
      );
      if (report.spheres.length === 0) expect(s[1].text).toBe('No circle or 2-sphere holds more features than it needs.');
    });

    it('topology: the verdict sentence and a barcode', () => {
      const s = section('Topology of the feature cloud');
      const t = report.topology;
      expect(s[0].text).toBe(
        `Vietoris–Rips persistence of the ${t.points} represented unit directions (Euclidean, H0–H${t.maxDimension}): ${t.verdict.text}.${t.note ? ` (${t.note})` : ''}`,
      );
      expect(s.filter((e) => e.tagName === 'SVG')).toHaveLength(t.diagrams.length ? 1 : 0);
    });

    it('arrangement: counts, method, product factors against the bundles', () => {
      const s = section('Decoder hyperplane arrangement');
      const a = report.arrangement;
      expect(s[0].text).toBe(
        `${a.n} hyperplanes ⟨wi, h⟩ + bi = 0 in R${a.m}${a.hasBias ? '' : ' (no bias in the file: b = 0)'}: ${countsSentence(a)}.\n${methodSentence(a)}.`,
      );
      expect(s[0].querySelector('b')?.text).toBe(countsSentence(a));
      const relation = a.bundles.relation === 'same' ? 'the same split as the bundles' : `${a.bundles.relation} than the bundles`;
      expect(s[1].text).toBe(`Product factors: ${a.factors.map((f) => `{${f.join(', ')}}`).join(' × ')} (${relation}).${a.capped ? ` ${a.capped}` : ''}`);
      expect(s.filter((e) => e.tagName === 'SVG')).toHaveLength(report.input.m >= 2 && a.features.length > 0 ? 1 : 0);
    });

    it('parameters: every threshold with value, source and rationale; the search settings', () => {
      const s = section('Parameters');
      const table = s.find((e) => e.tagName === 'TABLE');
      if (!table) throw new Error('no parameter table');
      expect(table.getAttribute('class')).toBe('params');
      const p = report.params;
      const [header, ...rows] = htmlTable(table);
      expect(header).toEqual(['threshold', 'value', 'how it was chosen']);
      expect(rows).toEqual(
        [
          ['represented norm', p.representedNorm] as const,
          ['noise floor |cos|', p.noiseFloor] as const,
          ...Object.entries(p.eps).map(([k, t]) => [`eps ${k}`, t] as const),
        ].map(([name, t]) => [name, t.value.toPrecision(4), `${t.source}: ${t.rationale}`]),
      );
      expect(s.at(-1)?.text).toBe(
        `min_samples = ${p.minSamples}, K = ${p.maxK}, backend: ${p.backend}; enumerated ${p.subsetsEmbedded} subsets: ${p.enumerated}.`,
      );
    });

    it('figures: one shape per bundle, the Gram matrix, the dimensionality plot', () => {
      const shapes = parsed.doc.querySelectorAll('div.shapes > svg');
      expect(shapes.map((e) => e.getAttribute('aria-label'))).toEqual(
        report.bundles.map((b) => `${b.polytope}, bundle ${b.id} · dim ${b.dimension}${b.dimension > 3 ? ' (leading 3 axes)' : ''}`),
      );
      expect(section('Gram matrix WTW, ordered by bundle')[0].querySelector('svg')?.getAttribute('aria-label')).toBe('Gram matrix ordered by bundle');
      expect(section('Feature dimensionality')[0].querySelector('svg')?.getAttribute('aria-label')).toBe('Feature dimensionality energy levels');
    });
  });

  it('report.json is the Report, two-space indented, one trailing newline', () => {
    const json = reportToJson(report);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.split('\n')[1]).toMatch(/^ {2}"schema": /);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(report)));
  });
});

/** A real report with some fields replaced: branches the committed inputs never reach. */
function variant(base: Report, patch: (r: Report) => void): Report {
  const r = structuredClone(base);
  patch(r);
  return r;
}

describe('branches no committed input reaches (a real report, edited)', () => {
  const base = sample.report;
  const weakBase = reports.find((r) => r.report.weak.length > 0) as RealReport;

  it('no structures, no generic, no weak, no composites, no codes', () => {
    const r = variant(base, (x) => {
      x.structures = [];
      x.generic = { count: 0, indices: [] };
      x.weak = [];
      x.composites = [];
      x.codes = [];
      x.unrepresented = [];
    });
    const md = reportToMarkdown(r);
    expect(md).toContain('**Structures:** none.\n');
    const s = markdownSections(md);
    expect(s.get('Structures')).toContain('None.');
    expect(s.get('Structures')).toContain('Generic (strong, in no structure): none.');
    expect(s.get('Spherical codes')).toContain('No bundle has two or more features.');
    expect(s.get('Bundles (tegum factors)')).toContain('Unrepresented features: none.');
    const text = terminalSummary(r);
    expect(text).toMatch(/^structures: none$/m);
    expect(text).not.toMatch(/^(generic|weak|unrepresented|spherical codes)/m);
    const { doc, sections } = htmlSections(reportToHtml(r, sample.W));
    expect(doc.querySelector('p.structures-line')?.text).toBe('Structures: none.');
    expect(sections.get('Structures')?.map((e) => e.text)).toContain('No structure: no group of strong features stands out from random directions.');
    expect(sections.get('Spherical codes')?.map((e) => e.text)).toContain('No bundle has two or more features.');
    expect(doc.querySelectorAll('h1 ~ ul')).toHaveLength(0);
  });

  it('one generic feature, one weak feature, a significance past 300, a weak rider', () => {
    const r = variant(weakBase.report, (x) => {
      x.generic = { count: 1, indices: [x.generic.indices[0] ?? 0] };
      x.structures[0].significance = 301;
      x.weak = [{ ...x.weak[0], ridesOn: 2, cos: -0.95123 }];
    });
    const text = terminalSummary(r);
    expect(text).toMatch(/^generic: 1 strong feature in no structure \(\d+\)$/m);
    expect(text).toContain(
      `weak: 1 feature (${r.weak[0].index}), kept out of structures; ${r.weak[0].index} rides on 2 at cos -0.9512, norm ${fmt(r.weak[0].norm)}\n`,
    );
    expect(text).toContain('significance ≥ 300,');
    const md = reportToMarkdown(r);
    expect(md).toContain(`| ${r.weak[0].index} | ${r.weak[0].norm.toPrecision(3)} | 2 | -0.951 |`);
    expect(md).toContain('| ≥ 300 |');
    const html = htmlSections(reportToHtml(r, weakBase.W));
    expect(html.sections.get('Structures')?.map((e) => e.text)).toContain(
      `Weak (learned, below ×${r.params.weakRatio} of a feature they interfere with; kept out of structures): ${r.weak[0].index} rides on 2 (cos -0.951).`,
    );
  });

  it('more than three riders: three shown and the rest counted', () => {
    const r = variant(weakBase.report, (x) => {
      x.weak = [0, 1, 2, 3, 4].map((i) => ({ index: 10 + i, norm: 0.125, ridesOn: i, cos: 0.5 }));
    });
    const weak = terminalSummary(r)
      .split('\n')
      .find((l) => l.startsWith('weak: '));
    expect(weak).toBe(
      'weak: 5 features (10–14), kept out of structures; 10 rides on 0 at cos 0.5, norm 0.125; 11 rides on 1 at cos 0.5, norm 0.125; 12 rides on 2 at cos 0.5, norm 0.125; … 2 more riders',
    );
    const three = variant(r, (x) => void x.weak.splice(3));
    expect(terminalSummary(three)).toContain('12 rides on 2 at cos 0.5, norm 0.125\n');
  });

  it('an arrangement whose counts failed a check, capped, with no bias, coarser than the bundles', () => {
    const r = variant(base, (x) => {
      x.arrangement.error = 'Zaslavsky identity failed';
      x.arrangement.capped = 'too many flats';
      x.arrangement.hasBias = false;
      x.arrangement.bundles.relation = 'coarser';
      x.topology.note = 'H2 skipped';
    });
    const text = terminalSummary(r);
    expect(text).toContain(
      `arrangement: ${r.arrangement.n} hyperplanes in R^${r.arrangement.m} (b = 0): counts withheld (Zaslavsky identity failed); factors coarser than the bundles\n`,
    );
    expect(text).toContain(`topology: ${r.topology.verdict.text} (H2 skipped)\n`);
    const md = markdownSections(reportToMarkdown(r));
    const a = md.get('Decoder hyperplane arrangement') as string[];
    expect(a[1]).toContain('(no bias in the file: b = 0, a central arrangement)');
    expect(a[1]).toContain('counts not reported — Zaslavsky identity failed');
    expect(a[3]).toMatch(/ — coarser than the bundles\.$/);
    expect(a).toContain('Note: too many flats');
    expect((md.get('Topology of the feature cloud') as string[])[1]).toMatch(/ \(H2 skipped\)$/);
    const html = htmlSections(reportToHtml(r, sample.W));
    const s = html.sections.get('Decoder hyperplane arrangement') ?? [];
    expect(s[1].text).toMatch(/\(coarser than the bundles\)\. too many flats$/);
    expect(html.sections.get('Topology of the feature cloud')?.[0].text).toMatch(/\. \(H2 skipped\)$/);
  });

  it('no planes, two generic features, a weak feature with no partner, a significance of exactly 300', () => {
    const r = variant(weakBase.report, (x) => {
      x.planes = [];
      x.generic = { count: 2, indices: [3, 7] };
      x.weak = [{ ...x.weak[0], ridesOn: null, cos: null }];
      x.structures[0].significance = 300;
    });
    const md = reportToMarkdown(r);
    const s = markdownSections(md);
    expect(s.get('Planes (Hough step)')).toContain('No k-plane holds more than k features.');
    expect(s.get('Structures')).toContain('Generic (strong, in no structure): 2 — 3, 7.');
    expect(markdownTable(s.get('Weak features') as string[])[1]).toEqual([String(r.weak[0].index), r.weak[0].norm.toPrecision(3), '—', '—']);
    expect(markdownTable(s.get('Structures') as string[])[1][5]).toBe('≥ 300');
    const text = terminalSummary(r);
    expect(text).toContain('planes: none holding more than k features\n');
    expect(text).toContain('generic: 2 strong features in no structure (3, 7)\n');
    expect(text).toContain(`weak: 1 feature (${r.weak[0].index}), kept out of structures\n`);
    expect(text).toContain('significance ≥ 300,');
    const html = htmlSections(reportToHtml(r, weakBase.W));
    expect(html.sections.get('Planes (Hough step)')?.map((e) => e.text)).toEqual(['No k-plane holds more than k features.']);
    const t = html.sections.get('Structures')?.map((e) => e.text) ?? [];
    expect(t).toContain('Generic (strong, in no structure): 2 — 3, 7.');
    expect(t).toContain(`Weak (learned, below ×${r.params.weakRatio} of a feature they interfere with; kept out of structures): ${r.weak[0].index}.`);
    expect(htmlTable(html.sections.get('Structures')?.find((e) => e.tagName === 'TABLE') as HTMLElement)[1][5]).toBe('≥ 300');
    const below = variant(r, (x) => void (x.structures[0].significance = 299.94));
    expect(markdownTable(markdownSections(reportToMarkdown(below)).get('Structures') as string[])[1][5]).toBe('299.9');
    expect(terminalSummary(below)).toContain('significance 299.9,');
  });

  it('a 2-sphere is named so in every writer', () => {
    const withSphere = reports.find((x) => x.report.spheres.length > 0) as RealReport;
    const r = variant(withSphere.report, (x) => {
      x.spheres = [{ ...x.spheres[0], dimension: 2, centre: [0.3, 0.4], radius: 0.5, residual: 0.0123, pValue: 0.001 }];
    });
    const f = r.spheres[0].features;
    expect(terminalSummary(r)).toContain(`sphere: 2-sphere {${compactList(f)}} radius 0.5, centre 0.5 from the origin\n`);
    expect(reportToMarkdown(r)).toContain(
      `- 2-sphere through features ${f.join(', ')}: radius 0.5000, centre at distance 0.500 from the origin (residual 0.012, p ≤ 0.0010)\n`,
    );
    const html = htmlSections(reportToHtml(r, withSphere.W));
    expect(
      html.sections
        .get('Spheres (any centre)')
        ?.flatMap((e) => e.querySelectorAll('li'))
        .map((li) => li.text),
    ).toEqual([`2-sphere through features ${f.join(', ')}: radius 0.5000, centre 0.500 from the origin, residual 0.012, p ≤ 0.0010`]);
  });

  it('huge region counts are shortened on the terminal, never in report.md', () => {
    const digits = '9' + '0'.repeat(20);
    const r = variant(base, (x) => {
      x.arrangement.regionsText = digits;
      x.arrangement.boundedRegionsText = '12';
    });
    expect(terminalSummary(r)).toContain(': ≈ 9.000 × 10^20 regions, 12 bounded;');
    expect(reportToMarkdown(r)).toContain(`${digits} regions, 12 bounded`);
  });

  it('large reports: no bundle table past 40 bundles, structures counted past 40, planes counted past 12, codes dropped past 40', () => {
    const b = base.bundles[0];
    const code = base.codes.find((c) => c.bundle !== null && c.angleRatio !== null);
    if (!code) throw new Error('no code with a ratio');
    const r = variant(base, (x) => {
      x.bundles = Array.from({ length: 41 }, (_, id) => ({ ...b, id }));
      x.structures = Array.from({ length: 41 }, (_, id) => ({ ...x.structures[0], id }));
      x.planes = Array.from({ length: 13 }, () => ({ ...x.planes[0] }));
      x.codes = Array.from({ length: 41 }, (_, i) => ({ ...code, bundle: i }));
    });
    const lines = terminalSummary(r).split('\n');
    expect(lines.some((l) => l.startsWith('bundle '))).toBe(false);
    expect(lines[2]).toMatch(/^decomposition: /);
    expect(lines.filter((l) => l === '')).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('structures: '))).toEqual([`structures: 41 (${r.structures[0].label} ×41)`]);
    expect(lines.filter((l) => l.startsWith(`  ${r.structures[0].label} in`))).toHaveLength(0);
    expect(lines).toContain('planes: 13 k-planes holding more than k features (see report.json)');
    expect(lines.some((l) => l.startsWith('spherical codes'))).toBe(false);
    const fewer = variant(r, (x) => {
      x.bundles.splice(40);
      x.structures.splice(40);
      x.planes.splice(12);
      x.codes.splice(40);
    });
    const shorter = terminalSummary(fewer).split('\n');
    expect(shorter.filter((l) => /^ *\d+ {2}/.test(l))).toHaveLength(40);
    expect(shorter.filter((l) => l.startsWith(`  ${r.structures[0].label} in`))).toHaveLength(40);
    expect(shorter.find((l) => l.startsWith('planes: '))?.split('-plane')).toHaveLength(13);
    expect(shorter.find((l) => l.startsWith('spherical codes'))?.split(', ')).toHaveLength(40);
  });

  it('eps per k: one value, or the range across groups', () => {
    const r = variant(base, (x) => {
      const t = { source: 'auto' as const, rationale: 'r' };
      x.params.eps = {
        'group 0, k=1': { ...t, value: 0.5 },
        'group 1, k=1': { ...t, value: 0.25 },
        'group 0, k=2': { ...t, value: 0.125 },
        'group 9, k=10': { ...t, value: 2 },
      };
    });
    expect(terminalSummary(r)).toMatch(/, eps k=1: 0\.25–0\.5 k=10: 2 k=2: 0\.125, min_samples /);
    const none = variant(base, (x) => void (x.params.eps = {}));
    expect(terminalSummary(none)).toContain(', eps —, min_samples ');
  });

  it('special characters in names are escaped in the page', () => {
    const r = variant(base, (x) => {
      x.input.file = 'a<b>&"c".npz';
      x.input.tensor = '<w>';
      x.decomposition = 'x < y & z';
      x.composites = ['<composite>'];
    });
    const html = reportToHtml(r, sample.W);
    expect(html).not.toContain('<b>&"c"');
    expect(html).not.toContain('<w>');
    const { doc } = htmlSections(html);
    expect(doc.querySelector('title')?.text).toBe('tegum report: a<b>&"c".npz');
    expect(doc.querySelector('code')?.text).toBe('<w>');
    expect(doc.querySelector('p.decomp')?.text).toBe('x < y & z');
    expect(doc.querySelector('h1 ~ ul li')?.text).toBe('<composite>');
  });
});
