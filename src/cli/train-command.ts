import { join } from 'node:path';
import { TORCH_ADAMW } from '../toymodel/adamw.js';
import type { InitScheme } from '../toymodel/init.js';
import { runFiles, runName } from '../toymodel/run-files.js';
import { OFFICIAL_BATCH, OFFICIAL_STEPS } from '../toymodel/train.js';
import { trainToyModels } from '../toymodel/train-many.js';
import type { ToyTrainingSettings } from '../toymodel/train.js';
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
  init: InitScheme;
  /** Size of the notebook's stack for `--init notebook` (default: the runs trained together, one per p). */
  instances: number;
  out: string;
  force: boolean;
}

/** Seeds are 32-bit (the generator's seeding takes 32 bits). */
const MAX_SEED = 2 ** 32 - 1;
/** Progress is sampled at 1 % of a run's steps. */
const PROGRESS_RESOLUTION = 100;
/** Without a terminal, each run logs a line every this fraction of its steps (10 lines a run: readable in CI logs). */
const LOG_FRACTION = 0.1;

/**
 * `tegum train`: train one Toy Model per --p value and write
 * `<out>/<name>.npz` (W [m, n], b [n], float32) and `<out>/<name>.json`.
 * The runs train at once, one worker thread each up to the core count, on the
 * CPU (there is no GPU training kernel). stdout gets one result line per run
 * (loss, represented features), in --p order; stderr gets the progress of each
 * run (a redrawn line on a terminal, a line per 10 % of its steps otherwise)
 * and a "wrote …" line per run.
 *
 * @param raw - Options as commander parsed them (numbers still as strings).
 * @returns The exit code.
 */
export async function runTrain(raw: Record<string, unknown>): Promise<number> {
  const opts = parseTrainOptions(raw);
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
    init: { scheme: opts.init, instances: opts.instances },
  }));
  checkWritable(
    opts.out,
    runs.flatMap((r) => [`${runName(r)}.npz`, `${runName(r)}.json`]),
    opts.force,
  );

  const progress = runProgress(runs.map(runName), opts.steps);
  // Runs finish in any order; their result lines are printed in --p order.
  const lines: string[] = [];
  let printed = 0;
  try {
    await trainToyModels(runs, {
      every: Math.max(1, Math.floor(opts.steps / PROGRESS_RESOLUTION)),
      onProgress: progress.update,
      onDone: (index, trained) => {
        const { name, npz, record } = runFiles(runs[index], opts.importance, trained);
        const files = [`${name}.npz`, `${name}.json`];
        writeOutputs(opts.out, { [files[0]]: npz, [files[1]]: JSON.stringify(record, null, 2) + '\n' }, opts.force);
        progress.clear();
        process.stderr.write(`tegum: wrote ${files.map((f) => join(opts.out, f)).join(', ')}\n`);
        lines[index] =
          `${name}: loss ${record.finalLoss.toExponential(4)} · ${record.represented}/${opts.n} features with norm > ${record.representedNorm} · ` +
          `trained on cpu in ${trained.seconds.toFixed(1)} s\n`;
        while (lines[printed] !== undefined) process.stdout.write(lines[printed++]);
      },
    });
  } finally {
    progress.clear();
  }
  return 0;
}

/**
 * Live progress of several runs on stderr. On a terminal one line is redrawn
 * with every run's percentage and the batch loss of the run that last moved;
 * otherwise (a pipe, a CI log) each run prints a line each time it passes a
 * further LOG_FRACTION of its steps, so a long sweep is never silent.
 *
 * @param names - Run names, by run index.
 * @param steps - Steps of every run.
 */
