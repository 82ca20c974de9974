// @web/test-runner config for the elements' browser tests (real Chromium, mocha bdd, msw).
// Run all: `npm run test:browser`; one file:
//   npx wtr --config test/web-test-runner.config.mjs --files test/components/<tag>.test.ts
import { createReadStream } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { CHROME_FLAGS, ensureChrome } from '../scripts/chromium.mjs';
import { wtrMinifyLiterals } from '../scripts/lit-literals.mjs';
import { pageCommandsPlugin } from './helpers-node/wtr-page-commands.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const mswWorkerScript = resolve(root, 'node_modules/msw/lib/mockServiceWorker.js');

// Two test files may run side by side (2-core machine); override with WTR_CONCURRENCY.
const concurrency = Number(process.env.WTR_CONCURRENCY) || Math.min(2, Math.max(1, cpus().length));

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir: root,
  files: ['test/components/**/*.test.ts', 'test/browser/**/*.test.ts'],
  // `development` export condition: Lit's dev build, so its dev warnings reach the console guard.
  nodeResolve: { exportConditions: ['development', 'browser'] },
  concurrency,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  browsers: [
    chromeLauncher({
      // `npm run test:browser` alone provisions a Chromium too (quietly uses an installed one).
      launchOptions: { executablePath: await ensureChrome(), headless: true, args: CHROME_FLAGS },
      // Each page gets its own browser context (cookies, storage, service worker registrations), and
      // focus emulation so sendKeys/focus behave the same in a background tab as in the active one.
      async createPage({ browser }) {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        const cdp = await page.createCDPSession();
        await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
        page.once('close', () => {
          context.close().catch(() => {});
        });
        return page;
      },
    }),
  ],
  testFramework: {
    config: { ui: 'bdd', timeout: 10_000 },
  },
  // Runs before any module: Lit's one-time "dev mode" notice is marked as already issued so the console
  // stays quiet (its other dev warnings still fire and fail the test). No fake `process` global: the
  // libraries loaded in the browser (msw, graphql) guard their `process` reads, and our TypeScript gets
  // `process.env.NODE_ENV` replaced at transform time (esbuild `define` below).
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>personal-settings browser tests</title></head>
  <body>
    <script>
      globalThis.litIssuedWarnings = globalThis.litIssuedWarnings || new Set();
      globalThis.litIssuedWarnings.add('dev-mode');
    </script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  middleware: [
    // The msw worker must be served from the root so its scope is `/` (it intercepts nothing otherwise).
    function mswWorker(context, next) {
      if (context.path === '/mockServiceWorker.js') {
        context.type = 'application/javascript';
        context.set('Cache-Control', 'no-store');
        context.body = createReadStream(mswWorkerScript);
        return undefined;
      }
      return next();
    },
  ],
  plugins: [
    // `emulate-forced-colors` and `screenshot` (pixel checks of the focus ring).
    pageCommandsPlugin(),
    // `a11ySnapshot()`: the browser's accessibility tree (landmarks, names) as screen readers get it.
    a11ySnapshotPlugin(),
    // The elements' Lit templates minified as in the library build, so these tests run what ships.
    wtrMinifyLiterals(),
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: resolve(root, 'tsconfig.json'),
      define: { 'process.env.NODE_ENV': '"development"' },
    }),
  ],
};
