/**
 * Issue #6 hardening, SPEC §2 "Welcome message" (plain text only) and §5: every string the server sends
 * and the elements display — the welcome message (shown and edited), masked contacts and a pending
 * change, the display name, a problem's `detail` and `fieldErrors`, the dialog's destinations, and a
 * standalone <session-limit-field>'s `error` set by a host from a server refusal — carries an
 * XSS corpus through a tampered client. Nothing runs (a payload would set `window.__xss`), no element appears that a benign
 * string does not produce, no `on*` attribute, and the payload is shown as the text it is.
 */
import { ApiClient } from '../../components/api/client.js';
import type { PersonalInfo } from '../../components/api/contract/index.js';
import '../../components/personal-info-form/define.js';
import type { PersonalInfoForm } from '../../components/personal-info-form/personal-info-form.js';
import '../../components/session-limit-field/define.js';
import type { SessionLimitField } from '../../components/session-limit-field/session-limit-field.js';
import {
  accessibleName,
  clickOn,
  expect,
  fixture,
  html,
  nextFrame,
  sendKeys,
  waitUntil,
} from '../helpers/fixtures.js';

declare global {
  interface Window {
    __xss?: string;
  }
}

const CORPUS = [
  '<script>window.__xss="script"</script>',
  '<img src=x onerror="window.__xss=\'img\'">',
  '<svg onload="window.__xss=\'svg\'"></svg>',
  '"><img src=x onerror=window.__xss="attr">',
  "'><svg/onload=window.__xss='quote'>",
  '</textarea><img src=x onerror=window.__xss="textarea">',
  '</title></style></template><img src=x onerror=window.__xss="close">',
  '<iframe srcdoc="<script>parent.__xss=\'iframe\'</script>"></iframe>',
  '<a href="javascript:window.__xss=\'href\'">link</a>',
  'javascript:window.__xss="proto"',
  '<details open ontoggle=window.__xss="toggle">',
  '<input autofocus onfocus=window.__xss="focus">',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss="mxss">',
  '<!--<img src=x onerror=window.__xss="comment">-->',
  '&lt;img src=x onerror=window.__xss="entity"&gt;',
  '{{constructor.constructor("window.__xss=\'template\'")()}}',
  '$' + '{window.__xss="literal"}', // a template-literal probe
  '\u202E<img src=x onerror=window.__xss="bidi">\u202C',
  '<x-\u200Bimg src=x onerror=window.__xss="zero-width">',
];

const BENIGN = 'Plain words only';

/** What the server answers, every displayed string replaced by `s`. */
function info(s: string): PersonalInfo {
  return {
    version: '5',
    user: { username: 'admin', displayName: s, type: 'local' },
    mobile: { kind: 'mobile', masked: s, verified: false, pending: null },
    email: {
      kind: 'email',
      masked: s,
      verified: true,
      pending: { masked: s, expiresAt: new Date(Date.now() + 300_000).toISOString(), challenge: null },
    },
    stepUpMethods: [{ type: 'password' }],
    autoLogout: { minutes: 30, options: [15, 30, 60], editable: true, lockedReason: null },
    sessionLimit: { max: 1, policy: 'deny' },
    welcomeMessage: s,
  };
}

/** A tampered server: GET answers `info(s)`, every PATCH a validation problem whose texts are `s`. */
function tamperedClient(s: string): ApiClient {
  const body = (value: unknown, status: number, type: string, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(value), { status, headers: { 'Content-Type': type, ...headers } });
  return new ApiClient({
    baseUrl: '/api/v1',
    fetch: async (_input, init) => {
      if ((init?.method ?? 'GET') === 'GET') return body(info(s), 200, 'application/json', { ETag: '"5"' });
      return body(
        {
          type: s,
          title: s,
          status: 400,
          code: 'validation-failed',
          detail: s,
          fieldErrors: { autoLogoutMinutes: [s], welcomeMessage: [s], '': [s] },
        },
        400,
        'application/problem+json',
      );
    },
  });
}

/** Every element under the form, through nested shadow roots: tag and attribute names, in order. */
function structure(el: Element): string[] {
  const out: string[] = [];
  const walk = (root: ParentNode) => {
    for (const node of root.querySelectorAll('*')) {
      out.push(`${node.localName}[${[...node.attributes].map((a) => a.name).join(' ')}]`);
      if (node.shadowRoot) walk(node.shadowRoot);
    }
  };
  walk(el.shadowRoot!);
  return out;
}

