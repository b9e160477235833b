import { afterEach, describe, expect, it, vi } from 'vitest';
import { progressBar, stageReporter } from '../../../src/cli/progress.js';

/** Capture stderr while `work` runs, with stderr taken as a terminal or not. */
function stderrOf(tty: boolean, work: () => void): string {
  let text = '';
  const write = process.stderr.write;
  const had = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
  Object.defineProperty(process.stderr, 'isTTY', { value: tty, configurable: true, writable: true });
  process.stderr.write = (chunk: string | Uint8Array) => ((text += String(chunk)), true);
  try {
    work();
  } finally {
    process.stderr.write = write;
    if (had) Object.defineProperty(process.stderr, 'isTTY', had);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
  }
  return text;
}

let now = 1_000_000;
afterEach(() => vi.restoreAllMocks());
const clock = (): void => {
  now = 1_000_000;
  vi.spyOn(Date, 'now').mockImplementation(() => now);
};

describe('progressBar', () => {
  it('draws nothing when stderr is not a terminal', () => {
    expect(
      stderrOf(false, () => {
        const bar = progressBar('x');
        bar.update(0.5, 'half');
        bar.done();
      }),
    ).toBe('');
  });

  it('on a terminal: a 24-cell bar, the percentage floored and clamped, redrawn only when it changes, cleared at the end', () => {
    const text = stderrOf(true, () => {
      const bar = progressBar('tegum view:');
      bar.update(0);
      bar.update(0.004);
      bar.update(0.5, 'half');
      bar.update(0.999);
      bar.update(2);
      bar.update(-1);
      bar.done();
    });
    expect(text.split('\r').slice(1)).toEqual([
      `tegum view: [${'░'.repeat(24)}]   0% \x1b[K`,
      `tegum view: [${'█'.repeat(12)}${'░'.repeat(12)}]  50% half\x1b[K`,
      `tegum view: [${'█'.repeat(24)}]  99% \x1b[K`,
      `tegum view: [${'█'.repeat(24)}] 100% \x1b[K`,
      `tegum view: [${'░'.repeat(24)}]   0% \x1b[K`,
      '\x1b[K',
    ]);
  });

  it('a bar never drawn is not cleared', () => {
    expect(stderrOf(true, () => progressBar('x').done())).toBe('');
  });
});

describe('stageReporter', () => {
  it('without a terminal: silent for the first quietMs, then one line per stage; never progress', () => {
    clock();
    const text = stderrOf(false, () => {
      const r = stageReporter(2000);
      r.stage('reading', 1, 4);
      now += 2000;
      r.stage('grouping', 2, 4);
      now += 1;
      r.progress(0.5, 'half');
      r.stage('finding planes', 3, 4);
      r.done();
    });
    expect(text).toBe('tegum: stage 3/4 finding planes\n');
  });

  it('the default quiet time is 2 s', () => {
    clock();
    const text = stderrOf(false, () => {
      const r = stageReporter();
      now += 2000;
      r.stage('a', 1, 2);
      now += 1;
      r.stage('b', 2, 2);
    });
    expect(text).toBe('tegum: stage 2/2 b\n');
  });

  it('on a terminal: each stage redraws the line; progress at most every 100 ms with percent and ETA; cleared at the end', () => {
    clock();
    const text = stderrOf(true, () => {
      const r = stageReporter();
      r.stage('planes', 2, 4);
      now += 100;
      r.progress(0.01, 'few');
      now += 50;
      r.progress(0.2, 'skipped');
      now += 1950;
      r.progress(0.25, 'k=2');
      now += 100;
      r.progress(1.5);
      now += 99;
      r.progress(0.9, 'too soon');
      r.done();
    });
    expect(text.split('\r').slice(1)).toEqual([
      'tegum: stage 2/4 planes\x1b[K',
      'tegum: stage 2/4 planes 1% few\x1b[K',
      'tegum: stage 2/4 planes 25% (ETA 7 s) k=2\x1b[K',
      'tegum: stage 2/4 planes 100% (ETA 0 s) \x1b[K',
      '\x1b[K',
    ]);
  });

  it('no ETA in the first second of a stage or below 2 %', () => {
    clock();
    const text = stderrOf(true, () => {
      const r = stageReporter();
      r.stage('s', 1, 1);
      now += 1000;
      r.progress(0.5);
      now += 1000;
      r.progress(0.02);
      now += 100;
      r.progress(0.03);
    });
    expect(text.split('\r').slice(2)).toEqual(['tegum: stage 1/1 s 50% \x1b[K', 'tegum: stage 1/1 s 2% \x1b[K', 'tegum: stage 1/1 s 3% (ETA 68 s) \x1b[K']);
  });

  it('on a terminal nothing drawn is nothing cleared', () => {
    expect(stderrOf(true, () => stageReporter().done())).toBe('');
  });
});
