import type { Report } from './types.js';
import { countsSentence, methodSentence } from '../arrangements/describe.js';
import { meanDimensionality } from './mean-dimensionality.js';
import { countsByLabel } from './terminal.js';
import { CODES_LEGEND, SPHERES_LEGEND } from './geometry-legend.js';
import { markdownText } from './markdown-text.js';

/** report.md: the same content as the terminal table, as Markdown a researcher can paste into notes. */
export function reportToMarkdown(report: Report): string {
  const { input, params } = report;
  const out: string[] = [];
  out.push(`# tegum report: ${markdownText(input.file)}`, '');
  out.push(
    `Tensor \`${input.tensor}\`${input.instance !== undefined ? ` (instance ${input.instance})` : ''}: ` +
      `n = ${input.n} features in m = ${input.m} dimensions (features are ${input.featuresAre}).`,
    '',
  );
  out.push(`**Decomposition:** ${report.decomposition}`, '');
  out.push(
    `**Structures:** ${report.structures.length ? countsByLabel(report.structures) : 'none'}${report.generic.count ? `; ${report.generic.count} generic` : ''}${report.weak.length ? `; ${report.weak.length} weak` : ''}.`,
    '',
  );
  for (const c of report.composites) out.push(`- ${c}`);
  if (report.composites.length > 0) out.push('');
  out.push('## Bundles (tegum factors)', '');
  out.push('| bundle | features | dimension | polytope | regularity | mean D_i |', '|---:|---|---:|---|---:|---:|');
  for (const b of report.bundles) {
    out.push(
      `| ${b.id} | ${b.features.join(', ')} | ${b.dimension} | ${b.polytope} | ${b.regularity === null ? '—' : b.regularity.toFixed(3)} | ${meanDimensionality(report, b.features).toFixed(3)} |`,
    );
  }
  out.push('', `Unrepresented features: ${report.unrepresented.length ? report.unrepresented.join(', ') : 'none'}.`, '');
  out.push('## Structures', '');
  out.push(
    'Groups of strong features that random directions would not produce: a whole factor of a named shape, or a k-plane holding more than k features found inside a larger group. ' +
      'Significance is −log₁₀ of the expected number of such groups among as many random unit directions in R^m; max cross |cos| is the residual interference with the rest.',
    '',
  );
  if (report.structures.length === 0) out.push('None.');
  else {
    out.push(
      '| structure | label | dimension | features | regularity | significance | max cross \\|cos\\| | found as |',
      '|---:|---|---:|---|---:|---:|---:|---|',
    );
    for (const st of report.structures) {
      out.push(
        `| ${st.id} | ${st.label} | ${st.dimension} | ${st.features.join(', ')} | ${st.regularity === null ? '—' : st.regularity.toFixed(3)} | ${st.significance >= 300 ? '≥ 300' : st.significance.toFixed(1)} | ${st.maxCrossCos.toFixed(3)} | ${st.source} |`,
      );
    }
  }
  out.push('', `Generic (strong, in no structure): ${report.generic.count ? `${report.generic.count} — ${report.generic.indices.join(', ')}` : 'none'}.`, '');
  out.push('## Weak features', '');
  if (report.weak.length === 0) out.push('None: no learned feature sits far below a feature it interferes with.');
  else {
    out.push(`Learned, but below ×${params.weakRatio} of a feature they interfere with; kept out of every structure.`, '');
    out.push('| feature | norm | rides on | cos |', '|---:|---:|---:|---:|');
    for (const w of report.weak) out.push(`| ${w.index} | ${w.norm.toPrecision(3)} | ${w.ridesOn ?? '—'} | ${w.cos === null ? '—' : w.cos.toFixed(3)} |`);
  }
  out.push('');
  out.push('## Planes (Hough step)', '');
  if (report.planes.length === 0) out.push('No k-plane holds more than k features.');
  else {
    out.push('| k | features | subsets |', '|---:|---|---:|');
    for (const p of report.planes) out.push(`| ${p.dimension} | ${p.features.join(', ')} | ${p.subsets} |`);
  }
  out.push('', '## Spherical codes', '', CODES_LEGEND, '');
  for (const c of report.codes) out.push(`- ${c.bundle === null ? 'all' : `bundle ${c.bundle}`}: ${c.verdict}`);
  if (report.codes.length === 0) out.push('No bundle has two or more features.');
  out.push('', '## Spheres (any centre)', '', SPHERES_LEGEND, '');
  if (report.spheres.length === 0) out.push('No circle or 2-sphere holds more features than it needs.');
  for (const sp of report.spheres) {
    out.push(
      `- ${sp.dimension === 1 ? 'circle' : `${sp.dimension}-sphere`} through features ${sp.features.join(', ')}: radius ${sp.radius.toPrecision(4)}, centre at distance ${Math.hypot(...sp.centre).toPrecision(3)} from the origin (residual ${sp.residual.toPrecision(2)}, p ≤ ${sp.pValue.toPrecision(2)})`,
    );
  }
  const t = report.topology;
  out.push('', '## Topology of the feature cloud', '');
  out.push(
    `Vietoris–Rips persistence of the ${t.points} represented unit directions (Euclidean, H0–H${t.maxDimension}, complete to ${t.threshold.toPrecision(3)}): ${t.verdict.text}.` +
      (t.note ? ` (${t.note})` : ''),
    '',
  );
  for (const d of t.diagrams) {
    const longest = [...d.pairs].sort((x, y) => (y.death ?? t.threshold) - y.birth - ((x.death ?? t.threshold) - x.birth)).slice(0, 5);
    out.push(
      `- H${d.dimension}: ${d.pairs.length} bars; longest ${longest.map((p) => `[${p.birth.toPrecision(3)}, ${p.death === null ? '∞' : p.death.toPrecision(3)})`).join(' ')}`,
    );
  }
  const a = report.arrangement;
  out.push('', '## Decoder hyperplane arrangement', '');
  out.push(
    `${a.n} hyperplanes ⟨w_i, h⟩ + b_i = 0 in R^${a.m}${a.hasBias ? '' : ' (no bias in the file: b = 0, a central arrangement)'}: ` +
      `**${countsSentence(a)}** (${methodSentence(a)}).`,
    '',
  );
  out.push(
    `Product factors: ${a.factors.map((f) => `{${f.join(', ')}}`).join(' × ')} — ${a.bundles.relation === 'same' ? 'the same split as the bundles' : `${a.bundles.relation} than the bundles`}.`,
  );
  if (a.capped) out.push('', `Note: ${a.capped}`);
  out.push('', '## Features', '', '| index | norm | D_i | role | bundle | structure |', '|---:|---:|---:|---|---:|---:|');
  for (const f of report.features) {
    out.push(`| ${f.index} | ${f.norm.toPrecision(4)} | ${f.dimensionality.toFixed(4)} | ${f.role} | ${f.bundle ?? '—'} | ${f.structure ?? '—'} |`);
  }
  out.push('', '## Parameters', '');
  out.push(`- represented norm > ${params.representedNorm.value.toPrecision(4)} (${params.representedNorm.source}: ${params.representedNorm.rationale})`);
  out.push(`- weak: norm below ×${params.weakRatio} of a feature in the same group`);
  out.push(`- noise floor |cos| > ${params.noiseFloor.value.toPrecision(4)} (${params.noiseFloor.source}: ${params.noiseFloor.rationale})`);
  for (const [k, t] of Object.entries(params.eps)) out.push(`- eps ${k} = ${t.value.toPrecision(4)} (${t.source}: ${t.rationale})`);
  out.push(`- min_samples = ${params.minSamples}, K = ${params.maxK}, backend: ${params.backend}`);
  out.push(`- enumerated: ${params.enumerated} (${params.subsetsEmbedded} subsets)`);
  for (const line of params.structureSearch) out.push(`- structure search, ${line}`);
  return out.join('\n') + '\n';
}
