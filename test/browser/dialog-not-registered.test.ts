/**
 * `all.ts` and `react.ts` register the form without its lazy `import()` of the dialog (they define the
 * dialog up front: one file for the page instead of a chunk the page already has), and so does a host
 * that registers the classes itself. If such a page has no `<contact-verify-dialog>` after all, Edit
 * says so on the row and the console names the missing registration, instead of doing nothing.
 *
 * This page registers the classes itself, as a host using the side-effect-free entry does, and
 * leaves the dialog out.
 */
import { PersonalInfoForm } from '../../components/index.js';
import '../../components/session-limit-field/define.js';
import { allowConsole, clickOn, expect, fixture, html, waitUntil } from '../helpers/fixtures.js';
import { loginAs, useMockApi } from '../helpers/mock-api.js';

describe('a page that registers the form but not the dialog', () => {
  useMockApi();

  before(() => customElements.define('personal-info-form', PersonalInfoForm));

  it('Edit says it cannot open, and the console says what is missing', async () => {
    await loginAs('admin');
    const el = await fixture<PersonalInfoForm>(
      html`<personal-info-form endpoint="/api/v1"></personal-info-form>`,
    );
    await waitUntil(() => el.personalInfo !== null, 'the form shows its data', { timeout: 8000 });
    const warned = allowConsole('could not load <contact-verify-dialog>', 'warn');
    const edit = el.shadowRoot!.querySelector<HTMLButtonElement>('#email-edit')!;
    await clickOn(edit);
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]') !== null, 'no message on the row');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('could not be opened');
    expect(warned(), 'the console names the cause').to.equal(1);
    expect(customElements.get('contact-verify-dialog'), 'nothing defined it').to.equal(undefined);
    expect(el.shadowRoot!.activeElement, 'focus stays on Edit').to.equal(edit);
    await expect(el).to.be.accessible();
  });
});
