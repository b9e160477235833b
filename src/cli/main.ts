import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { InputError } from '../import/errors.js';
import { UsageError } from './usage-error.js';
import { packageVersion } from './paths.js';

/**
 * The `tegum` command. Each subcommand's module is imported only when that
 * subcommand runs, so `tegum --help` stays fast (no WebGPU, no analysis code).
 *
 * Exit codes (docs/ARCHITECTURE.md): 0 ok, 2 unusable input or usage, 1 internal failure.
 * Errors are one line on stderr: `tegum: <file>: <reason>`. Bare `tegum`
 * is taken as a request for help: usage on stdout, exit 0 (like --help).
 */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('tegum')
    .description('Find the geometry of superposition in learned weight matrices.')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      // Commander's own error text is replaced by our one-line form below.
      writeErr: () => undefined,
    });

  program
    .command('analyze')
    .description('find bundles, planes and polytopes in a weight matrix (default: the embedded sample)')
    .argument('[file]', 'weight file (.npy, .npz, .json, .safetensors, .safetensors.index.json, .pt/.pth/.bin/.ckpt) or SAE folder')
    .option('--tensor <name>', 'tensor holding W (default: the only matrix, else a known name)')
    .option('--bias <name>', 'tensor holding the decoder bias b (default: a 1-D tensor named like b/bias of length n)')
    .option('--allow-large', 'read files that need more than max(16 × their size, 256 MiB) as float64 (refused by default: zip bombs)')
    .addOption(new Option('--features <axis>', 'which axis indexes features (default: the longer one)').choices(['rows', 'columns']))
    .option('--instance <i>', 'which instance of a 3-D stack to analyse', parseNonNegativeInt)
    .option('--max-k <K>', 'largest subset size for the plane search (default 3, at most m-1)', parsePositiveInt)
    .option('--represented-norm <x>', 'norm at or below which a feature is unrepresented (default: adaptive)', parseNonNegativeNumber)
    .option('--noise-floor <x>', '|cos| above which two features interfere (default: adaptive)', parseNonNegativeNumber)
    .option('--eps <x>', 'DBSCAN eps over projector embeddings (default: adaptive, per k)', parseNonNegativeNumber)
    .option('--min-samples <n>', 'DBSCAN min_samples, the point itself included (default 2)', parsePositiveInt)
    .addOption(new Option('--gpu <mode>', 'use WebGPU for the projector embeddings').choices(['auto', 'on', 'off']).default('auto'))
    .option('--json', 'print the report as JSON on stdout and nothing else')
    .option('--out <dir>', 'write report.json, report.md and report.html into DIR')
    .option('--force', 'overwrite existing report files in --out')
    .action(async (file: string | undefined, opts: Record<string, unknown>) => {
      const { runAnalyze } = await import('./analyze-command.js');
      exitCode = await runAnalyze(file, opts);
    });

  program
    .command('inspect')
    .description('list the tensors in a file with dtype, shape and statistics')
    .argument('[file]', 'weight file (default: the embedded sample)')
    .option('--json', 'print JSON on stdout')
    .option('--allow-large', 'read files that need more than max(16 × their size, 256 MiB) as float64')
    .action(async (file: string | undefined, opts: { json?: boolean; allowLarge?: boolean }) => {
      const { runInspect } = await import('./inspect-command.js');
      exitCode = await runInspect(file, opts);
    });

  program
    .command('compare')
    .description('compare runs: align hidden spaces, say what changed per feature and bundle (a 3-D stack gives one run per instance)')
    .argument('<files...>', 'two or more weight files')
    .option('--tensor <name>', 'tensor holding W in every file')
    .addOption(new Option('--features <axis>', 'which axis indexes features (default: the longer one)').choices(['rows', 'columns']))
    .option('--json', 'print the comparison as JSON on stdout and nothing else')
    .option('--out <dir>', 'write report.json, report.md and report.html into DIR')
    .option('--force', 'overwrite existing report files in --out')
    .action(async (files: string[], opts: Record<string, unknown>) => {
      const { runCompare } = await import('./compare-command.js');
      exitCode = await runCompare(files, opts);
    });

  program
    .command('view')
    .description('open the 3D viewer in a browser (default: the embedded sample); two files: compare them side by side')
    .argument('[files...]', 'weight file to show, or two runs to compare (FILE:INSTANCE picks one instance of a stack)')
    .option('--port <n>', 'port on 127.0.0.1 (default: a free one)', parseNonNegativeInt)
    .option('--no-open', 'print the URL but do not open a browser')
    .action(async (files: string[], opts: { port?: number; open: boolean }) => {
      const { runView } = await import('./view-command.js');
      exitCode = await runView(files, opts);
    });

  program
    .command('train')
    .description('train Toy Models of Superposition (ReLU output model) and save each run as .npz + settings JSON')
    // Numbers stay strings here: train-command.ts parses them and names the flag in each error.
    .requiredOption('--n <n>', 'number of features')
    .requiredOption('--m <m>', 'hidden dimension')
    .option('--importance <r>', 'feature i has importance r^i (default 1)')
    .option('--p <list>', 'comma-separated feature probabilities, one run (instance) each (default 1)')
    .option('--steps <n>', 'optimisation steps (default 10000)')
    .option('--batch <n>', 'batch size (default 1024)')
    .option('--lr <x>', 'AdamW learning rate (default 1e-3)')
    .option('--seed <s>', 'random seed (default 0)')
    .addOption(
      new Option(
        '--init <scheme>',
        "W's initialisation: the notebook's xavier_normal_ on its [instances, n, m] stack, or the 2-D xavier of one m×n matrix (default notebook)",
      ).choices(['notebook', 'xavier2d']),
    )
    .option('--instances <k>', 'stack size the notebook initialisation assumes (default: the number of --p values; the notebook used 10)')
    .option('--out <dir>', 'where to write the runs (default runs/)')
    .option('--force', 'overwrite existing run files')
    .action(async (opts: Record<string, unknown>) => {
      const { runTrain } = await import('./train-command.js');
      exitCode = await runTrain(opts);
    });

  program
    .command('gpu')
    .alias('doctor')
    .description('show the WebGPU adapter and self-test every kernel against the CPU reference')
    .option('--json', 'print JSON on stdout')
    .action(async (opts: { json?: boolean }) => {
      const { runGpuDoctor } = await import('./gpu-command.js');
      exitCode = await runGpuDoctor(opts);
    });

  if (argv.length === 0) {
    process.stdout.write(program.helpInformation());
    return 0;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    return reportError(err);
  }
}