function handlerAttributes(el: Element): string[] {
  return structure(el).filter((s) => /[[ ]on[a-z]+/.test(s));
}

function textOf(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
}

async function show(s: string): Promise<PersonalInfoForm> {
  const el = await fixture<PersonalInfoForm>(
    html`<personal-info-form .client=${tamperedClient(s)}></personal-info-form>`,
  );
  await waitUntil(() => el.personalInfo !== null, 'the form shows its data', { timeout: 8000 });
  await el.updateComplete;
  return el;
}

function buttonStartingWith(el: PersonalInfoForm, start: string): HTMLButtonElement {
  const found = [...el.shadowRoot!.querySelectorAll('button')].find((b) =>
    accessibleName(b).startsWith(start),
  );
  if (!found) throw new Error(`No button starting "${start}"`);
  return found;
}

/** Show, then: edit the welcome message; change and save the auto-logout (the server refuses with `s`). */
async function exercise(
  s: string,
): Promise<{ el: PersonalInfoForm; shown: string[]; edited: string[]; refused: string[] }> {
  const el = await show(s);
  const shown = structure(el);
  await clickOn(buttonStartingWith(el, 'Edit Welcome Message'));
  await el.updateComplete;
  const textarea = el.shadowRoot!.querySelector('textarea');
  expect(textarea?.value, 'the textarea holds the message as text').to.equal(s);
  const edited = structure(el);
  await sendKeys({ press: 'Escape' });
  const select = el.shadowRoot!.querySelector('select')!;
  select.focus();
  await sendKeys({ press: 'ArrowDown' });
  await el.updateComplete;
  await clickOn(buttonStartingWith(el, 'Save Auto-Logout'));
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="error"]') !== null, 'the refusal shows', {
    timeout: 5000,
  });
  await el.updateComplete;
  await nextFrame();
  return { el, shown, edited, refused: structure(el) };
}

/**
 * The payload did nothing in `host`: no inline handler attribute, nothing ran (an img/svg payload
 * that became markup would have fired its error/load event within two frames), and its start is in
 * the text `shown()` reads.
 */
async function expectInert(host: Element, shown: () => string, payload: string): Promise<void> {
  expect(handlerAttributes(host)).to.deep.equal([]);
  await nextFrame();
  await nextFrame();
  expect(window.__xss, 'a payload ran').to.equal(undefined);
  expect(shown()).to.contain(payload.replace(/\s+/g, ' ').trim().slice(0, 20));
}

describe('XSS: server strings are shown as text, never markup', () => {
  let baseline: { shown: string[]; edited: string[]; refused: string[] };

  before(async () => {
    baseline = await exercise(BENIGN);
  });

  beforeEach(() => {
    delete window.__xss;
  });

  for (const payload of CORPUS) {
    it(`${JSON.stringify(payload).slice(0, 70)}: no script, no new element, shown as text`, async () => {
      const { el, shown, edited, refused } = await exercise(payload);
      expect(shown, 'elements when shown').to.deep.equal(baseline.shown);
      expect(edited, 'elements while editing the welcome message').to.deep.equal(baseline.edited);
      expect(refused, 'elements after a refused save').to.deep.equal(baseline.refused);
      await expectInert(el, () => textOf(el), payload);
    });
  }
});

// ---- the dialog: step-up destinations and a challenge's destination --------------------------------

