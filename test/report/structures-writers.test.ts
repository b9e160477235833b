/**
 * What a person reads about structures, weak and generic features, checked
 * against the Report it came from: report.md's table rows, report.html's
 * table and summary line, the terminal's lines.
 */
import { describe, expect, it } from 'vitest';
import { reportToMarkdown } from '../../src/report/markdown.js';
import { reportToHtml } from '../../src/report/html.js';
import { countsByLabel, terminalSummary } from '../../src/report/terminal.js';
import { realReports } from './real-reports.js';

describe('structures in the writers', () => {
  // test/fixtures/toymodels/n20_m5.npz[5], n = 20, m = 5 at p = 0.003: a digon, an unnamed group, three weak features.
  const { report, W } = realReports().find((r) => r.path.endsWith('n20_m5.npz')) as ReturnType<typeof realReports>[number];
  it('the fixture has structures and weak features to show', () => {
    expect(report.structures.length).toBeGreaterThan(0);
    expect(report.weak.length).toBeGreaterThan(0);
  });

  it('report.md: one table row per structure, the summary line, every weak feature', () => {
    const md = reportToMarkdown(report);
    expect(md).toContain(`**Structures:** ${countsByLabel(report.structures)}`);
    const rows = md.split('\n').filter((l) => /^\| \d+ \| [a-z0-9-]+ \| \d+ \| /.test(l));
    expect(rows).toHaveLength(report.structures.length);
    for (const s of report.structures) {
      const row = rows.find((r) => r.startsWith(`| ${s.id} | ${s.label} | ${s.dimension} | ${s.features.join(', ')} |`));
      expect(row, `structure ${s.id}`).toBeDefined();
      expect(row).toContain(s.regularity === null ? '| — |' : `| ${s.regularity.toFixed(3)} |`);
      expect(row).toContain(`| ${s.maxCrossCos.toFixed(3)} |`);
    }
    for (const w of report.weak) expect(md).toContain(`| ${w.index} | ${w.norm.toPrecision(3)} | ${w.ridesOn ?? '—'} |`);
  });

  it('report.html: the structures table and summary line', () => {
    const html = reportToHtml(report, W);
    expect(html).toContain(`Structures: ${countsByLabel(report.structures)}`);
    const start = html.indexOf('<table class="structures">');
    const table = html.slice(start, html.indexOf('</table>', start));
    expect(table.match(/<tr><td>\d+<\/td>/g)).toHaveLength(report.structures.length);
    for (const s of report.structures) expect(table).toContain(`<td>${s.id}</td><td>${s.label}</td><td>${s.dimension}</td><td>${s.features.join(', ')}</td>`);
  });

  it('the terminal: the structures line with counts by label, one line each, weak features', () => {
    const text = terminalSummary(report);
    expect(text).toContain(`structures: ${report.structures.length} (${countsByLabel(report.structures)})`);
    for (const s of report.structures) expect(text).toMatch(new RegExp(`^  ${s.label} in ${s.dimension}-d \\{`, 'm'));
    expect(text).toMatch(new RegExp(`^weak: ${report.weak.length} feature`, 'm'));
    if (report.generic.count) expect(text).toMatch(new RegExp(`^generic: ${report.generic.count} strong`, 'm'));
  });
});
