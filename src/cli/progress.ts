/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal
 * (pipes and CI logs stay clean). Returns an update function and a finisher.
 */
export function progressBar(label: string): { update: (fraction: number, detail?: string) => void; done: () => void } {
  const tty = process.stderr.isTTY === true;
  let last = -1;
  return {
    update(fraction, detail = '') {
      if (!tty) return;
      const pct = Math.floor(Math.min(1, Math.max(0, fraction)) * 100);
      if (pct === last) return;
      last = pct;
      const width = 24;
      const filled = Math.round((pct / 100) * width);
      process.stderr.write(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${detail}\x1b[K`);
    },
    done() {
      if (tty && last >= 0) process.stderr.write('\r\x1b[K');
    },
  };
}

/**
 * Staged progress of a long run on stderr: "tegum: stage 2/4 finding planes 37% (ETA 12 s)".
 * On a terminal it redraws one line; elsewhere (pipes, logs) it prints one line per
 * stage, and only once the run has taken longer than `quietMs`, so short runs stay silent.
 */
export function stageReporter(quietMs = 2000): {
  stage: (name: string, step: number, steps: number) => void;
  progress: (fraction: number, detail?: string) => void;
  done: () => void;
} {
  const tty = process.stderr.isTTY === true;
  const start = Date.now();
  let current = { name: '', step: 0, steps: 0, since: start };
  let lastDraw = 0;
  let drawn = false;
  const head = (): string => `tegum: stage ${current.step}/${current.steps} ${current.name}`;
  return {
    stage(name, step, steps) {
      current = { name, step, steps, since: Date.now() };
      if (tty) {
        process.stderr.write(`\r${head()}\x1b[K`);
        drawn = true;
      } else if (Date.now() - start > quietMs) process.stderr.write(`${head()}\n`);
    },
    progress(fraction, detail = '') {
      const now = Date.now();
      if (!tty || now - lastDraw < 100) return;
      lastDraw = now;
      const f = Math.min(1, Math.max(0, fraction));
      const elapsed = (now - current.since) / 1000;
      const eta = f > 0.02 && elapsed > 1 ? ` (ETA ${Math.ceil((elapsed * (1 - f)) / f)} s)` : '';
      process.stderr.write(`\r${head()} ${Math.floor(f * 100)}%${eta} ${detail}\x1b[K`);
      drawn = true;
    },
    done() {
      if (tty && drawn) process.stderr.write('\r\x1b[K');
    },
  };
}
