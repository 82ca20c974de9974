import { ContextEvent } from '@lit/context';
import { ApiClient } from '../../components/api/client.js';
import { apiClientContext } from '../../components/api/context.js';
import type { PersonalInfo } from '../../components/api/contract/index.js';
import '../../components/personal-info-form/define.js';
import type { PersonalInfoForm } from '../../components/personal-info-form/personal-info-form.js';
import type {
  PersonalInfoChangeEvent,
  PersonalInfoErrorEvent,
  PersonalInfoSaveEvent,
  PersonalInfoSavedEvent,
} from '../../components/personal-info-form/personal-info-form.events.js';
import { formatDurationSeconds, formatNumber } from '../../components/shared/format.js';
import { registerCatalog } from '../../components/shared/localize.js';
import type { SessionExpiredEvent } from '../../components/shared/session-expired-event.js';
import {
  accessibleName,
  clickOn,
  deepActiveElement,
  expect,
  fixture,
  html,
  nextFrame,
  recordEvents,
  restoreViewportAfterEach,
  sendKeys,
  setViewport,
  waitUntil,
} from '../helpers/fixtures.js';
import type { ContactVerifyDialog } from '../../components/contact-verify-dialog/contact-verify-dialog.js';
import {
  advanceClock,
  dbUser,
  latestCode,
  loginAs,
  SEEDED_PASSWORD,
  setFailWrites,
  useMockApi,
} from '../helpers/mock-api.js';

// ---------------------------------------------------------------------------------------------
// Helpers: find things the way a user does (by visible text / accessible name), never by class.

const LOAD_TIMEOUT = 8000;

function shadow(el: PersonalInfoForm): ShadowRoot {
  return el.shadowRoot!;
}

function textOf(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A button of the form by its accessible name (visible text plus its screen-reader context). */
function button(el: PersonalInfoForm, name: string): HTMLButtonElement {
  const all = [...shadow(el).querySelectorAll('button')];
  const found = all.find((b) => accessibleName(b) === name);
  if (!found)
    throw new Error(`No button "${name}"; buttons: ${all.map((b) => `"${accessibleName(b)}"`).join(', ')}`);
  return found;
}

function hasButton(el: PersonalInfoForm, name: string): boolean {
  return [...shadow(el).querySelectorAll('button')].some((b) => accessibleName(b) === name);
}

/** The row (a setting) whose label is `label`. */
function row(el: PersonalInfoForm, label: string): HTMLElement {
  const rows = [...shadow(el).querySelectorAll<HTMLElement>('[part~="row"]')];
  const found = rows.find((r) => textOf(r.querySelector('[part~="label"]')) === label);
  if (!found) throw new Error(`No row "${label}"`);
  return found;
}

/** The labels of every row, in the form's order: contacts, auto-logout, session limit, welcome message. */
const ROW_LABELS = [
  'Associate Mobile Number',
  'Associate Email Address',
  'Auto-Logout If No Activity Within',
  'Max. Online Sessions',
  'Welcome Message',
];

/** The auto-logout select moved one option down (30 → 60 minutes from the seed), by keyboard. */
async function nextAutoLogout(el: PersonalInfoForm): Promise<void> {
  select(el).focus();
  await sendKeys({ press: 'ArrowDown' });
}

/** Click the auto-logout row's Save and wait for the save to finish. */
async function saveAutoLogout(el: PersonalInfoForm): Promise<void> {
  await clickOn(button(el, 'Save Auto-Logout If No Activity Within'));
  await saved(el);
}

function rowLabels(el: PersonalInfoForm): string[] {
  return [...shadow(el).querySelectorAll('[part~="label"]')].map((l) => textOf(l));
}

function select(el: PersonalInfoForm): HTMLSelectElement {
  return shadow(el).querySelector('select')!;
}

function textarea(el: PersonalInfoForm): HTMLTextAreaElement | null {
  return shadow(el).querySelector('textarea');
}

function alerts(el: PersonalInfoForm): string[] {
  return [...shadow(el).querySelectorAll('[role="alert"]')].map((a) => textOf(a));
}

type SessionLimitFieldEl = HTMLElement & {
  value: unknown;
  error: string;
  strings: Partial<Record<string, string>> | null;
  updateComplete: Promise<boolean>;
};
function sessionField(el: PersonalInfoForm): SessionLimitFieldEl {
  return shadow(el).querySelector('session-limit-field') as SessionLimitFieldEl;
}

/** Turn the session limit on and type a maximum, then Tab out (as a user commits it); returns the number input. */
async function typeMaximum(el: PersonalInfoForm, value: string): Promise<HTMLInputElement> {
  const field = sessionField(el);
  await clickOn(field.shadowRoot!.querySelector<HTMLInputElement>('input[type="checkbox"]')!);
  await field.updateComplete;
  const max = field.shadowRoot!.querySelector<HTMLInputElement>('input[type="number"]')!;
  max.focus();
  max.select();
  await sendKeys({ type: value });
  await sendKeys({ press: 'Tab' });
  await el.updateComplete;
  return max;
}

function isFocused(target: Element): boolean {
  return deepActiveElement() === target;
}

async function whenLoaded(el: PersonalInfoForm): Promise<PersonalInfoForm> {
  await waitUntil(() => el.personalInfo !== null, 'the personal info did not load', {
    timeout: LOAD_TIMEOUT,
  });
  await el.updateComplete;
  return el;
}

async function loadedForm(template = html`<personal-info-form endpoint="/api/v1"></personal-info-form>`) {
  const el = await fixture<PersonalInfoForm>(template);
  return whenLoaded(el);
}

/** `username` signed in, and the form loaded with their personal info. */
async function signedInForm(username: string): Promise<PersonalInfoForm> {
  await loginAs(username);
  return loadedForm();
}

async function until(predicate: () => boolean, message: string): Promise<void> {
  await waitUntil(predicate, message, { timeout: LOAD_TIMEOUT });
}

/** Wait for a save to finish: the element leaves its `saving` state. */
async function saved(el: PersonalInfoForm): Promise<void> {
  await until(() => !el.matches(':state(saving)'), 'the save did not finish');
  await el.updateComplete;
}

/** Change the personal info behind the form's back, as another tab would. */
async function patchBehind(body: Record<string, unknown>): Promise<PersonalInfo> {
  const current = (await (await fetch('/api/v1/me/personal-info')).json()) as PersonalInfo;
  const response = await fetch('/api/v1/me/personal-info', {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', 'If-Match': `"${current.version}"` },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).to.equal(200);
  return (await response.json()) as PersonalInfo;
}

function dialogOf(el: PersonalInfoForm): ContactVerifyDialog {
  return shadow(el).querySelector('contact-verify-dialog')!;
}

/** Visible text of the dialog (bidi isolates removed). */
function dialogText(dialog: ContactVerifyDialog): string {
  return textOf(dialog.shadowRoot).replace(/[\u2068\u2069]/g, '');
}

async function dialogShows(dialog: ContactVerifyDialog, wanted: string): Promise<void> {
  try {
    await waitUntil(() => dialogText(dialog).includes(wanted), 'timeout', { timeout: 15_000 });
  } catch {
    throw new Error(`The dialog does not say "${wanted}"; it says: ${dialogText(dialog)}`);
  }
}

function dialogButton(dialog: ContactVerifyDialog, name: string): HTMLButtonElement {
  const found = [...dialog.shadowRoot!.querySelectorAll('button')].find(
    (b) => textOf(b).replace(/[\u2068\u2069]/g, '') === name,
  );
  if (!found) throw new Error(`No dialog button "${name}"`);
  return found;
}

/** In an open Edit email dialog: the password, then `address`, until its code is sent. */
async function changeEmailUpToCode(dialog: ContactVerifyDialog, address: string): Promise<void> {
  await dialogShows(dialog, 'Password');
  await sendKeys({ type: SEEDED_PASSWORD });
  await sendKeys({ press: 'Enter' });
  await dialogShows(dialog, 'New email address');
  await sendKeys({ type: address });
  await sendKeys({ press: 'Enter' });
  await dialogShows(dialog, 'We sent a 6-digit code');
}

/**
 * Type the code the mock "sent" into the dialog's code field — the last digit submits nothing —
 * then confirm it with OK (`ok`) or Enter in the field (`enter`); the dialog then closes.
 */
async function enterCode(dialog: ContactVerifyDialog, to: string, confirm: 'ok' | 'enter'): Promise<void> {
  const input = dialog.shadowRoot!.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]')!;
  if (!isFocused(input)) await clickOn(input);
  const code = await latestCode(to);
  await sendKeys({ type: code });
  await nextFrame();
  await nextFrame();
  expect(input.value, 'all the digits typed').to.equal(code);
  expect(dialog.open, 'the 6th digit closed the dialog').to.equal(true);
  expect(dialog.shadowRoot!.querySelector('[data-busy]'), 'the 6th digit submitted the code').to.equal(null);
  if (confirm === 'enter') await sendKeys({ press: 'Enter' });
  else await clickOn(dialogButton(dialog, 'OK'));
  await until(() => !dialog.open, 'the dialog did not close after OK');
}

/** Every live region's text in the form and its dialog (status, alert, aria-live). */
function liveTexts(el: PersonalInfoForm): string[] {
  const roots: ParentNode[] = [shadow(el)];
  const dialog = shadow(el).querySelector('contact-verify-dialog');
  if (dialog?.shadowRoot) roots.push(dialog.shadowRoot);
  return roots
    .flatMap((r) => [...r.querySelectorAll('[role="status"], [role="alert"], [aria-live]')])
    .map((n) => textOf(n).trim())
    .filter(Boolean);
}

/** Records what is added to the form's own live region (each addition is one announcement). */
function watchAnnouncements(el: PersonalInfoForm): {
  texts: string[];
  stop: () => void;
  settled: () => Promise<string[]>;
} {
  const texts: string[] = [];
  const region = shadow(el).querySelector('.visually-hidden[role="status"]');
  if (!region) throw new Error('the form has no live region');
  const observer = new MutationObserver((records) => {
    for (const r of records)
      for (const n of r.addedNodes) if (n.textContent?.trim()) texts.push(n.textContent.trim());
  });
  observer.observe(region, { childList: true, subtree: true });
  const stop = () => observer.disconnect();
  /** Once something was announced, and a frame later (anything said twice would be in by then): all of it. */
  const settled = async () => {
    await until(() => texts.length > 0, 'nothing was announced');
    await nextFrame();
    stop();
    return texts;
  };
  return { texts, stop, settled };
}

interface Call {
  method: string;
  url: string;
  body: string | null;
  signal: AbortSignal | null;
}

/**
 * An API client over the real mock whose requests are recorded, can be held (to see loading and
 * saving states, and to remove the element mid-flight) and can fail at the network level.
 */
function instrumentedClient() {
  const calls: Call[] = [];
  const held: Partial<Record<string, { promise: Promise<void>; release: () => void }>> = {};
  let failNext: string | null = null;
  let rewrite: ((method: string, body: string | null) => string | null) | null = null;
  const client = new ApiClient({
    baseUrl: '/api/v1',
    fetch: async (input, init) => {
      const method = init?.method ?? 'GET';
      let body = typeof init?.body === 'string' ? init.body : null;
      if (rewrite) body = rewrite(method, body);
      calls.push({ method, url: String(input), body, signal: init?.signal ?? null });
      const gate = held[method];
      // Held, but cancellable as a real fetch is: an abort rejects at once.
      if (gate)
        await new Promise<void>((resolve, reject) => {
          void gate.promise.then(resolve);
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason), { once: true });
        });
      if (failNext === method) {
        failNext = null;
        throw new TypeError('Failed to fetch');
      }
      init?.signal?.throwIfAborted();
      return fetch(input, { ...init, body });
    },
  });
  return {
    client,
    calls,
    hold(method: string) {
      let release!: () => void;
      const promise = new Promise<void>((resolve) => {
        release = resolve;
      });
      held[method] = { promise, release };
    },
    release(method: string) {
      held[method]?.release();
      delete held[method];
    },
    failNext(method: string) {
      failNext = method;
    },
    rewriteBody(fn: (method: string, body: string | null) => string | null) {
      rewrite = fn;
    },
  };
}

