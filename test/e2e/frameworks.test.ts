/**
 * Framework neutrality (issue #5): the same `<personal-info-form>` in a React 19 page
 * (host-demo/react/) and a Vue 3 page (host-demo/vue/), built for production with the demo (strict
 * CSP header and meta, `/api` + `/__dev` proxied to the mock) and driven in Chromium. Each framework
 * sets the element's properties (`client` with a custom header, `sections`, `locale`, `strings`) and
 * listens to its events; the page logs what it received, as text, and the test reads that log.
 *
 *   npm run test:frameworks
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ElementHandle, HTTPRequest, Page } from 'puppeteer-core';
import {
  assertClean,
  DemoSession,
  fillLogin,
  type PageWatch,
  signInContext,
  waitForFormText,
} from './helpers.js';

const session = new DemoSession({});

const FRAMEWORKS = [
  { name: 'react', title: 'React 19' },
  { name: 'vue', title: 'Vue 3' },
] as const;
type Framework = (typeof FRAMEWORKS)[number]['name'];

/** Sign in through the API (as a host's login page would) and hand the session cookie to the browser. */
const signIn = (page: Page, username: string) =>
  signInContext(page.browserContext(), session.demo.mockUrl, username, new URL(session.demo.url).hostname);

interface HostPage {
  page: Page;
  watch: PageWatch;
  /** The `X-Host-Framework` header of every API request the page made. */
  apiHeaders: (string | undefined)[];
}

/** A framework page in its own browser context (own cookies), watched for CSP violations and errors. */
async function openHost(framework: Framework, username: string | null): Promise<HostPage> {
  const apiHeaders: (string | undefined)[] = [];
  const { page, watch } = await session.open(`${framework}/`, async (page) => {
    page.on('request', (request: HTTPRequest) => {
      if (new URL(request.url()).pathname.startsWith('/api/v1/')) {
        apiHeaders.push(request.headers()['x-host-framework']);
      }
    });
    if (username) await signIn(page, username);
  });
  await page.waitForSelector('personal-info-form');
  return { page, watch, apiHeaders };
}

/** The form's visible text (its shadow root), whitespace collapsed. */
const formText = (page: Page) =>
  page.$eval('personal-info-form', (el) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim());

const logEntries = (page: Page) =>
  page.$$eval('#event-log li', (items) => items.map((li) => li.textContent ?? ''));

/**
 * An element anywhere in the page's shadow trees. Not `waitForSelector('pierce/…')`: it re-checks on
 * document mutations only, and a change inside a shadow root (the dialog's next step) is not one.
 */
async function waitForDeep(page: Page, selector: string): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(
    (wanted) => {
      // A loop, not a recursive helper: tsx's name-keeping wrapper (`__name`) does not exist in the page.
      const roots: (Document | ShadowRoot)[] = [document];
      for (let root = roots.pop(); root; root = roots.pop()) {
        const hit = root.querySelector(wanted);
        if (hit) return hit;
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
      }
      return null;
    },
    { timeout: 5000 },
    selector,
  );
  return handle as ElementHandle<Element>;
}

async function waitForLog(page: Page, entry: string): Promise<void> {
  try {
    await page.waitForFunction(
      (wanted) => [...document.querySelectorAll('#event-log li')].some((li) => li.textContent === wanted),
      { timeout: 5000 },
      entry,
    );
  } catch {
    assert.fail(`the event log never showed "${entry}": ${JSON.stringify(await logEntries(page))}`);
  }
}

