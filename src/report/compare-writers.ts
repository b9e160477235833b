import type { CompareReport, RandomBaseline, RunSettings } from './compare-types.js';
import { escapeXml } from './svg.js';
import { markdownText } from './markdown-text.js';
import { phaseFigure } from './figures/phase-figure.js';
import { dimensionalityStrips } from './figures/dimensionality-strips.js';

/** Rows of the run table shared by the Markdown and HTML writers. */
function runRows(report: CompareReport): string[][] {
  return report.runs.map((run, i) => {
    const al = report.alignments.find((a) => a.run === i);
    const represented = run.report.input.n - run.report.unrepresented.length;
    return [
      run.label,
      run.settings.p !== undefined ? String(run.settings.p) : '—',
      String(represented),
      run.report.decomposition,
      al ? al.residual.toPrecision(3) : '—',
    ];
  });
}

const RUN_HEADER = ['run', 'p', 'represented', 'decomposition', 'residual after alignment'];

/**
 * One run's losses in words, saying which is which: the trainer's recorded
 * loss (when its settings JSON was found) and the baseline's estimates of the
 * stored W and of random directions on one common sample.
 *
 * @param settings - The run's settings (its recorded loss, if any).
 * @param b - The run's random baseline.
 */
export function baselineSentence(settings: RunSettings, b: RandomBaseline): string {
  const recorded =
    settings.loss === undefined
      ? ''
      : `loss ${settings.loss.toPrecision(4)} as tegum train recorded it${settings.lossSamples === undefined ? '' : ` (${settings.lossSamples} samples)`}; `;
  return (
    `${recorded}on the baseline's ${b.samples} samples ${b.learnedLoss.toPrecision(4)} for W as stored vs ${b.randomLoss.toPrecision(4)} for random unit directions ` +
    `(best bias ${b.randomBias.toPrecision(3)}); |cos| RMS ${b.interferenceRms.toPrecision(3)}, max ${b.interferenceMax.toPrecision(3)}, δ ${b.delta.toPrecision(3)}`
  );
}

/** What the random-baseline table's columns mean (Markdown and HTML). */
const BASELINE_LEGEND =
  "Recorded loss: the trainer's own final loss (tegum train, float64 weights, its evaluation samples). " +
  'Learned and random loss: the Toy Models loss of W as stored in the file and of n random unit directions with the best single bias, both on the same fresh samples (the count is in the JSON, `samples`). ' +
  '|cos|: between represented features (norm > 0.5). δ = √(4 ln n / m): n random unit vectors in R^m have all |cos| ≤ δ with high probability, so a max |cos| well below δ is structure.';

const dash = (x: number | undefined): string => (x === undefined ? '—' : x.toPrecision(4));

export function compareToMarkdown(report: CompareReport): string {
  const out: string[] = ['# tegum compare', ''];
  out.push(`| ${RUN_HEADER.join(' | ')} |`, `|${RUN_HEADER.map(() => '---').join('|')}|`);
  for (const row of runRows(report)) out.push(`| ${row.map(markdownText).join(' | ')} |`);
  out.push('', '## What changed', '');
  for (const step of report.steps) {
    out.push(`### ${markdownText(report.runs[step.from].label)} → ${markdownText(report.runs[step.to].label)}`, '');
    if (step.changes.length === 0) out.push('- nothing');
    for (const c of step.changes) out.push(`- ${markdownText(c.text)}`);
    out.push('');
  }
  if (report.baselines.length) {
    out.push(
      '## Random baseline',
      '',
      '| run | recorded loss | learned loss | random loss (best bias) | RMS \\|cos\\| | max \\|cos\\| | δ |',
      '|---|---|---|---|---|---|---|',
    );
    for (const b of report.baselines) {
      out.push(
        `| ${markdownText(report.runs[b.run].label)} | ${dash(report.runs[b.run].settings.loss)} | ${b.learnedLoss.toPrecision(4)} | ${b.randomLoss.toPrecision(4)} (b = ${b.randomBias.toPrecision(3)}) | ${b.interferenceRms.toPrecision(3)} | ${b.interferenceMax.toPrecision(3)} | ${b.delta.toPrecision(3)} |`,
      );
    }
    out.push('', BASELINE_LEGEND, '');
  }
  // A blank line between notes: consecutive `>` lines would render as one quote, one paragraph.
  for (const [i, note] of report.notes.entries()) out.push(...(i > 0 ? [''] : []), `> ${markdownText(note)}`);
  return out.join('\n') + '\n';
}

/** A self-contained page (inline SVG, no scripts), like report.html for analyze. */
export function compareToHtml(report: CompareReport): string {
  const rows = runRows(report)
    .map((r) => `<tr>${r.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  const steps = report.steps
    .map(
      (s) =>
        `<h3>${escapeXml(report.runs[s.from].label)} → ${escapeXml(report.runs[s.to].label)}</h3><ul>${s.changes.length ? s.changes.map((c) => `<li>${escapeXml(c.text)}</li>`).join('') : '<li>nothing</li>'}</ul>`,
    )
    .join('\n');
  const baselines = report.baselines.length
    ? `<h2>Random baseline</h2><table><tr><th>run</th><th>recorded loss</th><th>learned loss</th><th>random loss</th><th>best scalar bias</th><th>RMS |cos|</th><th>max |cos|</th><th>δ = √(4 ln n / m)</th></tr>${report.baselines
        .map(
          (b) =>
            `<tr><td>${escapeXml(report.runs[b.run].label)}</td><td>${dash(report.runs[b.run].settings.loss)}</td><td>${b.learnedLoss.toPrecision(4)}</td><td>${b.randomLoss.toPrecision(4)}</td><td>${b.randomBias.toPrecision(3)}</td><td>${b.interferenceRms.toPrecision(3)}</td><td>${b.interferenceMax.toPrecision(3)}</td><td>${b.delta.toPrecision(3)}</td></tr>`,
        )
        .join('')}</table><p>${escapeXml(BASELINE_LEGEND)}</p>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>tegum compare</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1000px;color:#222;padding:0 16px}
h1{font-size:20px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #ddd}h3{font-size:14px;margin-bottom:4px}
table{border-collapse:collapse}td,th{padding:3px 10px;border-bottom:1px solid #eee;text-align:left}
</style></head><body>
<h1>tegum compare: ${report.runs.length} runs</h1>
<table><tr>${RUN_HEADER.map((h) => `<th>${h}</th>`).join('')}</tr>
${rows}</table>
<h2>Structure of each feature across runs</h2>
${phaseFigure(report)}
<h2>Feature dimensionality per run</h2>
${dimensionalityStrips(report)}
<h2>What changed</h2>
${steps}
${baselines}
${report.notes.map((n) => `<p><em>${escapeXml(n)}</em></p>`).join('\n')}
</body></html>
`;
}
