#!/usr/bin/env node
/**
 * Mutation fuzzing of tegum's readers through the real CLI (run by hand, not in CI).
 *
 * Seeds are the files numpy, PyTorch and the format specs wrote for the import
 * tests (test/fixtures/import/good, recursively). Each mutant is one seed with
 * one to three mutations (bit flips, interesting bytes and integers, truncation,
 * chunk insertion/deletion/duplication, splices of two seeds, and format-aware
 * edits of zip directory fields, .npy/.safetensors header numbers and JSON
 * brackets), written under its seed's file name and given to
 * `node bin/tegum.js inspect --json FILE` (3 of 4 mutants) or
 * `node bin/tegum.js analyze --json --gpu off FILE` (1 of 4), under
 * `/usr/bin/time` for its peak memory.
 *
 * A clean outcome is exit 0 with valid JSON on stdout, or exit 2 with nothing
 * on stdout and exactly one stderr line `tegum: FILE: reason`; both within
 * 20 s and 1 GB. Anything else is a finding: the mutant is kept in the output
 * folder with a line in findings.txt saying what happened.
 *
 * Usage: npm run build && node scripts/fuzz/fuzz-readers.mjs [--count N] [--jobs J] [--seed S] [--out DIR] [--tegum DIR]
 * Defaults: 5000 mutants, 2 jobs, seed 1, out = $TMPDIR/tegum-fuzz, tegum = this checkout
 * (--tegum: a copy of bin/, dist/, package.json and node_modules to run instead).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const COUNT = Number(option('--count', 5000));
const JOBS = Number(option('--jobs', 2));
const SEED = Number(option('--seed', 1));
const OUT = option('--out', join(tmpdir(), 'tegum-fuzz'));
// A copy of the built CLI (bin/, dist/, package.json, node_modules) to fuzz, so a
// rebuild of the working tree during a long run does not change what is tested.
const TEGUM = option('--tegum', root);
const TIME_LIMIT_MS = 20_000;
const MEMORY_LIMIT_KB = 1024 * 1024;

/** mulberry32: a small seeded generator, so a run can be repeated exactly. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(SEED);
const int = (n) => Math.floor(random() * n);
const pick = (xs) => xs[int(xs.length)];

function seeds() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith('.expected.json') && !name.endsWith('.meta.json') && name !== 'cfg.json' && name !== 'config.json') {
        out.push({ name, bytes: new Uint8Array(readFileSync(path)) });
      }
    }
  };
  walk(join(root, 'test', 'fixtures', 'import', 'good'));
  return out;
}

const INTERESTING_BYTES = [0x00, 0xff, 0x7f, 0x80, 0x01, 0x0a, 0x22, 0x5b, 0x5d, 0x2c];
const INTERESTING_INTS = [0, 1, 2, 0x7f, 0xff, 0x7fff, 0xffff, 0x7fffffff, 0xffffffff, 2 ** 31, 2 ** 32 + 1, 2 ** 53, 2 ** 60];

function writeInt(bytes, at, value, width) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (at + width > bytes.length) return;
  if (width === 2) dv.setUint16(at, value & 0xffff, true);
  else if (width === 4) dv.setUint32(at, value >>> 0, true);
  else dv.setBigUint64(at, BigInt(Math.min(value, 2 ** 63)), true);
}

/** Offsets of a 4-byte signature (zip headers). */
function findAll(bytes, signature) {
  const at = [];
  for (let i = 0; i + 4 <= bytes.length; i++) {
    if (bytes[i] === signature[0] && bytes[i + 1] === signature[1] && bytes[i + 2] === signature[2] && bytes[i + 3] === signature[3]) at.push(i);
  }
  return at;
}

