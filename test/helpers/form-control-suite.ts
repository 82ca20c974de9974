/**
 * A reusable suite proving a custom element behaves like a native form control: FormData under its
 * `name`, form reset, `disabled` (own and by a `<fieldset>`), validity and `setCustomValidity`,
 * `form="id"` association, submit blocked while invalid — and none of it firing `input`/`change`.
 *
 * ```ts
 * formControlSuite({ tag: 'session-limit-field', defaultFormValue: 'unlimited', … });
 * ```
 */
import { expect, fixture, recordEvents } from './fixtures.js';

/** What the suite uses: the form-control surface of a native `<input>` (and Lit's `updateComplete`). */
export type FormControlElement = HTMLElement &
  Pick<
    HTMLInputElement,
    | 'name'
    | 'disabled'
    | 'form'
    | 'validity'
    | 'validationMessage'
    | 'willValidate'
    | 'checkValidity'
    | 'reportValidity'
    | 'setCustomValidity'
  > & { readonly updateComplete?: Promise<unknown> };

export interface FormControlSuiteOptions<E extends FormControlElement> {
  /** The element's tag (must be defined before the suite runs). */
  tag: string;
  /** Extra attributes for every instance (`default-value="3"`, …), as markup. */
  attributes?: string;
  /** The FormData entry of a fresh instance. */
  defaultFormValue: string;
  /** Change the value programmatically to a valid non-default one. */
  setValue: (el: E) => void | Promise<void>;
  /** The FormData entry after `setValue`. */
  changedFormValue: string;
  /** Change the value the way a user would (real keyboard/mouse). */
  changeByUser: (el: E) => Promise<void>;
  /** Put the element in an invalid state (programmatically is fine). */
  makeInvalid: (el: E) => void | Promise<void>;
  /** The `ValidityState` flag `makeInvalid` sets. */
  invalidFlag: keyof ValidityStateFlags;
}

async function settle(el: FormControlElement) {
  await el.updateComplete;
}

function entries(form: HTMLFormElement, name: string): FormDataEntryValue[] {
  return new FormData(form).getAll(name);
}

