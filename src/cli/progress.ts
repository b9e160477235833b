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