const MUTATIONS = {
  flipBits(b) {
    for (let k = 1 + int(8); k > 0; k--) b[int(b.length)] ^= 1 << int(8);
    return b;
  },
  interestingByte(b) {
    b[int(b.length)] = pick(INTERESTING_BYTES);
    return b;
  },
  interestingInt(b) {
    writeInt(b, int(b.length), pick(INTERESTING_INTS), pick([2, 4, 8]));
    return b;
  },
  truncate(b) {
    return b.slice(0, int(b.length));
  },
  deleteChunk(b) {
    const at = int(b.length);
    const n = 1 + int(Math.min(64, b.length - at));
    return Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + n)]);
  },
  duplicateChunk(b) {
    const at = int(b.length);
    const n = 1 + int(Math.min(256, b.length - at));
    return Uint8Array.from([...b.subarray(0, at + n), ...b.subarray(at, at + n), ...b.subarray(at + n)]);
  },
  insertRandom(b) {
    const at = int(b.length + 1);
    const extra = Array.from({ length: 1 + int(16) }, () => int(256));
    return Uint8Array.from([...b.subarray(0, at), ...extra, ...b.subarray(at)]);
  },
  splice(b, all) {
    const other = pick(all).bytes;
    const at = int(b.length);
    return Uint8Array.from([...b.subarray(0, at), ...other.subarray(int(other.length))]);
  },
  /** Zip: change a size, offset, count, CRC or name length in a central or local header, or the end record. */
  zipField(b) {
    const central = findAll(b, [0x50, 0x4b, 0x01, 0x02]);
    const local = findAll(b, [0x50, 0x4b, 0x03, 0x04]);
    const end = findAll(b, [0x50, 0x4b, 0x05, 0x06]);
    const choices = [
      ...central.flatMap((p) => [
        [p + 16, 4],
        [p + 20, 4],
        [p + 24, 4],
        [p + 28, 2],
        [p + 30, 2],
        [p + 42, 4],
        [p + 10, 2],
      ]),
      ...local.flatMap((p) => [
        [p + 18, 4],
        [p + 22, 4],
        [p + 26, 2],
        [p + 28, 2],
      ]),
      ...end.flatMap((p) => [
        [p + 8, 2],
        [p + 10, 2],
        [p + 12, 4],
        [p + 16, 4],
        [p + 20, 2],
      ]),
    ];
    const inside = choices.filter(([at, width]) => at + width <= b.length);
    if (inside.length === 0) return MUTATIONS.interestingInt(b);
    const [at, width] = pick(inside);
    const dv = new DataView(b.buffer, b.byteOffset, b.length);
    const old = width === 2 ? dv.getUint16(at, true) : dv.getUint32(at, true);
    const value = pick([0, old + 1, old - 1, old * 2, old * 1000, pick(INTERESTING_INTS)]);
    writeInt(b, at, value, width);
    return b;
  },
  /** Text headers (.npy dict, safetensors JSON, JSON files): replace one number with another. */
  headerNumber(b) {
    const text = new TextDecoder('latin1').decode(b.subarray(0, Math.min(b.length, 4096)));
    const numbers = [...text.matchAll(/\d+/g)];
    if (numbers.length === 0) return MUTATIONS.interestingByte(b);
    const m = pick(numbers);
    const replacement = String(pick([0, 1, 7, 100000, 4294967297, 1e15, Number(m[0]) + 1, Number(m[0]) * 3]));
    // latin1 decodes one character per byte, so character offsets are byte offsets.
    return Uint8Array.from([...b.subarray(0, m.index), ...new TextEncoder().encode(replacement), ...b.subarray(m.index + m[0].length)]);
  },
  /** JSON structure: drop or add a bracket or comma. */
  jsonBracket(b) {
    const marks = [];
    for (let i = 0; i < b.length; i++) if (b[i] === 0x5b || b[i] === 0x5d || b[i] === 0x2c || b[i] === 0x7b || b[i] === 0x7d) marks.push(i);
    if (marks.length === 0) return MUTATIONS.interestingByte(b);
    const at = pick(marks);
    return pick([
      () => Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + 1)]),
      () => Uint8Array.from([...b.subarray(0, at), b[at], ...b.subarray(at)]),
      () => {
        b[at] = pick([0x5b, 0x5d, 0x2c, 0x30]);
        return b;
      },
    ])();
  },
};

function mutate(seed, all) {
  let bytes = seed.bytes.slice();
  const names = Object.keys(MUTATIONS);
  const aware = seed.name.endsWith('.json')
    ? ['jsonBracket', 'headerNumber']
    : seed.name.endsWith('.npy') || seed.name.endsWith('.safetensors')
      ? ['headerNumber']
      : ['zipField'];
  const used = [];
  for (let k = 1 + int(3); k > 0; k--) {
    const name = random() < 0.4 ? pick(aware) : pick(names);
    used.push(name);
    bytes = MUTATIONS[name](bytes, all);
    if (bytes.length === 0) bytes = Uint8Array.of(int(256));
  }
  return { bytes, used };
}

