import '../../components/contact-verify-dialog/define.js';
import { ContextProvider } from '@lit/context';
import { ApiClient } from '../../components/api/client.js';
import { apiClientContext } from '../../components/api/context.js';
import type { Challenge, PersonalInfo } from '../../components/api/contract/index.js';
import type { ContactVerifyDialog } from '../../components/contact-verify-dialog/contact-verify-dialog.js';
import type {
  ContactVerifyConfirmedEvent,
  ContactVerifyErrorEvent,
  ContactVerifySendEvent,
  ContactVerifySentEvent,
  SessionExpiredEvent,
} from '../../components/contact-verify-dialog/contact-verify-dialog.events.js';
import en from '../../components/contact-verify-dialog/locales/en.js';
import sharedEn from '../../components/shared/locales/en.js';
import { a11ySnapshot } from '@web/test-runner-commands';
import {
  clickOn,
  deepActiveElement,
  expect,
  fixture,
  html,
  nextFrame,
  recordEvents,
  restoreViewportAfterEach,
  sendKeys,
  sendMouse,
  setViewport,
  waitUntil as waitUntilWithin,
} from '../helpers/fixtures.js';
import {
  dbUser,
  latestCode,
  loginAs,
  readOutbox,
  SEEDED_PASSWORD,
  setNotifications,
  startMockApi,
  useMockApi,
} from '../helpers/mock-api.js';

/** `waitUntil` with room for a request and a countdown tick (each ≤ 1 s). */
const waitUntil = (
  predicate: () => unknown,
  message?: string,
  options: { timeout?: number; interval?: number } = {},
) => waitUntilWithin(predicate, message, { timeout: 5000, ...options });

// ---- what a user sees --------------------------------------------------------------------------

function root(el: ContactVerifyDialog): ShadowRoot {
  if (!el.shadowRoot) throw new Error('no shadow root');
  return el.shadowRoot;
}

const clean = (s: string) =>
  s
    .replace(/[\u2068\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Visible text, whitespace collapsed, bidi isolates removed: text drawn on screen, so neither
 * hidden text nor text meant for screen readers only (clipped to a 1px box).
 */
function shownText(node: Node): string {
  const parts: string[] = [];
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const parent = text.parentElement;
    if (!parent?.checkVisibility()) continue;
    const box = parent.getBoundingClientRect();
    if (box.width <= 1 && box.height <= 1) continue;
    parts.push(text.textContent ?? '');
  }
  return clean(parts.join(' '));
}

/** Text of the dialog, on screen or for screen readers (the live region), not hidden. */
function text(el: ContactVerifyDialog): string {
  const parts: string[] = [];
  const walker = document.createTreeWalker(root(el), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent?.checkVisibility()) parts.push(node.textContent ?? '');
  }
  return clean(parts.join(' '));
}

/** What the dialog's live region says now. */
function announced(el: ContactVerifyDialog): string {
  return clean([...root(el).querySelectorAll('[role="status"]')].map((s) => s.textContent ?? '').join(' '));
}

async function focused(element: Element): Promise<void> {
  await waitUntil(
    () => deepActiveElement() === element,
    `focus is on ${deepActiveElement()?.outerHTML.slice(0, 80)}`,
  );
}

async function seeText(el: ContactVerifyDialog, wanted: string): Promise<void> {
  await waitUntil(() => text(el).includes(wanted), `expected "${wanted}" in: ${text(el)}`, { timeout: 5000 });
}

/** A button's accessible name: its aria-label, else its text without aria-hidden parts. */
function accessibleName(b: HTMLElement): string {
  const label = b.getAttribute('aria-label');
  if (label) return clean(label);
  const copy = b.cloneNode(true) as HTMLElement;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return clean(copy.textContent ?? '');
}

/** A button by its accessible name. */
function findButton(el: ContactVerifyDialog, name: string | RegExp): HTMLButtonElement | null {
  return (
    [...root(el).querySelectorAll('button')].find((b) => {
      const label = accessibleName(b);
      return typeof name === 'string' ? label === name : name.test(label);
    }) ?? null
  );
}

function button(el: ContactVerifyDialog, name: string | RegExp): HTMLButtonElement {
  const b = findButton(el, name);
  if (!b) throw new Error(`No button "${String(name)}" in: ${text(el)}`);
  return b;
}

/** Wait for a button, then click it with the real mouse. */
async function clickButton(el: ContactVerifyDialog, name: string | RegExp): Promise<void> {
  await waitUntil(() => findButton(el, name) !== null, `no button "${String(name)}" in: ${text(el)}`, {
    timeout: 5000,
  });
  await clickOn(button(el, name));
}

/** The control a `<label>` with this text points at. */
function control(el: ContactVerifyDialog, label: string): HTMLInputElement {
  const l = [...root(el).querySelectorAll('label')].find((x) => clean(x.textContent ?? '') === label);
  const input = l ? (root(el).getElementById(l.htmlFor) as HTMLInputElement | null) : null;
  if (!input) throw new Error(`No control labelled "${label}" in: ${text(el)}`);
  return input;
}

/** Wait for a control (the step may still be loading), focus it and type with the real keyboard. */
async function typeInto(el: ContactVerifyDialog, label: string, value: string): Promise<void> {
  const present = () =>
    [...root(el).querySelectorAll('label')].some((x) => clean(x.textContent ?? '') === label);
  await waitUntil(present, `no control labelled "${label}" in: ${text(el)}`, { timeout: 5000 });
  control(el, label).focus();
  await sendKeys({ type: value });
}

function pasteInto(input: HTMLInputElement, value: string): void {
  const data = new DataTransfer();
  data.setData('text/plain', value);
  input.focus();
  input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}

// ---- page time: `Date.now()` drives the dialog's countdowns and, in this page, the mock's clock ---

const realNow = Date.now.bind(Date);
let offsetMs = 0;

/** Move time forward for the page: the countdowns and the in-page mock server both read `Date.now()`. */
function advanceTime(seconds: number): void {
  offsetMs += seconds * 1000;
  Date.now = () => realNow() + offsetMs;
}

afterEach(() => {
  offsetMs = 0;
  Date.now = realNow;
});

// ---- fixtures ----------------------------------------------------------------------------------

interface Opened {
  el: ContactVerifyDialog;
  opener: HTMLButtonElement;
}

async function open(
  kind: 'mobile' | 'email',
  mode: 'edit' | 'verify',
  options: { client?: ApiClient; locale?: string; dir?: 'rtl'; endpoint?: string | null } = {},
): Promise<Opened> {
  const endpoint = options.endpoint === undefined ? '/api/v1' : options.endpoint;
  const wrapper = await fixture<HTMLDivElement>(html`<div dir=${options.dir ?? 'ltr'}>
    <button id="opener">Open</button>
    <contact-verify-dialog
      kind=${kind}
      mode=${mode}
      endpoint=${endpoint ?? ''}
      locale=${options.locale ?? 'en'}
      .client=${options.client}
    ></contact-verify-dialog>
  </div>`);
  const opener = wrapper.querySelector<HTMLButtonElement>('#opener')!;
  const el = wrapper.querySelector<ContactVerifyDialog>('contact-verify-dialog')!;
  if (endpoint === null) el.removeAttribute('endpoint');
  opener.addEventListener('click', () => void el.show());
  await clickOn(opener);
  await waitUntil(() => el.open, 'dialog did not open');
  await el.updateComplete;
  return { el, opener };
}

