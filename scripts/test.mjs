#!/usr/bin/env node
// `npm test`: every check CI runs, in order, with the time each took. Stops at the first failure
// so the error is the last thing on screen. Before the first step that needs a browser it finds, or
// provisions, a Chrome or Chromium (scripts/chromium.mjs) and hands it to the rest as CHROME_PATH.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureChrome } from './chromium.mjs';

const steps = [
  ['type-check', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['custom-elements.json is current', 'node', ['scripts/check-manifest.mjs']],
  ['mock server + API client (in-process)', 'npm', ['run', '--silent', 'test:node']],
  ['contract suite (against the mock server)', 'npm', ['run', '--silent', 'test:contract']],
  ['elements in Chromium', 'npm', ['run', '--silent', 'test:browser'], { browser: true }],
  [
    'host demo end to end (production build, CSP, Chromium)',
    'npm',
    ['run', '--silent', 'test:e2e'],
    { browser: true },
  ],
  ['size budget', 'node', ['scripts/bench-size.mjs', '--check']],
].filter(([, , args]) => !args[0].startsWith('scripts/') || existsSync(args[0]));

const only = process.argv.slice(2);
const results = [];
let chrome = null;
for (const [name, cmd, args, { browser = false } = {}] of steps) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  if (browser && !chrome) {
    const started = performance.now();
    console.log('\n▶ Chrome or Chromium for the browser tests');
    try {
      chrome = await ensureChrome();
      process.env.CHROME_PATH = chrome;
      console.log(`Using ${chrome}`);
      results.push(['Chrome or Chromium', true, ((performance.now() - started) / 1000).toFixed(1)]);
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      results.push(['Chrome or Chromium', false, ((performance.now() - started) / 1000).toFixed(1)]);
      break;
    }
  }
  const started = performance.now();
  console.log(`\n▶ ${name}`);
  const { status } = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  results.push([name, status === 0, seconds]);
  if (status !== 0) break;
}
console.log('\n' + results.map(([n, ok, s]) => `${ok ? '✔' : '✘'} ${n} (${s} s)`).join('\n'));
const failed = results.some(([, ok]) => !ok);
if (failed) console.error('\nnpm test failed.');
process.exit(failed ? 1 : 0);
