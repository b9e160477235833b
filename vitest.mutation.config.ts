import { defineConfig } from 'vitest/config';

// The tests StrykerJS runs against each mutant (stryker.config.mjs): the in-process writer
// and CLI tests. Tests that spawn the compiled CLI cannot see a mutant, and every Stryker run
// starts with a full pass of this set, so it holds only tests that import src/ directly.
export default defineConfig({
  test: {
    include: ['test/report/**/*.test.ts', 'test/cli/in-process/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One module cache for all files: 10 mutants of src/report/geometry-legend.ts took 156 s
    // isolated, 116 s not (same kills); gpu.test.ts re-imports main() under its stand-ins.
    isolate: false,
  },
});
