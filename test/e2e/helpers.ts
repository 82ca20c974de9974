/**
 * Shared by the end-to-end tests (Node, `node:test`): Chromium through puppeteer-core (installed with
 * @web/test-runner-chrome; it downloads no browser), the mock server, and the demo as a production
 * build served by `vite preview`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { build, preview } from 'vite';
import { startMockServer } from '../../mock-server/node.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));

import { CHROME_FLAGS, findChrome } from '../../scripts/chromium.mjs';

export { CHROME_FLAGS, findChrome };

export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_FLAGS });
}

export async function tempDir(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
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

/** The mock server and a production build of the host demo, on 127.0.0.1 and free ports. */
export async function startDemo(options: DemoOptions = {}): Promise<DemoServers> {
  const dir = await tempDir('host-demo-e2e-');
  const mock = await startMockServer({
    port: 0,
    host: '127.0.0.1',
    db: join(dir.path, 'db.json'),
    devRoutes: true,
    corsOrigins: [],
    seedUsers: 0,
  });
  // vite.config.ts reads it for the `/api` and `/__dev` proxy.
  process.env.MOCK_URL = mock.url;
  const configFile = resolve(root, 'vite.config.ts');
  const outDir = join(dir.path, 'demo');
  try {
    await build({
      configFile,
      mode: 'demo',
      logLevel: 'warn',
      build: {
        outDir,
        sourcemap: false,
        // A string replaces the config's input object (an object would be merged into it).
        ...(options.consoleOnly ? { rolldownOptions: { input: resolve(root, 'host-demo/index.html') } } : {}),
      },
    });
    const server = await preview({
      configFile,
      mode: 'demo',
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

export type { OutboxMessage } from '../../mock-server/db.js';
export type { DevUserView as DbUser } from '../../mock-server/routes/dev.js';

/** Call one of the mock's `/__dev/*` routes (reset, outbox, users…) and return its JSON. */
export async function devRoute<T>(
  mockUrl: string,
  path: string,
  init?: { method: string; body?: unknown },
): Promise<T> {
  const response = await fetch(`${mockUrl}/__dev${path}`, {
    method: init?.method ?? 'GET',
    headers: init?.body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
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
