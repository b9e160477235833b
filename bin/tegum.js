#!/usr/bin/env node
// Thin launcher: the CLI ships compiled (npm run build) so start-up stays fast.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Reading a large weight file is dominated by page faults on the fresh array
// (≈ 2.5 µs per 4 KiB page here, up to 12 on some VMs). numpy avoids them with huge
// pages; glibc does the same for every large allocation when this tunable is set
// before the process starts, so a run naming a big file restarts itself once with
// it. Below 64 MiB the restart (a second Node start-up, 50–80 ms) costs more than
// the faults it saves (≈ 0.5 ms per MB; BENCHMARKS.md, Import).
const HUGE_PAGES = 'glibc.malloc.hugetlb=1';
const BIG_FILE = 64 * 1024 * 1024;
const args = process.argv.slice(2);
const tunables = process.env.GLIBC_TUNABLES ?? '';
if (process.platform === 'linux' && !tunables.includes('hugetlb') && args.some(isBigFile)) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args], {
    stdio: 'inherit',
    env: { ...process.env, GLIBC_TUNABLES: tunables ? `${tunables}:${HUGE_PAGES}` : HUGE_PAGES },
  });
  process.exit(r.status ?? 1);
}

const { main } = await import('../dist/src/cli/main.js');
process.exitCode = await main(args);

function isBigFile(arg) {
  try {
    return statSync(arg).size >= BIG_FILE;
  } catch {
    return false;
  }
}
