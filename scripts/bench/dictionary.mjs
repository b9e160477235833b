#!/usr/bin/env node
/**
 * Dictionary benchmark (issue 11): `tegum analyze FILE --json` against the
 * numpy/scipy peer (scripts/bench/dictionary_peer.py) on the same seeded
 * SAE-like dictionary (scripts/bench/make-dictionary.mjs), in one run:
 * whole-process wall time, peak RSS, and planted structures recovered with
 * exact features / exact labels, plus false structures.
 *
 *   npm run build
 *   node scripts/bench/dictionary.mjs [--case sae-16k-768|sae-32k-512|small-m-32k-256|sae-64k-768|wide-16k-2304] [--n N] [--m M] [--seed S]
 *        [--timeout SECONDS] [--skip-tegum] [--skip-peer] [--tegum-args "--gpu on"]
 *   node scripts/bench/dictionary.mjs --curve n   # N = 4k, 8k, 16k, 32k, 64k at m = 768
 *   node scripts/bench/dictionary.mjs --curve m   # m = 64, 128, 256, 512, 768, 1024, 2304 at N = 16k
 *        (--points a,b,c overrides the swept values, --m / --n the fixed one)
 *
 * Peak RSS comes from `/usr/bin/time -v` when it exists (the child's own
 * maximum resident set), else from the child itself: tegum through a preloaded
 * process.resourceUsage() probe, the peer through resource.getrusage.
 * tegum's structures are read from report.structures; a Report without that
 * field (schema 1) falls back to report.bundles (label = polytope).
 * Timings on the shared 2-core machine are noisy; compare ratios from one run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs as parseDictionaryArgs, writeDictionary } from './make-dictionary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const TIME = '/usr/bin/time';
const TIMEOUT = '/usr/bin/timeout';

/** Fallback RSS probe for node children: preloaded, it prints the process's own peak RSS at exit in /usr/bin/time's words. */
const RSS_PRELOAD = join(tmpdir(), 'tegum-bench-maxrss.cjs');

/**
 * Run a command, measuring wall time and the peak RSS of the command's process.
 * Without /usr/bin/time, node children get RSS_PRELOAD and python children
 * report `maxRssKB` (resource.getrusage) in their JSON instead.
 *
 * @param cmd - Executable (process.execPath or a python).
 * @param args - Its arguments.
 * @param timeoutS - Kill after this many seconds.
 * @returns {{ status: number | null, stdout: string, stderr: string, seconds: number, maxRssMB: number | null, timedOut: boolean }}
 */
function measure(cmd, args, timeoutS) {
  const useTime = existsSync(TIME);
  let argv_ = [cmd, ...args];
  if (!useTime && cmd === process.execPath) {
    writeFileSync(
      RSS_PRELOAD,
      "process.on('exit', () => process.stderr.write('\\n\\tMaximum resident set size (kbytes): ' + process.resourceUsage().maxRSS + '\\n'));\n",
    );
    argv_ = [cmd, '-r', RSS_PRELOAD, ...args];
  }
  // coreutils timeout kills the command itself (a signal to /usr/bin/time would leave it running).
  if (existsSync(TIMEOUT)) argv_ = [TIMEOUT, '-s', 'KILL', String(timeoutS), ...argv_];
  if (useTime) argv_ = [TIME, '-v', ...argv_];
  const t0 = performance.now();
  const r = spawnSync(argv_[0], argv_.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30, timeout: (timeoutS + 30) * 1000, cwd: root });
  const seconds = (performance.now() - t0) / 1000;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  return {
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    seconds,
    maxRssMB: rss ? Number(rss[1]) / 1024 : null,
    // timeout's child killed by SIGKILL: /usr/bin/time reports signal 9 and exits 128 + 9; bare timeout exits 137.
    timedOut: r.error?.code === 'ETIMEDOUT' || r.signal !== null || r.status === 137 || /Command terminated by signal 9/.test(r.stderr ?? ''),
  };
}

/**
 * Structures of a tegum Report: `structures` (schema 2), else `bundles` of ≥ 2 features.
 *
 * @param report - Parsed Report JSON.
 * @returns {{ source: string, structures: { features: number[], label: string, dimension: number }[] }}
 */
