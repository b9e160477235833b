import { join } from 'node:path';
import { TORCH_ADAMW } from '../toymodel/adamw.js';
import { runFiles, runName } from '../toymodel/run-files.js';
import { OFFICIAL_BATCH, OFFICIAL_STEPS } from '../toymodel/train.js';
import { trainToyModels } from '../toymodel/train-many.js';
import type { ToyTrainingSettings } from '../toymodel/train.js';
import { progressBar } from './progress.js';
import { UsageError } from './usage-error.js';
import { checkWritable, writeOutputs } from './write-outputs.js';

/** Options of `tegum train` after validation. */
export interface TrainCommandOptions {
  n: number;
  m: number;
  importance: number;
  p: number[];
  steps: number;
  batch: number;
  lr: number;
  seed: number;
  out: string;
  force: boolean;
  gpu: 'auto' | 'on' | 'off';
}

/** Seeds are 32-bit (the generator's seeding takes 32 bits). */
const MAX_SEED = 2 ** 32 - 1;

/**
 * `tegum train`: train one Toy Model per --p value and write
 * `<out>/<name>.npz` (W [m, n], b [n], float32) and `<out>/<name>.json`.
 * The runs train at once, one worker thread each up to the core count.
 * Training runs on the CPU: there is no WebGPU training kernel, so
 * `--gpu auto` and `--gpu off` train on the CPU and `--gpu on` is refused.
 *
 * @param raw - Options as commander parsed them.
 * @returns The exit code.
 */
export async function runTrain(raw: Record<string, unknown>): Promise<number> {
  const opts = parseTrainOptions(raw);
  if (opts.gpu === 'on') {
    throw new UsageError('--gpu on: GPU training is not available (tegum train has no WebGPU kernel); use --gpu auto or --gpu off to train on the CPU');
  }
  const importance = Float64Array.from({ length: opts.n }, (_, i) => opts.importance ** i);
  const runs: ToyTrainingSettings[] = opts.p.map((p) => ({
    n: opts.n,
    m: opts.m,
    importance,
    p,
    steps: opts.steps,
    batch: opts.batch,
    seed: opts.seed,
    optimizer: { ...TORCH_ADAMW, lr: opts.lr },
  }));
  checkWritable(opts.out, runs.flatMap((r) => [`${runName(r)}.npz`, `${runName(r)}.json`]), opts.force);

  const bar = progressBar('tegum: train');
  const stepsDone = runs.map(() => 0);
  const totalSteps = runs.length * opts.steps;
  // Runs finish in any order; their lines are printed in --p order.
  const lines: string[] = [];
  let printed = 0;
  try {
    await trainToyModels(runs, {
      onProgress: (index, step, loss) => {
        stepsDone[index] = step;
        bar.update(stepsDone.reduce((a, b) => a + b, 0) / totalSteps, `p=${runs[index].p} loss ${loss.toExponential(3)}`);
      },
      onDone: (index, trained) => {
        const { name, npz, record } = runFiles(runs[index], opts.importance, trained);
        writeOutputs(opts.out, { [`${name}.npz`]: npz, [`${name}.json`]: JSON.stringify(record, null, 2) + '\n' }, opts.force);
        lines[index] =
          `${name}: loss ${record.finalLoss.toExponential(4)} · ${record.represented}/${opts.n} features with norm > ${record.representedNorm} · ` +
          `trained on cpu in ${trained.seconds.toFixed(1)} s → ${join(opts.out, `${name}.npz`)}\n`;
        bar.done();
        while (lines[printed] !== undefined) process.stdout.write(lines[printed++]);
      },
    });
  } finally {
    bar.done();
  }
  return 0;
}

/**
 * Validate commander's options for `tegum train` and fill in the defaults.
 *
 * @param raw - Options as commander parsed them (numbers already parsed and range-checked for sign).
 * @throws UsageError on a malformed --p list, a repeated p, or out-of-range values.
 */
export function parseTrainOptions(raw: Record<string, unknown>): TrainCommandOptions {
  const n = integer(raw.n, '--n');
  const m = integer(raw.m, '--m');
  if (n === undefined || n < 1) throw new UsageError('--n: expected a positive number of features');
  if (m === undefined || m < 1) throw new UsageError('--m: expected a positive hidden dimension');
  const importance = number(raw.importance, '--importance') ?? 1;
  if (!(importance > 0)) throw new UsageError(`--importance: expected a positive ratio r (importance r^i), got ${importance}`);
  const seed = integer(raw.seed, '--seed') ?? 0;
  if (seed < 0 || seed > MAX_SEED) throw new UsageError(`--seed: expected an integer in [0, ${MAX_SEED}], got ${seed}`);
  const lr = number(raw.lr, '--lr') ?? TORCH_ADAMW.lr;
  if (!(lr > 0)) throw new UsageError(`--lr: expected a positive learning rate, got ${lr}`);
  const gpu = raw.gpu ?? 'auto';
  if (gpu !== 'auto' && gpu !== 'on' && gpu !== 'off') throw new UsageError(`--gpu: expected auto, on or off, got '${String(gpu)}'`);
  const out = raw.out ?? 'runs';
  if (typeof out !== 'string' || out === '') throw new UsageError('--out: expected a directory');
  return {
    n,
    m,
    importance,
    p: parseProbabilities(raw.p ?? '1'),
    steps: integer(raw.steps, '--steps') ?? OFFICIAL_STEPS,
    batch: integer(raw.batch, '--batch') ?? OFFICIAL_BATCH,
    lr,
    seed,
    out,
    force: raw.force === true,
    gpu,
  };
}

/** "1,0.3,0.1" → [1, 0.3, 0.1]; each in (0, 1], no repeats (two runs would share a file name). */
function parseProbabilities(value: unknown): number[] {
  if (typeof value !== 'string') throw new UsageError('--p: expected a comma-separated list of probabilities');
  const ps = value.split(',').map((part) => {
    const text = part.trim();
    const p = Number(text);
    if (text === '' || !Number.isFinite(p) || p <= 0 || p > 1) throw new UsageError(`--p: expected probabilities in (0, 1], got '${text}'`);
    return p;
  });
  const repeated = ps.find((p, i) => ps.indexOf(p) !== i);
  if (repeated !== undefined) throw new UsageError(`--p: ${repeated} is listed twice`);
  return ps;
}

function integer(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new UsageError(`${flag}: expected an integer, got '${String(value)}'`);
  return value;
}

function number(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new UsageError(`${flag}: expected a number, got '${String(value)}'`);
  return value;
}