interface Call {
  method: string;
  path: string;
  signal: AbortSignal | null;
}

/** A client whose fetch records every call (and can be told to fail one). */
function spyClient(fail?: (call: Call) => Response | Error | null): {
  client: ApiClient;
  calls: Call[];
  failing: { on: boolean };
} {
  const calls: Call[] = [];
  const failing = { on: true };
  const client = new ApiClient({
    baseUrl: '/api/v1',
    fetch: async (input, init) => {
      const url = new URL(String(input), location.href);
      const call = {
        method: init?.method ?? 'GET',
        path: url.pathname.replace('/api/v1', ''),
        signal: init?.signal ?? null,
      };
      calls.push(call);
      const failure = failing.on ? fail?.(call) : null;
      if (failure instanceof Error) throw failure;
      if (failure) return failure;
      return fetch(input, init);
    },
  });
  return { client, calls, failing };
}

const sends = (calls: Call[]) =>
  calls.filter((c) => c.method === 'POST' && /\/challenges(\/[^/]+\/resend)?$/.test(c.path));

/** Type `text` into the focused field and press Enter. */
async function typeAndEnter(text: string): Promise<void> {
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

/** The latest code sent to `to`, typed into the focused code field and confirmed: the dialog closes. */
async function confirmLatestCode(el: ContactVerifyDialog, to: string): Promise<void> {
  await typeAndEnter(await latestCode(to));
  await waitUntil(() => !el.open, 'the dialog did not close after OK');
}

async function passPassword(el: ContactVerifyDialog): Promise<void> {
  await seeText(el, 'Password');
  await typeInto(el, 'Password', SEEDED_PASSWORD);
  await sendKeys({ press: 'Enter' });
}

/** How many verification-code fields the dialog shows. */
const codeFields = (el: ContactVerifyDialog) =>
  [...root(el).querySelectorAll('label')].filter((l) => clean(l.textContent ?? '') === 'Verification code').length;

/** A change of the email address started in this session (step-up, then its code sent): the challenge. */
async function pendingEmailChange(value: string): Promise<Challenge> {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`/api/v1${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status, await response.clone().text()).to.equal(201);
    return response.json();
  };
  const { stepUpToken } = await post('/me/identity-verifications', { method: 'password', password: SEEDED_PASSWORD });
  return (await post('/me/contacts/email/challenges', { purpose: 'change', value, stepUpToken })) as Challenge;
}

/** A dialog opened at the code step of `challenge` with `resume()`. */
async function resumed(challenge: Challenge, client?: ApiClient): Promise<ContactVerifyDialog> {
  const el = await fixture<ContactVerifyDialog>(
    html`<contact-verify-dialog endpoint="/api/v1" locale="en" .client=${client}></contact-verify-dialog>`,
  );
  await el.resume(challenge);
  await el.updateComplete;
  return el;
}

/** `admin` edits `kind`: the dialog open, the password step passed, the new value asked for. */
async function atNewValueStep(kind: 'mobile' | 'email'): Promise<Opened> {
  await loginAs('admin');
  const opened = await open(kind, 'edit');
  await passPassword(opened.el);
  await seeText(opened.el, kind === 'mobile' ? 'New mobile number' : 'New email address');
  return opened;
}

/** `operator` verifies the mobile number: the dialog open, the code sent. */
async function operatorCodeSent(): Promise<Opened> {
  await loginAs('operator');
  const opened = await open('mobile', 'verify');
  await clickButton(opened.el, 'Send code');
  await seeText(opened.el, 'We sent a 6-digit code');
  return opened;
}

/** A dead code: its one message, no lifetime hint, and one way on (Send a new code, no Resend). */
function expectOneWayOn(el: ContactVerifyDialog): void {
  expect(text(el)).to.not.include('This code can no longer be used.');
  expect(text(el)).to.not.include('The code is valid for');
  expect(findButton(el, 'Resend code')).to.equal(null);
}

/** Send a new code: the countdown starts again and the code field has focus. */
async function sendNewCode(el: ContactVerifyDialog): Promise<void> {
  await clickButton(el, 'Send a new code');
  await seeText(el, 'Resend code in');
  await focused(control(el, 'Verification code'));
}

/** The events of a change from Send code to saved and closed, in the order they fire. */
const SAVE_EVENTS = [
  'contact-verify-send',
  'contact-verify-sent',
  'contact-verify-confirm',
  'contact-verify-confirmed',
  'contact-verify-hide',
  'contact-verify-after-hide',
];

/** A 6-digit code that is not `code`. */
const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');

describe('<contact-verify-dialog>', function () {
  // End-to-end flows through the real mock: several requests and renders per test.
  this.timeout(30_000);
  useMockApi();

  describe('edit email', () => {
    it('verifies identity, sends a code to the new address and saves it, with events', async () => {
      await loginAs('admin');
      const { el, opener } = await open('email', 'edit');
      const events = recordEvents(el, ...SAVE_EVENTS);
      await seeText(el, 'Step 1 of 3');
      expect(text(el)).to.include('confirm it is you before changing your email address');
      await focused(control(el, 'Password'));
      await expect(el).to.be.accessible();

      await passPassword(el);
      await seeText(el, 'New email address');
      expect(text(el)).to.include('Current: a***n@example.com');
      await focused(control(el, 'New email address'));
      await expect(el).to.be.accessible();

      await typeAndEnter('new.person@example.com');
      await seeText(el, 'We sent a 6-digit code to n***n@example.com');
      expect(text(el)).to.include('Wrong address? Edit');
      expect(text(el)).to.match(/Resend code in (1:00|0:5\d)/);
      const input = control(el, 'Verification code');
      expect(input.autocomplete).to.equal('one-time-code');
      expect(input.inputMode).to.equal('numeric');
      await focused(input);
      await expect(el).to.be.accessible();

      // The 6th digit submits nothing: OK (here Enter in the code field) confirms.
      await sendKeys({ type: await latestCode('new.person@example.com') });
      await nextFrame();
      await nextFrame();
      expect(events.map((e) => e.type)).to.not.include('contact-verify-confirm');
      expect(el.open).to.equal(true);
      expect((await dbUser('admin')).email.value).to.not.equal('new.person@example.com');
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'Enter' });
      // Saved: the dialog closes by itself (no "Done" screen) and focus is back on the opener.
      await waitUntil(() => !el.open, 'the dialog did not close after OK');
      await focused(opener);
      expect(text(el)).to.not.include('saved and verified');
      const db = await dbUser('admin');
      expect(db.email).to.include({ value: 'new.person@example.com', verified: true });
      // The old address gets a notice without a code.
      const outbox = await readOutbox();
      expect(outbox.some((m) => m.to === 'admin@example.com' && m.code === null)).to.equal(true);
      expect(events.map((e) => e.type)).to.deep.equal(SAVE_EVENTS);
      const send = events[0] as ContactVerifySendEvent;
      expect(send.detail).to.deep.equal({
        kind: 'email',
        mode: 'edit',
        channel: 'email',
        purpose: 'change',
        resend: false,
      });
      expect(send.bubbles && send.composed && send.cancelable).to.equal(true);
      const sent = events[1] as ContactVerifySentEvent;
      expect(sent.detail.destination).to.equal('n***n@example.com');
      expect(sent.cancelable).to.equal(false);
      const confirmed = events[3] as ContactVerifyConfirmedEvent;
      expect(confirmed.detail.kind).to.equal('email');
      expect(confirmed.detail.contact).to.include({
        kind: 'email',
        masked: 'n***n@example.com',
        verified: true,
      });
      expect(confirmed.detail.version).to.be.a('string');
      const hide = events[4] as CustomEvent;
      expect(hide.detail).to.deep.equal({ kind: 'email', mode: 'edit', source: 'done' });
      expect(hide.cancelable, 'the change is saved: closing cannot be refused').to.equal(false);
      expect((events[5] as CustomEvent).detail).to.deep.equal({
        kind: 'email',
        mode: 'edit',
        confirmed: true,
      });
    });

    it('refuses an invalid address before sending, and the current one kindly', async () => {
      await loginAs('admin');
      const { client, calls } = spyClient();
      const { el } = await open('email', 'edit', { client });
      await passPassword(el);
      await seeText(el, 'New email address');
      await typeAndEnter('not-an-email');
      await seeText(el, 'Enter an email address like name@example.com.');
      expect(control(el, 'New email address').getAttribute('aria-invalid')).to.equal('true');
      expect(sends(calls)).to.have.length(0);
      await expect(el).to.be.accessible();

      const input = control(el, 'New email address');
      input.select();
      await typeAndEnter('admin@example.com');
      await seeText(el, 'That is already your email address.');
      expect(text(el)).to.include('Enter a different one');
      await focused(control(el, 'New email address'));
      await expect(el).to.be.accessible();
    });

    it('says so when the password is wrong, then locks after too many tries', async () => {
      await loginAs('admin');
      const { el } = await open('email', 'edit');
      await seeText(el, 'Password');
      await typeInto(el, 'Password', 'wrong-password');
      await sendKeys({ press: 'Enter' });
      await seeText(el, 'That password is not correct.');
      expect(control(el, 'Password').value).to.equal('');
      await expect(el).to.be.accessible();
      // The server counts wrong passwords (with failed logins) and locks after five.
      for (let i = 0; i < 6 && !text(el).includes('Too many wrong attempts'); i++) {
        await typeInto(el, 'Password', 'wrong-password');
        await sendKeys({ press: 'Enter' });
        await waitUntil(
          () => /not correct|Too many wrong attempts/.test(text(el)) && control(el, 'Password').value === '',
          `no answer to wrong password ${i + 2}: ${text(el)}`,
          { timeout: 5000 },
        );
      }
      await seeText(el, 'Too many wrong attempts: changes are locked for a while.');
      expect(text(el)).to.match(/Try again in \d+ minutes/);
      await expect(el).to.be.accessible();
    });
  });

  describe('edit mobile', () => {
    it('picks the region from a searchable list, validates and formats the number, and saves it', async () => {
      const { el, opener } = await atNewValueStep('mobile');
      // Starts on the current number's region.
      await waitUntil(() => findButton(el, 'Country or region: China (+86)') !== null);
      await expect(el).to.be.accessible();

      await clickButton(el, 'Country or region: China (+86)');
      const search = root(el).querySelector<HTMLInputElement>('[role="combobox"]')!;
      await waitUntil(() => deepActiveElement() === search);
      await sendKeys({ type: 'united k' });
      const options = [...root(el).querySelectorAll('[role="option"]')].map((o) =>
        clean(o.textContent ?? ''),
      );
      expect(options[0]).to.equal('GB United Kingdom +44');
      expect(search.getAttribute('aria-activedescendant')).to.equal('region-option-GB');
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => findButton(el, 'Country or region: United Kingdom (+44)') !== null);
      await focused(control(el, 'New mobile number'));

      await typeAndEnter('07400 1');
      await seeText(el, 'This number is too short for United Kingdom.');
      await expect(el).to.be.accessible();
      await sendKeys({ type: '23456' });
      await seeText(el, 'Will be saved as +44 7400 123456');
      await sendKeys({ press: 'Enter' });
      await seeText(el, 'We sent a 6-digit code to +44 740****3456');
      expect(text(el)).to.include('Wrong number? Edit');

      // "Wrong number? Edit" goes back with the number kept.
      await clickButton(el, 'Edit');
      await seeText(el, 'New mobile number');
      expect(control(el, 'New mobile number').value.replace(/\s/g, '')).to.equal('07400123456');
      await sendKeys({ press: 'Enter' });
      // A second code to the same number waits for the cooldown: the dialog says so and counts down.
      await seeText(el, 'A code was sent a moment ago.');
      await expect(el).to.be.accessible();
      advanceTime(61);
      await waitUntil(() => findButton(el, 'Send code') !== null, 'send button never came back');
      await clickButton(el, 'Send code');
      await seeText(el, 'We sent a 6-digit code to +44 740****3456');

      const code = await latestCode('+447400123456');
      pasteInto(control(el, 'Verification code'), `${code.slice(0, 3)} ${code.slice(3)}`);
      // A pasted whole code submits nothing either: the OK button confirms it.
      await nextFrame();
      expect(el.open).to.equal(true);
      expect(control(el, 'Verification code').value).to.equal(code);
      await clickButton(el, 'OK');
      await waitUntil(() => !el.open, 'the dialog did not close after OK');
      await focused(opener);
      expect((await dbUser('admin')).mobile).to.include({ value: '+447400123456', verified: true });
    });

    it('reopened after reaching the number step, it starts on a region again and sends the code', async () => {
      const { el, opener } = await atNewValueStep('mobile');
      await waitUntil(() => findButton(el, 'Country or region: China (+86)') !== null);
      await clickButton(el, 'Cancel');
      await waitUntil(() => !el.open, 'dialog did not close');

      await clickOn(opener);
      await waitUntil(() => el.open, 'dialog did not open again');
      await passPassword(el);
      await seeText(el, 'New mobile number');
      // The phone library is loaded already: the region must still be set (it was left empty before).
      await waitUntil(() => findButton(el, 'Country or region: China (+86)') !== null, 'no region on reopen');
      await expect(el).to.be.accessible();
      await typeInto(el, 'New mobile number', '13900002222');
      await sendKeys({ press: 'Enter' });
      await seeText(el, 'We sent a 6-digit code to +86 139****2222');
    });

    it('selects the region from a pasted or typed +code', async () => {
      const { el } = await atNewValueStep('mobile');
      await waitUntil(() => findButton(el, /^Country or region: /) !== null);
      await sendKeys({ type: '+44 7400 123456' });
      await waitUntil(() => findButton(el, 'Country or region: United Kingdom (+44)') !== null);
      // Pasting (inserting text as a paste does) works the same.
      const input = control(el, 'New mobile number');
      input.select();
      document.execCommand('insertText', false, '+1 212 555 0100');
      await waitUntil(() => findButton(el, 'Country or region: United States (+1)') !== null);
      expect(input.value).to.equal('+1 212 555 0100');
    });

    it('region list by keyboard: arrows open it, Escape closes only the list', async () => {
      await loginAs('admin');
      const { el } = await open('mobile', 'edit');
      await passPassword(el);
      await waitUntil(() => findButton(el, 'Country or region: China (+86)') !== null);
      const regionButton = button(el, 'Country or region: China (+86)');
      regionButton.focus();
      await sendKeys({ press: 'ArrowDown' });
      const search = () => root(el).querySelector<HTMLInputElement>('[role="combobox"]');
      await waitUntil(() => search() !== null && deepActiveElement() === search());
      expect(regionButton.getAttribute('aria-expanded')).to.equal('true');
      expect(search()!.getAttribute('aria-activedescendant')).to.equal('region-option-CN');
      await sendKeys({ type: '+44' });
      expect([...root(el).querySelectorAll('[role="option"]')].map((o) => o.id)).to.include.members([
        'region-option-GB',
        'region-option-JE',
        'region-option-GG',
        'region-option-IM',
      ]);
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => search() === null);
      expect(el.open).to.equal(true);
      await focused(button(el, 'Country or region: China (+86)'));
    });

    it('a user without a password proves identity with a code to the verified email', async () => {
      await loginAs('sso.user');
      const { el } = await open('mobile', 'edit');
      await seeText(el, 'We will send a 6-digit code by email to s***r@example.com.');
      expect(findButton(el, 'Next')).to.equal(null);
      await expect(el).to.be.accessible();
      const events = recordEvents(el, 'contact-verify-send');
      await clickButton(el, 'Send code');
      await seeText(el, 'We sent a 6-digit code to s***r@example.com');
      expect((events[0] as ContactVerifySendEvent).detail).to.include({
        channel: 'email',
        purpose: 'step-up',
      });
      await expect(el).to.be.accessible();
      await typeAndEnter(await latestCode('sso.user@example.com'));
      await seeText(el, 'New mobile number');
      expect(text(el)).to.not.include('Current:');
      await waitUntil(() => findButton(el, /^Country or region: /) !== null);
      await typeAndEnter('+44 7400 123456');
      await seeText(el, 'We sent a 6-digit code to +44 740****3456');
      await confirmLatestCode(el, '+447400123456');
      expect((await dbUser('sso.user')).mobile).to.include({ value: '+447400123456', verified: true });
    });

    it('explains why there is no way to verify identity, without a dead end', async () => {
      await loginAs('admin');
      const { client, calls } = spyClient();
      const wrapper = await fixture<HTMLDivElement>(html`<div><button>Open</button></div>`);
      const info: PersonalInfo = {
        version: '"1"',
        user: { username: 'nobody', displayName: 'Nobody', type: 'third-party' },
        mobile: { kind: 'mobile', masked: null, verified: false, pending: null },
        email: { kind: 'email', masked: null, verified: false, pending: null },
        stepUpMethods: [],
        autoLogout: { minutes: 30, options: [30], editable: false, lockedReason: 'third-party' },
        sessionLimit: null,
        welcomeMessage: '',
      };
      const el = document.createElement('contact-verify-dialog');
      el.kind = 'mobile';
      el.client = client;
      el.personalInfo = info;
      wrapper.append(el);
      wrapper.querySelector('button')!.focus();
      await el.show();
      await seeText(el, 'Add mobile number');
      expect(text(el)).to.include('Your mobile number cannot be changed here.');
      expect(text(el)).to.include('Ask your administrator to change it for you.');
      expect(calls).to.have.length(0);
      await expect(el).to.be.accessible();
      await clickButton(el, 'Close');
      await waitUntil(() => !el.open);
    });
  });

  describe('verify', () => {
    it('sends a code to the current number and verifies it, keyboard only', async () => {
      await loginAs('operator');
      const { el, opener } = await open('mobile', 'verify');
      const events = recordEvents(el, 'contact-verify-sent', 'contact-verify-confirmed');
      await seeText(el, 'We will send a 6-digit code to +86 139****1111 to confirm it is yours.');
      expect(text(el)).to.not.include('Step 1');
      await expect(el).to.be.accessible();
      // Focus starts on Send code.
      await focused(button(el, 'Send code'));
      await sendKeys({ press: 'Enter' });
      await seeText(el, 'We sent a 6-digit code to +86 139****1111');
      expect(text(el)).to.not.include('Wrong number?');
      const code = await latestCode('+8613900001111');
      await typeAndEnter(code.slice(0, 5));
      await seeText(el, 'Enter all 6 digits.');
      await expect(el).to.be.accessible();
      await sendKeys({ type: code.slice(5) });
      await nextFrame();
      expect(el.open, 'the 6th digit submitted by itself').to.equal(true);
      await clickButton(el, 'OK');
      // Closed at once, focus back on the opener: no "Done" screen.
      await waitUntil(() => !el.open, 'the dialog did not close after OK');
      await focused(opener);
      expect((await dbUser('operator')).mobile.verified).to.equal(true);
      expect((events[0] as ContactVerifySentEvent).detail).to.include({
        purpose: 'verify',
        destination: '+86 139****1111',
      });
      expect((events[1] as ContactVerifyConfirmedEvent).detail).to.deep.include({
        kind: 'mobile',
        mode: 'verify',
      });
    });

    it('says when there is nothing to verify', async () => {
      await loginAs('operator');
      const { el } = await open('email', 'verify');
      await seeText(el, 'You have no email address to verify yet.');
      await expect(el).to.be.accessible();
      await el.hide();
      await loginAs('admin');
      const second = await open('email', 'verify');
      await seeText(second.el, 'This email address is already verified.');
    });
  });

  describe('problems, each with its words and next step', () => {
    it('wrong code: tries left, then the code is dead and a new one can be sent', async () => {
      await loginAs('operator');
      const { el } = await open('mobile', 'verify');
      const errors = recordEvents(el, 'contact-verify-error');
      await clickButton(el, 'Send code');
      await seeText(el, 'We sent a 6-digit code');
      const code = await latestCode('+8613900001111');
      await typeAndEnter(wrongCode(code));
      await seeText(
        el,
        'That code is not correct. Check the newest message and type its code again (4 tries left).',
      );
      expect(control(el, 'Verification code').getAttribute('aria-invalid')).to.equal('true');
      expect(control(el, 'Verification code').value).to.equal('');
      const error = errors[0] as ContactVerifyErrorEvent;
      expect(error.detail).to.include({ code: 'invalid-code', kind: 'mobile', mode: 'verify', step: 'code' });
      expect(error.detail.error.problem?.attemptsRemaining).to.equal(4);
      await expect(el).to.be.accessible();
      for (let left = 3; left >= 1; left--) {
        await typeAndEnter(wrongCode(code));
        await seeText(el, `(${left} ${left === 1 ? 'try' : 'tries'} left)`);
      }
      await typeAndEnter(wrongCode(code));
      await seeText(el, 'Too many wrong codes: this code can no longer be used. Send a new code.');
      // A dead code: no code boxes to type into (issue #15), one way on.
      expect(codeFields(el)).to.equal(0);
      await expect(el).to.be.accessible();
      // One message in one place, no lifetime hint, one way on.
      expectOneWayOn(el);
      advanceTime(61);
      await waitUntil(() => findButton(el, 'Send a new code')?.getAttribute('aria-disabled') === 'false');
      await sendNewCode(el);
      await confirmLatestCode(el, '+8613900001111');
    });

    it('expired code: says so and sends a new one', async () => {
      const { el } = await operatorCodeSent();
      const code = await latestCode('+8613900001111');
      advanceTime(301);
      await typeAndEnter(code);
      await seeText(el, 'This code has expired (codes last 5 minutes). Send a new code.');
      expect(codeFields(el)).to.equal(0);
      await expect(el).to.be.accessible();
      expect(text(el).split('Send a new code').length - 1, 'the advice once, plus the one button').to.equal(
        2,
      );
      expectOneWayOn(el);
      await sendNewCode(el);
      expect(await latestCode('+8613900001111')).to.not.equal(code);
      await confirmLatestCode(el, '+8613900001111');
    });

    it('resend countdown follows the server and the clock; rate limit after five codes an hour', async () => {
      const { el } = await operatorCodeSent();
      const resend = () => findButton(el, /^Resend code/)!;
      // Seen as a clock, heard in words (“0:59” is not read as “fifty-nine seconds” by every reader).
      expect(shownText(resend())).to.match(/^Resend code in (1:00|0:5\d)$/);
      expect(accessibleName(resend())).to.match(/^Resend code in (1 minute|5\d seconds)$/);
      expect(resend().getAttribute('aria-disabled')).to.equal('true');
      advanceTime(30);
      await waitUntil(() => /Resend code in 0:(2\d|30)$/.test(shownText(resend())));
      expect(accessibleName(resend())).to.match(/^Resend code in (2\d|30) seconds$/);
      const codesSent = async () => (await readOutbox()).filter((m) => m.to === '+8613900001111').length;
      for (let sent = 2; sent <= 5; sent++) {
        advanceTime(31);
        await waitUntil(() => shownText(resend()) === 'Resend code', 'resend never enabled');
        await clickOn(resend());
        await waitUntil(async () => (await codesSent()) === sent, `code ${sent} was not sent`);
        await waitUntil(() => /^Resend code in/.test(shownText(resend())));
        await seeText(el, 'A new code was sent to +86 139****1111.');
        advanceTime(30);
      }
      advanceTime(31);
      await waitUntil(() => shownText(resend()) === 'Resend code');
      // The end of the countdown is announced once (the ticking clock is not).
      await waitUntil(() => announced(el).includes('You can resend the code now.'), announced(el));
      await clickOn(resend());
      await seeText(el, 'Too many codes were sent to this mobile number recently.');
      expect(text(el)).to.match(/Try again in \d+ minutes\./);
      expect(resend().getAttribute('aria-disabled')).to.equal('true');
      await expect(el).to.be.accessible();
    });

    it('notification not configured: the seed’s advice, and a retry that works once it is', async () => {
      await loginAs('operator');
      await setNotifications('mobile', false);
      const { el } = await open('mobile', 'verify');
      await clickButton(el, 'Send code');
      await seeText(el, 'Codes cannot be sent by SMS: remote notification is not configured.');
      expect(text(el)).to.include(
        'Ask your administrator to configure remote notification (the SMS gateway), then try again.',
      );
      await expect(el).to.be.accessible();
      await setNotifications('mobile', true);
      await clickButton(el, 'Try again');
      await seeText(el, 'We sent a 6-digit code to +86 139****1111');
    });

    it('step-up expired: back to step 1, then on with nothing lost', async () => {
      const { el } = await atNewValueStep('email');
      await sendKeys({ type: 'kept@example.com' });
      advanceTime(301);
      await sendKeys({ press: 'Enter' });
      await seeText(el, 'Your identity check has expired (it lasts 5 minutes).');
      expect(text(el)).to.include('Step 1 of 3');
      await expect(el).to.be.accessible();
      await typeInto(el, 'Password', SEEDED_PASSWORD);
      await sendKeys({ press: 'Enter' });
      await seeText(el, 'New email address');
      expect(control(el, 'New email address').value).to.equal('kept@example.com');
      advanceTime(100);
      await sendKeys({ press: 'Enter' });
      await seeText(el, 'We sent a 6-digit code to k***t@example.com');

      // The new check expires while the code is typed: back to step 1, then to the same code, still typed.
      const code = await latestCode('kept@example.com');
      await focused(control(el, 'Verification code'));
      advanceTime(201);
      // The resend countdown ends on the way (said once); then the code is typed and confirmed.
      await seeText(el, 'You can resend the code now.');
      await typeAndEnter(code);
      await seeText(el, 'Your identity check has expired');
      await typeInto(el, 'Password', SEEDED_PASSWORD);
      await sendKeys({ press: 'Enter' });
      await seeText(el, 'Step 3 of 3');
      expect(text(el)).to.include('You are verified again');
      await focused(control(el, 'Verification code'));
      expect(control(el, 'Verification code').value).to.equal(code);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !el.open, 'the dialog did not close after OK');
      expect((await dbUser('admin')).email.value).to.equal('kept@example.com');
    });

    it('session expired: a session-expired event and words to sign in again', async () => {
      await loginAs('admin');
      const { el } = await open('email', 'edit');
      await seeText(el, 'Password');
      const events = recordEvents(el, 'session-expired', 'contact-verify-error');
      advanceTime(31 * 60);
      await typeInto(el, 'Password', SEEDED_PASSWORD);
      await sendKeys({ press: 'Enter' });
      await seeText(el, 'Your session has ended because you were inactive for too long.');
      expect(text(el)).to.include('Sign in again.');
      const expired = events.find((e) => e.type === 'session-expired') as SessionExpiredEvent;
      expect(expired.detail.reason).to.equal('session-expired');
      expect(expired.bubbles && expired.composed).to.equal(true);
      await expect(el).to.be.accessible();
      await clickButton(el, 'Close');
      await waitUntil(() => !el.open);
    });

    it('session replaced: a newer login ended this one', async () => {
      await loginAs('admin');
      const api = new ApiClient({ baseUrl: '/api/v1' });
      const { etag } = await api.call('getPersonalInfo', {});
      await api.call('updatePersonalInfo', {
        body: { sessionLimit: { max: 1, policy: 'log-out' } },
        ifMatch: etag ?? '',
      });
      const { el } = await open('email', 'edit');
      await seeText(el, 'Password');
      // Another browser signs in (outside this page's cookie jar) and replaces this session.
      const { mock } = await startMockApi();
      const login = await mock.app.fetch(
        new Request(new URL('/api/v1/auth/login', location.href), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: SEEDED_PASSWORD }),
        }),
      );
      expect(login.status).to.equal(200);
      const events = recordEvents(el, 'session-expired');
      await typeInto(el, 'Password', SEEDED_PASSWORD);
      await sendKeys({ press: 'Enter' });
      await seeText(el, 'You were signed out because your account signed in somewhere else.');
      expect((events[0] as SessionExpiredEvent).detail.reason).to.equal('session-replaced');
    });

    it('network error: retry repeats the request', async () => {
      await loginAs('operator');
      const { client, failing } = spyClient((call) =>
        call.path.endsWith('/challenges') ? new TypeError('Failed to fetch') : null,
      );
      const { el } = await open('mobile', 'verify', { client });
      await clickButton(el, 'Send code');
      await seeText(el, 'The server could not be reached. Check your connection, then try again.');
      await expect(el).to.be.accessible();
      failing.on = false;
      await clickButton(el, 'Try again');
      await seeText(el, 'We sent a 6-digit code');
    });

    it('contract error: an answer the page cannot read', async () => {
      await loginAs('operator');
      const { client } = spyClient((call) =>
        call.path.endsWith('/challenges') ? Response.json({ surprise: true }, { status: 201 }) : null,
      );
      const { el } = await open('mobile', 'verify', { client });
      const errors = recordEvents(el, 'contact-verify-error');
      await clickButton(el, 'Send code');
      await seeText(el, 'The server sent an answer this page does not understand.');
      expect((errors[0] as ContactVerifyErrorEvent).detail.code).to.equal('contract');
      await expect(el).to.be.accessible();
    });

    it('a refused endpoint is a visible configuration error', async () => {
      const { el } = await open('email', 'edit', { endpoint: 'http://console.example.com/api/v1' });
      await seeText(el, 'The endpoint “http://console.example.com/api/v1” is refused: it is not HTTPS.');
      await expect(el).to.be.accessible();
      await el.hide();
      const none = await open('email', 'edit', { endpoint: null });
      await seeText(none.el, 'This dialog has no endpoint to talk to.');
    });
  });

  describe('requests', () => {
    it('sends one request on a double click', async () => {
      await loginAs('operator');
      await setNotifications('mobile', true, 400);
      const { client, calls } = spyClient();
      const { el } = await open('mobile', 'verify', { client });
      await seeText(el, 'Send code');
      const send = button(el, 'Send code');
      const box = send.getBoundingClientRect();
      const position: [number, number] = [
        Math.round(box.x + box.width / 2),
        Math.round(box.y + box.height / 2),
      ];
      await sendMouse({ type: 'move', position });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'up' });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'up' });
      await seeText(el, 'We sent a 6-digit code');
      expect(sends(calls)).to.have.length(1);
      expect((await readOutbox()).filter((m) => m.to === '+8613900001111')).to.have.length(1);
    });

    it('aborts the request in flight when closed', async () => {
      await loginAs('operator');
      await setNotifications('mobile', true, 3000);
      const { client, calls } = spyClient();
      const { el, opener } = await open('mobile', 'verify', { client });
      const errors = recordEvents(el, 'contact-verify-error');
      await clickButton(el, 'Send code');
      await seeText(el, 'Sending…');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !el.open);
      expect(sends(calls)[0]?.signal?.aborted).to.equal(true);
      expect(errors).to.have.length(0);
      await focused(opener);
    });

    it('gets its client from @lit/context, and loads the personal info itself', async () => {
      await loginAs('admin');
      const { client, calls } = spyClient();
      const wrapper = await fixture<HTMLDivElement>(html`<div><button>Open</button></div>`);
      new ContextProvider(wrapper, { context: apiClientContext, initialValue: client });
      const el = document.createElement('contact-verify-dialog');
      el.kind = 'email';
      wrapper.append(el);
      await el.show();
      await seeText(el, 'Password');
      expect(calls.map((c) => `${c.method} ${c.path}`)).to.deep.equal(['GET /me/personal-info']);
    });
  });

  describe('resume: a pending change, at its code', () => {
    it('opens at the code step; without a valid identity check OK asks for it first, then saves', async () => {
      await loginAs('admin');
      const challenge = await pendingEmailChange('resumed@example.com');
      const el = await resumed(challenge);
      const confirmed = recordEvents(el, 'contact-verify-confirmed');
      expect(el.open).to.equal(true);
      expect([el.kind, el.mode]).to.deep.equal(['email', 'edit']);
      await seeText(el, 'We sent a 6-digit code to r***d@example.com.');
      expect(text(el)).to.include('Step 3 of 3');
      expect(text(el)).to.match(/Resend code in (1:00|0:[0-5]\d)/);
      // Sent earlier: how long it is valid is said as a time, not as its whole lifetime.
      const until = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(new Date(challenge.expiresAt));
      const plain = (x: string) => x.replace(/[\u2068\u2069]/g, '').replace(/[\s\u00a0\u202f]+/g, ' ');
      expect(plain(text(el))).to.include(plain(`The code is valid until ${until}.`));
      expect(text(el)).to.not.include('The code is valid for');
      await focused(control(el, 'Verification code'));
      await expect(el).to.be.accessible();
      await sendKeys({ type: await latestCode('resumed@example.com') });
      await sendKeys({ press: 'Enter' });
      // The server checks the identity again when a change is saved: asked first, the code kept.
      await seeText(el, 'Step 1 of 3');
      await expect(el).to.be.accessible();
      await typeInto(el, 'Password', SEEDED_PASSWORD);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !el.open, 'the dialog did not close after the identity check');
      expect(confirmed).to.have.length(1);
      expect((confirmed[0] as ContactVerifyConfirmedEvent).detail.contact).to.include({ masked: 'r***d@example.com', verified: true, pending: null });
      expect((await dbUser('admin')).email.value).to.equal('resumed@example.com');
    });

    it('a new code needs the identity check (the server refuses it without), then goes to the same change', async () => {
      await loginAs('admin');
      const challenge = await pendingEmailChange('again@example.com');
      const spy = spyClient();
      const el = await resumed(challenge, spy.client);
      advanceTime(61);
      await waitUntil(() => findButton(el, 'Resend code')?.getAttribute('aria-disabled') === 'false');
      await clickButton(el, 'Resend code');
      await seeText(el, 'Password');
      expect(sends(spy.calls), 'nothing sent before the identity check').to.have.length(0);
      await typeInto(el, 'Password', SEEDED_PASSWORD);
      await sendKeys({ press: 'Enter' });
      await seeText(el, 'A new code was sent to a***n@example.com.');
      expect(sends(spy.calls).map((c) => c.path)).to.deep.equal([`/me/contacts/email/challenges/${challenge.id}/resend`]);
      expect((await readOutbox()).filter((m) => m.to === 'again@example.com')).to.have.length(2);
      await expect(el).to.be.accessible();
      await confirmLatestCode(el, 'again@example.com');
      expect((await dbUser('admin')).email.value).to.equal('again@example.com');
    });

    it('the identity check expires while the code lives: the server’s refusal leads to it, never to a dead end', async () => {
      await loginAs('admin');
      const { el } = await open('email', 'edit');
      await passPassword(el);
      await typeInto(el, 'New email address', 'later@example.com');
      await sendKeys({ press: 'Enter' });
      await seeText(el, 'We sent a 6-digit code');
      advanceTime(61);
      await clickButton(el, 'Resend code');
      await seeText(el, 'A new code was sent');
      // The check (5 minutes) ends before the renewed code does: the server refuses the next one.
      advanceTime(250);
      await waitUntil(() => findButton(el, 'Resend code')?.getAttribute('aria-disabled') === 'false');
      await clickButton(el, 'Resend code');
      await seeText(el, 'Your identity check has expired');
      expect(text(el)).to.include('Step 1 of 3');
      await expect(el).to.be.accessible();
      await typeInto(el, 'Password', SEEDED_PASSWORD);
      await sendKeys({ press: 'Enter' });
      await seeText(el, 'Step 3 of 3');
      await clickButton(el, 'Resend code');
      await seeText(el, 'A new code was sent');
      await confirmLatestCode(el, 'later@example.com');
    });

    it('an expired code: no code boxes, one action — Send a new code, after the identity check', async () => {
      await loginAs('admin');
      const challenge = await pendingEmailChange('expired@example.com');
      const el = await resumed({ ...challenge, expiresAt: new Date(Date.now() - 1000).toISOString() });
      await seeText(el, 'This code can no longer be used.');
      expect(codeFields(el)).to.equal(0);
      expect(findButton(el, 'Resend code')).to.equal(null);
      expect(text(el)).to.not.include('The code is valid for');
      await expect(el).to.be.accessible();
      advanceTime(61); // past the cooldown of the code sent just now (a real expired code is long past it)
      await clickButton(el, 'Send a new code');
      await passPassword(el);
      await seeText(el, 'A new code was sent');
      expect(codeFields(el)).to.equal(1);
      await confirmLatestCode(el, 'expired@example.com');
      expect((await dbUser('admin')).email.value).to.equal('expired@example.com');
    });

    it('“You can resend the code now” is not said while OK is being checked (the result is said next)', async () => {
      await loginAs('operator');
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const client = new ApiClient({
        baseUrl: '/api/v1',
        fetch: async (input, init) => {
          if (String(input).endsWith('/verify')) await gate;
          return fetch(input, init);
        },
      });
      const { el } = await open('mobile', 'verify', { client });
      await clickButton(el, 'Send code');
      await seeText(el, 'Resend code in');
      await focused(control(el, 'Verification code'));
      await sendKeys({ type: await latestCode('+8613900001111') });
      await sendKeys({ press: 'Enter' });
      await seeText(el, 'Checking…');
      advanceTime(61);
      await waitUntil(() => !text(el).includes('Resend code in'), 'the countdown did not end');
      const spoken = () => [...root(el).querySelectorAll('[role="status"]')].map((n) => n.textContent).join(' ');
      expect(spoken()).to.not.include('You can resend the code now');
      release();
      await waitUntil(() => !el.open, 'the dialog did not close after OK');
    });

    it('a step-up code cannot be resumed: a clear error, the dialog stays closed', async () => {
      const el = await fixture<ContactVerifyDialog>(html`<contact-verify-dialog endpoint="/api/v1"></contact-verify-dialog>`);
      const challenge: Challenge = {
        id: 'x',
        kind: 'email',
        purpose: 'step-up',
        destination: 'a***n@example.com',
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
        resendAvailableAt: new Date().toISOString(),
        attemptsRemaining: 5,
        codeLength: 6,
      };
      let error: unknown = null;
      await el.resume(challenge).catch((e: unknown) => {
        error = e;
      });
      expect(error).to.be.instanceOf(TypeError);
      expect(el.open).to.equal(false);
    });
  });

  describe('open and close', () => {
    it('Escape and the close button cancel; a cancelled hide keeps it open; focus returns', async () => {
      await loginAs('admin');
      const { el, opener } = await open('email', 'edit');
      const events = recordEvents(el, 'contact-verify-hide', 'contact-verify-after-hide');
      await seeText(el, 'Password');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !el.open);
      await focused(opener);
      expect((events[0] as CustomEvent).detail).to.deep.equal({
        kind: 'email',
        mode: 'edit',
        source: 'escape',
      });
      expect((events[1] as CustomEvent).detail).to.deep.equal({
        kind: 'email',
        mode: 'edit',
        confirmed: false,
      });

      await clickOn(opener);
      await waitUntil(() => el.open);
      // Let the step render first: the modal is centred, so its close button moves as content arrives.
      await seeText(el, 'Password');
      const keep = (e: Event) => e.preventDefault();
      el.addEventListener('contact-verify-hide', keep);
      await clickButton(el, 'Close');
      await el.updateComplete;
      expect(el.open).to.equal(true);
      el.removeEventListener('contact-verify-hide', keep);
      await clickButton(el, 'Close');
      await waitUntil(() => !el.open);
      await focused(opener);
    });

    it('a cancelled show stays closed; a cancelled send sends nothing', async () => {
      await loginAs('operator');
      const { client, calls } = spyClient();
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <contact-verify-dialog kind="mobile" mode="verify" .client=${client}></contact-verify-dialog>
      </div>`);
      const el = wrapper.querySelector('contact-verify-dialog')!;
      el.addEventListener('contact-verify-show', (e) => e.preventDefault(), { once: true });
      await el.show();
      expect(el.open).to.equal(false);
      await el.show();
      expect(el.open).to.equal(true);
      el.addEventListener('contact-verify-send', (e) => e.preventDefault());
      await seeText(el, 'Send code');
      await clickButton(el, 'Send code');
      await el.updateComplete;
      expect(sends(calls)).to.have.length(0);
    });
  });

  describe('languages and direction', () => {
    it('takes string overrides from the host', async () => {
      await loginAs('admin');
      const { el } = await open('email', 'edit');
      el.strings = {
        'contact-verify.action.next': 'Continue',
        'contact-verify.identity.password': 'Console password',
      };
      await seeText(el, 'Console password');
      expect(findButton(el, 'Continue')).to.not.equal(null);
      expect(control(el, 'Console password').type).to.equal('password');
    });

    it('zh-CN renders no English', async () => {
      await loginAs('admin');
      const { el } = await open('mobile', 'edit', { locale: 'zh-CN' });
      const english = [...Object.values(en), ...Object.values(sharedEn)].filter((s) => /[a-z]{4,}/i.test(s));
      const check = () => {
        const visible = text(el);
        const attrs = [...root(el).querySelectorAll('[aria-label], [title], [placeholder]')]
          .flatMap((n) => ['aria-label', 'title', 'placeholder'].map((a) => n.getAttribute(a) ?? ''))
          .join(' ');
        const all = `${visible} ${attrs}`;
        expect(all, all).to.not.match(/[A-Za-z]{3,}/);
        for (const s of english) expect(all).to.not.include(s);
      };
      await seeText(el, '修改手机号码');
      check();
      await expect(el).to.be.accessible();
      await typeInto(el, '密码', SEEDED_PASSWORD);
      await sendKeys({ press: 'Enter' });
      await seeText(el, '新手机号码');
      await waitUntil(() => findButton(el, '国家/地区：中国（+86）') !== null);
      await typeAndEnter('123');
      await seeText(el, '对于中国，此号码太短。');
      check();
      await expect(el).to.be.accessible();
    });

    it('keeps code digits left to right in a right-to-left page', async () => {
      await loginAs('operator');
      const { el } = await open('mobile', 'verify', { dir: 'rtl' });
      await clickButton(el, 'Send code');
      await seeText(el, 'We sent a 6-digit code');
      const input = control(el, 'Verification code');
      expect(getComputedStyle(root(el).querySelector('.base')!).direction).to.equal('rtl');
      expect(getComputedStyle(input).direction).to.equal('ltr');
      await sendKeys({ type: '12' });
      const boxes = [...root(el).querySelectorAll('.code__box')] as HTMLElement[];
      expect(boxes[0]!.getBoundingClientRect().left).to.be.lessThan(boxes[1]!.getBoundingClientRect().left);
      expect(boxes[0]!.textContent).to.equal('1');
      await expect(el).to.be.accessible();
    });
  });
});

