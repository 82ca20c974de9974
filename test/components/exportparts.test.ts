/**
 * `exportparts`: the parts of the elements `<personal-info-form>` renders inside itself are styled
 * from the host page through the form, under the documented `session-limit-*` and `contact-verify-*`
 * names (listed on the form in custom-elements.json). Host CSS sets a property on each exported part; the test reads the
 * computed style of the element inside the nested shadow root.
 */
import '../../components/personal-info-form/define.js';
import type { PersonalInfoForm } from '../../components/personal-info-form/personal-info-form.js';
import { expect, fixture, html, waitUntil } from '../helpers/fixtures.js';
import { loginAs, useMockApi } from '../helpers/mock-api.js';

async function loadedForm(): Promise<PersonalInfoForm> {
  const el = await fixture<PersonalInfoForm>(html`<personal-info-form endpoint="/api/v1"></personal-info-form>`);
  await waitUntil(() => el.personalInfo !== null, 'the personal info did not load', { timeout: 8000 });
  await el.updateComplete;
  return el;
}

/** A host stylesheet for this test only. */
function hostStyle(css: string): () => void {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  return () => style.remove();
}

describe('exportparts of <personal-info-form>', function () {
  this.timeout(20_000);
  useMockApi();

  it('styles the nested session-limit field from host CSS: personal-info-form::part(session-limit-input)', async () => {
    await loginAs('admin');
    const removeStyle = hostStyle(
      'personal-info-form::part(session-limit-input) { outline-color: rgb(1, 2, 3); }',
    );
    try {
      const el = await loadedForm();
      const field = el.shadowRoot!.querySelector('session-limit-field')!;
      // The number input shows once the limit is on.
      field.shadowRoot!.querySelector<HTMLInputElement>('[part~="checkbox"]')!.click();
      await field.updateComplete;
      const input = field.shadowRoot!.querySelector('[part~="input"]')!;
      expect(getComputedStyle(input).outlineColor).to.equal('rgb(1, 2, 3)');
      await expect(el).to.be.accessible();
    } finally {
      removeStyle();
    }
  });

  it('exports every part of the nested field as session-limit-<part>', async () => {
    await loginAs('admin');
    const el = await loadedForm();
    const field = el.shadowRoot!.querySelector('session-limit-field')!;
    field.shadowRoot!.querySelector<HTMLInputElement>('[part~="checkbox"]')!.click();
    await field.updateComplete;
    const partNames = new Set(
      [...field.shadowRoot!.querySelectorAll('[part]')].flatMap((node) => [...node.part]),
    );
    expect(partNames.size).to.be.greaterThan(5);
    const removeStyle = hostStyle(
      [...partNames].map((name) => `personal-info-form::part(session-limit-${name})`).join(', ') +
        ' { outline-offset: 7px; }',
    );
    try {
      const unstyled = [...field.shadowRoot!.querySelectorAll('[part]')]
        .filter((node) => getComputedStyle(node).outlineOffset !== '7px')
        .map((node) => node.getAttribute('part'));
      expect(unstyled, 'parts not reachable from the host').to.deep.equal([]);
    } finally {
      removeStyle();
    }
  });

  it('exports every part of the dialog it opens as contact-verify-<part>', async () => {
    await loginAs('admin');
    const el = await loadedForm();
    el.shadowRoot!.querySelector<HTMLButtonElement>('#email-edit')!.click();
    await waitUntil(
      () => el.shadowRoot!.querySelector('contact-verify-dialog')?.shadowRoot?.querySelector('dialog[open]'),
      'the dialog did not open',
      { timeout: 8000 },
    );
    const dialog = el.shadowRoot!.querySelector('contact-verify-dialog')!;
    await dialog.updateComplete;
    const partNames = new Set(
      [...dialog.shadowRoot!.querySelectorAll('[part]')].flatMap((node) => [...node.part]),
    );
    expect([...partNames]).to.include.members(['dialog', 'base', 'title', 'input', 'button--primary']);
    const removeStyle = hostStyle(
      [...partNames].map((name) => `personal-info-form::part(contact-verify-${name})`).join(', ') +
        ' { outline-offset: 7px; }',
    );
    try {
      const unstyled = [...dialog.shadowRoot!.querySelectorAll('[part]')]
        .filter((node) => getComputedStyle(node).outlineOffset !== '7px')
        .map((node) => node.getAttribute('part'));
      expect(unstyled, 'parts not reachable from the host').to.deep.equal([]);
      await expect(el).to.be.accessible();
    } finally {
      removeStyle();
    }
  });
});
