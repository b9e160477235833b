/**
 * The Report as terminal text: what `tegum analyze` prints. Short at any scale:
 * repeated shapes are counted (`digon ×19`), long feature lists are cut with a
 * count, and features in no structure take one line.
 */
import type { Report, StructureReport } from './types.js';
import { formatTable, fmt } from './text-table.js';
import { meanDimensionality } from './mean-dimensionality.js';

/** Rows of the bundle table printed in full; larger reports list structures only. */
const MAX_BUNDLE_ROWS = 40;

/** Structures listed one per line; the rest are counted by label. */
const MAX_STRUCTURE_ROWS = 40;

/** Planes written out on the planes line; more are counted (they are the structures' planes anyway). */
const MAX_PLANES_LISTED = 12;

/** Indices shown in one list before "… (N more)". */
const MAX_LIST = 24;

/** The compact terminal form of a Report. */
export function terminalSummary(report: Report): string {
  const { input } = report;
  const lines: string[] = [];
  lines.push(`${input.file} · ${input.tensor}${input.instance !== undefined ? `[${input.instance}]` : ''} · n = ${input.n} features in m = ${input.m} dims`);
  lines.push('');
  if (report.bundles.length <= MAX_BUNDLE_ROWS) {
    const rows = report.bundles.map((b) => [
      String(b.id),
      compactList(b.features),
      String(b.dimension),
      b.polytope,
      b.regularity === null ? '—' : b.regularity.toFixed(3),
      meanDimensionality(report, b.features).toFixed(3),
    ]);
    lines.push(formatTable(['bundle', 'features', 'dim', 'polytope', 'regularity', 'mean D'], rows));
  }
  lines.push(`decomposition: ${groupedLine(report.decomposition)}`);
  for (const c of report.composites) lines.push(`  ${c}`);
  lines.push(...structureLines(report.structures));
  if (report.generic.count)
    lines.push(
      `generic: ${report.generic.count} strong feature${report.generic.count === 1 ? '' : 's'} in no structure (${compactList(report.generic.indices)})`,
    );
  if (report.weak.length) {
    const riders = report.weak.filter((w) => w.ridesOn !== null);
    const shown = riders.slice(0, 3).map((w) => `${w.index} rides on ${w.ridesOn} at cos ${fmt(w.cos as number)}, norm ${fmt(w.norm)}`);
    lines.push(
      `weak: ${report.weak.length} feature${report.weak.length === 1 ? '' : 's'} (${compactList(report.weak.map((w) => w.index))}), kept out of structures` +
        (shown.length ? `; ${shown.join('; ')}${riders.length > 3 ? `; … ${riders.length - 3} more riders` : ''}` : ''),
    );
  }
  if (report.unrepresented.length) lines.push(`unrepresented: ${compactList(report.unrepresented)}`);
  const codes = report.codes.filter((c) => c.bundle !== null && c.angleRatio !== null);
  if (codes.length && codes.length <= MAX_BUNDLE_ROWS) {
    lines.push(
      `spherical codes (min angle / best known): ${codes.map((c) => `${report.bundles[c.bundle as number].polytope} ${(c.angleRatio as number).toFixed(3)}`).join(', ')}`,
    );
  }
  lines.push(`topology: ${report.topology.verdict.text}${report.topology.note ? ` (${report.topology.note})` : ''}`);
  const a = report.arrangement;
  lines.push(
    `arrangement: ${a.n} hyperplanes in R^${a.m}${a.hasBias ? '' : ' (b = 0)'}: ${a.error ? `counts withheld (${a.error})` : `${shortCount(a.regionsText)} regions, ${shortCount(a.boundedRegionsText)} bounded`}; factors ${a.bundles.relation === 'same' ? 'match the bundles' : `${a.bundles.relation} than the bundles`}`,
  );
  for (const s of report.spheres) {
    lines.push(
      `sphere: ${s.dimension === 1 ? 'circle' : `${s.dimension}-sphere`} {${compactList(s.features)}} radius ${fmt(s.radius)}, centre ${fmt(Math.hypot(...s.centre))} from the origin`,
    );
  }
  if (report.planes.length <= MAX_PLANES_LISTED) {
    lines.push(
      report.planes.length
        ? `planes: ${report.planes.map((p) => `${p.dimension}-plane {${compactList(p.features)}}`).join(', ')}`
        : 'planes: none holding more than k features',
    );
  } else {
    lines.push(`planes: ${report.planes.length} k-planes holding more than k features (see report.json)`);
  }
  const { params } = report;
  lines.push(
    `params: represented norm > ${fmt(params.representedNorm.value)}, weak below ×${params.weakRatio} of a partner, noise floor |cos| > ${fmt(params.noiseFloor.value)}, ` +
      `eps ${epsByK(params.eps) || '—'}, min_samples ${params.minSamples}, K ${params.maxK}, ${params.backend}`,
  );
  return lines.join('\n') + '\n';
}

