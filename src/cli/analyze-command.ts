import { asFloat64, readTensors, chooseWeights, describeChoice } from '../import/index.js';
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
import { terminalSummary } from '../report/terminal.js';
import { UsageError } from './usage-error.js';
import { stageReporter } from './progress.js';
import { createWorkerScreener } from '../screening/pool-node.js';
import type { Screener } from '../screening/index.js';
import { createGpuScreener } from '../screening/screener-gpu.js';
import type { GpuHandle } from '../gpu/device.js';

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
  // A k-plane with k = m is all of R^m: it holds every feature and says nothing (the help says at most m − 1).
  if (opts.maxK !== undefined && opts.maxK >= ws.m)
    throw new UsageError(`--max-k ${opts.maxK}: at most m − 1 = ${ws.m - 1} (a ${ws.m}-plane is the whole hidden space R^${ws.m})`);

  const embedder = await chooseEmbedder(opts.gpu ?? 'auto');
  const bar = stageReporter();
  // --gpu on screens on the adapter too; auto keeps the CPU pool (a software adapter is slower than both cores).
  const screener = embedder.gpu ? createGpuScreener(embedder.gpu) : lazyScreener();
  try {
    const report = await analyze(ws, {
      onProgress: bar.progress,
      onStage: bar.stage,
      representedNorm: opts.representedNorm,
      noiseFloor: opts.noiseFloor,
      eps: opts.eps,
      minSamples: opts.minSamples,
      maxK: opts.maxK,
      embedder,
      screener,
      version: packageVersion(),
    });
    // Said once the analysis has accepted W, so a refusal stays the only line on stderr.
    process.stderr.write(`tegum: using ${describeChoice(ws, { features: opts.features })}\n`);
    for (const note of choiceNotes(ws, tensors, { bias: opts.bias, features: opts.features })) process.stderr.write(`tegum: note: ${note}\n`);
    if (opts.out !== undefined) {
      const written = writeOutputs(
        opts.out,
        { 'report.json': reportJson(report), 'report.md': reportToMarkdown(report), 'report.html': reportToHtml(report, asFloat64(ws.W)) },
        opts.force === true,
      );
      // stderr, like compare's and train's: stdout holds only the report.
      process.stderr.write(`tegum: wrote ${written.join(', ')}\n`);
    }
    process.stdout.write(opts.json ? reportJson(report) : terminalSummary(report));
    return 0;
  } finally {
    bar.done();
    embedder.dispose();
    await screener.close?.();
  }
}

async function chooseEmbedder(mode: 'auto' | 'on' | 'off'): Promise<Embedder & { dispose(): void; gpu?: GpuHandle | null }> {
  if (mode === 'auto') return autoEmbedder(AUTO_GPU_MIN_SUBSETS);
  try {
    const backend = await chooseBackend(mode);
    return { ...backendEmbedder(backend), dispose: () => backend.dispose(), gpu: backend.gpu };
  } catch (err) {
    if (err instanceof GpuUnavailableError) throw new UsageError(`--gpu on: ${err.message}`);
    throw err;
  }
}

/**
 * The dictionary-scale screening on worker threads (both cores), started only
 * if the analysis asks for it: small models never pay for the workers.
 */
function lazyScreener(): Screener {
  let pool: Promise<Screener> | null = null;
  const get = (): Promise<Screener> => (pool ??= createWorkerScreener());
  let described = 'worker threads (not started)';
  return {
    describe: () => described,
    async screen(units, n, m, o, onProgress) {
      const s = await get();
      described = s.describe();
      return s.screen(units, n, m, o, onProgress);
    },
    async pairs(units, n, m, o, onProgress) {
      const s = await get();
      described = s.describe();
      return s.pairs(units, n, m, o, onProgress);
    },
    async close() {
      if (pool) await (await pool).close?.();
    },
  };
}

function reportJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
