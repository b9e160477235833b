import { readWeightFile, tensorStats } from '../import/index.js';
import { defaultSamplePath } from './paths.js';
import { formatTable, fmt } from '../report/text-table.js';

/**
 * `tegum inspect [FILE] [--json] [--allow-large]`: every tensor with dtype,
 * shape and the statistics a researcher checks first, then the file's
 * metadata (safetensors `__metadata__`, an SAE folder's cfg.json fields, a
 * checkpoint's scalars such as `epoch`).
 */
export async function runInspect(file: string | undefined, opts: { json?: boolean; allowLarge?: boolean }): Promise<number> {
  const path = file ?? defaultSamplePath();
  const { tensors, metadata } = await readWeightFile(path, { allowLarge: opts.allowLarge });
  const listed = tensors.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape, stats: tensorStats(t) }));
  if (opts.json) {
    process.stdout.write(JSON.stringify({ file: path, tensors: listed, metadata: Object.fromEntries(metadata) }, jsonNonFinite, 2) + '\n');
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
  if (metadata.size > 0) {
    process.stdout.write('\nmetadata\n');
    process.stdout.write(
      formatTable(
        ['key', 'value'],
        [...metadata].map(([key, value]) => [oneLine(key), oneLine(value)]),
      ),
    );
  }
  return 0;
}

/** Metadata values are free text: keep each on one table row. */
function oneLine(text: string): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

/** JSON has no NaN/Infinity; write them as strings so the output stays valid JSON. */
function jsonNonFinite(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}