function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    // --help and --version arrive here with exit code 0.
    if (err.exitCode === 0) return 0;
    process.stderr.write(`tegum: ${commanderMessage(err)}\n`);
    return 2;
  }
  if (err instanceof InputError) {
    process.stderr.write(`tegum: ${err.file}: ${oneLine(err.reason)}\n`);
    return 2;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`tegum: ${oneLine(err.message)}\n`);
    return 2;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`tegum: internal error: ${oneLine(message)}\n`);
  if (process.env.TEGUM_DEBUG && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
  return 1;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Commander's message in tegum's one-line form, the flag first:
 * "--max-k: expected a positive integer, got '0'" (as train-command.ts words its own),
 * "unknown option '--biass' (did you mean --bias?)".
 */
function commanderMessage(err: CommanderError): string {
  const text = err.message.replace(/^error: /, '');
  const bad = /^option '(-[^ ']+)[^']*' argument '([^']*)' is invalid\. ([\s\S]*)$/.exec(text);
  if (bad) return oneLine(`${bad[1]}: ${bad[3].charAt(0).toLowerCase()}${bad[3].slice(1).replace(/\.$/, '')}, got '${bad[2]}'`);
  return oneLine(text.replace(/\n\(Did you mean (.*)\)/, ' (did you mean $1)'));
}

// Integers are plain decimal digits: Number() alone would take '', '0x10' and '1e3'.
function parsePositiveInt(value: string): number {
  const x = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(x) || x < 1) throw new InvalidArgumentError('expected a positive integer');
  return x;
}

function parseNonNegativeInt(value: string): number {
  const x = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(x) || x < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return x;
}

function parseNonNegativeNumber(value: string): number {
  const x = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(x) || x < 0) throw new InvalidArgumentError('expected a non-negative number');
  return x;
}
