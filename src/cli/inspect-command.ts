import { readTensors, tensorStats } from '../import/index.js';
import { defaultSamplePath } from './paths.js';
import { formatTable, fmt } from '../report/text-table.js';

/** `tegum inspect [FILE] [--json]`: every tensor with dtype, shape and the statistics a researcher checks first. */
export async function runInspect(file: string | undefined, opts: { json?: boolean }): Promise<number> {
  const path = file ?? defaultSamplePath();
  const tensors = await readTensors(path);
  const listed = tensors.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape, stats: tensorStats(t) }));
  if (opts.json) {
    process.stdout.write(JSON.stringify({ file: path, tensors: listed }, jsonNonFinite, 2) + '\n');
    return 0;
  }
  const rows = listed.map(({ name, dtype, shape, stats }) => [
    name,
    dtype,
    `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`,
    fmt(stats.min),
    fmt(stats.max),
    fmt(stats.mean),
    fmt(stats.std),
    fmt(stats.frobenius),
    String(stats.nan),
    String(stats.inf),
  ]);
  process.stdout.write(`${path}\n`);
  process.stdout.write(formatTable(['tensor', 'dtype', 'shape', 'min', 'max', 'mean', 'std', '‖·‖F', 'NaN', 'Inf'], rows));
  return 0;
}

/** JSON has no NaN/Infinity; write them as strings so the output stays valid JSON. */
function jsonNonFinite(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}
