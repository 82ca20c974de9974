/**
 * The host console demo end to end: a production build of host-demo/ behind `vite preview` (strict
 * CSP header and meta, `/api` + `/__dev` proxied to the mock with the browser's Host), driven in
 * Chromium. Every page must run with zero CSP violations and no uncaught errors.
 *
 *   npm run test:e2e
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { assertClean, DemoSession, fillLogin as login, type PageWatch } from './helpers.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const session = new DemoSession({ consoleOnly: true });
const dev = () => session.dev();

/** The console's login page in its own browser context (a "browser" of its own), watched. */
async function openPage(
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<{ page: Page; watch: PageWatch }> {
  const opened = await session.open('', beforeLoad);
  await opened.page.waitForSelector('#login-page');
  return opened;
}

/** A new browser signed in as `username`, on the console's home page. */
async function signedIn(username: string): Promise<{ page: Page; watch: PageWatch }> {
  const opened = await openPage();
  await login(opened.page, username);
  await opened.page.waitForSelector('.console');
  return opened;
}

/** A new browser signed in as `username`, on Modify Personal Info. */
async function onPersonalInfo(username: string): Promise<{ page: Page; watch: PageWatch }> {
  const opened = await signedIn(username);
  await openPersonalInfo(opened.page);
  return opened;
}

/**
 * For selectors into shadow roots: `visible` makes puppeteer poll every frame; without it, it only
 * re-checks on light-DOM mutations and misses what happens inside the elements' shadow roots.
 */
const VISIBLE = { visible: true } as const;

const text = (page: Page, selector: string) =>
  page.$eval(selector, (el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());

/** Main menu System → navigation pane → Modify Personal Info, as a user would get there. */
async function openPersonalInfo(page: Page): Promise<void> {
  await page.locator('.mainmenu a ::-p-text(System)').click();
  await page.locator('.navpane a ::-p-text(Modify Personal Info)').click();
  await page.waitForSelector('pierce/#welcome-edit', VISIBLE);
}

describe('host demo (production build, strict CSP)', { timeout: 300_000 }, () => {
  it('serves the page with the CSP header and meta', async () => {
    const response = await fetch(session.demo.url);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = await response.text();
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'self'/);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script in the built page');
  });

  it("the proxy keeps the Host header: same-origin mutations pass the mock's Origin check, others do not", async () => {
    const origin = new URL(session.demo.url).origin;
    const login = (from: string) =>
      fetch(new URL('/api/v1/auth/login', session.demo.url), {
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
    const { page, watch } = await onPersonalInfo('admin');
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
    await session.user('admin', (u) => u.welcomeMessage === message, 'the welcome message in the db');
    // The db has it before the answer reaches the page; the form then moves focus back to Edit.
    // Opening the user menu before that would lose it to that focus move (the menu closes on
    // focusout), so wait for the form to finish as a user would see it.
    await page.waitForFunction(
      () => document.querySelector('personal-info-form')?.shadowRoot?.activeElement?.id === 'welcome-edit',
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
    const { page, watch } = await onPersonalInfo('operator');
    await page.locator('pierce/#mobile-verify').click();
    await page.locator('::-p-aria(Send code[role="button"])').click();
    const codeInput = await page.waitForSelector('pierce/input[autocomplete="one-time-code"]', VISIBLE);
    const code = await session.lastCode();
    // The last digit submits nothing: OK confirms, then the dialog closes (no Done screen).
    await codeInput?.type(code);
    await page.locator('::-p-aria(OK[role="button"])').click();
    await session.user('operator', (u) => u.mobile.verified, 'the mobile number verified in the db');
    await page.waitForFunction(() => document.querySelector('#toasts .toast') !== null);
    // The form announces the change; the console's toast only shows it (not in its live group).
    const toasts = await page.evaluate(() => ({
      announced: document.querySelector('#toasts [role="status"]')?.textContent?.trim() ?? '',
      shown: document.querySelector('#toasts .toasts__group:not([role])')?.textContent?.trim() ?? '',
    }));
    assert.notEqual(toasts.shown, '', 'the saved toast is shown');
    assert.ok(!toasts.announced.includes(toasts.shown), `announced twice: ${toasts.announced}`);
    assertClean(watch);
  });

  it('a change left at its code resumes from the row: Enter code → the code → OK saves it', async () => {
    const { page, watch } = await onPersonalInfo('admin');
    await page.locator('pierce/#email-edit').click();
    await (await page.waitForSelector('pierce/#password', VISIBLE))?.type('Passw0rd!');
    await page.keyboard.press('Enter');
    await (await page.waitForSelector('pierce/#value', VISIBLE))?.type('resumed.e2e@example.com');
    await page.keyboard.press('Enter');
    await page.waitForSelector('pierce/input[autocomplete="one-time-code"]', VISIBLE);
    await page.keyboard.press('Escape');
    // Closed with the code sent: the row offers Enter code, which opens the dialog at the code. It
    // appears when the form has reloaded the personal info, inside its shadow root: wait for it VISIBLE.
    await (await page.waitForSelector('pierce/#email-enter-code', VISIBLE))?.click();
    const codeInput = await page.waitForSelector('pierce/input[autocomplete="one-time-code"]', VISIBLE);
    await codeInput?.type(await session.lastCode());
    await page.locator('::-p-aria(OK[role="button"])').click();
    await session.user('admin', (u) => u.email.value === 'resumed.e2e@example.com', 'the new address in the db');
    await page.waitForFunction(() => !document.querySelector('personal-info-form')?.shadowRoot?.querySelector('#email-enter-code'));
    assertClean(watch);
  });

  it('session limit 1, Not allowed: a login from a second browser is refused', async () => {
    const { page, watch } = await onPersonalInfo('admin');
    await page.locator('pierce/#enabled').click();
    await page.locator('pierce/#session-limit-save').click();
    await session.user(
      'admin',
      (u) => u.sessionLimit?.max === 1 && u.sessionLimit.policy === 'deny',
      'session limit 1 / deny in the db',
    );

    const second = await openPage();
    await login(second.page, 'admin');
    await second.page.waitForSelector('#login-error:not([hidden])');
    // One sentence, with the plural the count needs.
    assert.equal(
      await text(second.page, '#login-error'),
      'Login not allowed: this account already has 1 online session, the maximum allowed; end a session elsewhere or wait for one to expire.',
    );
    assert.equal(await second.page.$('.console'), null);
    assertClean(watch);
    assertClean(second.watch);
  });

  it('session limit 1, Log out of the session: the first browser lands on the login page', async () => {
    const { page, watch } = await onPersonalInfo('admin');
    await page.locator('pierce/#enabled').click();
    await page.locator('pierce/#policy-log-out').click();
    await page.locator('pierce/#session-limit-save').click();
    await session.user(
      'admin',
      (u) => u.sessionLimit?.policy === 'log-out',
      'session limit 1 / log-out in the db',
    );

    const second = await signedIn('admin');

    // The first browser's next action finds its session replaced.
    await page.locator('.navpane a ::-p-text(Online Sessions)').click();
    await page.waitForSelector('#login-reason');
    assert.match(await text(page, '#login-reason'), /signed in elsewhere/);
    assertClean(watch);
    assertClean(second.watch);
  });

  it('idle auto-logout: skip the server clock past it in the developer panel, the next action signs out', async () => {
    const { page, watch } = await onPersonalInfo('admin');

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
    // axe is injected as a script: this page alone runs without the CSP (the other tests prove the CSP holds).
    const { page } = await openPage((p) => p.setBypassCSP(true));
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
  it('the developer panel: "Nothing sent yet" for an empty outbox, and beside the page, never over it', async () => {
    const { page, watch } = await onPersonalInfo('admin');
    const overlap = () =>
      page.evaluate(() => {
        const a = document.querySelector('#dev-panel')?.getBoundingClientRect();
        const b = document.querySelector('.console')?.getBoundingClientRect();
        if (!a || !b) return 'missing';
        return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      });
    assert.equal(await overlap(), false, 'closed: the tab is beside the console');
    await page.locator('#dev-panel summary').click();
    await page.waitForFunction(
      () => document.querySelector('#dev-outbox')?.textContent?.trim() === 'Nothing sent yet.',
      { timeout: 5000 },
    );
    assert.equal(await overlap(), false, 'open: the console makes room for the panel');

    // A narrow window: the panel comes after the page.
    await page.setViewport({ width: 600, height: 800 });
    const order = await page.evaluate(() => {
      const panel = document.querySelector('#dev-panel')?.getBoundingClientRect();
      const console = document.querySelector('.console')?.getBoundingClientRect();
      return panel && console ? panel.top >= console.bottom : null;
    });
    assert.equal(order, true, 'below the console on a narrow screen');
    assertClean(watch);
  });

  it('the language switch translates the console around the form, and keeps the form', async () => {
    const { page, watch } = await onPersonalInfo('admin');
    await page.$eval('#personal-info', (el) => el.setAttribute('data-kept', 'yes'));

    await page.select('#console-locale', 'zh-CN');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    const texts = (selector: string) =>
      page.$$eval(selector, (items) => items.map((el) => (el.textContent ?? '').trim()));
    assert.deepEqual(await texts('.mainmenu a'), ['首页', '监控', '系统']);
    assert.deepEqual(await texts('.breadcrumbs li'), ['系统', '系统设置', '个人设置', '修改个人信息']);
    assert.deepEqual(await texts('.navpane a'), ['修改个人信息', '在线会话', '安全策略', '远程通知']);
    assert.equal(await text(page, '#page-title'), '修改个人信息');
    assert.match(await text(page, '#page-intro'), /^本页对手机号码和邮箱地址做匿名化显示/);
    assert.equal(await page.title(), '修改个人信息 · Acme 控制台');
    const form = await page.$eval('#personal-info', (el) => ({
      kept: el.getAttribute('data-kept'),
      locale: (el as HTMLElement & { locale: string }).locale,
    }));
    assert.deepEqual(form, { kept: 'yes', locale: 'zh-CN' }, 'the same form, now in Chinese');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'console-locale');

    // Remembered: the next page and a reload stay in Chinese.
    await page.locator('.navpane a ::-p-text(在线会话)').click();
    await page.waitForFunction(() => document.querySelector('#page-title')?.textContent === '在线会话');
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('#page-title')?.textContent === '在线会话');
    // The login page too.
    await page.locator('#user-menu-button').click();
    await page.locator('#logout').click();
    await page.waitForSelector('#login-reason');
    assert.equal(await text(page, '#login-reason'), '您已退出登录。');
    assert.equal(await text(page, '#login-title'), '登录');
    await page.select('#login-locale', 'en');
    await page.waitForFunction(() => document.querySelector('#login-title')?.textContent === 'Sign in');
    assertClean(watch);
  });

  it('below 700 px the header keeps its menu behind a Menu button', async () => {
    const { page, watch } = await openPage();
    await page.setViewport({ width: 600, height: 800 });
    await login(page, 'admin');
    await page.waitForSelector('.console');
    const visible = (selector: string) => page.$eval(selector, (el) => (el as HTMLElement).checkVisibility());
    assert.equal(await visible('.mainmenu'), false, 'folded');
    // The user menu shows only the avatar here; the button keeps the user's name.
    assert.ok(await page.$('::-p-aria(Administrator[role="button"])'), 'the user menu button is named');
    assert.equal(await visible('#console-menu-button'), true);
    assert.equal(await page.$eval('#console-menu-button', (b) => b.getAttribute('aria-expanded')), 'false');
    await page.locator('#console-menu-button').click();
    assert.equal(await page.$eval('#console-menu-button', (b) => b.getAttribute('aria-expanded')), 'true');
    assert.equal(await visible('.mainmenu'), true);
    assert.equal(await visible('#console-theme'), true, 'the theme switch is in the menu');
    await page.locator('.mainmenu a ::-p-text(System)').click();
    await page.waitForSelector('.navpane');

    await page.setViewport({ width: 1280, height: 900 });
    assert.equal(await visible('#console-menu-button'), false, 'no Menu button on a wide screen');
    assert.equal(await visible('.mainmenu'), true);
    assertClean(watch);
  });

  it('the theme control is a Light / Dark / System switch', async () => {
    const { page, watch } = await signedIn('admin');
    const state = () =>
      page.evaluate(() => ({
        theme: document.documentElement.dataset.theme ?? 'system',
        checked: [...document.querySelectorAll<HTMLInputElement>('#console-theme input')]
          .filter((i) => i.checked)
          .map((i) => i.value),
        scheme: getComputedStyle(document.documentElement).colorScheme,
      }));
    assert.deepEqual(
      await page.$eval('#console-theme', (el) => ({
        legend: el.querySelector('legend')?.textContent,
        options: [...el.querySelectorAll('label')].map((l) => l.textContent),
        radios: el.querySelectorAll('input[type=radio]').length,
      })),
      { legend: 'Theme', options: ['Light', 'Dark', 'System'], radios: 3 },
    );
    assert.deepEqual(await state(), { theme: 'system', checked: ['system'], scheme: 'light dark' });
    await page.locator('#console-theme label ::-p-text(Dark)').click();
    assert.deepEqual(await state(), { theme: 'dark', checked: ['dark'], scheme: 'dark' });
    // Arrow keys move within the group, as in any radio group.
    await page.keyboard.press('ArrowLeft');
    assert.deepEqual(await state(), { theme: 'light', checked: ['light'], scheme: 'light' });
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('#console-theme');
    assert.deepEqual(await state(), { theme: 'light', checked: ['light'], scheme: 'light' });
    await page.locator('#console-theme label ::-p-text(System)').click();
    assert.deepEqual(await state(), { theme: 'system', checked: ['system'], scheme: 'light dark' });
    assertClean(watch);
  });

  it('toasts: one per message, not a second announcement of a save, never over the banner, gone at logout', async () => {
    const { page, watch } = await onPersonalInfo('admin');
    await page.locator('pierce/#welcome-edit').click();
    await page.locator('pierce/#welcome').fill('Maintenance on Friday.');
    await page.locator('pierce/#welcome-ok').click();
    await page.waitForFunction(() =>
      document.querySelector('#toasts')?.textContent?.includes('Saved: welcome message.'),
    );
    const toasts = () =>
      page.$$eval('#toasts .toast', (items) =>
        items.map((el) => ({
          text: el.textContent,
          live: el.closest('[aria-live="polite"], [role=status]') !== null,
        })),
      );
    // The form announces the save itself: the toast is for the eyes only.
    assert.deepEqual(await toasts(), [{ text: 'Saved: welcome message.', live: false }]);

    // The same save again: still one toast.
    await page.evaluate(() => {
      const w = window as unknown as { saves: number };
      w.saves = 0;
      document.addEventListener('personal-info-saved', () => w.saves++);
    });
    await page.locator('pierce/#welcome-edit').click();
    await page.locator('pierce/#welcome').fill('Maintenance on Friday!');
    await page.locator('pierce/#welcome-ok').click();
    await page.waitForFunction(() => (window as unknown as { saves: number }).saves === 1);
    assert.deepEqual(await toasts(), [{ text: 'Saved: welcome message.', live: false }]);

    // The welcome banner at the next login, and a toast at the same time: apart.
    await page.locator('#user-menu-button').click();
    await page.locator('#logout').click();
    await page.waitForSelector('#login-reason');
    assert.deepEqual(await toasts(), [], 'no toast of the last session on the login page');
    await login(page, 'admin');
    await page.waitForSelector('#welcome-banner');
    await openPersonalInfo(page);
    const select = await page.waitForSelector('pierce/#auto-logout', VISIBLE);
    await select?.select('60');
    await page.locator('pierce/#auto-logout-save').click();
    await page.waitForSelector('#toasts .toast');
    for (const width of [1280, 600]) {
      await page.setViewport({ width, height: 800 });
      const apart = await page.evaluate(() => {
        const toast = document.querySelector('#toasts .toast')?.getBoundingClientRect();
        const buttons = [...document.querySelectorAll('#welcome-banner button')].map((b) =>
          b.getBoundingClientRect(),
        );
        return (
          !!toast &&
          buttons.length > 0 &&
          buttons.every(
            (b) =>
              toast.right <= b.left ||
              b.right <= toast.left ||
              toast.bottom <= b.top ||
              b.bottom <= toast.top,
          )
        );
      });
      assert.equal(apart, true, `the toast is clear of the banner's buttons at ${width} px`);
    }
    assertClean(watch);
  });
});
