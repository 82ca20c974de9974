/**
 * The contact dialog is a lazy chunk (`import()` on the first Edit / Verify / Enter code). When that
 * chunk cannot be fetched — the page went offline, or a deploy replaced the file — the row says so
 * (a `role="alert"` under it, asking for a reload: the browser keeps a failed module import for the
 * page's life) instead of the click doing nothing.
 *
 * This page's msw worker answers the dialog's module with a 503 (a handler of this test only). Nothing
 * here imports the dialog statically: this file's page must not have it in memory before the failing
 * click.
 */
import type { PersonalInfoForm } from '../../components/personal-info-form/personal-info-form.js';
import { allowConsole, clickOn, expect, fixture, html, waitUntil } from '../helpers/fixtures.js';
import { answerModule, loginAs, useMockApi } from '../helpers/mock-api.js';

const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

function emailRow(el: PersonalInfoForm): HTMLElement {
  const row = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="row"]')].find(
    (r) => text(r.querySelector('[part~="label"]')) === 'Associate Email Address',
  );
  if (!row) throw new Error('no email row');
  return row;
}

describe('the contact dialog cannot be loaded', () => {
  useMockApi();

  it('the row says why and what to do, and nothing else changes', async () => {
    await loginAs('admin');
    await import('../../components/personal-info-form/define.js');
    const el = await fixture<PersonalInfoForm>(
      html`<personal-info-form endpoint="/api/v1"></personal-info-form>`,
    );
    await waitUntil(() => el.personalInfo !== null, 'the form shows its data', { timeout: 8000 });
    const edit = () => emailRow(el).querySelector<HTMLButtonElement>('#email-edit')!;

    await answerModule(/\/components\/contact-verify-dialog\/define\./);
    const warned = allowConsole('could not load <contact-verify-dialog>', 'warn');
    allowConsole(/Failed to load resource|503/);
    await clickOn(edit());
    // The refused fetch, then the row's re-render: more than waitUntil's default second on a busy machine.
    await waitUntil(() => emailRow(el).querySelector('[role="alert"]') !== null, 'no message on the row', {
      timeout: 8000,
    });
    const alert = emailRow(el).querySelector('[role="alert"]')!;
    expect(text(alert)).to.equal('This could not be opened. Check your connection, then reload the page.');
    expect(warned(), 'the cause is in the console').to.equal(1);
    expect(customElements.get('contact-verify-dialog'), 'the dialog is not defined').to.equal(undefined);
    expect(el.shadowRoot!.querySelector('contact-verify-dialog'), 'no dialog element').to.equal(null);
    expect(el.shadowRoot!.activeElement, 'focus stays on Edit').to.equal(edit());
    await expect(el).to.be.accessible();
  });
});
