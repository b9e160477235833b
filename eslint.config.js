// ESLint flat config: typescript-eslint's type-aware recommended rules over the
// TypeScript (projects tsconfig.test.json: src/ + test/, tsconfig.electron.json:
// electron/), plain recommended rules over the JavaScript launchers and scripts.
// .stryker-tmp/ holds instrumented copies of the tree while a mutation run is going.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    'dist/',
    'node_modules/',
    '.stryker-tmp/',
    'reports/',
    'samples/',
    'test/fixtures/',
    'test/artifacts/',
    'schema/',
    'src/report/schemas.generated.ts',
    '**/*.d.mts',
  ]),
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.cts', '**/*.mts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.test.json', './tsconfig.electron.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // `_name` marks a parameter kept for a documented signature.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // An async function implementing a Promise-returning interface is deliberate:
      // it turns a synchronous throw into a rejection (the CPU backends do this).
      '@typescript-eslint/require-await': 'off',
      // Numbers and booleans in messages are fine; objects printing as [object Object] are not.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true }],
    },
  },
  {
    // No `any` in the library (house rule); the tests may reach into untyped JSON.
    files: ['src/**/*.ts', 'electron/**/*.ts', 'electron/**/*.cts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Failure messages print feature lists; casts document the JSON shape a test reads.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true, allowArray: true }],
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // expect(obj.method) and spies pass methods unbound on purpose.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The browser-test pages run in Chromium, not Node.
    files: ['test/browser/*.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
