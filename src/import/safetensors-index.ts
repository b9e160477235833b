/**
 * Sharded safetensors models: `model.safetensors.index.json` holds
 * `{"metadata": {...}, "weight_map": {tensor: shard file}}` and the shards
 * sit in the same directory. Shard names are bare file names; anything with
 * a path separator or `..` is refused so an index cannot reach other files.
 */
import { basename, dirname, join } from 'node:path';
import { InputError } from './errors.js';
import { readFileBytes } from './file-bytes.js';
import { quote } from './format.js';
import { isJsonObject, JsonSyntaxError, parseJson } from './json-value.js';
import type { JsonValue } from './json-value.js';
import { readSafetensors } from './safetensors.js';
import type { SafetensorsContents } from './safetensors.js';
import type { Tensor } from './tensor.js';

/**
 * Read all tensors of a sharded safetensors model through its index.
 *
 * @param indexPath Path of the `*.safetensors.index.json` file.
 * @returns The tensors in `weight_map` order, and metadata: the index's
 *   `metadata` (scalars as strings) then each shard's `__metadata__` keys not already present.
 * @throws InputError for a malformed index, unsafe or missing shard names,
 *   tensors missing from their shard, or anything a shard's reader refuses.
 */
export async function readShardedSafetensors(indexPath: string): Promise<SafetensorsContents> {
  const bytes = await readFileBytes(indexPath);
  if (bytes.length === 0) throw new InputError(indexPath, 'empty file');
  let index: JsonValue;
  try {
    index = parseJson(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new InputError(indexPath, e.message);
    if (e instanceof TypeError) throw new InputError(indexPath, 'not valid UTF-8 text');
    throw e;
  }
  const weightMap = isJsonObject(index) ? index.get('weight_map') : undefined;
  if (!isJsonObject(index) || !isJsonObject(weightMap)) {
    throw new InputError(indexPath, 'not a safetensors index: expected {"weight_map": {tensor: shard file}}');
  }
  const metadata = new Map<string, string>();
  const indexMetadata = index.get('metadata');
  if (isJsonObject(indexMetadata)) {
    for (const [key, value] of indexMetadata) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') metadata.set(key, String(value));
    }
  }
  const shardOf = new Map<string, string>();
  for (const [tensor, shard] of weightMap) {
    if (typeof shard !== 'string') throw new InputError(indexPath, `weight_map entry ${quote(tensor)} is not a file name`);
    checkShardName(indexPath, shard);
    shardOf.set(tensor, shard);
  }
  if (shardOf.size === 0) throw new InputError(indexPath, 'weight_map is empty');
  const shards = new Map<string, Map<string, Tensor>>();
  const directory = dirname(indexPath);
  for (const shard of new Set(shardOf.values())) {
    const shardPath = join(directory, shard);
    let contents: SafetensorsContents;
    try {
      contents = readSafetensors(shardPath, await readFileBytes(shardPath));
    } catch (e) {
      if (e instanceof InputError && e.reason === 'no such file') {
        throw new InputError(indexPath, `shard ${quote(shard)} is missing from ${dirname(indexPath) || '.'}`);
      }
      // Name the index the user gave, and the shard that failed.
      if (e instanceof InputError) throw new InputError(indexPath, `shard ${quote(shard)}: ${e.reason}`);
      throw e;
    }
    for (const [key, value] of contents.metadata) if (!metadata.has(key)) metadata.set(key, value);
    shards.set(shard, new Map(contents.tensors.map((t) => [t.name, t])));
  }
  const tensors: Tensor[] = [];
  for (const [name, shard] of shardOf) {
    const tensor = shards.get(shard)?.get(name);
    if (tensor === undefined) throw new InputError(indexPath, `tensor ${quote(name)} is mapped to shard ${quote(shard)} but that shard has no such tensor`);
    tensors.push(tensor);
  }
  return { tensors, metadata };
}

function checkShardName(indexPath: string, shard: string): void {
  const unsafe = shard === '' || shard === '.' || shard === '..' || /[/\\\0]/.test(shard) || basename(shard) !== shard || shard.includes('..');
  if (unsafe) {
    throw new InputError(indexPath, `shard name ${quote(shard)} is not a plain file name; shards must sit next to the index`);
  }
}
