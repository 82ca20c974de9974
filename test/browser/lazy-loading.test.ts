/**
 * Issue #6 size budget, proven in the browser: a page showing <personal-info-form> fetches neither
 * <contact-verify-dialog>, nor libphonenumber-js (the phone metadata), nor a zh-CN catalog until the user
 * needs them — the dialog on the first Edit, the metadata when the new-number step opens, a catalog when
 * its locale is used — nor the version-conflict summary before a conflict, nor zod at all (responses
 * are checked with checkers compiled from the contract). Watched with a PerformanceObserver on resource timing (the dev server serves every
 * module as its own file, so every module fetched shows up by path).
 *
 * Nothing of the library is imported statically here: the form is imported inside the test, after the
 * observer is listening.
 */
import type { ApiClient } from '../../components/api/client.js';
import type { PersonalInfo } from '../../components/api/contract/index.js';
import type { PersonalInfoForm } from '../../components/personal-info-form/personal-info-form.js';
import { clickOn, expect, fixture, html, sendKeys, waitUntil } from '../helpers/fixtures.js';

const fetched: string[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) fetched.push(entry.name);
}).observe({ type: 'resource', buffered: true });

const DIALOG = /\/components\/contact-verify-dialog\//;
const PHONE_METADATA = /libphonenumber-js/;
/** Our zh-CN catalogs. */
const ZH_CN = /\/components\/.*\/locales\/zh-CN\./;
/** What changed after a version conflict: loaded on the first 412 only. */
const CHANGES = /\/components\/personal-info-form\/(changes|locales\/en-changes)\./;
/** What the form says about a failure: fetched after its first paint, on idle or first pointer/focus. */
const PROBLEM_WORDS = /\/components\/(personal-info-form\/errors|shared\/(describe-problem|locales\/en))\./;
/** Shared modules only the dialog uses (the contract's email rules, its problem wording): they come with it. */
const DIALOG_ONLY = /\/components\/(api\/contract\/email|shared\/problem-messages)\./;
/** The page checks responses with checkers compiled from the contract: zod is never fetched. */
const ZOD = /\/zod\//;

/** Module URLs fetched so far that match `pattern` (paths only, for readable failures). */
function fetchedMatching(pattern: RegExp): string[] {
  return fetched.filter((url) => pattern.test(new URL(url).pathname)).map((url) => new URL(url).pathname);
}

const INFO: PersonalInfo = {
  version: '3',
  user: { username: 'admin', displayName: 'Administrator', type: 'local' },
  mobile: { kind: 'mobile', masked: '+86 138****5678', verified: true, pending: null },
  email: { kind: 'email', masked: 'a***n@example.com', verified: true, pending: null },
  stepUpMethods: [{ type: 'password' }],
  autoLogout: { minutes: 30, options: [5, 10, 15, 30, 60], editable: true, lockedReason: null },
  sessionLimit: null,
  welcomeMessage: '',
};

/**
 * What the stub answers to the next PATCHes of personal info, in order: `ok` takes the change (new
 * version), `fail` answers 503 storage-unavailable.
 */
const patchAnswers: ('ok' | 'fail')[] = [];

/**
 * A client whose fetch answers from memory: the personal info, a step-up for any password, and a
 * PATCH of personal info as `patchAnswers` says.
 */
async function stubClient(): Promise<ApiClient> {
  const { ApiClient } = await import('../../components/api/client.js');
  const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', ...headers },
    });
  return new ApiClient({
    baseUrl: '/api/v1',
    fetch: async (input, init) => {
      const path = new URL(String(input), location.href).pathname;
      const method = init?.method ?? 'GET';
      if (method === 'GET' && path === '/api/v1/me/personal-info') return json(INFO, 200, { ETag: '"3"' });
      if (method === 'PATCH' && path === '/api/v1/me/personal-info') {
        if (patchAnswers.shift() === 'fail') {
          return new Response(
            JSON.stringify({
              type: 'about:blank',
              title: 'Storage unavailable',
              status: 503,
              code: 'storage-unavailable',
              detail: 'The change could not be saved. Nothing was changed; try again.',
            }),
            { status: 503, headers: { 'Content-Type': 'application/problem+json' } },
          );
        }
        const patch = JSON.parse(String(init?.body)) as Partial<PersonalInfo> & {
          autoLogoutMinutes?: number;
        };
        const minutes = patch.autoLogoutMinutes ?? INFO.autoLogout.minutes;
        return json({ ...INFO, version: '4', autoLogout: { ...INFO.autoLogout, minutes } }, 200, {
          ETag: '"4"',
        });
      }
      if (method === 'POST' && path === '/api/v1/me/identity-verifications') {
        return json(
          { stepUpToken: 'step-up-token', expiresAt: new Date(Date.now() + 300_000).toISOString() },
          201,
        );
      }
      return new Response(
        JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, code: 'not-found' }),
        { status: 404, headers: { 'Content-Type': 'application/problem+json' } },
      );
    },
  });
}

function textOf(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

async function showForm(locale?: string): Promise<PersonalInfoForm> {
  await import('../../components/personal-info-form/define.js');
  const client = await stubClient();
  const el = await fixture<PersonalInfoForm>(
    html`<personal-info-form .client=${client} locale=${locale ?? 'en'}></personal-info-form>`,
  );
  await waitUntil(() => el.personalInfo !== null, 'the form shows its data', { timeout: 8000 });
  await el.updateComplete;
  return el;
}

/** The Edit button of a contact row (by its row label). */
function editButton(el: PersonalInfoForm, rowLabel: string): HTMLButtonElement {
  const row = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="row"]')].find(
    (r) => textOf(r.querySelector('[part~="label"]')) === rowLabel,
  );
  // Its accessible name is "Edit" plus the contact, for screen readers.
  const button = row && [...row.querySelectorAll('button')].find((b) => textOf(b).startsWith('Edit'));
  if (!button) throw new Error(`No Edit button in the "${rowLabel}" row`);
  return button;
}

