/**
 * `tegum compare`: analyse several runs, align each onto the previous one,
 * and say what changed per feature and per bundle, with the Toy Models phase
 * picture across a sparsity sweep.
 */
import { InputError } from '../import/errors.js';
import type { WeightSet } from '../import/weightset.js';
import { analyze } from '../analysis/analyze.js';
import type { AnalyzeOptions } from '../analysis/analyze.js';
import { COMPARE_SCHEMA } from '../report/compare-types.js';
import type { CompareAlignment, CompareReport, CompareRun, CompareStep, RandomBaseline, RunSettings } from '../report/compare-types.js';
import { alignRuns } from './align.js';
import { bundleChanges } from './changes.js';

/** One run to compare. */
export interface CompareInput {
  label: string;
  ws: WeightSet;
  settings: RunSettings;
}

/** Estimates the random baseline of a run (needs the toy model's loss; see baseline.ts). */
export type BaselineFn = (ws: WeightSet, settings: Required<Pick<RunSettings, 'p' | 'importance'>>) => Omit<RandomBaseline, 'run'>;

/**
 * Compare runs whose features correspond by index.
 *
 * @param inputs - The runs; at least two, all with the same number of features n.
 * @param opts - Analysis options applied to every run, the tool version, and the baseline estimator.
 * @throws InputError when fewer than two runs are given or n differs.
 */
export async function compareRuns(
  inputs: CompareInput[],
  opts: { analyze?: AnalyzeOptions; version?: string; baseline?: BaselineFn } = {},
): Promise<CompareReport> {
  if (inputs.length < 2) throw new InputError(inputs[0]?.ws.file ?? 'compare', 'compare needs at least two runs');
  const n = inputs[0].ws.n;
  for (const { ws } of inputs) {
    if (ws.n !== n) throw new InputError(ws.file, `has ${ws.n} features but ${inputs[0].ws.file} has ${n}; compare matches features by index`);
  }
  const notes: string[] = [];
  const sweep = inputs.every((r) => r.settings.p !== undefined);
  const ordered = sweep ? [...inputs].sort((a, b) => (b.settings.p as number) - (a.settings.p as number)) : inputs;
  if (!sweep) notes.push('runs kept in the order given: not every run has a known p');

  const runs: CompareRun[] = [];
  for (const input of ordered) {
    runs.push({ label: input.label, settings: input.settings, report: await analyze(input.ws, { ...opts.analyze, version: opts.version }) });
  }

  const alignments: CompareAlignment[] = [];
  const steps: CompareStep[] = [];
  for (let i = 1; i < ordered.length; i++) {
    const a = ordered[i].ws;
    const b = ordered[i - 1].ws;
    if (a.m === b.m) {
      const al = alignRuns(a.W, b.W, a.m);
      alignments.push({ reference: i - 1, run: i, residual: al.residual, residualRotationOnly: al.residualRotationOnly, signFlips: al.signFlips });
    } else {
      notes.push(`${ordered[i].label} (m = ${a.m}) is not aligned onto ${ordered[i - 1].label} (m = ${b.m}): hidden dimensions differ`);
    }
    steps.push({ from: i - 1, to: i, changes: bundleChanges(runs[i - 1].report, runs[i].report) });
  }

  const phase = Array.from({ length: n }, (_, f) =>
    runs.map(({ report }) => {
      const b = report.features[f].bundle;
      return b === null ? 'unrepresented' : report.bundles[b].polytope;
    }),
  );

  const baselines: RandomBaseline[] = [];
  ordered.forEach((input, i) => {
    const { p, importance } = input.settings;
    if (p === undefined || importance === undefined) return;
    if (opts.baseline) baselines.push({ run: i, ...opts.baseline(input.ws, { p, importance }) });
  });
  if (baselines.length < ordered.length) notes.push('random baseline only for runs whose p and importance are known (the settings JSON tegum train writes)');

  return { schema: COMPARE_SCHEMA, tool: { name: 'tegum', version: opts.version ?? 'unknown' }, runs, alignments, steps, phase, baselines, notes };
}
