import type { PropertyDeclarations } from 'lit';
import type { PersonalSettingsElement } from './personal-settings-element.js';

/** What a form-associated element stores as its form value / restore state. */
export type FormValue = string | File | FormData | null;

/**
 * The public (and protected) API the `FormAssociated` mixin adds: the same surface as a native
 * form control, backed by `ElementInternals`.
 */
export declare class FormAssociatedElement {
  /** Form controls report `true`: the browser then calls the `form*Callback`s. */
  static readonly formAssociated: boolean;
  /** Name of the form entry (reflects to the `name` attribute). */
  name: string;
  /** Disables the control: not editable, not submitted, not validated (reflects). */
  disabled: boolean;
  /** A value is required (what "missing" means is up to the element) (reflects). */
  required: boolean;
  /** The owning form (its ancestor, or the `form="id"` attribute's form), if any. */
  readonly form: HTMLFormElement | null;
  /** The `<label>`s pointing at the element. */
  readonly labels: NodeList;
  readonly validity: ValidityState;
  readonly validationMessage: string;
  /** False when disabled (also by a disabled `<fieldset>`): then it is barred from validation. */
  readonly willValidate: boolean;
  checkValidity(): boolean;
  reportValidity(): boolean;
  /** A custom error (like the native one): non-empty makes the control invalid with that message. */
  setCustomValidity(message: string): void;
  formResetCallback(): void;
  formDisabledCallback(disabled: boolean): void;
  formStateRestoreCallback(state: FormValue, mode: 'restore' | 'autocomplete'): void;

  /** Disabled by its own attribute or by a disabled ancestor `<fieldset>`. */
  protected readonly effectivelyDisabled: boolean;
  /** The message given to `setCustomValidity()`, `''` when none. */
  protected readonly customValidityMessage: string;
  /** Called by a form reset: put the default value back. */
  protected resetFormControl(): void;
  /** Called when the browser restores the state saved with `setFormValue(value, state)`. */
  protected restoreFormControl(state: FormValue, mode: 'restore' | 'autocomplete'): void;
  /** Called when the validity may have changed (custom validity set, disabled changed): recompute it. */
  protected updateValidity(): void;
}

// biome-ignore lint/suspicious/noExplicitAny: TypeScript requires mixin constructors to take `any[]`.
type Constructor<T> = new (...args: any[]) => T;

/**
 * Makes a Lit element a form-associated custom element (`ElementInternals`): `name`, `form`
 * association (ancestor or `form="id"`), `disabled` (own or by a `<fieldset>`), `required`,
 * validity, `checkValidity()` / `reportValidity()` / `setCustomValidity()`, form reset and state
 * restore. The element decides its value and validity: it calls `internals.setFormValue()` and
 * `internals.setValidity()` (the base's `ElementInternals`) and implements the protected hooks.
 */
export function FormAssociated<T extends Constructor<PersonalSettingsElement>>(Base: T) {
  class FormAssociatedMixin extends Base {
    static formAssociated = true;

    /** @internal */
    static properties: PropertyDeclarations = {
      name: { reflect: true, useDefault: true },
      disabled: { type: Boolean, reflect: true, useDefault: true },
      required: { type: Boolean, reflect: true, useDefault: true },
    };

    declare name: string;
    declare disabled: boolean;
    declare required: boolean;

    #disabledByForm = false;
    #customValidity = '';

    // biome-ignore lint/suspicious/noExplicitAny: mixin constructor signature (see Constructor).
    constructor(...args: any[]) {
      super(...args);
      this.name = '';
      this.disabled = false;
      this.required = false;
    }

    get form(): HTMLFormElement | null {
      return this.internals.form;
    }

    get labels(): NodeList {
      return this.internals.labels;
    }

    get validity(): ValidityState {
      return this.internals.validity;
    }

    get validationMessage(): string {
      return this.internals.validationMessage;
    }

    get willValidate(): boolean {
      return this.internals.willValidate;
    }

    protected get effectivelyDisabled(): boolean {
      return this.disabled || this.#disabledByForm;
    }

    protected get customValidityMessage(): string {
      return this.#customValidity;
    }

    checkValidity(): boolean {
      return this.internals.checkValidity();
    }

    reportValidity(): boolean {
      return this.internals.reportValidity();
    }

    setCustomValidity(message: string): void {
      this.#customValidity = String(message ?? '');
      this.updateValidity();
    }

    formResetCallback(): void {
      this.resetFormControl();
    }

    formDisabledCallback(disabled: boolean): void {
      this.#disabledByForm = disabled;
      this.updateValidity();
      this.requestUpdate();
    }

    formStateRestoreCallback(state: FormValue, mode: 'restore' | 'autocomplete'): void {
      this.restoreFormControl(state, mode);
    }

    protected resetFormControl(): void {}

    protected restoreFormControl(_state: FormValue, _mode: 'restore' | 'autocomplete'): void {}

    protected updateValidity(): void {}
  }
  return FormAssociatedMixin as unknown as Constructor<FormAssociatedElement> & T;
}