function runProgress(names: string[], steps: number): { update: (index: number, step: number, loss: number) => void; clear: () => void } {
  const tty = process.stderr.isTTY === true;
  const done = names.map(() => 0);
  const logged = names.map(() => 0);
  let drawn = false;
  return {
    update(index, step, loss) {
      done[index] = step;
      if (tty) {
        const percents = names.map((name, i) => `${name.replace(/_seed\d+$/, '')} ${Math.floor((100 * done[i]) / steps)}%`);
        process.stderr.write(`\rtegum: train ${percents.join(' · ')} · loss ${loss.toExponential(3)}\x1b[K`);
        drawn = true;
        return;
      }
      const tenth = Math.floor(step / (LOG_FRACTION * steps) + 1e-9);
      if (tenth <= logged[index]) return;
      logged[index] = tenth;
      process.stderr.write(`tegum: train ${names[index]}: step ${step}/${steps}, batch loss ${loss.toExponential(3)}\n`);
    },
    clear() {
      if (drawn) process.stderr.write('\r\x1b[K');
      drawn = false;
    },
  };
}

/**
 * Validate commander's options for `tegum train` and fill in the defaults.
 * Numbers arrive as the strings typed, so each error names its flag.
 *
 * @param raw - Options as commander parsed them.
 * @throws UsageError on a malformed number or --p list, a repeated p, or out-of-range values.
 */
export function parseTrainOptions(raw: Record<string, unknown>): TrainCommandOptions {
  const n = positiveInteger(raw.n, '--n', 'a positive number of features');
  const m = positiveInteger(raw.m, '--m', 'a positive hidden dimension');
  if (n === undefined) throw new UsageError('--n: required (the number of features)');
  if (m === undefined) throw new UsageError('--m: required (the hidden dimension)');
  const importance = number(raw.importance, '--importance', 'a positive ratio r (importance r^i)', (x) => x > 0) ?? 1;
  const seed = integer(raw.seed, '--seed', `an integer in [0, ${MAX_SEED}]`, (x) => x >= 0 && x <= MAX_SEED) ?? 0;
  const lr = number(raw.lr, '--lr', 'a positive learning rate', (x) => x > 0) ?? TORCH_ADAMW.lr;
  const init = raw.init ?? 'notebook';
  if (init !== 'notebook' && init !== 'xavier2d') throw new UsageError(`--init: expected notebook or xavier2d, got '${shown(init)}'`);
  const out = raw.out ?? 'runs';
  if (typeof out !== 'string' || out === '') throw new UsageError('--out: expected a directory');
  const p = parseProbabilities(raw.p ?? '1');
  return {
    n,
    m,
    importance,
    p,
    steps: positiveInteger(raw.steps, '--steps', 'a positive number of steps') ?? OFFICIAL_STEPS,
    batch: positiveInteger(raw.batch, '--batch', 'a positive batch size') ?? OFFICIAL_BATCH,
    lr,
    seed,
    init,
    // The notebook's stack holds the runs it trains together; here, one per p.
    instances: positiveInteger(raw.instances, '--instances', 'a positive number of instances') ?? p.length,
    out,
    force: raw.force === true,
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

/**
 * A flag's value as a finite number satisfying `valid`, or undefined when the flag is absent.
 *
 * @param value - The text commander collected (a number is accepted as is).
 * @param flag - The flag, named in the error.
 * @param expected - What a valid value is, for the error.
 * @param valid - Range check.
 */
/** A command-line value as the user typed it (commander passes strings; anything else as JSON). */
function shown(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

function number(value: unknown, flag: string, expected: string, valid: (x: number) => boolean): number | undefined {
  if (value === undefined) return undefined;
  const text = shown(value).trim();
  const x = text === '' ? NaN : Number(text);
  if (!Number.isFinite(x) || !valid(x)) throw new UsageError(`${flag}: expected ${expected}, got '${shown(value)}'`);
  return x;
}

/** {@link number}, further required to be written as a decimal integer (Number() alone would take '0x10' and '1e3'). */
function integer(value: unknown, flag: string, expected: string, valid: (x: number) => boolean): number | undefined {
  if (value !== undefined && !/^\s*[+-]?\d+\s*$/.test(shown(value))) throw new UsageError(`${flag}: expected ${expected}, got '${shown(value)}'`);
  return number(value, flag, expected, (x) => Number.isInteger(x) && valid(x));
}

/** {@link integer} ≥ 1. */
function positiveInteger(value: unknown, flag: string, expected: string): number | undefined {
  return integer(value, flag, expected, (x) => x >= 1);
}