/** A form over an instrumented client whose first GET has been sent and is held. */
async function formLoading(): Promise<{ api: ReturnType<typeof instrumentedClient>; el: PersonalInfoForm }> {
  const api = instrumentedClient();
  api.hold('GET');
  const el = await fixture<PersonalInfoForm>(
    html`<personal-info-form .client=${api.client}></personal-info-form>`,
  );
  await until(() => api.calls.length === 1, 'no request');
  return { api, el };
}

function detailOf<T extends Event & { detail: unknown }>(event: Event): T['detail'] {
  return (event as T).detail;
}

// ---------------------------------------------------------------------------------------------

describe('<personal-info-form>', function () {
  // Real browser, real mock server, axe in every state: generous on a small CI machine.
  this.timeout(20_000);
  useMockApi();

  describe('loading', () => {
    it('shows a loading state, then the masked contacts of a local user', async () => {
      await loginAs('admin');
      const api = instrumentedClient();
      api.hold('GET');
      const el = await fixture<PersonalInfoForm>(
        html`<personal-info-form .client=${api.client}></personal-info-form>`,
      );
      expect(el.matches(':state(loading)')).to.equal(true);
      expect(textOf(shadow(el).querySelector('[role="status"]'))).to.equal('Loading personal information…');
      await expect(el).to.be.accessible();

      api.release('GET');
      await whenLoaded(el);
      expect(el.matches(':state(loading)')).to.equal(false);
      const mobile = row(el, 'Associate Mobile Number');
      expect(textOf(mobile)).to.contain('+86 138****5678');
      expect(textOf(mobile)).to.contain('Verified');
      expect(textOf(mobile)).not.to.contain('13812345678');
      const email = row(el, 'Associate Email Address');
      expect(textOf(email)).to.contain('a***n@example.com');
      expect(textOf(email)).not.to.contain('admin@example.com');
      expect(hasButton(el, 'Edit mobile number')).to.equal(true);
      expect(hasButton(el, 'Edit email address')).to.equal(true);
      // Verified contacts have nothing to verify.
      expect(hasButton(el, 'Verify mobile number')).to.equal(false);
      expect(hasButton(el, 'Verify email address')).to.equal(false);
      // Every button's name starts with what it shows (WCAG 2.5.3, label in name).
      for (const b of shadow(el).querySelectorAll('button')) {
        expect(accessibleName(b).startsWith(textOf(b)), accessibleName(b)).to.equal(true);
      }
      expect(select(el).value).to.equal('30');
      expect(rowLabels(el)).to.deep.equal(ROW_LABELS);
      await expect(el).to.be.accessible();
    });

    it('offers Verify for an unverified number and Add when there is no email (remote user)', async () => {
      const el = await signedInForm('operator');
      const mobile = row(el, 'Associate Mobile Number');
      expect(textOf(mobile)).to.contain('Not verified');
      expect(hasButton(el, 'Verify mobile number')).to.equal(true);
      expect(hasButton(el, 'Edit mobile number')).to.equal(true);
      const email = row(el, 'Associate Email Address');
      expect(textOf(email)).to.contain('Not set');
      expect(email.querySelector('[part~="badge"]')).to.equal(null);
      expect(hasButton(el, 'Add email address')).to.equal(true);
      expect(hasButton(el, 'Verify email address')).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('fires no event while loading (nothing the user did)', async () => {
      await loginAs('admin');
      const events = recordEvents(
        document,
        'personal-info-change',
        'personal-info-save',
        'personal-info-saved',
        'personal-info-error',
        'session-expired',
      );
      const el = await loadedForm();
      el.sections = 'welcome-message';
      el.locale = 'en';
      await el.updateComplete;
      expect(events.map((e) => e.type)).to.deep.equal([]);
    });

    it('shows a network failure with Retry, then loads on Retry', async () => {
      await loginAs('admin');
      const api = instrumentedClient();
      api.failNext('GET');
      const errors = recordEvents(document, 'personal-info-error');
      const el = await fixture<PersonalInfoForm>(
        html`<personal-info-form .client=${api.client}></personal-info-form>`,
      );
      await until(() => el.matches(':state(error)'), 'no error state');
      await el.updateComplete;
      const alert = alerts(el).join(' ');
      expect(alert).to.contain('Your personal information could not be loaded.');
      expect(alert).to.contain('The server could not be reached.');
      expect(errors).to.have.length(1);
      const detail = detailOf<PersonalInfoErrorEvent>(errors[0]!);
      expect(detail.operation).to.equal('load');
      expect(detail.error.kind).to.equal('network');
      await expect(el).to.be.accessible();

      await clickOn(button(el, 'Retry'));
      await whenLoaded(el);
      expect(el.matches(':state(error)')).to.equal(false);
      expect(textOf(row(el, 'Associate Mobile Number'))).to.contain('+86 138****5678');
    });

    it('says when the browser is offline and loads by itself when it is back online', async () => {
      await loginAs('admin');
      const api = instrumentedClient();
      api.failNext('GET');
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      try {
        const el = await fixture<PersonalInfoForm>(
          html`<personal-info-form .client=${api.client}></personal-info-form>`,
        );
        await until(() => el.matches(':state(error)'), 'no error state');
        await el.updateComplete;
        expect(alerts(el).join(' ')).to.contain('You appear to be offline.');
        expect(hasButton(el, 'Retry')).to.equal(true);
        await expect(el).to.be.accessible();
        delete (navigator as { onLine?: boolean }).onLine;
        window.dispatchEvent(new Event('online'));
        await whenLoaded(el);
        expect(textOf(row(el, 'Associate Mobile Number'))).to.contain('+86 138****5678');
      } finally {
        delete (navigator as { onLine?: boolean }).onLine;
      }
    });

    it('fires session-expired when not signed in (401) and says to sign in again', async () => {
      const expired = recordEvents(document, 'session-expired');
      const el = await fixture<PersonalInfoForm>(
        html`<personal-info-form endpoint="/api/v1"></personal-info-form>`,
      );
      await until(() => expired.length === 1, 'no session-expired event');
      await el.updateComplete;
      const event = expired[0] as SessionExpiredEvent;
      expect(event.detail.reason).to.equal('unauthenticated');
      expect(event.detail.error.status).to.equal(401);
      expect(event.bubbles && event.composed).to.equal(true);
      expect(alerts(el).join(' ')).to.contain('Sign in again to continue.');
      await expect(el).to.be.accessible();
    });

    it('refuses an insecure endpoint with a visible configuration error and sends nothing', async () => {
      const el = await fixture<PersonalInfoForm>(
        html`<personal-info-form endpoint="http://api.example.com/v1"></personal-info-form>`,
      );
      await el.updateComplete;
      expect(el.matches(':state(error)')).to.equal(true);
      expect(alerts(el).join(' ')).to.contain('Configuration error');
      expect(alerts(el).join(' ')).to.contain('http://api.example.com/v1');
      expect(hasButton(el, 'Retry')).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('uses the client property over the endpoint and provides it to elements inside it', async () => {
      await loginAs('admin');
      const api = instrumentedClient();
      const el = await loadedForm(
        html`<personal-info-form endpoint="https://elsewhere.example/api" .client=${api.client}
          ><div id="child"></div
        ></personal-info-form>`,
      );
      expect(api.calls.map((c) => `${c.method} ${c.url}`)).to.deep.equal(['GET /api/v1/me/personal-info']);
      let provided: unknown;
      el.querySelector('#child')!.dispatchEvent(
        new ContextEvent(apiClientContext, el.querySelector('#child')!, (value: unknown) => {
          provided = value;
        }),
      );
      expect(provided).to.equal(api.client);
    });

    it('aborts loading when removed from the page', async () => {
      await loginAs('admin');
      const errors = recordEvents(document, 'personal-info-error');
      const { api, el } = await formLoading();
      el.remove();
      expect(api.calls[0]!.signal!.aborted).to.equal(true);
      api.release('GET');
      await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(errors).to.have.length(0);
    });

    it('loads again when put back on the page after leaving mid-load', async () => {
      await loginAs('admin');
      const { api, el } = await formLoading();
      const parent = el.parentElement!;
      el.remove();
      api.release('GET');
      parent.append(el);
      await whenLoaded(el);
      expect(api.calls).to.have.length(2);
      expect(textOf(row(el, 'Associate Mobile Number'))).to.contain('+86 138****5678');
    });
  });

  describe('personal info set by the host', () => {
    /** What the host's own `GET /me/personal-info` returned. */
    async function hostData(): Promise<PersonalInfo> {
      const response = await fetch('/api/v1/me/personal-info');
      expect(response.status).to.equal(200);
      return (await response.json()) as PersonalInfo;
    }

    it('shows it in the first render without loading it, and saves with its version', async () => {
      await loginAs('admin');
      const data = await hostData();
      const api = instrumentedClient();
      const events = recordEvents(document, 'personal-info-error', 'personal-info-saved');
      const el = await fixture<PersonalInfoForm>(
        html`<personal-info-form .client=${api.client} .personalInfo=${data}></personal-info-form>`,
      );
      expect(el.matches(':state(loading)')).to.equal(false);
      expect(el.personalInfo).to.equal(data);
      expect(textOf(row(el, 'Associate Mobile Number'))).to.contain('+86 138****5678');
      expect(select(el).value).to.equal('30');
      expect(api.calls).to.deep.equal([]);
      await expect(el).to.be.accessible();

      await nextAutoLogout(el); // 30 → 60 minutes
      await saveAutoLogout(el);
      // The mock refuses a PATCH whose If-Match is not the current version: the host's was used.
      expect(api.calls.map((c) => c.method)).to.deep.equal(['PATCH']);
      expect((await dbUser('admin')).autoLogoutMinutes).to.equal(60);
      expect(events.map((e) => e.type)).to.deep.equal(['personal-info-saved']);
      expect(el.personalInfo!.version).not.to.equal(data.version);
      // A framework re-rendering with the same prop does not put the older data back.
      el.personalInfo = data;
      await el.updateComplete;
      expect(el.personalInfo!.autoLogout.minutes).to.equal(60);
      expect(select(el).value).to.equal('60');
    });

    it('refuses a value that does not fit the contract with a TypeError and changes nothing', async () => {
      await loginAs('admin');
      const data = await hostData();
      const el = await loadedForm();
      const shown = el.personalInfo;
      const broken = { ...data, mobile: { ...data.mobile, verified: 'yes' } } as unknown as PersonalInfo;
      expect(() => {
        el.personalInfo = broken;
      }).to.throw(TypeError, 'personalInfo.mobile.verified: expected a boolean');
      expect(() => {
        el.personalInfo = { welcomeMessage: 'hi' } as unknown as PersonalInfo;
      }).to.throw(TypeError, 'personalInfo');
      el.personalInfo = null;
      await el.updateComplete;
      expect(el.personalInfo).to.equal(shown);
      expect(textOf(row(el, 'Associate Mobile Number'))).to.contain('Verified');
    });

    it('takes it while loading: the load is cancelled and no error is shown', async () => {
      await loginAs('admin');
      const data = await hostData();
      const errors = recordEvents(document, 'personal-info-error');
      const { api, el } = await formLoading();
      el.personalInfo = { ...data, welcomeMessage: 'From the host.' };
      await el.updateComplete;
      expect(api.calls[0]!.signal!.aborted).to.equal(true);
      expect(el.matches(':state(loading)')).to.equal(false);
      expect(textOf(row(el, 'Welcome Message'))).to.contain('From the host.');
      api.release('GET');
      await new Promise((resolve) => requestAnimationFrame(resolve));
      await el.updateComplete;
      expect(errors).to.have.length(0);
      expect(el.matches(':state(error)')).to.equal(false);
      expect(textOf(row(el, 'Welcome Message'))).to.contain('From the host.');
      // It does not load again when moved, and Reload still asks the server.
      el.remove();
      document.body.append(el);
      await el.updateComplete;
      expect(api.calls).to.have.length(1);
      await el.reload();
      expect(api.calls).to.have.length(2);
      expect(textOf(row(el, 'Welcome Message'))).not.to.contain('From the host.');
      el.remove();
    });

    it('replaces what was loaded, keeping a draft the host value does not settle', async () => {
      await loginAs('admin');
      const data = await hostData();
      const el = await loadedForm();
      const changes = recordEvents(el, 'personal-info-change');
      await nextAutoLogout(el); // 30 → 60 minutes, unsaved
      await el.updateComplete;
      el.personalInfo = { ...data, welcomeMessage: 'Updated elsewhere.' };
      await el.updateComplete;
      expect(textOf(row(el, 'Welcome Message'))).to.contain('Updated elsewhere.');
      expect(select(el).value).to.equal('60');
      expect(el.dirty).to.equal(true);
      // The host's value now equals the draft: nothing is left to save.
      el.personalInfo = { ...data, autoLogout: { ...data.autoLogout, minutes: 60 } };
      await el.updateComplete;
      expect(el.dirty).to.equal(false);
      expect(changes.map((e) => detailOf<PersonalInfoChangeEvent>(e).dirty)).to.deep.equal([true, false]);
    });
  });

  describe('auto-logout', () => {
    it('saves only the auto-logout, with events before and after', async () => {
      await loginAs('admin');
      const api = instrumentedClient();
      const el = await loadedForm(html`<personal-info-form .client=${api.client}></personal-info-form>`);
      const events = recordEvents(el, 'personal-info-change', 'personal-info-save', 'personal-info-saved');
      const before = await dbUser('admin');
      const save = button(el, 'Save Auto-Logout If No Activity Within');
      expect(save.getAttribute('aria-disabled')).to.equal('true');

      await nextAutoLogout(el); // 30 → 60 minutes
      await el.updateComplete;
      expect(select(el).value).to.equal('60');
      expect(el.dirty).to.equal(true);
      expect(el.matches(':state(dirty)')).to.equal(true);
      expect(save.getAttribute('aria-disabled')).to.equal('false');

      await clickOn(save);
      await saved(el);
      const after = await dbUser('admin');
      expect(after.autoLogoutMinutes).to.equal(60);
      expect(after.sessionLimit).to.deep.equal(before.sessionLimit);
      expect(after.welcomeMessage).to.equal(before.welcomeMessage);
      const patch = api.calls.find((c) => c.method === 'PATCH')!;
      expect(JSON.parse(patch.body!)).to.deep.equal({ autoLogoutMinutes: 60 });

      expect(events.map((e) => e.type)).to.deep.equal([
        'personal-info-change',
        'personal-info-save',
        'personal-info-saved',
        'personal-info-change',
      ]);
      expect(detailOf<PersonalInfoChangeEvent>(events[0]!)).to.deep.equal({
        dirty: true,
        sections: ['auto-logout'],
      });
      expect(detailOf<PersonalInfoSaveEvent>(events[1]!)).to.deep.equal({
        section: 'auto-logout',
        patch: { autoLogoutMinutes: 60 },
      });
      const savedDetail = detailOf<PersonalInfoSavedEvent>(events[2]!);
      expect(savedDetail.changed).to.deep.equal(['autoLogoutMinutes']);
      expect(savedDetail.personalInfo.autoLogout.minutes).to.equal(60);
      expect(detailOf<PersonalInfoChangeEvent>(events[3]!)).to.deep.equal({ dirty: false, sections: [] });
      for (const event of events) expect(event.bubbles && event.composed).to.equal(true);
      expect(events[1]!.cancelable).to.equal(true);
      expect(el.dirty).to.equal(false);
      expect(textOf(row(el, 'Auto-Logout If No Activity Within'))).to.contain('Saved.');
      await expect(el).to.be.accessible();
    });

    it('lists a saved value the server does not offer, and follows a new list of options', async () => {
      const el = await signedInForm('admin');
      const info = el.personalInfo!;
      el.personalInfo = { ...info, autoLogout: { ...info.autoLogout, minutes: 45 } };
      await el.updateComplete;
      expect([...select(el).options].map((o) => o.textContent)).to.include('45 minutes');
      expect(select(el).value).to.equal('45');
      el.personalInfo = { ...info, autoLogout: { ...info.autoLogout, options: [5, 10], minutes: 10 } };
      await el.updateComplete;
      expect([...select(el).options].map((o) => o.value)).to.deep.equal(['5', '10']);
      expect(select(el).value).to.equal('10');
    });

    it('sends nothing when personal-info-save is cancelled', async () => {
      await loginAs('admin');
      const api = instrumentedClient();
      const el = await loadedForm(html`<personal-info-form .client=${api.client}></personal-info-form>`);
      el.addEventListener('personal-info-save', (event) => event.preventDefault());
      await nextAutoLogout(el);
      await clickOn(button(el, 'Save Auto-Logout If No Activity Within'));
      await el.updateComplete;
      expect(api.calls.filter((c) => c.method === 'PATCH')).to.have.length(0);
      expect((await dbUser('admin')).autoLogoutMinutes).to.equal(30);
      expect(el.dirty).to.equal(true);
    });

    it('is fixed at 30 minutes, disabled with the reason, for a third-party user', async () => {
      const el = await signedInForm('sso.user');
      const auto = row(el, 'Auto-Logout If No Activity Within');
      expect(select(el).disabled).to.equal(true);
      expect(select(el).value).to.equal('30');
      expect(textOf(auto)).to.contain('Fixed at 30 minutes for third-party users');
      expect(hasButton(el, 'Save Auto-Logout If No Activity Within')).to.equal(false);
      // The reason is the select's description.
      const describedBy = select(el).getAttribute('aria-describedby')!.split(' ');
      const descriptions = describedBy.map((id) => textOf(shadow(el).getElementById(id))).join(' ');
      expect(descriptions).to.contain('third-party');
      // Its contacts: verified email, no mobile.
      expect(textOf(row(el, 'Associate Email Address'))).to.contain('Verified');
      expect(hasButton(el, 'Add mobile number')).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('shows the saving state and does not submit twice', async () => {
      await loginAs('admin');
      const api = instrumentedClient();
      const el = await loadedForm(html`<personal-info-form .client=${api.client}></personal-info-form>`);
      await nextAutoLogout(el);
      api.hold('PATCH');
      const save = button(el, 'Save Auto-Logout If No Activity Within');
      await clickOn(save);
      await el.updateComplete;
      expect(el.matches(':state(saving)')).to.equal(true);
      const savingButton = shadow(el).querySelector<HTMLButtonElement>('#auto-logout-save')!;
      expect(textOf(savingButton)).to.contain('Saving…');
      expect(savingButton.getAttribute('aria-disabled')).to.equal('true');
      expect(select(el).disabled).to.equal(true);
      // Everything else that would send a request waits too.
      expect(button(el, 'Edit Welcome Message').getAttribute('aria-disabled')).to.equal('true');
      await expect(el).to.be.accessible();
      await clickOn(savingButton);
      savingButton.focus();
      await sendKeys({ press: 'Enter' });
      api.release('PATCH');
      await saved(el);
      expect(api.calls.filter((c) => c.method === 'PATCH')).to.have.length(1);
      expect((await dbUser('admin')).autoLogoutMinutes).to.equal(60);
      // Focus stayed on the button (it was never disabled under the user's finger).
      expect(isFocused(savingButton)).to.equal(true);
    });

    it('aborts a save in flight when removed from the page', async () => {
      await loginAs('admin');
      const api = instrumentedClient();
      const el = await loadedForm(html`<personal-info-form .client=${api.client}></personal-info-form>`);
      const errors = recordEvents(document, 'personal-info-error', 'personal-info-saved');
      await nextAutoLogout(el);
      api.hold('PATCH');
      await clickOn(button(el, 'Save Auto-Logout If No Activity Within'));
      await until(() => api.calls.some((c) => c.method === 'PATCH'), 'no PATCH');
      el.remove();
      const patch = api.calls.find((c) => c.method === 'PATCH')!;
      expect(patch.signal!.aborted).to.equal(true);
      api.release('PATCH');
      await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(errors).to.have.length(0);
      expect((await dbUser('admin')).autoLogoutMinutes).to.equal(30);
    });

    it('shows a failed save, fires personal-info-error, and saves on the next try', async () => {
      const el = await signedInForm('admin');
      const errors = recordEvents(el, 'personal-info-error');
      await nextAutoLogout(el);
      await setFailWrites(true);
      await saveAutoLogout(el);
      expect(alerts(el).join(' ')).to.contain('Your change could not be saved right now.');
      expect(errors).to.have.length(1);
      const detail = detailOf<PersonalInfoErrorEvent>(errors[0]!);
      expect(detail.operation).to.equal('save');
      expect(detail.section).to.equal('auto-logout');
      expect(detail.error.code).to.equal('storage-unavailable');
      expect(el.dirty).to.equal(true);
      await expect(el).to.be.accessible();

      await setFailWrites(false);
      await saveAutoLogout(el);
      expect(alerts(el)).to.deep.equal([]);
      expect((await dbUser('admin')).autoLogoutMinutes).to.equal(60);
    });

    it('fires session-expired when the session went idle before Save', async () => {
      const el = await signedInForm('admin');
      const expired = recordEvents(document, 'session-expired');
      await nextAutoLogout(el);
      await advanceClock(31 * 60);
      await saveAutoLogout(el);
      expect(expired).to.have.length(1);
      expect((expired[0] as SessionExpiredEvent).detail.reason).to.equal('session-expired');
      expect(alerts(el).join(' ')).to.contain('Sign in again to continue.');
      expect((await dbUser('admin')).autoLogoutMinutes).to.equal(30);
    });
  });

  describe('contacts', () => {
    it('shows a change waiting for its code as pending, next to the current value', async () => {
      await loginAs('admin');
      const json = { 'Content-Type': 'application/json' };
      const stepUp = await fetch('/api/v1/me/identity-verifications', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ method: 'password', password: SEEDED_PASSWORD }),
      });
      const { stepUpToken } = (await stepUp.json()) as { stepUpToken: string };
      const challenge = await fetch('/api/v1/me/contacts/email/challenges', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ purpose: 'change', value: 'pending.person@example.com', stepUpToken }),
      });
      expect(challenge.status).to.equal(201);
      const el = await loadedForm();
      const email = textOf(row(el, 'Associate Email Address'));
      expect(email).to.contain('a***n@example.com');
      expect(email).to.contain('Verified');
      expect(email).to.contain('Change pending');
      expect(email).to.match(/Change to \S+@example\.com waiting for its code \(until .+\)/);
      expect(email).not.to.contain('pending.person');
      await expect(el).to.be.accessible();
    });

    it('a change left at its code: the row offers Enter code, which reopens the dialog at the code and OK saves it', async () => {
      const el = await signedInForm('admin');
      const editEmail = button(el, 'Edit email address');
      await clickOn(editEmail);
      const dialog = dialogOf(el);
      await until(() => dialog.open, 'the dialog did not open');
      await changeEmailUpToCode(dialog, 'later.person@example.com');
      await sendKeys({ press: 'Escape' });
      await until(() => !dialog.open, 'Escape did not close the dialog');
      // Closed with the code sent: the row shows the change pending, and how to finish it.
      await until(() => hasButton(el, 'Enter code email address'), 'no Enter code after closing');
      const email = textOf(row(el, 'Associate Email Address'));
      expect(email).to.contain('Change pending');
      expect(email).to.match(/Change to l\S+n@example\.com waiting for its code/);
      expect(isFocused(editEmail)).to.equal(true);
      await expect(el).to.be.accessible();

      await clickOn(button(el, 'Enter code email address'));
      await until(() => dialog.open, 'Enter code did not open the dialog');
      await dialogShows(dialog, 'Step 3 of 3');
      await dialogShows(dialog, 'We sent a 6-digit code to l***n@example.com');
      await expect(el).to.be.accessible();
      const announced = watchAnnouncements(el);
      // Within the identity check's 5 minutes, the same change needs no password again.
      await enterCode(dialog, 'later.person@example.com', 'ok');
      await el.updateComplete;
      expect(await announced.settled()).to.deep.equal(['Associate Email Address updated.']);
      const after = textOf(row(el, 'Associate Email Address'));
      expect(after).to.contain('l***n@example.com');
      expect(after).not.to.contain('Change pending');
      expect(hasButton(el, 'Enter code email address')).to.equal(false);
      // The Enter code button is gone: focus lands on the row's Edit button.
      expect(isFocused(button(el, 'Edit email address'))).to.equal(true);
      expect((await dbUser('admin')).email.value).to.equal('later.person@example.com');
      await expect(el).to.be.accessible();
    });

    it('Enter code is offered only while the code lives on this clock too, and goes at its expiry', async () => {
      const el = await signedInForm('admin');
      const info = structuredClone(el.personalInfo!);
      const expiresAt = new Date(Date.now() + 1500).toISOString();
      const challenge = {
        ...{ id: 'c1', kind: 'email', purpose: 'change', destination: 's***n@example.org', expiresAt } as const,
        ...{ resendAvailableAt: new Date().toISOString(), attemptsRemaining: 5, codeLength: 6 },
      };
      el.personalInfo = { ...info, email: { ...info.email, pending: { masked: 's***n@example.org', expiresAt, challenge } } };
      await until(() => hasButton(el, 'Enter code email address'), 'no Enter code for a live pending change');
      await expect(el).to.be.accessible();
      await until(() => !hasButton(el, 'Enter code email address'), 'Enter code stayed after the code expired');
      expect(textOf(row(el, 'Associate Email Address'))).not.to.contain('Change pending');
      // Another session's pending change: shown, without Enter code (only the session that sent it can use it).
      const later = new Date(Date.now() + 60_000).toISOString();
      el.personalInfo = { ...info, email: { ...info.email, pending: { masked: 's***n@example.org', expiresAt: later, challenge: null } } };
      await until(() => textOf(row(el, 'Associate Email Address')).includes('Change pending'), 'not pending');
      expect(hasButton(el, 'Enter code email address')).to.equal(false);
    });

    it('verifies an unverified number through the dialog and updates in place', async () => {
      const el = await signedInForm('operator');
      const savedEvents = recordEvents(el, 'personal-info-saved');
      await clickOn(button(el, 'Verify mobile number'));
      const dialog = dialogOf(el);
      await until(() => dialog.open, 'the dialog did not open');
      expect(dialog.kind).to.equal('mobile');
      expect(dialog.mode).to.equal('verify');
      await dialogShows(dialog, 'Send code');
      await clickOn(dialogButton(dialog, 'Send code'));
      await dialogShows(dialog, 'We sent a 6-digit code');
      const announced = watchAnnouncements(el);
      await enterCode(dialog, '+8613900001111', 'ok');

      await el.updateComplete;
      // Closed at once (no "Done" screen); the result is said once, in the form's live region only.
      expect(await announced.settled()).to.deep.equal(['Associate Mobile Number updated.']);
      expect(liveTexts(el)).to.deep.equal(['Associate Mobile Number updated.']);
      expect(textOf(row(el, 'Associate Mobile Number'))).to.contain('Verified');
      expect(textOf(row(el, 'Associate Mobile Number'))).not.to.contain('Not verified');
      expect(hasButton(el, 'Verify mobile number')).to.equal(false);
      expect(savedEvents).to.have.length(1);
      const detail = detailOf<PersonalInfoSavedEvent>(savedEvents[0]!);
      expect(detail.changed).to.deep.equal(['mobile']);
      expect(detail.personalInfo.mobile.verified).to.equal(true);
      expect((await dbUser('operator')).mobile.verified).to.equal(true);
      // Its Verify button is gone: focus lands on the number's Edit button, not on the page.
      expect(isFocused(button(el, 'Edit mobile number'))).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('the dialog shows the form’s personal info: one load, one copy, updated by a verified contact', async () => {
      await loginAs('operator');
      const api = instrumentedClient();
      const el = await loadedForm(html`<personal-info-form .client=${api.client}></personal-info-form>`);
      const gets = () => api.calls.filter((c) => c.method === 'GET' && c.url.endsWith('/me/personal-info'));
      expect(gets()).to.have.length(1);
      await clickOn(button(el, 'Verify mobile number'));
      const dialog = dialogOf(el);
      await until(() => dialog.open, 'the dialog did not open');
      await dialogShows(dialog, 'Send code');
      await clickOn(dialogButton(dialog, 'Send code'));
      await dialogShows(dialog, 'We sent a 6-digit code');
      await enterCode(dialog, '+8613900001111', 'enter');
      await el.updateComplete;
      // The dialog used the form's client and personal info: no second load, and the form's copy has the contact.
      expect(gets()).to.have.length(1);
      expect(el.personalInfo?.mobile.verified).to.equal(true);
      expect(dialog.personalInfo ?? null).to.equal(null);
    });

    it('changes the email address, then saves another section with the new version (no conflict)', async () => {
      const el = await signedInForm('admin');
      const editEmail = button(el, 'Edit email address');
      await clickOn(editEmail);
      const dialog = dialogOf(el);
      await until(() => dialog.open, 'the dialog did not open');
      expect(dialog.mode).to.equal('edit');
      expect(dialog.kind).to.equal('email');
      await changeEmailUpToCode(dialog, 'new.person@example.com');
      const announced = watchAnnouncements(el);
      await enterCode(dialog, 'new.person@example.com', 'enter');
      await el.updateComplete;
      // Closed, focus back on the row's Edit button, the row shows the new masked address, said once.
      expect(isFocused(editEmail)).to.equal(true);
      expect(await announced.settled()).to.deep.equal(['Associate Email Address updated.']);
      expect(liveTexts(el)).to.deep.equal(['Associate Email Address updated.']);
      await expect(el).to.be.accessible();
      const email = textOf(row(el, 'Associate Email Address'));
      expect(email).to.contain('n***n@example.com');
      expect(email).to.contain('Verified');
      expect(email).not.to.contain('a***n@example.com');
      expect(email).to.contain('@example.com');
      expect(email).not.to.contain('new.person@example.com');
      const stored = await dbUser('admin');
      expect(stored.email.value).to.equal('new.person@example.com');
      expect(stored.email.verified).to.equal(true);

      await nextAutoLogout(el);
      await saveAutoLogout(el);
      expect(alerts(el)).to.deep.equal([]);
      expect((await dbUser('admin')).autoLogoutMinutes).to.equal(60);
    });
  });

  describe('version conflict (412)', () => {
    it('reloads, says what changed, keeps the user’s choice and saves it on the next Save', async () => {
      const el = await signedInForm('admin');
      await nextAutoLogout(el); // 60 minutes
      await patchBehind({ autoLogoutMinutes: 120, welcomeMessage: 'Changed in another tab' });

      await clickOn(button(el, 'Save Auto-Logout If No Activity Within'));
      await until(() => alerts(el).some((a) => a.includes('changed somewhere else')), 'no conflict message');
      await el.updateComplete;
      const message = alerts(el).join(' ');
      expect(message).to.contain('Auto-logout is now 2 hours (was 30 minutes).');
      expect(message).to.contain('The welcome message was changed.');
      expect(textOf(row(el, 'Welcome Message'))).to.contain('Changed in another tab');
      expect(select(el).value).to.equal('60');
      expect(el.dirty).to.equal(true);
      await expect(el).to.be.accessible();

      await saveAutoLogout(el);
      const user = await dbUser('admin');
      expect(user.autoLogoutMinutes).to.equal(60);
      expect(user.welcomeMessage).to.equal('Changed in another tab');

      await clickOn(button(el, 'Dismiss'));
      await el.updateComplete;
      expect(alerts(el)).to.deep.equal([]);
    });
  });

  describe('max. online sessions', () => {
    it('turns the limit on at its default of 1 with “Log out of the session” and saves it', async () => {
      await loginAs('admin');
      const api = instrumentedClient();
      const el = await loadedForm(html`<personal-info-form .client=${api.client}></personal-info-form>`);
      const field = sessionField(el);
      const checkbox = field.shadowRoot!.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
      await clickOn(checkbox);
      await el.updateComplete;
      await field.updateComplete;
      const logOut = [...field.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find(
        (r) => r.value === 'log-out',
      )!;
      await clickOn(logOut);
      await el.updateComplete;
      expect(el.dirty).to.equal(true);
      await clickOn(button(el, 'Save Max. Online Sessions'));
      await saved(el);
      expect((await dbUser('admin')).sessionLimit).to.deep.equal({ max: 1, policy: 'log-out' });
      const patch = api.calls.find((c) => c.method === 'PATCH')!;
      expect(JSON.parse(patch.body!)).to.deep.equal({ sessionLimit: { max: 1, policy: 'log-out' } });
      await expect(el).to.be.accessible();
    });

    it('saves a maximum of 5 (Not allowed) and turning it off again saves unlimited', async () => {
      const el = await signedInForm('admin');
      const field = sessionField(el);
      await typeMaximum(el, '5');
      await clickOn(button(el, 'Save Max. Online Sessions'));
      await saved(el);
      expect((await dbUser('admin')).sessionLimit).to.deep.equal({ max: 5, policy: 'deny' });

      await clickOn(field.shadowRoot!.querySelector<HTMLInputElement>('input[type="checkbox"]')!);
      await el.updateComplete;
      await clickOn(button(el, 'Save Max. Online Sessions'));
      await saved(el);
      expect((await dbUser('admin')).sessionLimit).to.equal(null);
    });

    it('shows the server’s refusal of the value on the field', async () => {
      await loginAs('admin');
      const api = instrumentedClient();
      // A backend that disagrees with the field: the body reaching it asks for log-out above 1.
      api.rewriteBody((method, body) =>
        method === 'PATCH' ? JSON.stringify({ sessionLimit: { max: 3, policy: 'log-out' } }) : body,
      );
      const el = await loadedForm(html`<personal-info-form .client=${api.client}></personal-info-form>`);
      const errors = recordEvents(el, 'personal-info-error');
      const field = sessionField(el);
      await clickOn(field.shadowRoot!.querySelector<HTMLInputElement>('input[type="checkbox"]')!);
      await el.updateComplete;
      await clickOn(button(el, 'Save Max. Online Sessions'));
      await saved(el);
      expect(detailOf<PersonalInfoErrorEvent>(errors[0]!).error.code).to.equal('validation-failed');
      expect(field.error).to.not.equal('');
      expect(textOf(field.shadowRoot!)).to.contain(field.error);
      expect((await dbUser('admin')).sessionLimit).to.equal(null);
      await expect(el).to.be.accessible();
    });
  });

  describe('welcome message', () => {
    it('typing it does not re-render the session-limit field', async () => {
      const el = await signedInForm('admin');
      const field = sessionField(el) as SessionLimitFieldEl & { updateComplete: Promise<boolean> };
      await field.updateComplete;
      let fieldUpdates = 0;
      const original = (field as unknown as { update(changed: unknown): void }).update;
      (field as unknown as { update(changed: unknown): void }).update = function (changed) {
        fieldUpdates++;
        return original.call(this, changed);
      };
      await clickOn(button(el, 'Edit Welcome Message'));
      await sendKeys({ type: 'Hi' });
      await el.updateComplete;
      await field.updateComplete;
      expect(textarea(el)!.value).to.equal('Hi');
      expect(fieldUpdates).to.equal(0);
    });

    it('edits with a live counter, saves on OK and shows the text', async () => {
      await loginAs('admin');
      const api = instrumentedClient();
      const el = await loadedForm(html`<personal-info-form .client=${api.client}></personal-info-form>`);
      expect(textOf(row(el, 'Welcome Message'))).to.contain('No welcome message');
      await clickOn(button(el, 'Edit Welcome Message'));
      await el.updateComplete;
      const area = textarea(el)!;
      expect(isFocused(area)).to.equal(true);
      expect(area.maxLength).to.equal(512);
      expect(textOf(shadow(el).querySelector('[part~="counter"]'))).to.equal('0 / 512');
      await sendKeys({ type: 'Hello' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ type: 'team' });
      await el.updateComplete;
      expect(textOf(shadow(el).querySelector('[part~="counter"]'))).to.equal('10 / 512');
      expect(el.dirty).to.equal(true);
      await expect(el).to.be.accessible();

      await clickOn(button(el, 'OK'));
      await saved(el);
      expect((await dbUser('admin')).welcomeMessage).to.equal('Hello\nteam');
      expect(JSON.parse(api.calls.find((c) => c.method === 'PATCH')!.body!)).to.deep.equal({
        welcomeMessage: 'Hello\nteam',
      });
      expect(textarea(el)).to.equal(null);
      expect(shadow(el).querySelector('[part~="welcome-message"]')!.textContent).to.equal('Hello\nteam');
      expect(isFocused(button(el, 'Edit Welcome Message'))).to.equal(true);
    });

    it('Cancel and Escape leave the saved message untouched', async () => {
      await loginAs('admin');
      await patchBehind({ welcomeMessage: 'Keep me' });
      const el = await loadedForm();
      const changes = recordEvents(el, 'personal-info-change');
      await clickOn(button(el, 'Edit Welcome Message'));
      await el.updateComplete;
      await sendKeys({ type: ' not saved' });
      await clickOn(button(el, 'Cancel'));
      await el.updateComplete;
      expect(textarea(el)).to.equal(null);
      expect(textOf(row(el, 'Welcome Message'))).to.contain('Keep me');

      await clickOn(button(el, 'Edit Welcome Message'));
      await el.updateComplete;
      await sendKeys({ type: ' nor this' });
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(textarea(el)).to.equal(null);
      expect(isFocused(button(el, 'Edit Welcome Message'))).to.equal(true);
      expect((await dbUser('admin')).welcomeMessage).to.equal('Keep me');
      expect(changes.map((e) => detailOf<PersonalInfoChangeEvent>(e).dirty)).to.deep.equal([
        true,
        false,
        true,
        false,
      ]);
    });

    it('an empty message clears it', async () => {
      await loginAs('admin');
      await patchBehind({ welcomeMessage: 'Old news' });
      const el = await loadedForm();
      await clickOn(button(el, 'Edit Welcome Message'));
      await el.updateComplete;
      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'KeyA' });
      await sendKeys({ up: 'Control' });
      await sendKeys({ press: 'Backspace' });
      await clickOn(button(el, 'OK'));
      await saved(el);
      expect((await dbUser('admin')).welcomeMessage).to.equal('');
      expect(textOf(row(el, 'Welcome Message'))).to.contain('No welcome message');
    });

    it('refuses control characters (a tab) before sending', async () => {
      await loginAs('admin');
      const api = instrumentedClient();
      const el = await loadedForm(html`<personal-info-form .client=${api.client}></personal-info-form>`);
      await clickOn(button(el, 'Edit Welcome Message'));
      await el.updateComplete;
      await sendKeys({ type: 'a' });
      // A tab pasted from elsewhere (typing Tab would move focus).
      document.execCommand('insertText', false, '\tb');
      await el.updateComplete;
      await clickOn(button(el, 'OK'));
      await el.updateComplete;
      expect(textarea(el)!.getAttribute('aria-invalid')).to.equal('true');
      expect(alerts(el).join(' ')).to.contain('Remove tabs and other control characters.');
      expect(api.calls.filter((c) => c.method === 'PATCH')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('shows the server’s refusal of the message on the textarea', async () => {
      await loginAs('admin');
      const api = instrumentedClient();
      // A backend stricter than the element: what reaches it is too long.
      api.rewriteBody((method, body) =>
        method === 'PATCH' ? JSON.stringify({ welcomeMessage: 'x'.repeat(600) }) : body,
      );
      const el = await loadedForm(html`<personal-info-form .client=${api.client}></personal-info-form>`);
      await clickOn(button(el, 'Edit Welcome Message'));
      await el.updateComplete;
      await sendKeys({ type: 'Hello' });
      await clickOn(button(el, 'OK'));
      await saved(el);
      expect(textarea(el)!.getAttribute('aria-invalid')).to.equal('true');
      expect(alerts(el).join(' ')).to.contain('At most 512 characters');
      expect(textarea(el)!.value).to.equal('Hello');
      expect((await dbUser('admin')).welcomeMessage).to.equal('');
      await expect(el).to.be.accessible();
    });

    const XSS = [
      '<img src=x onerror="window.__xss=1">',
      '<script>window.__xss=1</script>',
      '"><svg onload="window.__xss=1">',
      'javascript:window.__xss=1',
      '<a href="javascript:window.__xss=1">click</a>',
      '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, on purpose
      '${window.__xss=1}{{constructor.constructor("window.__xss=1")()}}',
      '&lt;b&gt;bold&lt;/b&gt; &amp; <b>bold</b>',
      '<style>*{display:none}</style><!-- comment -->',
    ];

    it('renders every XSS payload stored on the server as text, creating no element', async () => {
      await loginAs('admin');
      const w = window as Window & { __xss?: number };
      delete w.__xss;
      for (const payload of XSS) {
        await patchBehind({ welcomeMessage: payload });
        const el = await loadedForm();
        const shown = shadow(el).querySelector('[part~="welcome-message"]')!;
        expect(shown.textContent).to.equal(payload);
        expect(shown.children.length, payload).to.equal(0);
        expect(shadow(el).querySelectorAll('img, script, svg, iframe, a, style, b')).to.have.length(0);
        el.remove();
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(w.__xss).to.equal(undefined);
    });

    it('saves a payload typed by the user as plain text', async () => {
      await loginAs('admin');
      const w = window as Window & { __xss?: number };
      delete w.__xss;
      const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>';
      const el = await loadedForm();
      await clickOn(button(el, 'Edit Welcome Message'));
      await el.updateComplete;
      await sendKeys({ type: payload });
      await clickOn(button(el, 'OK'));
      await saved(el);
      expect((await dbUser('admin')).welcomeMessage).to.equal(payload);
      const shown = shadow(el).querySelector('[part~="welcome-message"]')!;
      expect(shown.textContent).to.equal(payload);
      expect(shadow(el).querySelectorAll('img, script')).to.have.length(0);
      expect(w.__xss).to.equal(undefined);
    });
  });

  describe('sections', () => {
    it('shows only the sections a host asks for', async () => {
      await loginAs('admin');
      const el = await loadedForm(
        html`<personal-info-form endpoint="/api/v1" sections="welcome-message"></personal-info-form>`,
      );
      expect(rowLabels(el)).to.deep.equal(['Welcome Message']);
      expect(shadow(el).querySelector('session-limit-field')).to.equal(null);
      expect(shadow(el).querySelector('contact-verify-dialog')).to.equal(null);

      el.sections = 'contacts auto-logout';
      await el.updateComplete;
      expect(rowLabels(el)).to.deep.equal(ROW_LABELS.slice(0, 3), 'contacts and auto-logout');
      await expect(el).to.be.accessible();
    });

    it('reflects what the host sets, not its defaults, and goes back to them when an attribute is removed', async () => {
      await loginAs('admin');
      const el = await loadedForm(
        html`<personal-info-form .client=${instrumentedClient().client}></personal-info-form>`,
      );
      const field = sessionField(el);
      expect(el.getAttributeNames()).to.deep.equal([]);
      expect(
        field.getAttributeNames().filter((n) => ['name', 'disabled', 'required'].includes(n)),
      ).to.deep.equal([]);
      el.sections = 'welcome-message';
      el.locale = 'en';
      await el.updateComplete;
      expect(el.getAttribute('sections')).to.equal('welcome-message');
      expect(el.getAttribute('locale')).to.equal('en');
      el.removeAttribute('sections');
      await el.updateComplete;
      expect(el.sections).to.equal('');
      expect(rowLabels(el)).to.have.length(5);
    });
  });

  describe('keyboard only', () => {
    it('goes through the whole screen and saves every section without a mouse', async () => {
      await loginAs('admin');
      const wrapper = await fixture<HTMLElement>(html`<div>
        <button id="before">before</button>
        <personal-info-form endpoint="/api/v1"></personal-info-form>
      </div>`);
      const el = await whenLoaded(wrapper.querySelector('personal-info-form')!);
      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();

      await sendKeys({ press: 'Tab' });
      expect(isFocused(button(el, 'Edit mobile number'))).to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(isFocused(button(el, 'Edit email address'))).to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(isFocused(select(el))).to.equal(true);
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Tab' });
      const saveAuto = button(el, 'Save Auto-Logout If No Activity Within');
      expect(isFocused(saveAuto)).to.equal(true);
      await sendKeys({ press: 'Enter' });
      await saved(el);
      expect((await dbUser('admin')).autoLogoutMinutes).to.equal(60);
      expect(isFocused(saveAuto)).to.equal(true);

      // Into the session limit field: its checkbox first.
      await sendKeys({ press: 'Tab' });
      const field = sessionField(el);
      const checkbox = field.shadowRoot!.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
      expect(isFocused(checkbox)).to.equal(true);
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      const saveLimit = button(el, 'Save Max. Online Sessions');
      for (let i = 0; i < 6 && !isFocused(saveLimit); i++) await sendKeys({ press: 'Tab' });
      expect(isFocused(saveLimit)).to.equal(true);
      await sendKeys({ press: 'Enter' });
      await saved(el);
      expect((await dbUser('admin')).sessionLimit).to.deep.equal({ max: 1, policy: 'deny' });

      await sendKeys({ press: 'Tab' });
      const editWelcome = button(el, 'Edit Welcome Message');
      expect(isFocused(editWelcome)).to.equal(true);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(isFocused(textarea(el)!)).to.equal(true);
      await sendKeys({ type: 'Hi' });
      await sendKeys({ press: 'Tab' });
      expect(isFocused(button(el, 'OK'))).to.equal(true);
      await sendKeys({ press: 'Space' });
      await saved(el);
      expect((await dbUser('admin')).welcomeMessage).to.equal('Hi');
      expect(isFocused(button(el, 'Edit Welcome Message'))).to.equal(true);
    });
  });

  describe('locale, theme and direction', () => {
    it('speaks Simplified Chinese (loaded lazily)', async () => {
      await loginAs('admin');
      const el = await loadedForm(
        html`<personal-info-form endpoint="/api/v1" locale="zh-CN"></personal-info-form>`,
      );
      await el.updateComplete;
      expect(rowLabels(el)).to.deep.equal([
        '关联手机号码',
        '关联邮箱地址',
        '无操作自动登出时间',
        '最大在线会话数',
        '欢迎信息',
      ]);
      expect(textOf(row(el, '关联手机号码'))).to.contain('已验证');
      expect(shadow(el).querySelector('[part="base"]')!.getAttribute('lang')).to.equal('zh-CN');
      await expect(el).to.be.accessible();
    });

    it('is accessible in dark mode and right-to-left', async () => {
      await loginAs('operator');
      const wrapper =
        await fixture<HTMLElement>(html`<div dir="rtl" style="color-scheme: dark; background: #000">
        <personal-info-form endpoint="/api/v1"></personal-info-form>
      </div>`);
      const el = await whenLoaded(wrapper.querySelector('personal-info-form')!);
      expect(getComputedStyle(shadow(el).querySelector('[part="base"]')!).direction).to.equal('rtl');
      await expect(el).to.be.accessible();
      await clickOn(button(el, 'Edit Welcome Message'));
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('lets a host override a string', async () => {
      await loginAs('admin');
      const el = await loadedForm(
        html`<personal-info-form
          endpoint="/api/v1"
          .strings=${{ 'personal-info.welcome.label': 'Greeting' }}
        ></personal-info-form>`,
      );
      expect(rowLabels(el)).to.include('Greeting');
    });

    it('shows a catalog the host registers after it rendered, and a new wording of a shown string', async () => {
      await loginAs('admin');
      const el = await loadedForm(
        html`<personal-info-form endpoint="/api/v1" locale="fr"></personal-info-form>`,
      );
      expect(rowLabels(el)).to.include('Welcome Message'); // no French yet: English
      registerCatalog('fr', { 'personal-info.welcome.label': 'Message d’accueil' });
      await until(() => rowLabels(el).includes('Message d’accueil'), 'the French label');
      const english = await loadedForm();
      const original = 'Max. Online Sessions';
      registerCatalog('en', { 'personal-info.session-limit.label': 'Online sessions' });
      try {
        await until(() => rowLabels(english).includes('Online sessions'), 'the new English wording');
      } finally {
        registerCatalog('en', { 'personal-info.session-limit.label': original });
      }
      await until(() => rowLabels(english).includes(original), 'the original wording back');
    });

    it('words durations as Intl does in the locales it ships', () => {
      const minutes = [1, 2, 5, 30, 45, 59, 60, 61, 90, 120, 480, 999, 1050, 1440, 59_940, 60_000];
      for (const lang of ['en', 'zh-CN', 'fr']) {
        for (const m of minutes) {
          const hours = m % 60 === 0 && m >= 60;
          const intl = new Intl.NumberFormat(lang, {
            style: 'unit',
            unit: hours ? 'hour' : 'minute',
            unitDisplay: 'long',
          }).format(hours ? m / 60 : m);
          expect(formatDurationSeconds(m * 60, lang), `${m} minutes in ${lang}`).to.equal(intl);
        }
      }
    });

    it('writes small whole numbers without building an Intl formatter, exactly as Intl would', () => {
      for (const lang of [
        'en',
        'en-GB',
        'zh-CN',
        'zh-Hant-TW',
        'zh-u-nu-hanidec',
        'en-u-nu-arab',
        'ar-EG',
        'fr',
      ]) {
        for (const n of [0, -0, 1, 7, 42, 500, 999, 1000, 12345, 2.5, -3]) {
          for (const options of [undefined, { useGrouping: false }]) {
            const intl = new Intl.NumberFormat(lang, options).format(n);
            expect(formatNumber(n, lang, options), `${n} in ${lang} ${JSON.stringify(options)}`).to.equal(
              intl,
            );
          }
        }
      }
    });

    it('passes the host’s overrides on to the field and the dialog it renders', async () => {
      await loginAs('admin');
      const strings = { 'session-limit.policy.deny': 'Refuse the new login' };
      const el = await loadedForm(
        html`<personal-info-form endpoint="/api/v1" .strings=${strings}></personal-info-form>`,
      );
      const field = sessionField(el);
      expect(field.strings?.['session-limit.policy.deny']).to.equal('Refuse the new login');
      // The form's own wording of the field's checkbox stays unless the host overrides that id too.
      expect(field.strings?.['session-limit.label']).to.be.a('string');
      // The dialog is rendered on the first Edit / Verify / Add, with the same overrides.
      expect(shadow(el).querySelector('contact-verify-dialog')).to.equal(null);
      await clickOn(button(el, 'Edit email address'));
      await until(() => dialogOf(el) !== null, 'no dialog');
      expect(dialogOf(el).strings).to.deep.equal(strings);
      await dialogShows(dialogOf(el), 'Password');
      await sendKeys({ press: 'Escape' });
    });
  });
});

// ---- issue #15: one layout for every row ----------------------------------------------------------

/** The first text node under `node` containing `text`, and the lines that text spans on screen. */
function linesOf(node: Node, text: string): number {
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    const at = t.data.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(t, at);
    range.setEnd(t, at + text.length);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  }
  throw new Error(`"${text}" is not on the page`);
}

const boxOf = (el: Element) => el.getBoundingClientRect();
/** Two boxes share a line: their vertical extents overlap. */
const sameLine = (a: DOMRect, b: DOMRect) => a.top < b.bottom && b.top < a.bottom;

describe('<personal-info-form> rows', function () {
  this.timeout(20_000);
  useMockApi();

  restoreViewportAfterEach();

  it('lays every row out alike: the value, then its buttons on the same line, in one column', async () => {
    await setViewport({ width: 1280, height: 900 });
    const el = await signedInForm('admin');
    const root = shadow(el);
    const rows: [string, Element, HTMLButtonElement][] = [
      ['Associate Mobile Number', row(el, 'Associate Mobile Number'), button(el, 'Edit mobile number')],
      ['Associate Email Address', row(el, 'Associate Email Address'), button(el, 'Edit email address')],
      ['Auto-Logout If No Activity Within', select(el), button(el, 'Save Auto-Logout If No Activity Within')],
      ['Max. Online Sessions', sessionField(el), button(el, 'Save Max. Online Sessions')],
      [
        'Welcome Message',
        root.querySelector('[part~="welcome-message"]')!,
        button(el, 'Edit Welcome Message'),
      ],
    ];
    const lefts = new Set<number>();
    for (const [label, value, action] of rows) {
      // For the contacts, the value is the masked text itself.
      const valueBox = value.matches('[part~="row"]')
        ? [...value.querySelectorAll('span')]
            .find((s) => /\*{2,}/.test(s.textContent ?? ''))!
            .getBoundingClientRect()
        : boxOf(value);
      const actionBox = boxOf(action);
      // The checkbox line of the session limit, the first line of the others, holds the button.
      const firstLine = new DOMRect(valueBox.x, valueBox.y, valueBox.width, Math.min(valueBox.height, 40));
      expect(sameLine(firstLine, actionBox), `${label}: the button on the value's line`).to.equal(true);
      expect(actionBox.left, `${label}: the button after the value`).to.be.at.least(valueBox.right);
      expect(actionBox.height, `${label}: the button keeps its own height`).to.be.below(56);
      lefts.add(Math.round(actionBox.left));
    }
    expect([...lefts], "every row's button starts at the same place").to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('on a phone-sized screen wraps the buttons under the value, and never breaks a masked value', async () => {
    await setViewport({ width: 320, height: 800 });
    await loginAs('admin');
    const wrapper = await fixture<HTMLElement>(html`<div style="inline-size: 300px">
      <personal-info-form endpoint="/api/v1"></personal-info-form>
    </div>`);
    const el = await whenLoaded(wrapper.querySelector('personal-info-form')!);
    const mobile = row(el, 'Associate Mobile Number');
    expect(linesOf(mobile, '+86 138****5678'), 'the masked number on one line').to.equal(1);
    expect(linesOf(row(el, 'Associate Email Address'), 'a***n@example.com')).to.equal(1);
    for (const r of shadow(el).querySelectorAll('[part~="row"]')) {
      expect(boxOf(r).right, 'nothing sticks out of the form').to.be.at.most(boxOf(el).right + 0.5);
    }
    await expect(el).to.be.accessible();
  });

  it('shows the session-limit error right under the number, with Save unavailable and saying why', async () => {
    const el = await signedInForm('admin');
    const field = sessionField(el);
    const max = await typeMaximum(el, '0');
    await field.updateComplete;
    const error = [...field.shadowRoot!.querySelectorAll('p')].find(
      (p) => textOf(p) === 'Enter a number no smaller than 1.',
    );
    expect(error, 'the error is shown').to.not.equal(undefined);
    const inputBox = boxOf(max);
    const errorBox = boxOf(error!);
    expect(errorBox.top, 'under the input').to.be.at.least(inputBox.bottom - 0.5);
    expect(errorBox.top - inputBox.bottom, 'right under it').to.be.below(16);
    expect(Math.abs(errorBox.left - inputBox.left), 'aligned with it').to.be.below(1);
    const save = button(el, 'Save Max. Online Sessions');
    expect(save.getAttribute('aria-disabled')).to.equal('true');
    const reason = (save.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => textOf(shadow(el).getElementById(id)))
      .join(' ');
    expect(reason).to.equal('Correct the maximum number of sessions first.');
    await expect(el).to.be.accessible();
    await clickOn(save);
    expect(el.matches(':state(saving)'), 'nothing is sent').to.equal(false);
    expect((await dbUser('admin')).sessionLimit).to.equal(null);

    max.focus();
    max.select();
    await sendKeys({ type: '3' });
    await el.updateComplete;
    expect(save.getAttribute('aria-disabled')).to.equal('false');
    expect(save.hasAttribute('aria-describedby')).to.equal(false);
  });

  it('keeps the checkbox label no heavier than the row label', async () => {
    const el = await signedInForm('admin');
    const rowLabel = row(el, 'Max. Online Sessions').querySelector('[part~="label"]')!;
    const checkboxLabel = sessionField(el).shadowRoot!.querySelector('label[for="enabled"]')!;
    expect(Number(getComputedStyle(checkboxLabel).fontWeight)).to.be.at.most(
      Number(getComputedStyle(rowLabel).fontWeight),
    );
    expect(Number(getComputedStyle(checkboxLabel).fontWeight)).to.be.below(600);
  });

  it('writes the numbers of its messages with Intl.NumberFormat for the locale', async () => {
    const field = await fixture<SessionLimitFieldEl>(
      html`<session-limit-field locale="ar" default-value="3"></session-limit-field>`,
    );
    await field.updateComplete;
    const arabic = new Intl.NumberFormat('ar');
    // No Arabic catalog: the English words, with the locale's numbers.
    expect(textOf(field.shadowRoot)).to.include(`From ${arabic.format(1)} to ${arabic.format(500)}`);
    const english = await fixture<SessionLimitFieldEl>(
      html`<session-limit-field locale="en" default-value="3"></session-limit-field>`,
    );
    await english.updateComplete;
    expect(textOf(english.shadowRoot)).to.include('From 1 to 500');
  });
});