describe('lazy loading: what a page with <personal-info-form> fetches, and when', () => {
  it('fetches the dialog on the first Edit and the phone metadata at the new-number step, not before', async () => {
    const el = await showForm();
    expect(fetchedMatching(/\/components\/personal-info-form\//), 'the observer sees module fetches').to.not
      .be.empty;
    expect(fetchedMatching(DIALOG), 'dialog before any interaction').to.deep.equal([]);
    expect(fetchedMatching(DIALOG_ONLY), "the dialog's shared modules before any interaction").to.deep.equal(
      [],
    );
    expect(fetchedMatching(PHONE_METADATA), 'phone metadata before any interaction').to.deep.equal([]);
    expect(fetchedMatching(ZH_CN), 'zh-CN catalogs in an English page').to.deep.equal([]);
    expect(fetchedMatching(CHANGES), 'the version-conflict summary without a conflict').to.deep.equal([]);
    expect(fetchedMatching(ZOD), 'zod (responses are checked without it)').to.deep.equal([]);

    // First Edit (email): the dialog arrives; an email change never needs the phone metadata.
    await clickOn(editButton(el, 'Associate Email Address'));
    // The dialog's modules are transformed on first request by the dev server: up to seconds on a busy machine.
    await waitUntil(
      () => customElements.get('contact-verify-dialog') !== undefined,
      'the dialog is defined',
      {
        timeout: 8000,
      },
    );
    expect(fetchedMatching(DIALOG)).to.not.be.empty;
    expect(fetchedMatching(DIALOG_ONLY), "the dialog's shared modules").to.not.be.empty;
    const dialog = el.shadowRoot!.querySelector('contact-verify-dialog')!;
    await waitUntil(() => textOf(dialog.shadowRoot).includes('Password'), 'the identity step shows');
    expect(fetchedMatching(PHONE_METADATA), 'phone metadata for an email change').to.deep.equal([]);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.shadowRoot!.querySelector('dialog')?.open, 'the dialog closes');

    // Edit mobile: the identity step still needs no metadata; the new-number step loads it.
    await clickOn(editButton(el, 'Associate Mobile Number'));
    await waitUntil(() => textOf(dialog.shadowRoot).includes('Password'), 'the identity step shows');
    expect(fetchedMatching(PHONE_METADATA), 'phone metadata at the identity step').to.deep.equal([]);
    const password = [...dialog.shadowRoot!.querySelectorAll('input')].find((i) => i.type === 'password')!;
    password.focus();
    await sendKeys({ type: 'Passw0rd!' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => fetchedMatching(PHONE_METADATA).length > 0,
      'the phone metadata loads at the new-number step',
      {
        timeout: 8000,
      },
    );
    expect(fetchedMatching(ZH_CN), 'zh-CN catalogs in an English page').to.deep.equal([]);
    await sendKeys({ press: 'Escape' });
  }).timeout(30_000); // several chunks transformed on first request by the dev server: slow on a busy machine

  it('after the page has loaded, the first Save and a failed save need nothing more from the network', async () => {
    // Issue #18: code deferred for size must be in memory before the first action or error, so a page
    // that went offline after loading still saves and still says what went wrong. The stub API answers
    // from memory; any module fetched from here on would be a fetch an offline page could not make.
    const el = await showForm();
    await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 }));
    // Loaded: no new module for half a second (an earlier test's late chunks would count otherwise).
    for (let seen = -1; seen !== fetched.length; ) {
      seen = fetched.length;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // The words for a failure are not in the first paint; they were preloaded when the page went idle.
    expect(fetchedMatching(PROBLEM_WORDS), 'problem words preloaded on idle').to.not.be.empty;
    const before = fetched.length;
    const root = el.shadowRoot!;
    const select = root.querySelector<HTMLSelectElement>('#auto-logout')!;
    const save = root.querySelector<HTMLButtonElement>('#auto-logout-save')!;

    patchAnswers.push('ok', 'fail');
    select.focus();
    select.value = '60';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    await clickOn(save);
    await waitUntil(() => textOf(root).includes('Saved.'), 'the first save is confirmed');

    select.value = '15';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    await clickOn(save);
    await waitUntil(
      () => textOf(root.querySelector('#auto-logout-error')).length > 0,
      'the failed save says what went wrong',
    );
    expect(textOf(root.querySelector('#auto-logout-error'))).to.match(/could not be saved|try again/i);
    // The phone metadata the first test asked for can still be arriving module by module on a busy machine
    // (the dev server transforms each on first request): a save never needs it, so it is not counted.
    const after = fetched
      .slice(before)
      .map((url) => new URL(url).pathname)
      .filter((path) => !PHONE_METADATA.test(path));
    expect(after, 'modules fetched after the page loaded').to.deep.equal([]);
  });

  it('fetches the zh-CN catalogs only when a form shows in zh-CN', async () => {
    expect(fetchedMatching(ZH_CN), 'before').to.deep.equal([]);
    const el = await showForm('zh-CN');
    await waitUntil(() => fetchedMatching(ZH_CN).length > 0, 'zh-CN catalogs load');
    await waitUntil(() => /[\u4e00-\u9fff]/.test(textOf(el.shadowRoot)), 'the form speaks Chinese');
  });
});
