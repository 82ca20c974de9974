/**
 * `<contact-verify-dialog>` fetches the shared problem words (how a problem is put into words, and the
 * English problem catalog) as a lazy chunk when it connects, not with its own code (issue #17/#18: the
 * all-three page is one file). When that chunk cannot be fetched — the page went offline, or a deploy
 * replaced the file — a failed request still reads as something the user can act on, in the dialog's
 * own words, and the cause goes to the console.
 *
 * This page's msw worker answers the chunk with a 503 (a handler of this test only), installed before
 * the dialog connects. Nothing here imports the problem words statically.
 */
import '../../components/contact-verify-dialog/define.js';
import type { ContactVerifyDialog } from '../../components/contact-verify-dialog/contact-verify-dialog.js';
import { allowConsole, expect, fixture, html, sendKeys, waitUntil } from '../helpers/fixtures.js';
import { answerModule, loginAs, useMockApi } from '../helpers/mock-api.js';

const text = (el: ContactVerifyDialog) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('the problem words cannot be loaded', () => {
  useMockApi();

  it('a wrong password still says something to act on, under the password', async () => {
    await loginAs('admin');
    await answerModule(/\/components\/shared\/problem-words\./);
    const warned = allowConsole('could not load the problem words', 'warn');
    allowConsole(/Failed to load resource|503/);
    const el = await fixture<ContactVerifyDialog>(
      html`<contact-verify-dialog kind="email" mode="edit" endpoint="/api/v1"></contact-verify-dialog>`,
    );
    await el.show();
    await waitUntil(
      () => el.shadowRoot!.querySelector('input[type="password"]') !== null,
      'no password step',
      {
        timeout: 8000,
      },
    );
    await waitUntil(() => warned() === 1, 'the cause is in the console', { timeout: 8000 });
    const password = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="password"]')!;
    password.focus();
    await sendKeys({ type: 'wrong-password' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(el).includes('Something went wrong'), `no message: ${text(el)}`, {
      timeout: 8000,
    });
    const error = el.shadowRoot!.querySelector('#password-error')!;
    expect(error.textContent).to.contain('Something went wrong. Check your connection, then try again.');
    expect(password.getAttribute('aria-invalid')).to.equal('true');
    expect(text(el), 'no message id shown').to.not.match(/problem\.|contact-verify\./);
    await expect(el).to.be.accessible();
  });

});
