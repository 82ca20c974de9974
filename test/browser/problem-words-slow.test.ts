/**
 * `<contact-verify-dialog>` fetches the shared problem words as a lazy chunk when it connects. While
 * that fetch is on its way (a slow network), nothing waits for it: the dialog opens with focus in its
 * first field, and `updateComplete` resolves once the words are in. (A page of its own: a page keeps
 * a module it has loaded, or failed to load, for its life — see problem-words-load-failure.test.ts.)
 */
import '../../components/contact-verify-dialog/define.js';
import type { ContactVerifyDialog } from '../../components/contact-verify-dialog/contact-verify-dialog.js';
import { expect, waitUntil } from '../helpers/fixtures.js';
import { delay, passthrough } from 'msw';
import { answerModule, loginAs, useMockApi } from '../helpers/mock-api.js';

const text = (el: ContactVerifyDialog) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('the problem words are slow to arrive', () => {
  useMockApi();

  it('while they are on their way, the dialog opens with focus in its first field', async () => {
    await loginAs('admin');
    let release = () => {};
    const arrived = new Promise<void>((resolve) => {
      release = resolve;
    });
    await answerModule(/\/components\/shared\/problem-words\./, async () => {
      await Promise.race([arrived, delay(10_000)]);
      return passthrough();
    });
    // Not open-wc's fixture(): it awaits updateComplete, which waits for the words (as for a zh-CN catalog).
    const el = document.createElement('contact-verify-dialog');
    Object.assign(el, { kind: 'email', mode: 'edit', endpoint: '/api/v1' });
    document.body.append(el);
    after(() => el.remove());
    await el.show();
    await waitUntil(
      () => el.shadowRoot!.activeElement?.getAttribute('type') === 'password',
      'focus did not reach the password field while the words were loading',
      { timeout: 4000 },
    );
    let complete = false;
    const done = el.updateComplete.then(() => {
      complete = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(complete, 'updateComplete waits for the words').to.equal(false);
    release();
    await done;
    expect(text(el)).to.not.match(/problem\.|contact-verify\./);
  });
});