function run(command, file) {
  return new Promise((resolve) => {
    const cmdArgs = command === 'analyze' ? ['analyze', '--json', '--gpu', 'off', file] : ['inspect', '--json', file];
    const timeFile = `${file}.time`;
    // Its own process group, so a timeout kills node as well as /usr/bin/time.
    const child = spawn('/usr/bin/time', ['-f', '%M %e', '-o', timeFile, process.execPath, join(TEGUM, 'bin', 'tegum.js'), ...cmdArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const started = Date.now();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid, 'SIGKILL');
    }, TIME_LIMIT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      let maxKb = NaN;
      try {
        maxKb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ')[0]);
      } catch {
        // killed before time could write it
      }
      resolve({ code, stdout, stderr, timedOut, ms: Date.now() - started, maxKb });
    });
  });
}

/** The outcome's class: 'ok', 'refused', or a finding. */
function classify(r, file) {
  if (r.timedOut) return 'timeout';
  if (r.maxKb > MEMORY_LIMIT_KB) return 'memory';
  // /usr/bin/time passes the child's exit status through.
  if (r.code === 0) {
    try {
      JSON.parse(r.stdout);
      return 'ok';
    } catch {
      return 'bad-json';
    }
  }
  if (r.code === 2) {
    const lines = r.stderr.trimEnd().split('\n');
    if (r.stdout !== '') return 'refused-with-stdout';
    if (lines.length !== 1) return 'refused-multiline';
    if (!lines[0].startsWith(`tegum: ${file}: `)) return 'refused-unnamed';
    return 'refused';
  }
  return `exit-${r.code}`;
}

async function main() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, 'work'), { recursive: true });
  mkdirSync(join(OUT, 'findings'), { recursive: true });
  const all = seeds();
  const counts = new Map();
  const bySeedFormat = new Map();
  let slowest = 0;
  let largestKb = 0;
  let next = 0;
  const worker = async (id) => {
    for (;;) {
      const index = next++;
      if (index >= COUNT) return;
      const seed = all[index % all.length];
      const { bytes, used } = mutate(seed, all);
      const dir = join(OUT, 'work', String(id));
      mkdirSync(dir, { recursive: true });
      const file = join(dir, seed.name);
      writeFileSync(file, bytes);
      const command = index % 4 === 3 ? 'analyze' : 'inspect';
      const r = await run(command, file);
      const outcome = classify(r, file);
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
      const format = seed.name.slice(seed.name.lastIndexOf('.'));
      const row = bySeedFormat.get(format) ?? {};
      row[outcome] = (row[outcome] ?? 0) + 1;
      bySeedFormat.set(format, row);
      slowest = Math.max(slowest, r.ms);
      if (Number.isFinite(r.maxKb)) largestKb = Math.max(largestKb, r.maxKb);
      if (outcome !== 'ok' && outcome !== 'refused') {
        const kept = join(OUT, 'findings', `${index}-${seed.name}`);
        writeFileSync(kept, bytes);
        appendFileSync(
          join(OUT, 'findings.txt'),
          `${basename(kept)}\t${command}\t${outcome}\t${used.join('+')}\t${r.ms} ms\t${r.maxKb} kB\t${JSON.stringify(r.stderr.slice(0, 300))}\n`,
        );
      }
      if ((index + 1) % 250 === 0) process.stderr.write(`${index + 1}/${COUNT} ${JSON.stringify(Object.fromEntries(counts))}\n`);
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: JOBS }, (_, id) => worker(id)));
  const summary = {
    mutants: COUNT,
    seeds: all.length,
    seed: SEED,
    jobs: JOBS,
    outcomes: Object.fromEntries(counts),
    bySeedFormat: Object.fromEntries(bySeedFormat),
    slowestMs: slowest,
    largestRssMB: Math.round(largestKb / 1024),
    minutes: Number(((Date.now() - started) / 60000).toFixed(1)),
  };
  writeFileSync(join(OUT, 'summary.json'), JSON.stringify(summary, null, 2));
  process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  const clean = [...counts.keys()].every((k) => k === 'ok' || k === 'refused');
  process.exit(clean ? 0 : 1);
}

await main();