/** A third-party user (code step-up to `s`), whose step-up challenge answers with destination `s`. */
function tamperedDialogClient(s: string): ApiClient {
  const json = (value: unknown, status: number, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(value), {
      status,
      headers: { 'Content-Type': 'application/json', ...headers },
    });
  const later = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
  return new ApiClient({
    baseUrl: '/api/v1',
    fetch: async (input, init) => {
      const path = new URL(String(input), location.href).pathname;
      if ((init?.method ?? 'GET') === 'GET') {
        const base = info(s);
        return json(
          {
            ...base,
            user: { ...base.user, type: 'third-party' },
            email: { kind: 'email', masked: s, verified: true, pending: null },
            stepUpMethods: [{ type: 'code', channel: 'email', destination: s }],
            autoLogout: { ...base.autoLogout, editable: false, lockedReason: 'third-party' },
          },
          200,
          { ETag: '"5"' },
        );
      }
      if (path.endsWith('/challenges')) {
        return json(
          {
            id: 'c1',
            kind: 'email',
            purpose: 'step-up',
            destination: s,
            expiresAt: later(300),
            resendAvailableAt: later(60),
            attemptsRemaining: 5,
            codeLength: 6,
          },
          201,
        );
      }
      return new Response(JSON.stringify({ type: s, title: s, status: 404, code: 'not-found', detail: s }), {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    },
  });
}

function dialogText(dialog: Element): string {
  return (dialog.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
}

/** Open the dialog on the email row, then send a step-up code: the dialog's structure at each step. */
async function exerciseDialog(
  s: string,
): Promise<{ dialog: Element; identity: string[]; code: string[]; shown: string }> {
  const el = await fixture<PersonalInfoForm>(
    html`<personal-info-form .client=${tamperedDialogClient(s)}></personal-info-form>`,
  );
  await waitUntil(() => el.personalInfo !== null, 'the form shows its data', { timeout: 8000 });
  await el.updateComplete;
  const row = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="row"]')].find(
    (r) => (r.querySelector('[part~="label"]')?.textContent ?? '').trim() === 'Associate Email Address',
  )!;
  const edit = [...row.querySelectorAll('button')].find((b) =>
    (b.textContent ?? '').trim().startsWith('Edit'),
  );
  await clickOn(edit!);
  await waitUntil(
    () => el.shadowRoot!.querySelector('contact-verify-dialog')?.shadowRoot,
    'the dialog opens',
  );
  const dialog = el.shadowRoot!.querySelector('contact-verify-dialog')!;
  await waitUntil(
    () => dialogText(dialog).includes('We will send'),
    `the identity step: ${dialogText(dialog)}`,
  );
  const identity = structure(dialog);
  const shown = dialogText(dialog);
  const send = [...dialog.shadowRoot!.querySelectorAll('button')].find(
    (b) => (b.textContent ?? '').trim() === 'Send code',
  );
  await clickOn(send!);
  await waitUntil(
    () => dialog.shadowRoot!.querySelector('input[autocomplete="one-time-code"]'),
    'the code step',
  );
  await nextFrame();
  const code = structure(dialog);
  await sendKeys({ press: 'Escape' }); // a modal left open would catch the next test's clicks
  return { dialog, identity, code, shown: shown + dialogText(dialog) };
}

describe('XSS: the dialog shows server destinations as text', () => {
  let baseline: { identity: string[]; code: string[] };

  before(async () => {
    baseline = await exerciseDialog(BENIGN);
  });

  beforeEach(() => {
    delete window.__xss;
  });

  for (const payload of CORPUS.slice(0, 8)) {
    it(`${JSON.stringify(payload).slice(0, 70)}: no script, no new element, shown as text`, async () => {
      const { dialog, identity, code, shown } = await exerciseDialog(payload);
      expect(identity, 'elements at the identity step').to.deep.equal(baseline.identity);
      expect(code, 'elements at the code step').to.deep.equal(baseline.code);
      await expectInert(dialog, () => shown, payload);
    });
  }
});

// ---- a standalone <session-limit-field>: a host shows the server's refusal through `error` ---

async function showField(s: string): Promise<{ el: SessionLimitField; structure: string[] }> {
  const el = await fixture<SessionLimitField>(
    html`<session-limit-field default-value="3;deny" error=${s}></session-limit-field>`,
  );
  await el.updateComplete;
  await nextFrame();
  return { el, structure: structure(el) };
}

describe('XSS: <session-limit-field> shows an error message as text', () => {
  let baseline: string[];

  before(async () => {
    baseline = (await showField(BENIGN)).structure;
  });

  beforeEach(() => {
    delete window.__xss;
  });

  for (const payload of CORPUS) {
    it(`${JSON.stringify(payload).slice(0, 70)}: no script, no new element, shown as text`, async () => {
      const { el, structure: shown } = await showField(payload);
      expect(shown, 'elements with the message shown').to.deep.equal(baseline);
      expect(handlerAttributes(el)).to.deep.equal([]);
      expect(el.validity.customError, 'the message makes the field invalid').to.equal(true);
      await nextFrame();
      await nextFrame();
      expect(window.__xss, 'a payload ran').to.equal(undefined);
      expect(textOf(el)).to.contain(payload.replace(/\s+/g, ' ').trim().slice(0, 20));
    });
  }
});
