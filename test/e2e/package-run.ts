/**
 * `npm run test:package`: build and pack the library once, then run every package test file
 * (test/e2e/package*.test.ts) against that tarball, one file at a time (each installs a host app):
 *
 *   node --import tsx test/e2e/package-run.ts [more node --test arguments…]
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './helpers.js';
import { buildAndPack, TARBALL_ENV } from './package-helpers.js';

const dir = await tempDir('package-tarball-');
let status = 1;
try {
  const started = performance.now();
  const tarball = buildAndPack(dir.path);
  console.log(`built and packed in ${((performance.now() - started) / 1000).toFixed(1)} s: ${tarball}`);
  const here = join('test', 'e2e');
  const files = readdirSync(here)
    .filter((name) => /^package.*\.test\.ts$/.test(name))
    .sort()
    .map((name) => join(here, name));
  const extra = process.argv.slice(2);
  const tests = spawnSync(
    process.execPath,
    [...process.execArgv, '--test', '--test-concurrency=1', '--test-reporter=spec', ...extra, ...files],
    { stdio: 'inherit', env: { ...process.env, [TARBALL_ENV]: tarball } },
  );
  status = tests.status ?? 1;
} finally {
  await dir.remove();
}
process.exit(status);
