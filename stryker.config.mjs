// Mutation testing (StrykerJS with its Vitest runner), run by hand: `npm run test:mutation`.
// Scope is the presentation layer, where issue 15 found planted bugs the suite let through:
// TEGUM_MUTATION=report or =cli mutates one folder (each keeps its own incremental file,
// so the two can run side by side); unset, both. Narrow further with `-- --mutate FILE`.
// Tests that spawn the compiled CLI cannot see a mutant (they run dist/, not the sandbox's
// instrumented src/), so only in-process tests kill mutants: src/cli is tested through main().
const scope = process.env.TEGUM_MUTATION ?? 'all';
const folders = scope === 'all' ? ['report', 'cli'] : [scope];
// A narrowed run (`-- --mutate FILE`) writes a report of that file alone, incremental file
// included: give it its own folder (TEGUM_MUTATION_OUT=name) so the scope's results stay.
const out = `reports/mutation/${process.env.TEGUM_MUTATION_OUT ?? scope}`;
if (!folders.every((f) => f === 'report' || f === 'cli')) throw new Error(`TEGUM_MUTATION=${scope}: expected report or cli`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: [...folders.map((f) => `src/${f}/**/*.ts`), '!src/report/schemas.generated.ts'],
  coverageAnalysis: 'perTest',
  checkers: [],
  // Vitest never type-checks, and the schema drift test compares src/ byte for byte.
  disableTypeChecks: false,
  // The machine has two cores; one test process per mutant keeps runs reproducible.
  concurrency: 1,
  timeoutMS: 60_000,
  incremental: true,
  incrementalFile: `${out}/stryker-incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${out}/index.html` },
  jsonReporter: { fileName: `${out}/mutation.json` },
  tempDirName: `.stryker-tmp/${process.env.TEGUM_MUTATION_OUT ?? scope}`,
  cleanTempDir: 'always',
  // dist/ is copied as built from the unmutated tree: tests that spawn the CLI need it.
  // .stryker-tmp: the other scope's sandboxes (a run side by side copied 190k files of them).
  ignorePatterns: ['/reports', '/test/artifacts', '/runs', '/out', '/report', '/sweep', '/.stryker-tmp'],
  thresholds: { high: 90, low: 80, break: null },
};