export function reportStructures(report) {
  if (Array.isArray(report.structures)) {
    return { source: 'structures', structures: report.structures.map((s) => ({ features: s.features, label: s.label, dimension: s.dimension })) };
  }
  const bundles = (report.bundles ?? []).filter((b) => b.features.length >= 2);
  return { source: 'bundles', structures: bundles.map((b) => ({ features: b.features, label: b.polytope, dimension: b.dimension })) };
}

/**
 * Planted structures found with exactly their feature set, and with label and
 * dimension too; found structures matching no planted one are false.
 *
 * @param found - Structures reported.
 * @param truth - Planted structures.
 */
export function score(found, truth) {
  const key = (f) => [...f].sort((a, b) => a - b).join(',');
  const byKey = new Map(found.map((s) => [key(s.features), s]));
  const truthKeys = new Set(truth.map((t) => key(t.features)));
  let exactFeatures = 0;
  let exactLabel = 0;
  const missed = [];
  for (const t of truth) {
    const f = byKey.get(key(t.features));
    if (!f) {
      missed.push(t.label);
      continue;
    }
    exactFeatures++;
    if (f.label === t.label && f.dimension === t.dimension) exactLabel++;
  }
  const falseOnes = found.filter((s) => !truthKeys.has(key(s.features)));
  return {
    planted: truth.length,
    exactFeatures,
    exactLabel,
    missed,
    false: falseOnes.length,
    falseSizes: falseOnes.map((s) => s.features.length).sort((a, b) => a - b),
  };
}

/**
 * One benchmark point: generate, run the peer and tegum, score both.
 *
 * @param options - Generator options (n, m, seed, ...).
 * @param run - { timeoutS, skipTegum, skipPeer, tegumArgs }.
 */
function benchOne(options, run) {
  const out = `/tmp/tegum-dictionary-${options.n}x${options.m}-s${options.seed}`;
  const { file, truthFile, seconds: genSeconds } = writeDictionary(options, out);
  const truth = JSON.parse(readFileSync(truthFile, 'utf8')).structures;
  const row = { n: options.n, m: options.m, seed: options.seed, genSeconds, peer: null, tegum: null };
  if (!run.skipPeer) {
    const r = measure('/usr/bin/python3', [join(root, 'scripts/bench/dictionary_peer.py'), file, '--truth', truthFile, '--json'], run.timeoutS);
    const parsed = r.status === 0 ? JSON.parse(r.stdout) : null;
    row.peer = {
      seconds: r.seconds,
      maxRssMB: r.maxRssMB ?? (parsed ? parsed.maxRssKB / 1024 : null),
      timedOut: r.timedOut,
      status: r.status,
      score: parsed?.score ?? null,
      findSeconds: parsed?.findSeconds ?? null,
    };
    if (r.status !== 0) process.stderr.write(`peer failed: ${r.stderr.slice(-500)}\n`);
  }
  if (!run.skipTegum) {
    const r = measure(process.execPath, [join(root, 'bin/tegum.js'), 'analyze', file, '--json', ...run.tegumArgs], run.timeoutS);
    let score_ = null;
    let source = null;
    if (r.status === 0) {
      const s = reportStructures(JSON.parse(r.stdout));
      source = s.source;
      score_ = score(s.structures, truth);
    } else if (!r.timedOut) process.stderr.write(`tegum failed (${r.status}): ${r.stderr.slice(-500)}\n`);
    row.tegum = { seconds: r.seconds, maxRssMB: r.maxRssMB, timedOut: r.timedOut, status: r.status, source, score: score_ };
  }
  return row;
}

const fmtS = (x) => (x === null || x === undefined ? '—' : `${x.toFixed(2)} s`);
const fmtMB = (x) => (x === null || x === undefined ? '—' : `${Math.round(x)} MB`);
const fmtScore = (s) => (s ? `${s.exactFeatures}/${s.planted} features, ${s.exactLabel}/${s.planted} labels, ${s.false} false` : '—');

