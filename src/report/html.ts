import { meanDimensionality } from './mean-dimensionality.js';
import { countsByLabel } from './terminal.js';
import { CODES_LEGEND, SPHERES_LEGEND } from './geometry-legend.js';
import type { Report, Threshold } from './types.js';
import { escapeXml } from './svg.js';
import { countsSentence, methodSentence } from '../arrangements/describe.js';
import { gramFigure } from './figures/gram-figure.js';
import { energyFigure } from './figures/energy-figure.js';
import { shapeFigure } from './figures/shape-figure.js';
import { bundleColour } from './palette.js';
import { arrangementFigure } from './figures/arrangement-figure.js';
import { barcodeFigure } from './figures/barcode-figure.js';

function codesTable(report: Report): string {
  if (report.codes.length === 0) return '<p>No bundle has two or more features.</p>';
  const ratio = (x: number | null): string => (x === null ? '—' : x.toFixed(3));
  const rows = report.codes
    .map((c) => {
      const name = c.bundle === null ? 'all represented' : `${c.bundle}: ${report.bundles[c.bundle].polytope}`;
      return `<tr><td>${escapeXml(name)}</td><td>${c.n} in R<sup>${c.d}</sup></td><td>${c.minAngleDeg.toFixed(2)}°</td><td>${ratio(c.angleRatio)}</td><td>${ratio(c.energyRatio)}</td><td>${c.coherence.toFixed(3)}</td><td>${c.welchBound === null ? '—' : c.welchBound.toFixed(3)}</td><td>${c.randomBaseline.toFixed(3)}</td></tr>`;
    })
    .join('\n');
  return `<table><tr><th>bundle</th><th>points</th><th>min angle</th><th>of best known</th><th>Thomson energy / min</th><th>coherence</th><th>Welch bound</th><th>random δ</th></tr>${rows}</table>`;
}

function spheresList(report: Report): string {
  if (report.spheres.length === 0) return '<p>No circle or 2-sphere holds more features than it needs.</p>';
  return `<ul>${report.spheres
    .map(
      (s) =>
        `<li>${s.dimension === 1 ? 'circle' : `${s.dimension}-sphere`} through features ${s.features.join(', ')}: radius ${s.radius.toPrecision(4)}, centre ${Math.hypot(...s.centre).toPrecision(3)} from the origin, residual ${s.residual.toPrecision(2)}, p ≤ ${s.pValue.toPrecision(2)}</li>`,
    )
    .join('')}</ul>`;
}

/** The report's barcodes as an SVG (empty when none were computed). */
export function topologyFigure(report: Report): string {
  const t = report.topology;
  if (t.diagrams.length === 0) return '';
  return barcodeFigure({
    threshold: t.threshold,
    diagrams: t.diagrams.map((d) => ({ dimension: d.dimension, pairs: d.pairs.map((p) => ({ birth: p.birth, death: p.death ?? Infinity })) })),
  });
}

/** More lines than this make the arrangement drawing unreadable (and the page slow). */
const MAX_ARRANGEMENT_LINES = 200;

/** The decoder's arrangement drawn in the plane (m = 2) or a slice through two hidden axes (empty for m < 2 or too many lines). */
export function arrangementPicture(report: Report, W: Float64Array): string {
  const a = report.arrangement;
  return report.input.m >= 2 && a.features.length > 0 && a.features.length <= MAX_ARRANGEMENT_LINES
    ? arrangementFigure(W, report.input.m, a.bias ? Float64Array.from(a.bias) : null, a.features)
    : '';
}

function arrangementSection(report: Report, W: Float64Array): string {
  const a = report.arrangement;
  const figure = arrangementPicture(report, W);
  return `<p>${a.n} hyperplanes ⟨w<sub>i</sub>, h⟩ + b<sub>i</sub> = 0 in R<sup>${a.m}</sup>${a.hasBias ? '' : ' (no bias in the file: b = 0)'}: <b>${escapeXml(countsSentence(a))}</b>.
${escapeXml(methodSentence(a))}.</p>
<p>Product factors: ${a.factors.map((f) => `{${f.join(', ')}}`).join(' × ')} (${a.bundles.relation === 'same' ? 'the same split as the bundles' : `${a.bundles.relation} than the bundles`}).${a.capped ? ` ${escapeXml(a.capped)}` : ''}</p>
${figure}`;
}

function paramRows(report: Report): string {
  const { params } = report;
  const rows: [string, Threshold][] = [
    ['represented norm', params.representedNorm],
    ['noise floor |cos|', params.noiseFloor],
    ...Object.entries(params.eps).map(([k, t]): [string, Threshold] => [`eps ${k}`, t]),
  ];
  return rows
    .map(([name, t]) => `<tr><td>${escapeXml(name)}</td><td>${t.value.toPrecision(4)}</td><td class="why">${t.source}: ${escapeXml(t.rationale)}</td></tr>`)
    .join('\n');
}

