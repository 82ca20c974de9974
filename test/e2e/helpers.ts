/**
 * Shared by the end-to-end tests (Node, `node:test`): Chromium through puppeteer-core (installed with
 * @web/test-runner-chrome; it downloads no browser), the mock server, and the demo as a production
 * build served by `vite preview`.
 *
 * `startDemo()` uses the demo build of the runner (test/e2e/run.ts, `npm run test:e2e`) when there is
 * one, and otherwise (one file through `node --test`) builds its own.
 */
import assert from 'node:assert/strict';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, beforeEach } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { build, preview } from 'vite';
import { DevClient } from '../../mock-server/dev-client.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));

import { CHROME_FLAGS, findChrome } from '../../scripts/chromium.mjs';

export { CHROME_FLAGS, findChrome };

export async function launchChromium(): Promise<Browser> {
  // Imported here, not at the top: the runner (run.ts) needs neither it nor the mock.
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_FLAGS });
}

export async function tempDir(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

const configFile = resolve(root, 'host-demo/vite.config.ts');

/**
 * The demo's production build. Its output does not depend on `MOCK_URL`: host-demo/vite.config.ts reads that only
 * for the dev server's and `vite preview`'s proxy, when `preview()` loads the config. So one build
 * serves test processes that each have their own mock server.
 */
export async function buildDemo(outDir: string, consoleOnly = false): Promise<void> {
  await build({
    configFile,
    logLevel: 'warn',
    build: {
      outDir,
      sourcemap: false,
      // A string replaces the config's input object (an object would be merged into it).
      ...(consoleOnly ? { rolldownOptions: { input: resolve(root, 'host-demo/index.html') } } : {}),
    },
  });
}

/** Set by the runner (test/e2e/run.ts): a dir where it builds the demo into `demo/`. */
export const SHARED_BUILD = 'E2E_DEMO_BUILD';
/** What the runner writes in that dir when its build is over: one or the other. */
export const BUILD_OK = 'built';
export const BUILD_FAILED = 'failed';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** The runner's demo build, once it is done. */
async function sharedBuild(dir: string): Promise<string> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (await exists(join(dir, BUILD_OK))) return join(dir, 'demo');
    if (await exists(join(dir, BUILD_FAILED)))
      throw new Error(`the shared demo build failed:\n${await readFile(join(dir, BUILD_FAILED), 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`the shared demo build in ${dir} never finished`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface DemoServers {
  /** The demo page (production build, behind `vite preview` with its CSP header and proxy). */
  url: string;
  /** The mock server itself, for the dev routes. */
  mockUrl: string;
  close: () => Promise<void>;
}

export interface DemoOptions {
  /** Build only the console page (host-demo/index.html), not the framework pages: a faster build. */
  consoleOnly?: boolean;
}

/**
 * The mock server for a test: on 127.0.0.1 and a free port, its db in `dir`, the test hooks on, only
 * the seed users; `origins` adds the CORS or trusted origins of the pages that will call it.
 */
export async function startTestMock(
  dir: string,
  origins: { corsOrigins?: string[]; trustedOrigins?: string[] } = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  // Imported here, not at the top: the runner (run.ts) needs neither it nor Chromium.
  const { startMockServer } = await import('../../mock-server/node.js');
  return startMockServer({
    port: 0,
    host: '127.0.0.1',
    db: join(dir, 'db.json'),
    devRoutes: true,
    corsOrigins: [],
    seedUsers: 0,
    ...origins,
  });
}

/** The mock server and a production build of the host demo, on 127.0.0.1 and free ports. */
export async function startDemo(options: DemoOptions = {}): Promise<DemoServers> {
  const shared = process.env[SHARED_BUILD];
  const dir = await tempDir('host-demo-e2e-');
  const mock = await startTestMock(dir.path);
  // host-demo/vite.config.ts reads it for the `/api` and `/__dev` proxy, when preview() below loads the config.
  process.env.MOCK_URL = mock.url;
  try {
    // The runner's build has every page, the console's included: `consoleOnly` does not matter then.
    const outDir = shared ? await sharedBuild(shared) : join(dir.path, 'demo');
    if (!shared) await buildDemo(outDir, options.consoleOnly);
    const server = await preview({
      configFile,
      logLevel: 'warn',
      build: { outDir },
      preview: { port: 0, host: '127.0.0.1', strictPort: true, open: false },
    });
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('vite preview did not report its URL');
    return {
      url,
      mockUrl: mock.url,
      close: async () => {
        await new Promise<void>((done) => server.httpServer.close(() => done()));
        await mock.close();
        await dir.remove();
      },
    };
  } catch (error) {
    await mock.close();
    await dir.remove();
    throw error;
  }
}

/** What a page reported: CSP violations, uncaught errors, and console errors other than failed requests. */
export interface PageWatch {
  csp: string[];
  errors: string[];
}

export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { csp: [], errors: [] };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (text.startsWith('[csp-violation]') || /Content Security Policy/i.test(text)) watch.csp.push(text);
    // An HTTP error status (409 at a refused login, 401 after an idle logout) is expected in these flows.
    else if (!text.startsWith('Failed to load resource')) watch.errors.push(text);
  });
  page.on('pageerror', (error) => {
    watch.errors.push(`uncaught: ${error instanceof Error ? error.message : String(error)}`);
  });
  return watch;
}

import type { HookUser } from '../../components/api/contract/index.js';

/** The mock's test hooks (`<mockUrl>/__dev/*`) through the one typed dev client. */
export function devClient(mockUrl: string): DevClient {
  return new DevClient({ baseUrl: `${mockUrl}/__dev` });
}

/**
 * What a test file on the demo drives: the demo and Chromium, started together in `before` (each kept
 * as soon as it is up and both awaited, so when one fails `after` still closes the other: a Chromium
 * left open would keep the test process alive) and closed in `after`. Before each test the browser
 * contexts the last one opened close and the mock resets.
 */
export class DemoSession {
  #demo: DemoServers | undefined;
  #browser: Browser | undefined;
  readonly #contexts: BrowserContext[] = [];

  constructor(options: DemoOptions) {
    before(async () => {
      const results = await Promise.allSettled([
        startDemo(options).then((d) => (this.#demo = d)),
        launchChromium().then((b) => (this.#browser = b)),
      ]);
      for (const result of results) if (result.status === 'rejected') throw result.reason;
    });
    after(async () => {
      await this.#browser?.close();
      await this.#demo?.close();
    });
    beforeEach(async () => {
      await Promise.all(this.#contexts.splice(0).map((c) => c.close()));
      if (this.#demo) await this.dev().reset();
    });
  }

  get demo(): DemoServers {
    if (!this.#demo) throw new Error('the demo is not started: use it inside a test');
    return this.#demo;
  }

  /** The mock's test hooks. */
  dev(): DevClient {
    return devClient(this.demo.mockUrl);
  }

  /**
   * A page of the demo (`path` relative to it) in its own browser context (own cookies: a second
   * "browser"), 1280×900, watched for CSP violations and errors from its first request on.
   * `beforeLoad` runs before the page is loaded (cookies, request listeners, no CSP for axe).
   */
  async open(
    path: string,
    beforeLoad?: (page: Page) => Promise<void> | void,
  ): Promise<{ page: Page; watch: PageWatch }> {
    if (!this.#browser) throw new Error('Chromium is not started: use it inside a test');
    const context = await this.#browser.createBrowserContext();
    this.#contexts.push(context);
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const watch = watchPage(page);
    await beforeLoad?.(page);
    await page.goto(new URL(path, this.demo.url).href, { waitUntil: 'load' });
    return { page, watch };
  }

  /** The code of the last message with one in the outbox, once there is one. */
  async lastCode(): Promise<string> {
    const { messages } = await until(
      () => this.dev().call('outbox'),
      (o) => o.messages.some((m) => m.code),
      'a code in the outbox',
    );
    return messages.findLast((m) => m.code)?.code ?? '';
  }

  /** Wait until the stored user `username` satisfies `check`. */
  user(username: string, check: (user: HookUser) => boolean, what: string): Promise<HookUser> {
    return until(() => this.dev().user(username), check, what);
  }
}

/**
 * Sign in at the mock's API (as a host's own login page would) and hand the session cookie to
 * `context` for `domain` (cookies are not port-bound: the mock's cookie for 127.0.0.1 is the page's too).
 */
export async function signInContext(
  context: BrowserContext,
  mockUrl: string,
  username: string,
  domain = '127.0.0.1',
): Promise<void> {
  const response = await fetch(`${mockUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'Passw0rd!' }),
  });
  assert.equal(response.status, 200, `login ${username}`);
  const psid = /(?:^|;\s*|,\s*)psid=([^;]+)/.exec(response.headers.getSetCookie().join(', '))?.[1];
  assert.ok(psid, 'the login set the psid cookie');
  await context.setCookie({ name: 'psid', value: psid, domain, path: '/', httpOnly: true, sameSite: 'Lax' });
}

/** A page in a new browser context of `browser`, signed in as admin at `mockUrl`, watched from the start. */
export async function signedInPage(
  browser: Browser,
  mockUrl: string,
): Promise<{ page: Page; watch: PageWatch }> {
  const context = await browser.createBrowserContext();
  await signInContext(context, mockUrl, 'admin');
  const page = await context.newPage();
  return { page, watch: watchPage(page) };
}

/** Wait (10 s at most) until `<personal-info-form>` shows `text`; else fail with what it shows. */
export async function waitForFormText(page: Page, text: string): Promise<void> {
  try {
    await page.waitForFunction(
      (wanted) => document.querySelector('personal-info-form')?.shadowRoot?.textContent?.includes(wanted),
      { timeout: 10_000 },
      text,
    );
  } catch {
    const shown = await page.$eval(
      'personal-info-form',
      (el) => el.shadowRoot?.textContent ?? '(no shadow root)',
    );
    assert.fail(`the form never showed "${text}": ${shown.replace(/\s+/g, ' ')}`);
  }
}

/** The console's sign-in form, filled and submitted. */
export async function fillLogin(page: Page, username: string, password = 'Passw0rd!'): Promise<void> {
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.locator('#login-page button[type=submit]').click();
}

/** No CSP violation, no uncaught error, no console error on the page. */
export function assertClean(watch: PageWatch): void {
  assert.deepEqual(watch.csp, [], 'CSP violations');
  assert.deepEqual(watch.errors, [], 'console errors / uncaught exceptions');
}

/** Wait until `check` holds for what `read` returns (the stored user, the outbox); 5 s at most. */
export async function until<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
