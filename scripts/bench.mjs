#!/usr/bin/env node
// `npm run bench`: size, render and mock-server load, one after the other (each also runs alone:
// scripts/bench-size.mjs, bench-render.mjs, bench-load.mjs), then one summary in bench/results/.
// This machine is shared and noisy: render and load are ratios measured side by side in one run, and
// only the size check (deterministic) can fail `npm test`. `--with-test-time` also times `npm test`.
//
//   npm run bench [-- --with-test-time] [-- --only size,render,load]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RESULTS_DIR, ROOT, round, table, writeResults } from './bench-lib.mjs';

const { values: args } = parseArgs({
  options: { 'with-test-time': { type: 'boolean' }, only: { type: 'string' } },
});
const only = args.only ? args.only.split(',') : ['size', 'render', 'load'];

const summary = [];
const failures = [];
for (const name of only) {
  console.log(`\n▶ bench-${name}`);
  const started = performance.now();
  const { status } = spawnSync(process.execPath, [join(ROOT, 'scripts', `bench-${name}.mjs`)], {
    stdio: 'inherit',
    cwd: ROOT,
  });
  const seconds = round((performance.now() - started) / 1000, 0);
  if (status !== 0) {
    failures.push(name);
    summary.push([name, 'failed to run', '', '', `${seconds} s`]);
    continue;
  }
  const result = JSON.parse(readFileSync(join(RESULTS_DIR, `${name}.json`), 'utf8'));
  for (const c of result.checks) {
    const value =
      name === 'size'
        ? `${round(c.bytes / 1024, 1)} KB gzip (target ${round(c.target / 1024, 0)} KB)`
        : name === 'render'
          ? `${c.ratio}× bare Lit (rounds ${c.spread})`
          : c.value;
    const ok = name === 'size' ? c.met : c.ok;
    summary.push([name, c.what, value, c.info ? 'for information' : ok ? '✔' : '✘', `${seconds} s`]);
  }
}

if (args['with-test-time']) {
  console.log('\n▶ npm test (timed)');
  const started = performance.now();
  const { status } = spawnSync('npm', ['test'], { stdio: 'inherit', cwd: ROOT });
  const seconds = round((performance.now() - started) / 1000, 0);
  summary.push([
    'npm test',
    'whole suite ≤ 180 s on 2 cores',
    `${seconds} s${status ? ' (failed)' : ''}`,
    seconds <= 180 && !status ? '✔' : '✘',
    '',
  ]);
}

writeResults(
  'summary',
  { rows: summary },
  [
    'Benchmarks — summary',
    '',
    table([['bench', 'measure', 'value', 'target', 'took'], ...summary], ['left', 'left', 'left']),
  ].join('\n'),
);
process.exit(failures.length ? 1 : 0);