/** The structures table, generic count and weak features (see StructureReport, WeakFeatureReport). */
function structuresSection(report: Report): string {
  const rows = report.structures
    .map(
      (st) =>
        `<tr><td>${st.id}</td><td>${escapeXml(st.label)}</td><td>${st.dimension}</td><td>${st.features.join(', ')}</td><td>${st.regularity === null ? '—' : st.regularity.toFixed(3)}</td>` +
        `<td>${st.significance >= 300 ? '≥ 300' : st.significance.toFixed(1)}</td><td>${st.maxCrossCos.toFixed(3)}</td><td>${st.source}</td></tr>`,
    )
    .join('\n');
  const table = report.structures.length
    ? `<table class="structures"><tr><th>structure</th><th>label</th><th>dim</th><th>features</th><th>regularity</th><th>significance</th><th>max cross |cos|</th><th>found as</th></tr>\n${rows}</table>`
    : '<p>No structure: no group of strong features stands out from random directions.</p>';
  const weak = report.weak.length
    ? `<p>Weak (learned, below ×${report.params.weakRatio} of a feature they interfere with; kept out of structures): ${report.weak
        .map((w) => `${w.index}${w.ridesOn !== null ? ` rides on ${w.ridesOn} (cos ${(w.cos as number).toFixed(3)})` : ''}`)
        .join(', ')}.</p>`
    : '<p>Weak features: none.</p>';
  return `<p class="why">Significance: −log<sub>10</sub> of the expected number of such groups among as many random unit directions in R<sup>m</sup>. Max cross |cos|: the structure's residual interference with the other strong features.</p>
${table}
<p>Generic (strong, in no structure): ${report.generic.count ? `${report.generic.count} — ${report.generic.indices.join(', ')}` : 'none'}.</p>
${weak}`;
}

/**
 * report.html: one self-contained page (inline CSS and SVG, no scripts, no
 * network), so it opens anywhere and can be mailed as one file.
 */
export function reportToHtml(report: Report, W: Float64Array): string {
  const { input } = report;
  const bundleRows = report.bundles
    .map((b) => {
      const regularity = b.regularity === null ? '—' : b.regularity.toFixed(3);
      return `<tr><td><span class="sw" style="background:${bundleColour(b.id)}"></span>${b.id}</td><td>${b.features.join(', ')}</td><td>${b.dimension}</td><td>${escapeXml(b.polytope)}</td><td>${regularity}</td><td>${meanDimensionality(report, b.features).toFixed(3)}</td></tr>`;
    })
    .join('\n');
  const planeRows = report.planes.map((p) => `<tr><td>${p.dimension}</td><td>${p.features.join(', ')}</td><td>${p.subsets}</td></tr>`).join('\n');
  const shapes = report.bundles.map((b) => shapeFigure(b, W, input.m)).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>tegum report: ${escapeXml(input.file)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1000px;color:#222;padding:0 16px}
h1{font-size:20px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse}td,th{padding:3px 10px;border-bottom:1px solid #eee;text-align:left}
.decomp{font-size:18px;padding:8px 12px;background:#f4f6fa;border-radius:6px;display:inline-block}
.sw{display:inline-block;width:10px;height:10px;margin-right:6px;border-radius:2px}
.shapes{display:flex;flex-wrap:wrap;gap:8px}
figure{margin:0}figcaption{font-size:12px;color:#555}
.params td{vertical-align:top}.why{font-size:12px;color:#555}
</style></head><body>
<h1>tegum report: ${escapeXml(input.file)}</h1>
<p>Tensor <code>${escapeXml(input.tensor)}</code>: n = ${input.n} features in m = ${input.m} dimensions.</p>
<p class="decomp">${escapeXml(report.decomposition)}</p>
<p class="structures-line">Structures: ${report.structures.length ? escapeXml(countsByLabel(report.structures)) : 'none'}${report.generic.count ? `; ${report.generic.count} generic` : ''}${report.weak.length ? `; ${report.weak.length} weak` : ''}.</p>
${report.composites.length ? `<ul>${report.composites.map((c) => `<li>${escapeXml(c)}</li>`).join('')}</ul>` : ''}
<h2>Bundles (tegum factors)</h2>
<table><tr><th>bundle</th><th>features</th><th>dim</th><th>polytope</th><th>regularity</th><th>mean D<sub>i</sub></th></tr>
${bundleRows}</table>
<p>Unrepresented: ${report.unrepresented.length ? report.unrepresented.join(', ') : 'none'}.</p>
<h2>Structures</h2>
${structuresSection(report)}
<h2>Each bundle in its own basis</h2>
<div class="shapes">${shapes}</div>
<h2>Gram matrix W<sup>T</sup>W, ordered by bundle</h2>
<figure>${gramFigure(report, W)}<figcaption>Blocks on the diagonal are the bundles; off-block entries near 0 mean the bundles are orthogonal.</figcaption></figure>
<h2>Feature dimensionality</h2>
<figure>${energyFigure(report)}<figcaption>D<sub>i</sub> = ‖W<sub>i</sub>‖² / Σ<sub>j</sub>(Ŵ<sub>i</sub>·W<sub>j</sub>)², with the energy levels of Toy Models of Superposition.</figcaption></figure>
<h2>Planes (Hough step)</h2>
${report.planes.length ? `<table><tr><th>k</th><th>features</th><th>subsets</th></tr>${planeRows}</table>` : '<p>No k-plane holds more than k features.</p>'}
<h2>Spherical codes</h2>
<p class="why">${escapeXml(CODES_LEGEND)}</p>
${codesTable(report)}
<h2>Spheres (any centre)</h2>
<p class="why">${escapeXml(SPHERES_LEGEND)}</p>
${spheresList(report)}
<h2>Topology of the feature cloud</h2>
<p>Vietoris–Rips persistence of the ${report.topology.points} represented unit directions (Euclidean, H0–H${report.topology.maxDimension}): ${escapeXml(report.topology.verdict.text)}.${report.topology.note ? ` (${escapeXml(report.topology.note)})` : ''}</p>
${topologyFigure(report)}
<h2>Decoder hyperplane arrangement</h2>
${arrangementSection(report, W)}
<h2>Parameters</h2>
<table class="params"><tr><th>threshold</th><th>value</th><th>how it was chosen</th></tr>
${paramRows(report)}</table>
<p>min_samples = ${report.params.minSamples}, K = ${report.params.maxK}, backend: ${escapeXml(report.params.backend)}; enumerated ${report.params.subsetsEmbedded} subsets: ${escapeXml(report.params.enumerated)}.</p>
</body></html>
`;
}