/** An exact decimal count of more than 15 digits as "≈ 3.187 × 10^1503" (report.json keeps every digit). */
export function shortCount(text: string): string {
  if (!/^\d{16,}$/.test(text)) return text;
  return `≈ ${text[0]}.${text.slice(1, 4)} × 10^${text.length - 1}`;
}

/** "digon ⊕ digon ⊕ digon ⊕ pentagon" → "digon ×3 ⊕ pentagon"; pairs stay written out. */
export function groupedLine(line: string): string {
  if (line === 'none') return line;
  const parts = line.split(' ⊕ ');
  const out: string[] = [];
  for (let i = 0; i < parts.length;) {
    let j = i;
    while (j + 1 < parts.length && parts[j + 1] === parts[i]) j++;
    const count = j - i + 1;
    out.push(count >= 3 ? `${parts[i]} ×${count}` : parts.slice(i, j + 1).join(' ⊕ '));
    i = j + 1;
  }
  return out.join(' ⊕ ');
}

/** One line per structure while few, else one line per label with counts. */
function structureLines(structures: readonly StructureReport[]): string[] {
  if (structures.length === 0) return ['structures: none'];
  const header = `structures: ${structures.length} (${countsByLabel(structures)})`;
  if (structures.length > MAX_STRUCTURE_ROWS) return [header];
  return [
    header,
    ...structures.map(
      (s) =>
        `  ${s.label} in ${s.dimension}-d {${compactList(s.features)}}` +
        `${s.regularity === null ? '' : ` regularity ${s.regularity.toFixed(3)}`}, significance ${s.significance >= 300 ? '≥ 300' : fmt(s.significance)}, max cross |cos| ${fmt(s.maxCrossCos)}`,
    ),
  ];
}

/** Structures counted by label, most frequent first: "digon ×3, pentagon, square-antiprism". */
export function countsByLabel(structures: readonly StructureReport[]): string {
  const counts = new Map<string, number>();
  for (const s of structures) counts.set(s.label, (counts.get(s.label) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([label, c]) => (c > 1 ? `${label} ×${c}` : label))
    .join(', ');
}

/** Per-bundle eps values summarised per k: "k=1: 0.35 k=2: 0.12–0.5". */
function epsByK(eps: Report['params']['eps']): string {
  const byK = new Map<string, number[]>();
  for (const [key, t] of Object.entries(eps)) {
    const k = key.slice(key.indexOf('k='));
    byK.set(k, [...(byK.get(k) ?? []), t.value]);
  }
  return [...byK]
    .sort()
    .map(([k, v]) => {
      const lo = Math.min(...v);
      const hi = Math.max(...v);
      return `${k}: ${lo === hi ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`}`;
    })
    .join(' ');
}

/** 0,1,2,3,7 → "0–3, 7"; past MAX_LIST runs, "… (N more)". */
export function compactList(xs: readonly number[]): string {
  const parts: string[] = [];
  let shown = 0;
  for (let i = 0; i < xs.length;) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    if (parts.length === MAX_LIST) {
      return `${parts.join(', ')}, … (${xs.length - shown} more)`;
    }
    parts.push(j - i >= 2 ? `${xs[i]}–${xs[j]}` : xs.slice(i, j + 1).join(', '));
    shown += j - i + 1;
    i = j + 1;
  }
  return parts.join(', ');
}
