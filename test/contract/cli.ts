#!/usr/bin/env node
/**
 * `personal-settings-contract`: the contract suite as a command (see `--help` and README.md beside
 * this file). Built into dist/bin/personal-settings-contract.js by scripts/build-bins.mjs.
 */
import { runContract } from './runner.js';
import { loadSuites } from './suites.js';

const code = await runContract(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  loadSuites,
});
// Keep-alive sockets and a test abandoned at its timeout must not hold the process open.
process.exit(code);