// ---- issue #15: what screen readers hear and how the steps fit a narrow dialog ---------------------

interface AxNode {
  role?: string;
  name?: string;
  children?: AxNode[];
}

function find(node: AxNode, test: (n: AxNode) => boolean): AxNode | undefined {
  if (test(node)) return node;
  for (const child of node.children ?? []) {
    const found = find(child, test);
    if (found) return found;
  }
  return undefined;
}

/** The texts of a subtree of the accessibility tree, in reading order. */
function texts(node: AxNode, out: string[] = []): string[] {
  if (node.role === 'StaticText' && node.name) out.push(clean(node.name));
  for (const child of node.children ?? []) texts(child, out);
  return out;
}

function roles(node: AxNode, out: string[] = []): string[] {
  if (node.role) out.push(node.role);
  for (const child of node.children ?? []) roles(child, out);
  return out;
}

/** Each word of the visible text under `node` sits on one line (no word broken across lines). */
function brokenWords(node: Node): string[] {
  const broken: string[] = [];
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    if (!t.parentElement?.checkVisibility()) continue;
    const box = t.parentElement.getBoundingClientRect();
    if (box.width <= 1 && box.height <= 1) continue; // screen-reader text
    for (const match of t.data.matchAll(/\S+/g)) {
      const range = document.createRange();
      range.setStart(t, match.index);
      range.setEnd(t, match.index + match[0].length);
      const tops = new Set(
        [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
      );
      if (tops.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}

/** The progress of the edit flow: the count and the list named “Progress” (en) / “进度” (zh-CN). */
function stepsOf(el: ContactVerifyDialog): HTMLElement | null {
  return (
    root(el).querySelector<HTMLElement>('ol[aria-label="Progress"], ol[aria-label="进度"]')?.parentElement ??
    null
  );
}

describe('<contact-verify-dialog> for screen readers and small screens', function () {
  this.timeout(30_000);
  useMockApi();

  restoreViewportAfterEach();

  it('adds no landmarks, and says which steps are completed', async () => {
    await loginAs('admin');
    const { el } = await open('mobile', 'edit');
    await typeInto(el, 'Password', SEEDED_PASSWORD);
    await sendKeys({ press: 'Enter' });
    await seeText(el, 'New mobile number');
    const snapshot = (await a11ySnapshot({})) as unknown as AxNode;
    const found = roles(snapshot);
    expect(found).to.include('dialog');
    for (const landmark of ['banner', 'contentinfo', 'navigation', 'region', 'complementary']) {
      expect(found, `no ${landmark} landmark`).to.not.include(landmark);
    }
    // What the accessibility tree holds, in reading order: the count, then each step, the done one said so.
    const dialog = find(snapshot, (n) => n.role === 'dialog')!;
    const said = texts(dialog);
    const at = said.indexOf('Step 2 of 3');
    expect(said.slice(at, at + 4), said.join(' | ')).to.deep.equal([
      'Step 2 of 3',
      'Verify identity, completed',
      'New number',
      'Enter code',
    ]);
    const steps = [...root(el).querySelectorAll<HTMLElement>('ol[aria-label="Progress"] > li')];
    expect(steps[1]!.getAttribute('aria-current')).to.equal('step');
    await expect(el).to.be.accessible();
  });

  for (const [locale, count, label] of [
    ['en', 'Step 1 of 3: Verify identity', 'Password'],
    ['zh-CN', '第 1 步，共 3 步：验证身份', '密码'],
  ] as const) {
    it(`at 320 CSS px the step labels never break inside a word (${locale})`, async () => {
      await setViewport({ width: 320, height: 720 });
      await loginAs('admin');
      const { el } = await open('mobile', 'edit', { locale });
      await waitUntil(() => stepsOf(el) !== null, 'no steps', { timeout: 5000 });
      await waitUntil(
        () => [...root(el).querySelectorAll('label')].some((l) => clean(l.textContent ?? '') === label),
        `no ${label}`,
        { timeout: 5000 },
      );
      const steps = stepsOf(el)!;
      // The dialog fits the screen, and nothing in the steps breaks a word.
      const panel = root(el).querySelector('[part~="base"]')!.getBoundingClientRect();
      expect(panel.left).to.be.at.least(0);
      expect(panel.right).to.be.at.most(320);
      expect(brokenWords(steps)).to.deep.equal([]);
      // The labels step aside; the count names the current step instead.
      expect(shownText(steps)).to.equal(`${count} 1 2 3`);
      await expect(el).to.be.accessible();
    });
  }

  it('shows the step labels, each word whole, where the dialog has room', async () => {
    await setViewport({ width: 1024, height: 720 });
    await loginAs('admin');
    const { el } = await open('mobile', 'edit');
    await waitUntil(() => stepsOf(el) !== null, 'no steps', { timeout: 5000 });
    const steps = stepsOf(el)!;
    expect(shownText(steps)).to.equal('Step 1 of 3 1 Verify identity 2 New number 3 Enter code');
    expect(brokenWords(steps)).to.deep.equal([]);
  });

  it('joins Chinese sentences without an ASCII space', async () => {
    await loginAs('admin');
    const { el } = await open('mobile', 'edit', { locale: 'zh-CN' });
    await typeInto(el, '密码', 'not-the-password');
    await sendKeys({ press: 'Enter' });
    const error = await waitUntil(() => root(el).querySelector('[role="alert"]'), 'no error', {
      timeout: 5000,
    }).then(() => root(el).querySelector<HTMLElement>('[role="alert"]')!);
    const message = (error.textContent ?? '').trim();
    expect(message).to.match(/^密码不正确。\S/);
    expect(message).to.not.match(/[\u3000-\u303f\uff00-\uffef] /);
    await expect(el).to.be.accessible();
  });

  it('formats the dial codes of the region list with Intl.NumberFormat for the locale', async () => {
    await loginAs('admin');
    const { el } = await open('mobile', 'edit', { locale: 'ar' });
    await waitUntil(() => root(el).querySelector('input[type="password"]') !== null, 'no password', {
      timeout: 5000,
    });
    root(el).querySelector<HTMLInputElement>('input[type="password"]')!.focus();
    await typeAndEnter(SEEDED_PASSWORD);
    const region = await waitUntil(() => root(el).querySelector('#region-button'), 'no region button', {
      timeout: 8000,
    }).then(() => root(el).querySelector<HTMLButtonElement>('#region-button')!);
    const arabic = (n: number) => new Intl.NumberFormat('ar', { useGrouping: false }).format(n);
    await waitUntil(
      () => region.textContent?.includes(`+${arabic(86)}`),
      `the dial code in Arabic digits: ${region.textContent}`,
    );
    await clickOn(region);
    const options = await waitUntil(
      () => root(el).querySelectorAll('[role="option"]').length > 0,
      'no list',
    ).then(() => [...root(el).querySelectorAll('[role="option"]')]);
    const uk = options.find((o) => o.id.endsWith('-GB'))!;
    expect(clean(uk.textContent ?? '')).to.include(`+${arabic(44)}`);
  });
});