function printRow(row) {
  const p = row.peer;
  const t = row.tegum;
  console.log(`${row.n} x ${row.m} (seed ${row.seed}; generated in ${fmtS(row.genSeconds)})`);
  if (p)
    console.log(
      `  peer  (numpy/scipy): ${fmtS(p.seconds)} whole process (find ${fmtS(p.findSeconds)}), peak ${fmtMB(p.maxRssMB)}; ${fmtScore(p.score)}${p.score?.missed.length ? `; missed ${p.score.missed.join(', ')}` : ''}`,
    );
  if (t) {
    const state = t.timedOut ? ' (timed out)' : t.status !== 0 ? ` (exit ${t.status})` : '';
    console.log(
      `  tegum analyze --json: ${fmtS(t.seconds)}${state}, peak ${fmtMB(t.maxRssMB)}; ${fmtScore(t.score)}${t.source ? ` [from report.${t.source}]` : ''}${t.score?.missed.length ? `; missed ${t.score.missed.join(', ')}` : ''}`,
    );
  }
  if (p && t && !t.timedOut && t.status === 0) {
    console.log(`  ratio tegum/peer: time ×${(t.seconds / p.seconds).toFixed(2)}, memory ×${(t.maxRssMB / p.maxRssMB).toFixed(2)}`);
  }
}

/** Least-squares slope of log(time) against log(x): the empirical exponent. */
function slope(xs, ys) {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return num / den;
}

function curve(axis, run, seed) {
  const given = opt('--points', null)?.split(',').map(Number);
  const fixed = Number(opt(axis === 'n' ? '--m' : '--n', axis === 'n' ? '768' : '16384'));
  const points =
    axis === 'n'
      ? (given ?? [4096, 8192, 16384, 32768, 65536]).map((n) => ({ n, m: fixed, seed }))
      : (given ?? [64, 128, 256, 512, 768, 1024, 2304]).map((m) => ({ n: fixed, m, seed }));
  const rows = [];
  for (const p of points) {
    const row = benchOne(p, run);
    printRow(row);
    rows.push(row);
  }
  console.log(`\ntime vs ${axis === 'n' ? `N (m = ${fixed})` : `m (N = ${fixed})`}:`);
  console.log(`  ${axis.padStart(6)}   peer s    tegum s   tegum/peer`);
  for (const r of rows) {
    const x = axis === 'n' ? r.n : r.m;
    const t = r.tegum && r.tegum.status === 0 ? r.tegum.seconds : null;
    const pS = r.peer ? r.peer.seconds : null;
    console.log(
      `  ${String(x).padStart(6)}   ${pS === null ? '—' : pS.toFixed(2).padStart(7)}   ${t === null ? '—'.padStart(7) : t.toFixed(2).padStart(7)}   ${t !== null && pS !== null ? `×${(t / pS).toFixed(2)}` : '—'}`,
    );
  }
  const xs = rows.map((r) => (axis === 'n' ? r.n : r.m));
  for (const who of ['peer', 'tegum']) {
    const ok = rows.map((r, i) => [xs[i], r[who] && r[who].status === 0 ? r[who].seconds : null]).filter(([, y]) => y !== null);
    if (ok.length >= 2)
      console.log(
        `  ${who}: time ∝ ${axis === 'n' ? 'N' : 'm'}^${slope(
          ok.map(([x]) => x),
          ok.map(([, y]) => y),
        ).toFixed(2)} (O(N²m) predicts ${axis === 'n' ? 2 : 1}; fixed costs flatten small sizes)`,
      );
  }
}

const run = {
  timeoutS: Number(opt('--timeout', '600')),
  skipTegum: argv.includes('--skip-tegum'),
  skipPeer: argv.includes('--skip-peer'),
  tegumArgs: (opt('--tegum-args', '') ?? '').split(' ').filter(Boolean),
};
const axis = opt('--curve', null);
if (axis === 'n' || axis === 'm') curve(axis, run, Number(opt('--seed', '1')));
else if (axis !== null) {
  process.stderr.write(`dictionary: --curve takes n or m, got ${axis}\n`);
  process.exit(2);
} else {
  const { options } = parseDictionaryArgs(argv);
  printRow(benchOne(options, run));
}
