/**
 * The host console demo end to end: a production build of host-demo/ behind `vite preview` (strict
 * CSP header and meta, `/api` + `/__dev` proxied to the mock with the browser's Host), driven in
 * Chromium. Every page must run with zero CSP violations and no uncaught errors.
 *
 *   npm run test:e2e
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import {
  type DemoServers,
  devClient,
  launchChromium,
  type PageWatch,
  startDemo,
  until,
  watchPage,
} from './helpers.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let demo: DemoServers;
let browser: Browser;
const contexts: BrowserContext[] = [];

const dev = () => devClient(demo.mockUrl);

/** A page in its own browser context (own cookies: a second "browser"), watched for CSP and errors. */
async function openPage(): Promise<{ page: Page; watch: PageWatch }> {
  const context = await browser.createBrowserContext();
  contexts.push(context);
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const watch = watchPage(page);
  await page.goto(demo.url, { waitUntil: 'load' });
  await page.waitForSelector('#login-page');
  return { page, watch };
}

async function login(page: Page, username: string, password = 'Passw0rd!'): Promise<void> {
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.locator('#login-page button[type=submit]').click();
}

/**
 * For selectors into shadow roots: `visible` makes puppeteer poll every frame; without it, it only
 * re-checks on light-DOM mutations and misses what happens inside the elements' shadow roots.
 */
const VISIBLE = { visible: true } as const;

