import { readTensors, chooseWeights, describeChoice } from '../import/index.js';
import { analyze } from '../analysis/analyze.js';
import { autoEmbedder, backendEmbedder } from '../analysis/embedders.js';
import type { Embedder } from '../analysis/embedders.js';
import { chooseBackend } from '../gpu/backend.js';
import { GpuUnavailableError } from '../gpu/device.js';
import type { Report } from '../report/types.js';
import { reportToMarkdown } from '../report/markdown.js';
import { reportToHtml } from '../report/html.js';
import { defaultSamplePath, packageVersion } from './paths.js';
import { checkWritable, writeOutputs } from './write-outputs.js';
import { choiceNotes } from './choice-notes.js';
import { formatTable, fmt } from '../report/text-table.js';
import { UsageError } from './usage-error.js';
import { progressBar } from './progress.js';

/** Options of `tegum analyze`, as commander parses them. */
export interface AnalyzeCommandOptions {
  tensor?: string;
  bias?: string;
  features?: 'rows' | 'columns';
  instance?: number;
  maxK?: number;
  representedNorm?: number;
  noiseFloor?: number;
  eps?: number;
  minSamples?: number;
  gpu?: 'auto' | 'on' | 'off';
  json?: boolean;
  out?: string;
  force?: boolean;
  /** Lift the readers' float64 budget (see ReadOptions). */
  allowLarge?: boolean;
}

const REPORT_FILES = ['report.json', 'report.md', 'report.html'];

/** `--gpu auto` sends a level to a hardware adapter from this many subsets on. */
const AUTO_GPU_MIN_SUBSETS = 50_000;

/** `tegum analyze [FILE]`: the Report as a terminal table, JSON on stdout, and/or files in --out. */
export async function runAnalyze(file: string | undefined, opts: AnalyzeCommandOptions): Promise<number> {
  const path = file ?? defaultSamplePath();
  if (opts.out !== undefined) checkWritable(opts.out, REPORT_FILES, opts.force === true);
  const tensors = await readTensors(path, { allowLarge: opts.allowLarge });
  const ws = chooseWeights(path, tensors, { tensor: opts.tensor, bias: opts.bias, features: opts.features, instance: opts.instance });
  if (opts.maxK !== undefined && opts.maxK > ws.m) throw new UsageError(`--max-k ${opts.maxK} exceeds the hidden dimension m = ${ws.m}`);

  const embedder = await chooseEmbedder(opts.gpu ?? 'auto');
  const bar = progressBar('tegum: planes');
  try {
    const report = await analyze(ws, {
      onProgress: bar.update,
      representedNorm: opts.representedNorm,
      noiseFloor: opts.noiseFloor,
      eps: opts.eps,
      minSamples: opts.minSamples,
      maxK: opts.maxK,
      embedder,
      version: packageVersion(),
    });
    // Said once the analysis has accepted W, so a refusal stays the only line on stderr.
    process.stderr.write(`tegum: using ${describeChoice(ws, { features: opts.features })}\n`);
    for (const note of choiceNotes(ws, tensors, { bias: opts.bias, features: opts.features })) process.stderr.write(`tegum: note: ${note}\n`);
    if (opts.out !== undefined) {
      const written = writeOutputs(
        opts.out,
        { 'report.json': reportJson(report), 'report.md': reportToMarkdown(report), 'report.html': reportToHtml(report, ws.W) },
        opts.force === true,
      );
      if (!opts.json) process.stdout.write(`wrote ${written.join(', ')}\n`);
    }
    process.stdout.write(opts.json ? reportJson(report) : terminalSummary(report));
    return 0;
  } finally {
    bar.done();
    embedder.dispose();
  }
}

async function chooseEmbedder(mode: 'auto' | 'on' | 'off'): Promise<Embedder & { dispose(): void }> {
  if (mode === 'auto') return autoEmbedder(AUTO_GPU_MIN_SUBSETS);
  try {
    const backend = await chooseBackend(mode);
    return { ...backendEmbedder(backend), dispose: () => backend.dispose() };
  } catch (err) {
    if (err instanceof GpuUnavailableError) throw new UsageError(`--gpu on: ${err.message}`);
    throw err;
  }
}

function reportJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/** The compact terminal form: bundle table, decomposition, planes, thresholds. */
export function terminalSummary(report: Report): string {
  const { input } = report;
  const lines: string[] = [];
  lines.push(`${input.file} · ${input.tensor}${input.instance !== undefined ? `[${input.instance}]` : ''} · n = ${input.n} features in m = ${input.m} dims`);
  lines.push('');
  const rows = report.bundles.map((b) => {
    const meanD = b.features.reduce((s, f) => s + report.features[f].dimensionality, 0) / b.features.length;
    return [String(b.id), compactList(b.features), String(b.dimension), b.polytope, b.regularity.toFixed(3), meanD.toFixed(3)];
  });
  lines.push(formatTable(['bundle', 'features', 'dim', 'polytope', 'regularity', 'mean D'], rows));
  lines.push(`decomposition: ${report.decomposition}`);
  for (const c of report.composites) lines.push(`  ${c}`);
  if (report.unrepresented.length) lines.push(`unrepresented: ${compactList(report.unrepresented)}`);
  const codes = report.codes.filter((c) => c.bundle !== null && c.angleRatio !== null);
  if (codes.length) {
    lines.push(`spherical codes (min angle / best known): ${codes.map((c) => `${report.bundles[c.bundle as number].polytope} ${(c.angleRatio as number).toFixed(3)}`).join(', ')}`);
  }
  lines.push(`topology: ${report.topology.verdict.text}${report.topology.note ? ` (${report.topology.note})` : ''}`);
  const a = report.arrangement;
  lines.push(`arrangement: ${a.n} hyperplanes in R^${a.m}${a.hasBias ? '' : ' (b = 0)'}: ${a.regionsText} regions, ${a.boundedRegionsText} bounded; factors ${a.bundles.relation === 'same' ? 'match the bundles' : `${a.bundles.relation} than the bundles`}`);
  for (const s of report.spheres) {
    lines.push(`sphere: ${s.dimension === 1 ? 'circle' : `${s.dimension}-sphere`} {${compactList(s.features)}} radius ${fmt(s.radius)}, centre ${fmt(Math.hypot(...s.centre))} from the origin`);
  }
  lines.push(
    report.planes.length
      ? `planes: ${report.planes.map((p) => `${p.dimension}-plane {${compactList(p.features)}}`).join(', ')}`
      : 'planes: none holding more than k features',
  );
  const { params } = report;
  lines.push(
    `params: represented norm > ${fmt(params.representedNorm.value)}, noise floor |cos| > ${fmt(params.noiseFloor.value)}, ` +
      `eps ${epsByK(params.eps) || '—'}, min_samples ${params.minSamples}, K ${params.maxK}, ${params.backend}`,
  );
  return lines.join('\n') + '\n';
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

/** 0,1,2,3,7 → "0–3, 7". */
function compactList(xs: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    parts.push(j - i >= 2 ? `${xs[i]}–${xs[j]}` : xs.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}