describe('framework hosts: React 19 and Vue 3 (production build, strict CSP)', { timeout: 300_000 }, () => {
  for (const { name, title } of FRAMEWORKS) {
    describe(title, () => {
      it('without a session the host logs session-expired; signed in, the masked mobile is shown', async () => {
        const { page, watch, apiHeaders } = await openHost(name, null);
        await waitForLog(page, 'session-expired: unauthenticated');
        await waitForLog(page, 'personal-info-error: load unauthenticated');

        await signIn(page, 'admin');
        await page.reload({ waitUntil: 'load' });
        await waitForFormText(page, '+86 138****5678');
        const text = await formText(page);
        assert.ok(text.includes('a***n@example.com'), 'the masked email');
        assert.ok(!text.includes('13812345678'), 'never the full number');
        assert.deepEqual(await logEntries(page), [], 'a signed-in load logs nothing');

        // Every request went through the host's client (its header), none through an endpoint attribute.
        assert.ok(apiHeaders.length >= 2, 'API requests seen');
        assert.deepEqual(
          new Set(apiHeaders),
          new Set([name]),
          'the X-Host-Framework header on every request',
        );
        const props = await page.$eval('personal-info-form', (el) => ({
          clientAttribute: el.getAttribute('client'),
          endpoint: el.getAttribute('endpoint') ?? '',
          baseUrl: (el as HTMLElement & { client?: { baseUrl: string } }).client?.baseUrl,
        }));
        assert.deepEqual(props, { clientAttribute: null, endpoint: '', baseUrl: '/api/v1' });
        assertClean(watch);
      });

      it('looks like the console and, without a session, offers Sign in that comes back here', async () => {
        const { page, watch } = await openHost(name, null);
        await page.waitForSelector('#signed-out a', { visible: true });
        assert.equal(await page.$eval('.topbar .brand', (el) => el.textContent?.trim()), 'Acme Console');
        const offer = await page.$eval('#signed-out', (el) => ({
          text: el.querySelector('p')?.textContent,
          link: el.querySelector('a')?.textContent,
          href: el.querySelector('a')?.getAttribute('href'),
          formShown: (document.querySelector('personal-info-form') as HTMLElement).checkVisibility(),
        }));
        assert.deepEqual(offer, {
          text: 'You are not signed in. Sign in to the console to see your personal settings here.',
          link: 'Sign in',
          href: `../#/login?next=/${name}/`,
          formShown: false,
        });

        await page.locator('#signed-out a').click();
        await page.waitForSelector('#login-page');
        await fillLogin(page, 'admin');
        await page.waitForFunction((path) => location.pathname === path, {}, `/${name}/`);
        await waitForFormText(page, '+86 138****5678');
        assert.equal(await page.$('#signed-out'), null);
        assertClean(watch);
      });

      it('auto-logout changed and saved: personal-info-change and -saved logged, the value in the db', async () => {
        const { page, watch } = await openHost(name, 'admin');
        await waitForFormText(page, '+86 138****5678');
        const select = await waitForDeep(page, '#auto-logout');
        await select.select('60');
        await waitForLog(page, 'personal-info-change: unsaved auto-logout');
        await page.locator('pierce/#auto-logout-save').click();
        await waitForLog(page, 'personal-info-saved: autoLogoutMinutes');
        await waitForLog(page, 'personal-info-change: nothing unsaved');
        await session.user('admin', (u) => u.autoLogoutMinutes === 60, 'auto-logout 60 in the db');
        assertClean(watch);
      });

      it('sections, locale and strings set by the framework take effect', async () => {
        const { page, watch } = await openHost(name, 'admin');
        await waitForFormText(page, '+86 138****5678');
        const framework = name === 'react' ? 'React' : 'Vue';
        assert.ok(
          (await formText(page)).includes(`Set by the ${framework} host`),
          'the strings override assigned by the host',
        );
        assert.ok(await page.$('pierce/#welcome-edit'), 'the welcome message is shown at first');

        await page.locator('#section-welcome-message').click();
        await page.waitForFunction(
          () => !document.querySelector('personal-info-form')?.shadowRoot?.querySelector('#welcome-edit'),
          { timeout: 5000 },
        );
        const sections = await page.$eval('personal-info-form', (el) => ({
          attribute: el.getAttribute('sections'),
          property: (el as HTMLElement & { sections: string }).sections,
        }));
        const expected = 'contacts auto-logout session-limit';
        assert.deepEqual(sections, { attribute: expected, property: expected });
        assert.ok(await page.$('pierce/#auto-logout'), 'the other sections stay');

        await page.select('#locale', 'zh-CN');
        await waitForFormText(page, '无操作自动登出时间');
        assert.equal(
          await page.$eval('personal-info-form', (el) => (el as HTMLElement & { locale: string }).locale),
          'zh-CN',
        );
        assertClean(watch);
      });

      it('a contact verified in the dialog: contact-verify-confirmed and personal-info-saved logged', async () => {
        const { page, watch } = await openHost(name, 'operator');
        await page.locator('pierce/#mobile-verify').click();
        await page.locator('::-p-aria(Send code[role="button"])').click();
        const codeInput = await waitForDeep(page, 'input[autocomplete="one-time-code"]');
        // The last digit submits nothing: OK confirms, and the dialog closes.
        await codeInput.type(await session.lastCode());
        await page.locator('::-p-aria(OK[role="button"])').click();
        await waitForLog(page, 'contact-verify-confirmed: mobile +86 139****1111 verified');
        await waitForLog(page, 'personal-info-saved: mobile');
        await session.user('operator', (u) => u.mobile.verified, 'the mobile number verified in the db');
        assertClean(watch);
      });
    });
  }
});
