#!/usr/bin/env node
// Thin launcher: the CLI ships compiled (npm run build) so start-up stays fast.
import { main } from '../dist/src/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