const text = (page: Page, selector: string) =>
  page.$eval(selector, (el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());

function assertClean(watch: PageWatch): void {
  assert.deepEqual(watch.csp, [], 'CSP violations');
  assert.deepEqual(watch.errors, [], 'console errors / uncaught exceptions');
}

/** Main menu System → navigation pane → Modify Personal Info, as a user would get there. */
async function openPersonalInfo(page: Page): Promise<void> {
  await page.locator('.mainmenu a ::-p-text(System)').click();
  await page.locator('.navpane a ::-p-text(Modify Personal Info)').click();
  await page.waitForSelector('pierce/#welcome-edit', VISIBLE);
}

describe('host demo (production build, strict CSP)', { timeout: 120_000 }, () => {
  before(async () => {
    // Each kept as soon as it is up, and both awaited: when one fails, `after` still closes the other
    // (a Chromium left open would keep the test process alive).
    const started = await Promise.allSettled([
      startDemo({ consoleOnly: true }).then((d) => (demo = d)),
      launchChromium().then((b) => (browser = b)),
    ]);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });
  beforeEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await dev().reset();
  });

  it('serves the page with the CSP header and meta', async () => {
    const response = await fetch(demo.url);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = await response.text();
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'self'/);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script in the built page');
  });

  it("the proxy keeps the Host header: same-origin mutations pass the mock's Origin check, others do not", async () => {
    const origin = new URL(demo.url).origin;
    const login = (from: string) =>
      fetch(new URL('/api/v1/auth/login', demo.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: from },
        body: JSON.stringify({ username: 'operator', password: 'Passw0rd!' }),
      });
    const own = await login(origin);
    assert.equal(own.status, 200);
    assert.match(own.headers.get('set-cookie') ?? '', /^psid=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
    const foreign = await login('https://evil.example');
    assert.equal(foreign.status, 403);
    assert.equal(((await foreign.json()) as { code: string }).code, 'forbidden-origin');
  });

  it('welcome message: set in the form, shown as a text banner at the next login', async () => {
    const { page, watch } = await openPage();
    await login(page, 'admin');
    await page.waitForSelector('.console');
    await openPersonalInfo(page);
    assert.deepEqual(await page.$$eval('.breadcrumbs li', (items) => items.map((li) => li.textContent)), [
      'System',
      'System Settings',
      'Personal Settings',
      'Modify Personal Info',
    ]);
    const message = 'Hello <b>admin</b>\nRemember the maintenance window.';
    await page.locator('pierce/#welcome-edit').click();
    await page.locator('pierce/#welcome').fill(message);
    await page.locator('pierce/#welcome-ok').click();
    await until(
      () => dev().user('admin'),
      (u) => u.welcomeMessage === message,
      'the welcome message in the db',
    );

    await page.locator('#user-menu-button').click();
    await page.locator('#logout').click();
    await page.waitForSelector('#login-reason');
    assert.equal(await text(page, '#login-reason'), 'You have signed out.');

    await login(page, 'admin');
    await page.waitForSelector('#welcome-banner-text');
    const banner = await page.$eval('#welcome-banner-text', (el) => ({
      text: el.textContent,
      elements: el.children.length,
    }));
    assert.deepEqual(banner, { text: message, elements: 0 }, 'the message is text, never HTML');
    assertClean(watch);
  });

  it('contact verification runs under the CSP: Verify → code from the outbox → verified', async () => {
    const { page, watch } = await openPage();
    await login(page, 'operator');
    await page.waitForSelector('.console');
    await openPersonalInfo(page);
    await page.locator('pierce/#mobile-verify').click();
    await page.locator('::-p-aria(Send code[role="button"])').click();
    const codeInput = await page.waitForSelector('pierce/input[autocomplete="one-time-code"]', VISIBLE);
    const { messages } = await until(
      () => dev().call('outbox'),
      (o) => o.messages.some((m) => m.code),
      'a code in the outbox',
    );
    const code = messages.findLast((m) => m.code)?.code ?? '';
    // The last digit submits the code by itself; the dialog then offers Done.
    await codeInput?.type(code);
    await page.locator('::-p-aria(Done[role="button"])').click();
    await until(
      () => dev().user('operator'),
      (u) => u.mobile.verified,
      'the mobile number verified in the db',
    );
    assertClean(watch);
  });

  it('session limit 1, Not allowed: a login from a second browser is refused', async () => {
    const { page, watch } = await openPage();
    await login(page, 'admin');
    await page.waitForSelector('.console');
    await openPersonalInfo(page);
    await page.locator('pierce/#enabled').click();
    await page.locator('pierce/#session-limit-save').click();
    await until(
      () => dev().user('admin'),
      (u) => u.sessionLimit?.max === 1 && u.sessionLimit.policy === 'deny',
      'session limit 1 / deny in the db',
    );

    const second = await openPage();
    await login(second.page, 'admin');
    await second.page.waitForSelector('#login-error:not([hidden])');
    assert.match(await text(second.page, '#login-error'), /^Login not allowed/);
    assert.equal(await second.page.$('.console'), null);
    assertClean(watch);
    assertClean(second.watch);
  });

  it('session limit 1, Log out of the session: the first browser lands on the login page', async () => {
    const { page, watch } = await openPage();
    await login(page, 'admin');
    await page.waitForSelector('.console');
    await openPersonalInfo(page);
    await page.locator('pierce/#enabled').click();
    await page.locator('pierce/#policy-log-out').click();
    await page.locator('pierce/#session-limit-save').click();
    await until(
      () => dev().user('admin'),
      (u) => u.sessionLimit?.policy === 'log-out',
      'session limit 1 / log-out in the db',
    );

    const second = await openPage();
    await login(second.page, 'admin');
    await second.page.waitForSelector('.console');

    // The first browser's next action finds its session replaced.
    await page.locator('.navpane a ::-p-text(Online Sessions)').click();
    await page.waitForSelector('#login-reason');
    assert.match(await text(page, '#login-reason'), /signed in elsewhere/);
    assertClean(watch);
    assertClean(second.watch);
  });

  it('idle auto-logout: skip the server clock past it in the developer panel, the next action signs out', async () => {
    const { page, watch } = await openPage();
    await login(page, 'admin');
    await page.waitForSelector('.console');
    await openPersonalInfo(page);

    await page.locator('#dev-panel summary').click();
    await page.waitForSelector('#dev-clock-minutes');
    await page.locator('#dev-clock-minutes').fill('31'); // auto-logout is 30 minutes
    await page.locator('#dev-clock-advance').click();
    await page.waitForFunction(() =>
      /31 min/.test(document.querySelector('.devpanel__status')?.textContent ?? ''),
    );

    await page.locator('pierce/#welcome-edit').click();
    await page.locator('pierce/#welcome').fill('too late');
    await page.locator('pierce/#welcome-ok').click();
    await page.waitForSelector('#login-reason');
    assert.match(await text(page, '#login-reason'), /signed out after a period without activity/);
    assert.equal((await dev().user('admin')).welcomeMessage, '');
    assertClean(watch);
  });

  it('the console passes axe (WCAG 2.1 AA): login page, Modify Personal Info, Online Sessions', async () => {
    const context = await browser.createBrowserContext();
    contexts.push(context);
    const page = await context.newPage();
    // axe is injected as a script: this page alone runs without the CSP (the other tests prove the CSP holds).
    await page.setBypassCSP(true);
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(demo.url, { waitUntil: 'load' });
    await page.waitForSelector('#login-page');
    const audit = async (where: string) => {
      if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: unknown[] }> } })
          .axe;
        const result = await axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
        return (result.violations as { id: string; nodes: { target: unknown }[] }[]).map(
          (v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
        );
      });
      assert.deepEqual(violations, [], `axe on ${where}`);
    };
    await audit('the login page');
    await login(page, 'admin');
    await page.waitForSelector('.console');
    await openPersonalInfo(page);
    await audit('Modify Personal Info');
    await page.locator('.navpane a ::-p-text(Online Sessions)').click();
    await page.waitForFunction(() => /online session/.test(document.body.textContent ?? ''));
    await audit('Online Sessions');
  });
});
