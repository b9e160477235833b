import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { chooseWeights, readTensors } from '../import/index.js';
import { InputError } from '../import/errors.js';
import { compareRuns } from '../compare/compare.js';
import { randomBaseline } from '../compare/baseline.js';
import type { CompareInput } from '../compare/compare.js';
import type { CompareReport, RunSettings } from '../report/compare-types.js';
import { baselineSentence, compareToHtml, compareToMarkdown } from '../report/compare-writers.js';
import { runRecordProblem } from '../report/validate.js';
import { packageVersion } from './paths.js';
import { checkWritable, writeOutputs } from './write-outputs.js';
import { formatTable } from '../report/text-table.js';

export interface CompareCommandOptions {
  tensor?: string;
  features?: 'rows' | 'columns';
  json?: boolean;
  out?: string;
  force?: boolean;
}

const REPORT_FILES = ['report.json', 'report.md', 'report.html'];

/**
 * `tegum compare A B [C …]`: every file is a run, and a file holding a 3-D
 * stack (Toy Models instances) contributes one run per instance.
 */
export async function runCompare(files: string[], opts: CompareCommandOptions): Promise<number> {
  if (opts.out !== undefined) checkWritable(opts.out, REPORT_FILES, opts.force === true);
  const inputs: CompareInput[] = [];
  for (const file of files) inputs.push(...(await loadRuns(file, opts)));
  const report = await compareRuns(inputs, { version: packageVersion(), baseline: randomBaseline });
  if (opts.out !== undefined) {
    const written = writeOutputs(
      opts.out,
      { 'report.json': JSON.stringify(report, null, 2) + '\n', 'report.md': compareToMarkdown(report), 'report.html': compareToHtml(report) },
      opts.force === true,
    );
    process.stderr.write(`tegum: wrote ${written.join(', ')}\n`);
  }
  process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : terminalCompare(report));
  return 0;
}

async function loadRuns(file: string, opts: CompareCommandOptions): Promise<CompareInput[]> {
  const tensors = await readTensors(file);
  const first = chooseWeights(file, tensors, { tensor: opts.tensor, features: opts.features });
  const settings = readSettings(file);
  const stem = basename(file).replace(/\.(npy|npz|json|safetensors)$/, '');
  if (first.instance === undefined) return [{ label: stem, ws: first, settings: settingsFor(settings, undefined) }];
  const count = tensors.find((t) => t.name === first.tensor)?.shape[0] ?? 1;
  return Array.from({ length: count }, (_, i) => ({
    label: `${stem}[${i}]`,
    ws: i === 0 ? first : chooseWeights(file, tensors, { tensor: opts.tensor, features: opts.features, instance: i }),
    settings: settingsFor(settings, i),
  }));
}

type SettingsFile = Record<string, unknown>;

/**
 * Training settings from the JSON beside a run (`runs/x.npz` → `runs/x.json`,
 * as `tegum train` writes). p, importance and loss may be numbers, or arrays
 * indexed by instance for a stacked file.
 */
function readSettings(file: string): SettingsFile | undefined {
  const path = join(dirname(file), basename(file).replace(/\.(npy|npz|json|safetensors)$/, '') + '.json');
  if (path === file || !existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new InputError(path, 'settings file is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  // A record that tegum train wrote names its schema; it must then be that record (ToyRunRecord).
  const schema = (parsed as SettingsFile).schema;
  if (typeof schema === 'string' && schema.startsWith('tegum.toymodel-run/')) {
    const problem = runRecordProblem(parsed);
    if (problem !== null) throw new InputError(path, problem);
  }
  return parsed as SettingsFile;
}

function settingsFor(s: SettingsFile | undefined, instance: number | undefined): RunSettings {
  if (!s) return {};
  const pick = (...keys: string[]): number | undefined => {
    for (const key of keys) {
      const v = s[key];
      if (typeof v === 'number') return v;
      if (Array.isArray(v) && instance !== undefined && typeof v[instance] === 'number') return v[instance];
    }
    return undefined;
  };
  const out: RunSettings = {};
  const p = pick('p', 'feature_probability');
  // tegum train writes importance as { base, values }.
  const imp = s.importance;
  const importance =
    typeof imp === 'object' && imp !== null && !Array.isArray(imp) && typeof (imp as Record<string, unknown>).base === 'number'
      ? ((imp as Record<string, unknown>).base as number)
      : pick('importance');
  const loss = pick('loss', 'final_loss', 'finalLoss');
  const lossSamples = pick('finalLossSamples');
  if (p !== undefined) out.p = p;
  if (importance !== undefined) out.importance = importance;
  if (loss !== undefined) out.loss = loss;
  if (lossSamples !== undefined) out.lossSamples = lossSamples;
  return out;
}

/** Runs table, what changed between consecutive runs, and the phase picture as text. */
function terminalCompare(report: CompareReport): string {
  const lines: string[] = [];
  const rows = report.runs.map((run, i) => {
    const al = report.alignments.find((a) => a.run === i);
    return [
      run.label,
      run.settings.p !== undefined ? String(run.settings.p) : '—',
      String(run.report.input.n - run.report.unrepresented.length),
      run.report.decomposition,
      al ? al.residual.toPrecision(3) : '—',
    ];
  });
  lines.push(formatTable(['run', 'p', 'repr.', 'decomposition', 'residual'], rows));
  for (const step of report.steps) {
    lines.push(`${report.runs[step.from].label} → ${report.runs[step.to].label}:${step.changes.length ? '' : ' nothing changed'}`);
    for (const c of step.changes) lines.push(`  ${c.text}`);
  }
  for (const b of report.baselines) lines.push(`${report.runs[b.run].label}: ${baselineSentence(report.runs[b.run].settings, b)}`);
  for (const note of report.notes) lines.push(`note: ${note}`);
  return lines.join('\n') + '\n';
}
