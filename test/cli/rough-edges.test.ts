/**
 * The CLI's rough edges as a new user meets them (issue 15), each through the
 * real, compiled `tegum`: usage, flag errors that name the flag, one-line
 * refusals for unusable --out folders and inputs, notes on a doubtful axis or
 * an unused bias, Dawn's Vulkan warning, and `tegum view`'s staged progress
 * and browser message.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, tegum } from './run-cli.js';
import { vulkanMissing } from '../../src/gpu/device-node.js';

const dir = mkdtempSync(join(tmpdir(), 'tegum-rough-'));

/** Exit 2, nothing on stdout, exactly one line on stderr matching `line`, no stack trace. */
function expectOneLine(r: { code: number; stdout: string; stderr: string }, line: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(line);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

/** A 5 × 12 matrix (features are the 12 columns by default) and a bias of the given length, as a JSON weight file. */
function weightsWithBias(name: string, biasLength: number): string {
  const W = Array.from({ length: 5 }, (_, r) => Array.from({ length: 12 }, (_, c) => Math.sin(1 + r * 12 + c)));
  const b = Array.from({ length: biasLength }, (_, i) => -0.1 * (i + 1));
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ W, b }));
  return file;
}

describe('usage and flags', () => {
  it('bare tegum prints the usage on stdout and exits 0, like --help', () => {
    const r = tegum([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: tegum /);
    for (const command of ['analyze', 'inspect', 'compare', 'view', 'train', 'gpu']) expect(r.stdout).toContain(command);
    expect(r.stderr).toBe('');
  });

  it.each([
    [['analyze', '--max-k', '0'], /^tegum: --max-k: expected a positive integer, got '0'$/],
    [['analyze', '--min-samples', '2.5'], /^tegum: --min-samples: expected a positive integer, got '2\.5'$/],
    [['analyze', '--eps', '-1'], /^tegum: --eps: expected a non-negative number, got '-1'$/],
    [['analyze', '--instance', '0x1'], /^tegum: --instance: expected a non-negative integer, got '0x1'$/],
    [['view', '--port', 'abc'], /^tegum: --port: expected a non-negative integer, got 'abc'$/],
    [['view', '--port', '70000'], /^tegum: --port 70000 is not a TCP port/],
    [['analyze', '--features', 'diagonal'], /^tegum: --features: allowed choices are rows, columns, got 'diagonal'$/],
  ])('%j names the flag in one line', (args, line) => {
    expectOneLine(tegum(args), line);
  });

  it('an unknown option or command takes one line, with the suggestion on it', () => {
    expectOneLine(tegum(['analyze', '--biass', 'b']), /^tegum: unknown option '--biass' \(did you mean --bias\?\)$/);
    expectOneLine(tegum(['analyze', '--frobnicate']), /^tegum: unknown option '--frobnicate'$/);
    expectOneLine(tegum(['analyse']), /^tegum: unknown command 'analyse'/);
  });
});

describe('--out that cannot be used: one line, exit 2, before any analysis', () => {
  it.skipIf(!existsSync('/proc/self'))("--out under /proc returns at once (Node's recursive mkdir would spin there)", () => {
    const t0 = Date.now();
    expectOneLine(tegum(['analyze', '--gpu', 'off', '--out', '/proc/nope']), /^tegum: \/proc\/nope: cannot create the directory \(ENOENT/);
    expect(Date.now() - t0).toBeLessThan(20_000);
    expectOneLine(tegum(['analyze', '--gpu', 'off', '--out', '/proc/self']), /^tegum: \/proc\/self: cannot write files there/);
  });

  it('--out through a broken symlink, a file, or below a file', () => {
    const link = join(dir, 'dangling');
    symlinkSync(join(dir, 'missing-target'), link);
    expectOneLine(tegum(['analyze', '--gpu', 'off', '--out', link]), /^tegum: .*dangling: is a symbolic link to .*missing-target, which does not exist$/);
    const file = join(dir, 'plain.txt');
    writeFileSync(file, 'x');
    expectOneLine(tegum(['analyze', '--gpu', 'off', '--out', file]), /^tegum: .*plain\.txt: exists and is not a directory$/);
    expectOneLine(tegum(['analyze', '--gpu', 'off', '--out', join(file, 'sub')]), /^tegum: .*plain\.txt: exists and is not a directory$/);
  });

  it('a new nested --out is created and written, and that is said on stderr', () => {
    const out = join(dir, 'a', 'b', 'c');
    const r = tegum(['analyze', '--gpu', 'off', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`tegum: wrote ${['report.json', 'report.md', 'report.html'].map((f) => join(out, f)).join(', ')}\n`);
    expect(r.stdout).not.toContain('wrote');
    for (const name of ['report.json', 'report.md', 'report.html']) expect(existsSync(join(out, name))).toBe(true);
  });
});

describe('inputs that are not weights', () => {
  it('a directory is refused in one line', () => {
    const folder = join(dir, 'empty-folder');
    mkdirSync(folder);
    expectOneLine(tegum(['analyze', folder, '--gpu', 'off']), new RegExp(`^tegum: ${folder}: `));
    expectOneLine(tegum(['inspect', folder]), new RegExp(`^tegum: ${folder}: `));
  });

  it("tegum's own run record and the samples' answer key are explained, not parsed as tensors", () => {
    const record = join(root, 'samples', 'runs', 'n20_m5_p0.003_seed0.json');
    expectOneLine(tegum(['inspect', record]), /: not a weight file: this is a run record of tegum train .*weights are in the \.npz of the same name/);
    expectOneLine(tegum(['inspect', join(root, 'samples', 'truth.json')]), /truth\.json: not a weight file: none of its \d+ entries .* is a tensor/);
    const report = join(dir, 'a', 'b', 'c', 'report.json');
    if (existsSync(report)) expectOneLine(tegum(['inspect', report]), /: not a weight file: this is a report of tegum analyze/);
  });
});

describe('a doubtful choice is said in one line on stderr', () => {
  const notes = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('tegum: note: '));

  it('--features that leaves fewer features than dimensions, with the bias it drops, is one note', () => {
    const file = weightsWithBias('W-b12.json', 12);
    const right = tegum(['analyze', file, '--gpu', 'off', '--json']);
    expect(right.code, right.stderr).toBe(0);
    expect(notes(right.stderr)).toEqual([]);
    expect(JSON.parse(right.stdout).input.bias).toBe('b');
    const wrong = tegum(['analyze', file, '--gpu', 'off', '--json', '--features', 'rows']);
    expect(wrong.code, wrong.stderr).toBe(0);
    expect(notes(wrong.stderr)).toEqual([
      "tegum: note: --features rows gives n = 5 features in m = 12 dims; with fewer features than dimensions there is no superposition to find (--features columns would give n = 12 and use 'b' as the bias)",
    ]);
    expect(JSON.parse(wrong.stdout).input.bias).toBeUndefined();
  });

  it('a bias of the wrong length is not used, and that is said', () => {
    const r = tegum(['analyze', weightsWithBias('W-b7.json', 7), '--gpu', 'off', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(notes(r.stderr)).toEqual(["tegum: note: 'b' (7,) looks like the bias but is not used: its length 7 is not n = 12; the arrangement assumes b = 0"]);
    expect(JSON.parse(r.stdout).arrangement.hasBias).toBe(false);
  });
});

describe('tegum view', () => {
  /** Start `tegum view`, collect stderr until `until` matches, then stop it. */
  async function viewUntil(
    args: string[],
    env: Record<string, string>,
    until: RegExp,
  ): Promise<{ stdout: string; stderr: string; status: unknown; stderrAtUrl: string | null }> {
    const child = spawn(process.execPath, [join(root, 'bin', 'tegum.js'), 'view', ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let stderrAtUrl: string | null = null;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stderrAtUrl === null && stdout.includes('http://')) stderrAtUrl = stderr;
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out; stderr so far: ${stderr}`)), 60_000);
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (until.test(stderr)) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`view exited with ${code}: ${stderr}`)));
      });
      const url = /tegum view: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1];
      const status = url ? await (await fetch(`${url}api/status`)).json() : null;
      return { stdout, stderr, status, stderrAtUrl };
    } finally {
      child.kill('SIGINT');
    }
  }

  it('prints staged progress on stderr and serves /api/status', async () => {
    const r = await viewUntil(['--no-open', '--port', '0'], {}, /analysis ready/);
    const stages = r.stderr.split('\n').filter(Boolean);
    // "reading FILE" is drawn on a terminal only; a log gets what was read.
    expect(stages[0]).toMatch(/^tegum view: read W \(16 features × 8 dims\) in \d+\.\d s$/);
    expect(stages).toContain('tegum view: serving W; analysing now, the page fills in when the analysis arrives');
    // Piped stderr: one line per stage of the analysis, k of n.
    const stageLines = stages.filter((l) => /^tegum view: analysing stage \d+\/\d+: /.test(l));
    expect(stageLines.length).toBeGreaterThanOrEqual(2);
    const n = Number(/\/(\d+):/.exec(stageLines[0])![1]);
    expect(stageLines.map((l) => Number(/stage (\d+)\//.exec(l)![1]))).toEqual(Array.from({ length: n }, (_, k) => k + 1));
    expect(stages.at(-1)).toMatch(/^tegum view: analysis ready after \d+\.\d s; serving until Ctrl-C$/);
    expect(r.stdout).toMatch(/^tegum view: http:\/\/127\.0\.0\.1:\d+\/\n$/);
    // The URL comes as soon as W is read, before the analysis has finished.
    expect(r.stderrAtUrl).not.toBeNull();
    expect(r.stderrAtUrl).not.toContain('analysis ready');
    expect(r.status).toEqual({ stage: 'ready', step: n, steps: n, fraction: 1, detail: '', weightsReady: true, reportReady: true, error: null });
  });

  it('refuses non-finite weights in one line, before serving', () => {
    const file = join(dir, 'nan.json');
    writeFileSync(
      file,
      JSON.stringify({
        W: [
          [1, 0, 0.5],
          [0, 1, 0.25],
        ],
      }).replace('0.25', 'NaN'),
    );
    expectOneLine(tegum(['view', file, '--no-open', '--port', '0']), /^tegum: .*nan\.json: W contains 1 NaN value; tegum cannot analyse non-finite weights$/);
  });

  it('says when no browser could be opened', async () => {
    const headless = await viewUntil(['--port', '0'], { DISPLAY: '', WAYLAND_DISPLAY: '' }, /could not open a browser/);
    expect(headless.stderr).toMatch(
      /^tegum view: could not open a browser: no graphical display \(DISPLAY and WAYLAND_DISPLAY are unset\); open http:\/\/127\.0\.0\.1:\d+\/ yourself$/m,
    );
    const noOpener = await viewUntil(['--port', '0'], { DISPLAY: ':99', PATH: join(dir, 'no-such-bin') }, /could not open a browser/);
    expect(noOpener.stderr).toMatch(/could not open a browser: xdg-open could not be started \(ENOENT\)/);
  });
});

describe('probing the GPU', () => {
  it("only Linux's default backend needs the Vulkan loader", () => {
    expect(vulkanMissing('darwin')).toBeNull();
    expect(vulkanMissing('win32')).toBeNull();
  });

  // Where the Vulkan loader is missing (these machines), Dawn would print "Couldn't load Vulkan" with its build path.
  it.skipIf(vulkanMissing(process.platform) === null)("tegum gpu never lets Dawn print its Vulkan warning; the reason is tegum's own", () => {
    const r = tegum(['gpu', '--json']);
    expect(r.stderr).not.toMatch(/Couldn't load Vulkan|BackendVk|home\/runner/);
    const result = JSON.parse(r.stdout);
    if (result.adapter === null) expect(result.reason).toMatch(/default backend: no Vulkan loader \(libvulkan\.so\.1 not found\)/);
  });
});
