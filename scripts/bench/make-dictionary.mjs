#!/usr/bin/env node
/**
 * Write a seeded SAE-like dictionary (src/synthetic/dictionary.ts) as .npy
 * (float32, rows = features) plus truth.json, for the dictionary benchmark,
 * the numpy peer or anyone's own structure finder.
 *
 *   npm run build
 *   node scripts/bench/make-dictionary.mjs [--case sae-16k-768|sae-32k-512|small-m-32k-256|sae-64k-768|wide-16k-2304]
 *        [--n N] [--m M] [--seed S] [--noise SIGMA] [--out DIR]
 *
 * --n/--m/--seed/--noise override the case's values (default case sae-16k-768).
 * Writes DIR/W.npy and DIR/truth.json (default DIR: /tmp/tegum-dictionary-<n>x<m>-s<seed>)
 * and prints DIR.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (p) => pathToFileURL(join(root, 'dist', 'src', p)).href;
const { generateDictionary, DICTIONARY_CASES } = await import(dist('synthetic/index.js'));
const { encodeNpyFloat32 } = await import(dist('toymodel/npz-writer.js'));

/**
 * Parse the command line into generator options.
 *
 * @param argv - Arguments after the script name.
 * @returns {{ options: import('../../dist/src/synthetic/index.js').DictionaryOptions, out: string }}
 */
export function parseArgs(argv) {
  const opt = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const caseName = opt('--case') ?? 'sae-16k-768';
  const base = DICTIONARY_CASES[caseName];
  if (!base) throw new Error(`unknown case ${caseName} (known: ${Object.keys(DICTIONARY_CASES).join(', ')})`);
  const num = (name, fallback) => (opt(name) === undefined ? fallback : Number(opt(name)));
  const options = { ...base, n: num('--n', base.n), m: num('--m', base.m), seed: num('--seed', base.seed) };
  if (opt('--noise') !== undefined) options.noise = Number(opt('--noise'));
  const out = opt('--out') ?? `/tmp/tegum-dictionary-${options.n}x${options.m}-s${options.seed}`;
  return { options, out };
}

/**
 * Generate and write one dictionary.
 *
 * @param options - Generator options.
 * @param out - Output folder.
 * @returns {{ file: string, truthFile: string, seconds: number }}
 */
export function writeDictionary(options, out) {
  const t0 = performance.now();
  const d = generateDictionary(options);
  mkdirSync(out, { recursive: true });
  const file = join(out, 'W.npy');
  writeFileSync(file, encodeNpyFloat32({ data: d.W, shape: [d.n, d.m] }));
  const truthFile = join(out, 'truth.json');
  writeFileSync(truthFile, JSON.stringify({ generator: 'src/synthetic/dictionary.ts', options, n: d.n, m: d.m, featuresAre: 'rows', ...d.truth }) + '\n');
  return { file, truthFile, seconds: (performance.now() - t0) / 1000 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { options, out } = parseArgs(process.argv.slice(2));
    const { seconds } = writeDictionary(options, out);
    process.stderr.write(`make-dictionary: ${options.n} x ${options.m}, seed ${options.seed}: ${seconds.toFixed(1)} s\n`);
    process.stdout.write(out + '\n');
  } catch (e) {
    process.stderr.write(`make-dictionary: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
}
