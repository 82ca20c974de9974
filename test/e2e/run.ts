/**
 * `npm run test:e2e`: the end-to-end files with the demo built once for all of them, instead of once
 * per file (`node --test` runs each file in its own process):
 *
 *   node --import tsx test/e2e/run.ts [node --test arguments…]
 *
 * starts `node --test <arguments>` right away and, meanwhile, builds every demo page into a temp dir
 * named to the test processes in `E2E_DEMO_BUILD`; `startDemo()` (helpers.ts) waits for that build
 * instead of running its own, and the dir is removed once the tests are over.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureChrome } from '../../scripts/chromium.mjs';
import { BUILD_FAILED, BUILD_OK, buildDemo, SHARED_BUILD, tempDir } from './helpers.js';

/**
 * The runner: `node --test` with the given arguments (and this process's own flags, `--import tsx`),
 * and the demo built once, alongside, for all the test files. Returns the exit code.
 */
async function runWithSharedBuild(args: string[]): Promise<number> {
  const dir = await tempDir('host-demo-e2e-build-');
  try {
    const tests = spawn(process.execPath, [...process.execArgv, '--test', ...args], {
      stdio: 'inherit',
      env: { ...process.env, [SHARED_BUILD]: dir.path },
    });
    const exited = new Promise<number>((done) => tests.on('close', (code) => done(code ?? 1)));
    // Ctrl-C reaches the tests too (same process group); this process stays to clean up after them.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => tests.kill(signal));
    const built = buildDemo(join(dir.path, 'demo')).then(
      () => writeFile(join(dir.path, BUILD_OK), ''),
      async (error: unknown) => {
        await writeFile(
          join(dir.path, BUILD_FAILED),
          error instanceof Error ? (error.stack ?? error.message) : String(error),
        );
        return Promise.reject(error);
      },
    );
    const [code, ok] = await Promise.all([
      exited,
      built.then(
        () => true,
        () => false,
      ),
    ]);
    return ok ? code : code || 1;
  } finally {
    await dir.remove();
  }
}

// Once, here, for every test process (they would otherwise race to provision one): they find it in CHROME_PATH.
process.env.CHROME_PATH = await ensureChrome();
process.exitCode = await runWithSharedBuild(process.argv.slice(2));
