/**
 * `personal-settings-elements/cdn/*` without a bundler: static HTML pages with one
 * `<script type="module" src=".../dist/cdn/<entry>.js">` and no import map, served as plain files
 * by a static server from the unpacked tarball, talking to the mock server on another loopback port
 * (its CORS allowlist names the page's origin). Checked in Chromium: the form renders with data, no
 * request for a bare specifier (`lit`) is left, and the dialog and the zh-CN strings load only when
 * needed, from beside the module.
 *
 *   npm run test:package   (or this file alone: node --import tsx --test test/e2e/package-cdn.test.ts)
 */
import assert from 'node:assert/strict';
import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium, signedInPage, startTestMock, tempDir, waitForFormText } from './helpers.js';
import { freePort, packedTarball, run } from './package-helpers.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** A plain static file server for `dir` (no rewrites, no module resolution). */
function staticServer(dir: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** The page an integrator writes: exactly the README's "plain HTML via cdn/" snippet, with our URLs. */
const page = (entry: string, endpoint: string, locale = 'en') => `<!doctype html>
<html lang="${locale}">
<head>
  <meta charset="utf-8">
  <title>Personal settings</title>
  <link rel="icon" href="data:,">
  <script type="module" src="/package/dist/cdn/${entry}.js"></script>
</head>
<body>
  <personal-info-form endpoint="${endpoint}"></personal-info-form>
</body>
</html>
`;

describe('./cdn/* from a plain static server, no bundler, no import map', { timeout: 240_000 }, () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let server: Server;
  let origin: string;
  let mock: { url: string; close: () => Promise<void> };
  let browser: Browser;

  before(async () => {
    work = await tempDir('package-cdn-');
    run('tar', ['-xzf', await packedTarball(), '-C', work.path], work.path);
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    mock = await startTestMock(work.path, { corsOrigins: [origin] });
    const endpoint = `${mock.url}/api/v1`;
    writeFileSync(join(work.path, 'all.html'), page('all', endpoint));
    writeFileSync(join(work.path, 'form.html'), page('personal-info-form', endpoint));
    writeFileSync(join(work.path, 'zh.html'), page('personal-info-form', endpoint, 'zh-CN'));
    server = await staticServer(work.path, port);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await new Promise((done) => server?.close(done));
    await mock?.close();
    await work?.remove();
  });

  interface Opened {
    page: Page;
    errors: string[];
    /** Paths of every script the page fetched, relative to the package's `dist/cdn/`. */
    scripts: () => string[];
    failed: string[];
  }

  async function open(path: string): Promise<Opened> {
    const { page, watch } = await signedInPage(browser, mock.url);
    const scripts: string[] = [];
    const failed: string[] = [];
    page.on('requestfinished', (request) => {
      const url = new URL(request.url());
      if (url.origin === origin && url.pathname.endsWith('.js')) {
        scripts.push(url.pathname.replace('/package/dist/cdn/', ''));
      }
    });
    page.on('requestfailed', (request) => failed.push(request.url()));
    page.on('response', (response) => {
      if (response.status() === 404) failed.push(response.url());
    });
    await page.goto(`${origin}/${path}`, { waitUntil: 'load' });
    return { page, errors: watch.errors, scripts: () => [...scripts], failed };
  }

  /** Every module and request resolved, no console error; then the page's context closes. */
  async function closeClean({ page, failed, errors }: Opened): Promise<void> {
    assert.deepEqual(failed, [], 'every module and request resolved');
    assert.deepEqual(errors, [], 'no console errors');
    await page.browserContext().close();
  }

  it('all.js: registers the three elements and the form renders with data', async () => {
    const opened = await open('all.html');
    const { page } = opened;
    await waitForFormText(page, '+86 138****5678');
    const defined = await page.evaluate(() =>
      ['personal-info-form', 'contact-verify-dialog', 'session-limit-field'].filter((tag) => customElements.get(tag)),
    );
    assert.deepEqual(defined, ['personal-info-form', 'contact-verify-dialog', 'session-limit-field']);
    await closeClean(opened);
  });

  it('personal-info-form.js: the dialog loads on first use, from beside the module', async () => {
    const opened = await open('form.html');
    const { page, scripts } = opened;
    await waitForFormText(page, 'a***n@example.com');
    assert.ok(!scripts().includes('contact-verify-dialog.js'), `dialog not loaded up front: ${scripts()}`);
    assert.ok(!scripts().some((path) => path.includes('zh-CN')), 'no zh-CN strings on an English page');
    await page.locator('pierce/#email-edit').click();
    await page.waitForFunction(() => customElements.get('contact-verify-dialog') !== undefined, { timeout: 10_000 });
    assert.ok(scripts().includes('contact-verify-dialog.js'), `the dialog came from dist/cdn/: ${scripts()}`);
    await closeClean(opened);
  });

  it('personal-info-form.js on a zh-CN page: the Chinese strings load lazily and show', async () => {
    const opened = await open('zh.html');
    const { page, scripts } = opened;
    await waitForFormText(page, '+86 138****5678');
    assert.ok(scripts().some((path) => path.startsWith('chunks/zh-CN')), `zh-CN chunk loaded: ${scripts()}`);
    const text = await page.$eval('personal-info-form', (el) => el.shadowRoot?.textContent ?? '');
    assert.match(text, /[\u4e00-\u9fff]/, 'Chinese text on the page');
    await closeClean(opened);
  });
});