/** Registers a `describe('form control: <tag>')` block with the standard form-control behaviours. */
export function formControlSuite<E extends FormControlElement>(options: FormControlSuiteOptions<E>): void {
  const { tag } = options;
  const attrs = options.attributes ?? '';

  async function inForm(extra = ''): Promise<{ form: HTMLFormElement; el: E }> {
    const form = await fixture<HTMLFormElement>(
      `<form><${tag} name="field" ${attrs} ${extra}></${tag}></form>`,
    );
    const el = form.querySelector(tag) as E;
    await settle(el);
    return { form, el };
  }

  describe(`form control: <${tag}>`, () => {
    it('is form-associated: its form, FormData under its name', async () => {
      const { form, el } = await inForm();
      expect((el.constructor as { formAssociated?: boolean }).formAssociated).to.equal(true);
      expect(el.form).to.equal(form);
      expect(entries(form, 'field')).to.deep.equal([options.defaultFormValue]);
    });

    it('submits nothing without a name', async () => {
      const form = await fixture<HTMLFormElement>(`<form><${tag} ${attrs}></${tag}></form>`);
      await settle(form.querySelector(tag) as E);
      expect([...new FormData(form).keys()]).to.deep.equal([]);
    });

    it('updates FormData on a programmatic change, without input/change events', async () => {
      const { form, el } = await inForm();
      const events = recordEvents(el, 'input', 'change');
      await options.setValue(el);
      await settle(el);
      expect(entries(form, 'field')).to.deep.equal([options.changedFormValue]);
      expect(events.map((e) => e.type)).to.deep.equal([]);
    });

    it('goes back to its default on form reset, without input/change events', async () => {
      const { form, el } = await inForm();
      await options.changeByUser(el);
      expect(entries(form, 'field')).not.to.deep.equal([options.defaultFormValue]);
      const events = recordEvents(el, 'input', 'change');
      form.reset();
      await settle(el);
      expect(entries(form, 'field')).to.deep.equal([options.defaultFormValue]);
      expect(events.map((e) => e.type)).to.deep.equal([]);
    });

    it('is neither submitted nor validated when disabled', async () => {
      const { form, el } = await inForm('disabled');
      await options.makeInvalid(el);
      await settle(el);
      expect(el.matches(':disabled')).to.equal(true);
      expect(el.willValidate).to.equal(false);
      expect(el.checkValidity()).to.equal(true);
      expect(form.checkValidity()).to.equal(true);
      expect(entries(form, 'field')).to.deep.equal([]);
      el.disabled = false;
      await settle(el);
      expect(el.matches(':disabled')).to.equal(false);
      expect(el.willValidate).to.equal(true);
      expect(el.checkValidity()).to.equal(false);
    });

    it('is disabled by a disabled fieldset, and enabled again with it', async () => {
      const form = await fixture<HTMLFormElement>(
        `<form><fieldset disabled><${tag} name="field" ${attrs}></${tag}></fieldset></form>`,
      );
      const el = form.querySelector(tag) as E;
      const fieldset = form.querySelector('fieldset') as HTMLFieldSetElement;
      await settle(el);
      expect(el.matches(':disabled')).to.equal(true);
      expect(el.disabled).to.equal(false);
      expect(entries(form, 'field')).to.deep.equal([]);
      fieldset.disabled = false;
      await settle(el);
      expect(el.matches(':disabled')).to.equal(false);
      expect(entries(form, 'field')).to.deep.equal([options.defaultFormValue]);
    });

    it('reports its validity and blocks submitting while invalid', async () => {
      const { form, el } = await inForm();
      expect(el.validity.valid).to.equal(true);
      expect(el.checkValidity()).to.equal(true);
      await options.makeInvalid(el);
      await settle(el);
      expect(el.validity.valid).to.equal(false);
      expect(el.validity[options.invalidFlag as keyof ValidityState]).to.equal(true);
      expect(el.validationMessage).to.be.a('string').and.not.equal('');
      expect(el.matches(':invalid')).to.equal(true);
      const invalid = recordEvents(el, 'invalid');
      expect(el.checkValidity()).to.equal(false);
      expect(invalid.length).to.equal(1);
      const submitted = recordEvents(form, 'submit');
      form.requestSubmit();
      expect(submitted.length).to.equal(0);
      expect(form.checkValidity()).to.equal(false);
    });

    it('takes a custom error with setCustomValidity, and clears it', async () => {
      const { form, el } = await inForm();
      el.setCustomValidity('Refused by the server');
      await settle(el);
      expect(el.validity.customError).to.equal(true);
      expect(el.validationMessage).to.equal('Refused by the server');
      expect(form.checkValidity()).to.equal(false);
      el.setCustomValidity('');
      await settle(el);
      expect(el.validity.valid).to.equal(true);
      expect(form.checkValidity()).to.equal(true);
    });

    it('joins the form named by its form attribute, from outside it', async () => {
      const id = `form-${Math.random().toString(36).slice(2)}`;
      const root = await fixture<HTMLElement>(
        `<div><form id="${id}"></form><${tag} name="field" form="${id}" ${attrs}></${tag}></div>`,
      );
      const form = root.querySelector('form') as HTMLFormElement;
      const el = root.querySelector(tag) as E;
      await settle(el);
      expect(el.form).to.equal(form);
      expect(entries(form, 'field')).to.deep.equal([options.defaultFormValue]);
      await options.changeByUser(el);
      form.reset();
      await settle(el);
      expect(entries(form, 'field')).to.deep.equal([options.defaultFormValue]);
      el.removeAttribute('form');
      expect(el.form).to.equal(null);
      expect(entries(form, 'field')).to.deep.equal([]);
    });

    it('submits its entry with the form', async () => {
      const { form, el } = await inForm();
      await options.setValue(el);
      await settle(el);
      let data: FormData | null = null;
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        data = new FormData(form, (event as SubmitEvent).submitter);
      });
      form.requestSubmit();
      expect(data).not.to.equal(null);
      expect((data as FormData | null)?.getAll('field')).to.deep.equal([options.changedFormValue]);
    });
  });
}
