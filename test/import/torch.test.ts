import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseWeights, describeChoice, InputError, readTensorsFromBytes, readWeightFile } from '../../src/import/index.js';
import { PickleError, unpickle } from '../../src/import/pickle.js';
import { torchGlobal, torchHooks } from '../../src/import/torch-pickle.js';
import { tegum } from '../cli/run-cli.js';
import { BAD, GOOD } from './fixtures.js';

const TORCH = join(GOOD, 'torch');
const MARKER = 'tegum_pickle_marker';

describe('PyTorch files written by torch.save', () => {
  it('cover the zip and legacy containers, every pickle protocol and the usual extensions', () => {
    const files = readdirSync(TORCH).filter((f) => !f.endsWith('.json'));
    for (const f of ['conv.pt', 'dtypes.pt', 'dtypes_legacy.pt', 'views.pt', 'views_legacy.pt', 'checkpoint.pth', 'pytorch_model.bin', 'lightning.ckpt']) {
      expect(files).toContain(f);
    }
    for (let p = 1; p <= 5; p++) expect(files).toContain(`protocol${p}.pt`);
    // The legacy files really are legacy (no zip magic), the others zip.
    expect(readFileSync(join(TORCH, 'views_legacy.pt'))[0]).toBe(0x80);
    expect(readFileSync(join(TORCH, 'views.pt')).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it.each(
    readdirSync(TORCH)
      .filter((f) => f.endsWith('.meta.json'))
      .map((f) => [f.slice(0, -'.meta.json'.length)]),
  )('the scalars beside the tensors of %s become metadata', async (file) => {
    const expected = JSON.parse(readFileSync(join(TORCH, `${file}.meta.json`), 'utf8')) as Record<string, string>;
    const { metadata } = await readWeightFile(join(TORCH, file));
    expect(Object.fromEntries(metadata)).toEqual(expected);
  });

  it('a nested checkpoint: analyze picks the matrix by name with dotted paths', async () => {
    const { tensors } = await readWeightFile(join(TORCH, 'checkpoint.pth'));
    // W is first in the name priority; decoder.weight is found as the last components of a dotted path.
    expect(chooseWeights('c', tensors).tensor).toBe('W');
    const dec = chooseWeights(
      'c',
      tensors.filter((t) => t.name !== 'W'),
    );
    expect(dec).toMatchObject({ tensor: 'model_state_dict.decoder.weight', featuresAre: 'columns', n: 6, m: 3 });
  });

  it('shared storages give the right values, as views of the one storage read from the file (no second copy)', async () => {
    const { tensors } = await readWeightFile(join(TORCH, 'views.pt'));
    const a = tensors.find((t) => t.name === 'shared_a');
    const b = tensors.find((t) => t.name === 'shared_b');
    if (a === undefined || b === undefined) throw new Error('missing');
    expect([...b.data]).toEqual([...a.data.subarray(8, 16)]);
    expect(b.data.buffer).toBe(a.data.buffer);
    expect(b.data.byteOffset).toBe(a.data.byteOffset + 8 * a.data.BYTES_PER_ELEMENT);
  });
});

describe('the restricted unpickler', () => {
  it('refuses every global outside the allow-list, naming it, before building anything', () => {
    for (const [module, name] of [
      ['posix', 'system'],
      ['os', 'system'],
      ['builtins', 'eval'],
      ['builtins', 'getattr'],
      ['subprocess', 'Popen'],
      ['torch', 'load'],
      ['numpy.core.multiarray', '_reconstruct'],
      ['torch._utils', '_rebuild_qtensor'],
    ]) {
      expect(torchGlobal(module, name), `${module}.${name}`).toBeUndefined();
      const bytes = globalPickle(module, name);
      expect(() => unpickle(bytes, 0, torchHooks(new Map()))).toThrow(
        new PickleError(`refusing pickle global ${module}.${name}; tegum never runs code from a file`),
      );
    }
    expect(torchGlobal('torch._utils', '_rebuild_tensor_v2')).toBeDefined();
    expect(torchGlobal('collections', 'OrderedDict')).toBeDefined();
    expect(torchGlobal('torch', 'BFloat16Storage')).toBeDefined();
  });

  it('refuses extension codes, truncation and stack misuse with one-line reasons', () => {
    const cases: Array<[number[], RegExp]> = [
      [[0x80, 2, 0x82, 1, 0x2e], /extension code/],
      [[0x80, 2, 0x58, 0xff, 0, 0, 0], /truncated pickle/],
      [[0x80, 2, 0x52, 0x2e], /stack underflow/],
      [[0x80, 2, 0x4b, 1, 0x4b, 2, 0x2e], /STOP with a stack of other than one value/],
      [[0x80, 2, 0x68, 7, 0x2e], /memo entry 7 was never stored/],
      [[0x80, 2, 0x4b, 1, 0x29, 0x52, 0x2e], /calling a number/],
      [[0x80, 2, 0xff], /unknown opcode 0xff/],
      [[0x80, 9], /unsupported pickle protocol 9/],
      [[0x80, 2, 0x4b, 1, 0x51, 0x2e], /persistent id other than a storage/],
    ];
    for (const [bytes, pattern] of cases) {
      expect(() => unpickle(new Uint8Array(bytes), 0, torchHooks(new Map())), pattern.source).toThrow(pattern);
    }
  });

  it('a list that contains itself is read without looping', () => {
    // ] q0 h0 a .  — EMPTY_LIST, BINPUT 0, BINGET 0, APPEND, STOP
    const { value } = unpickle(new Uint8Array([0x80, 2, 0x5d, 0x71, 0, 0x68, 0, 0x61, 0x2e]), 0, torchHooks(new Map()));
    expect(value).toBeDefined();
    // And a checkpoint holding it flattens without recursing forever.
    expect(() =>
      readTensorsFromBytes('self.pt', new Uint8Array([0x80, 2, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e])),
    ).toThrow(InputError);
  });
});

describe('hostile pickles never run: the real CLI refuses them and no marker appears', () => {
  const hostile = readdirSync(BAD).filter((f) => f.startsWith('pickle_'));

  it(`refuses all ${hostile.length} of them`, () => {
    expect(hostile.length).toBeGreaterThanOrEqual(5);
    const dir = mkdtempSync(join(tmpdir(), 'tegum-pickle-'));
    try {
      for (const name of hostile) {
        const file = join(dir, name);
        copyFileSync(join(BAD, name), file);
        for (const args of [
          ['inspect', file],
          ['analyze', file, '--json', '--gpu', 'off'],
        ]) {
          // cwd is the folder the pickle would `touch tegum_pickle_marker` in.
          const r = tegum(args, { cwd: dir });
          expect(r.code, r.stderr).toBe(2);
          expect(r.stdout).toBe('');
          expect(r.stderr).toMatch(
            new RegExp(
              `^tegum: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: refusing pickle global (posix\\.system|__builtin__\\.eval); tegum never runs code from a file\\n$`,
            ),
          );
          expect(existsSync(join(dir, MARKER)), `${name} created the marker`).toBe(false);
        }
      }
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('SAE layouts', () => {
  const SAE = join(GOOD, 'sae');

  it('a SAELens folder, or its cfg.json, reads sae_weights.safetensors with cfg.json as metadata; W_dec rows are features', async () => {
    for (const path of [join(SAE, 'saelens'), join(SAE, 'saelens', 'cfg.json')]) {
      const { tensors, metadata } = await readWeightFile(path);
      expect(tensors.map((t) => t.name)).toEqual(['W_enc', 'b_enc', 'W_dec', 'b_dec']);
      expect(metadata.get('format')).toBe('pt');
      expect(metadata.get('d_sae')).toBe('32');
      expect(metadata.get('hook_name')).toBe('blocks.8.hook_resid_pre');
      expect(metadata.get('model_from_pretrained_kwargs.center_writing_weights')).toBe('false');
      const ws = chooseWeights(path, tensors);
      expect(ws).toMatchObject({ tensor: 'W_dec', featuresAre: 'rows', n: 32, m: 8 });
      expect(ws.biasName).toBeUndefined(); // b_dec has length d_in, not n
      expect(describeChoice(ws)).toBe("W = 'W_dec' (32, 8): rows are the n = 32 features in m = 8 dims (SAELens/Gemma Scope W_dec is [d_sae, d_in]); no bias");
    }
  });

  it('Gemma Scope params.npz: W_dec rows, threshold kept', async () => {
    const { tensors } = await readWeightFile(join(SAE, 'gemmascope'));
    expect(tensors.map((t) => t.name).sort()).toEqual(['W_dec', 'W_enc', 'b_dec', 'b_enc', 'threshold']);
    expect(chooseWeights('g', tensors)).toMatchObject({ tensor: 'W_dec', featuresAre: 'rows', n: 32, m: 8 });
  });

  it('dictionary_learning ae.pt: decoder.weight [d_in, d_sae] has features as columns', async () => {
    const { tensors, metadata } = await readWeightFile(join(SAE, 'dictionary_learning'));
    expect(metadata.get('trainer.dict_size')).toBe('32');
    const ws = chooseWeights('ae', tensors);
    expect(ws).toMatchObject({ tensor: 'decoder.weight', featuresAre: 'columns', n: 32, m: 8 });
    // Feature i is column i of the stored [8, 32] matrix.
    const dec = tensors.find((t) => t.name === 'decoder.weight');
    if (dec === undefined) throw new Error('missing');
    for (let r = 0; r < 8; r++) expect(ws.W[5 * 8 + r]).toBe(dec.data[r * 32 + 5]);
    expect(describeChoice(ws)).toMatch(
      /^W = 'decoder\.weight' \(8, 32\): columns are the n = 32 features in m = 8 dims \(an nn\.Linear decoder\.weight is \[d_in, d_sae\]\); no bias$/,
    );
  });

  it('the name decides even when the decoder is undercomplete; --features still overrides', () => {
    const t = (name: string, shape: number[]) => ({ name, dtype: 'float32' as const, shape, data: new Float64Array(shape[0] * shape[1]).fill(1) });
    expect(chooseWeights('f', [t('W_dec', [4, 6])])).toMatchObject({ featuresAre: 'rows', n: 4, m: 6 });
    expect(chooseWeights('f', [t('sae.decoder.weight', [6, 4])])).toMatchObject({ featuresAre: 'columns', n: 4, m: 6 });
    expect(chooseWeights('f', [t('W_dec', [4, 6])], { features: 'columns' })).toMatchObject({ featuresAre: 'columns', n: 6 });
    expect(describeChoice(chooseWeights('f', [t('weight', [6, 4])]))).toMatch(
      /rows are the n = 6 features in m = 4 dims \(the longer axis, as superposition has n > m\)/,
    );
  });

  it('an error inside a folder names the folder and the file in it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-sae-'));
    try {
      copyFileSync(join(BAD, 'torch_crc.pt'), join(dir, 'ae.pt'));
      await expect(readWeightFile(dir)).rejects.toMatchObject({ file: dir, reason: expect.stringMatching(/^ae\.pt: entry .* fails its CRC-32 check/) });
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

/** A protocol-2 pickle of just `GLOBAL module name` then STOP. */
function globalPickle(module: string, name: string): Uint8Array {
  return new Uint8Array([0x80, 2, 0x63, ...Buffer.from(`${module}\n${name}\n`, 'latin1'), 0x2e]);
}

describe('the restricted unpickler at scale', () => {
  it('APPENDS of 300,000 items (a long mark) neither overflows the stack nor slows down', () => {
    const n = 300_000;
    const bytes = new Uint8Array(2 + 1 + 1 + 2 * n + 2);
    bytes.set([0x80, 2, 0x5d, 0x28]);
    for (let i = 0; i < n; i++) bytes.set([0x4b, i & 0xff], 4 + 2 * i);
    bytes.set([0x65, 0x2e], 4 + 2 * n);
    const started = performance.now();
    const { value } = unpickle(bytes, 0, torchHooks(new Map()));
    expect((value as { items: unknown[] }).items).toHaveLength(n);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
