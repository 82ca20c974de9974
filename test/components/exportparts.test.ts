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
  const el = await fixture<PersonalInfoForm>(
    html`<personal-info-form endpoint="/api/v1"></personal-info-form>`,
  );
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

/**
 * Every part in `nested`'s shadow root is styleable from the page as
 * `personal-info-form::part(<prefix><part>)` (the form re-exports it): a host rule naming all of them
 * reaches each node that has a part. Returns the part names found.
 */
async function expectEveryPartExported(nested: Element, prefix: string): Promise<Set<string>> {
  const parts = [...nested.shadowRoot!.querySelectorAll('[part]')];
  const partNames = new Set(parts.flatMap((node) => [...node.part]));
  const removeStyle = hostStyle(
    [...partNames].map((name) => `personal-info-form::part(${prefix}${name})`).join(', ') +
      ' { outline-offset: 7px; }',
  );
  try {
    const unstyled = parts
      .filter((node) => getComputedStyle(node).outlineOffset !== '7px')
      .map((node) => node.getAttribute('part'));
    expect(unstyled, 'parts not reachable from the host').to.deep.equal([]);
  } finally {
    removeStyle();
  }
  return partNames;
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
    const partNames = await expectEveryPartExported(field, 'session-limit-');
    expect(partNames.size).to.be.greaterThan(5);
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
    const partNames = await expectEveryPartExported(dialog, 'contact-verify-');
    expect([...partNames]).to.include.members(['dialog', 'base', 'title', 'input', 'button--primary']);
    await expect(el).to.be.accessible();
  });
});
