import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import { logOutAllowed } from '../api/contract/constants.js';
import type { SessionLimit, SessionLimitPolicy } from '../api/contract/index.js';
import { FormAssociated, type FormValue } from '../shared/form-associated.js';
import { PersonalSettingsElement } from '../shared/personal-settings-element.js';
import { tokens } from '../shared/tokens.js';
import { sessionLimitCatalogs } from './locales/index.js';
import {
  formatSessionLimit,
  isValidMax,
  PROBLEM_FLAGS,
  parseSessionLimit,
  SESSION_LIMIT_MAX,
  SESSION_LIMIT_MIN,
  type SessionLimitControls,
  sameSessionLimit,
  sessionLimitConverter,
  sessionLimitProblem,
  typedMax,
} from './session-limit-value.js';
import { SessionLimitChangeEvent, SessionLimitInputEvent } from './session-limit-field.events.js';
import { sessionLimitFieldStyles } from './session-limit-field.styles.js';

/** The field's message: where it belongs (under the number, or under the checkbox), announced politely. */
const renderError = (message: string) => html`<p id="error" part="error" aria-live="polite">${message}</p>`;

/** The placeholders every message of the field may use. */
const RANGE = { min: SESSION_LIMIT_MIN, max: SESSION_LIMIT_MAX } as const;

/**
 * The "Max. Online Sessions" control: a checkbox (off = unlimited, the default); when on, the
 * maximum (1–500, default 1) and what a login does when the maximum is in use — **Not allowed**
 * or **Log out of the session**, a choice only at 1 (at 2–500 it is Not allowed, shown disabled
 * with the reason).
 *
 * A form-associated custom element: put it in any `<form>` (or point at one with `form="id"`) and
 * it submits one entry under its `name` — `unlimited`, `3;deny` or `1;log-out` (see
 * `parseSessionLimit()`) — takes part in validation, `reset` (back to `default-value`, else the
 * value it had when first connected), a disabled `<fieldset>` and state restore.
 *
 * @tag session-limit-field
 * @summary Max. online sessions: unlimited, or a maximum of 1–500 with the policy at the limit.
 *
 * @fires {SessionLimitInputEvent} input - The user changed the field. `detail: { value, valid }`.
 * @fires {SessionLimitChangeEvent} change - The user committed a change. `detail: { value, valid }`.
 *
 * @csspart base - The outer fieldset.
 * @csspart legend - The legend holding the checkbox and its label.
 * @csspart checkbox - The "Max. Online Sessions" checkbox.
 * @csspart label - The checkbox's label.
 * @csspart hint - The help text under the checkbox (when unlimited) and under the number.
 * @csspart input - The number input (the maximum).
 * @csspart policy - The fieldset of the login policy radios.
 * @csspart radio - Each policy radio button.
 * @csspart reason - Why the policy cannot be changed (maximum above 1).
 * @csspart error - The validation or server error message.
 *
 * @cssproperty --session-limit-field-input-width - Width of the number input (default `7em`).
 * @cssproperty --personal-settings-accent - Accent colour (checkbox, radios).
 * @cssproperty --personal-settings-danger - Error colour.
 * @cssproperty --personal-settings-muted-color - Hint text colour.
 * @cssproperty --personal-settings-border-color - Input border colour.
 * @cssproperty --personal-settings-focus-color - Colour of the focus ring (a solid outline; keep it ≥ 3:1 against the background).
 *
 * @cssstate unlimited - The checkbox is off: no limit.
 * @cssstate invalid - The field is invalid (bad number, missing, or an `error` from the server).
 */
export class SessionLimitField extends FormAssociated(PersonalSettingsElement) {
  static override styles = [tokens, sessionLimitFieldStyles];
  /** @internal */
  static override catalogs = [sessionLimitCatalogs];
  /** @internal */
  static override shadowRootOptions: ShadowRootInit = {
    ...PersonalSettingsElement.shadowRootOptions,
    delegatesFocus: true,
  };
  /** @internal */
  static override properties: PropertyDeclarations = {
    defaultValue: { attribute: 'default-value', converter: sessionLimitConverter },
    error: {},
  };

  /** Checkbox state. */
  #enabled = false;
  /** The number as typed (kept while the checkbox is off). */
  #maxText = '1';
  /** The number input reports text that is not a number. */
  #badInput = false;
  /** The policy chosen at 1 (the effective one above 1 is always `deny`). */
  #policy: SessionLimitPolicy = 'deny';
  /** The current value: the last valid one while the typed number is invalid. */
  #value: SessionLimit | null = null;
  /** The value at first connection: what a form reset goes back to without `default-value`. */
  #initialValue: SessionLimit | null = null;
  #connectedOnce = false;
  #valueSet = false;
  /** The controls hold the user's edits (not a value applied by the host or a reset). */
  #typedByUser = false;
  /** Show the validation message (after a committed change, a failed submit or `reportValidity()`). */
  #showValidation = false;

  /**
   * The value a form reset restores, in the form syntax (`unlimited`, `3`, `3;deny`, `1;log-out`).
   * Without it, a reset restores the value the field had when first connected. Also the initial
   * value when `value` was not set before the element connected.
   */
  defaultValue: SessionLimit | null | undefined = undefined;

  /**
   * A refusal from the server for this field (e.g. from a problem's `fieldErrors`), shown on the
   * field and making it invalid (`customError`) until the user changes it or the form resets.
   */
  error = '';

  constructor() {
    super();
    // A `value` set on the element before it was upgraded shadows the accessor: move it over.
    if (Object.hasOwn(this, 'value')) {
      const early = (this as { value?: SessionLimit | null }).value;
      delete (this as { value?: SessionLimit | null }).value;
      this.value = early ?? null;
    }
    this.addEventListener('invalid', () => {
      this.#showValidation = true;
      this.requestUpdate();
    });
  }

  /**
   * `null` (unlimited) or `{ max, policy }`. While the typed number is invalid this stays the last
   * valid value (check `validity`). Setting it fires no event. Setting the value it already has
   * while the user is editing changes nothing, so a host re-rendering with the value it read does
   * not wipe an unfinished number (use a form reset to discard the user's edits).
   */
  get value(): SessionLimit | null {
    return this.#value;
  }

  set value(next: SessionLimit | null) {
    this.#valueSet = true;
    const normalized = next ?? null;
    // Echoing back the value read (a host re-rendering with it) must not wipe what the user is typing.
    if (sameSessionLimit(normalized, this.#value) && (this.#textMatchesValue() || this.#typedByUser)) return;
    const old = this.#value;
    this.#apply(normalized);
    this.requestUpdate('value', old);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#connectedOnce) {
      this.#connectedOnce = true;
      if (!this.#valueSet && this.defaultValue !== undefined) this.#apply(this.defaultValue);
      this.#initialValue = this.#value;
    }
    this.#sync();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('error')) this.#showValidation ||= this.error !== '';
  }

  protected override updated(): void {
    this.#sync();
  }

  protected override resetFormControl(): void {
    const target = this.defaultValue !== undefined ? this.defaultValue : this.#initialValue;
    this.#apply(target);
    this.#showValidation = false;
    this.error = '';
    this.requestUpdate();
  }

  protected override restoreFormControl(state: FormValue): void {
    if (typeof state !== 'string') return;
    const restored = parseSessionLimit(state);
    if (restored !== undefined) this.#apply(restored);
    this.requestUpdate();
  }

  protected override updateValidity(): void {
    this.#sync();
  }

  /** Put a value into the controls (no event). Invalid numbers are kept as typed, to be reported. */
  #apply(next: SessionLimit | null) {
    this.#badInput = false;
    this.#typedByUser = false;
    if (next === null) {
      this.#enabled = false;
      this.#maxText = '1';
      this.#policy = 'deny';
    } else {
      this.#enabled = true;
      this.#maxText = String(next.max);
      this.#policy = next.policy === 'log-out' ? 'log-out' : 'deny';
    }
    this.#recompute();
    this.#sync();
  }

  #textMatchesValue(): boolean {
    if (this.#value === null) return !this.#enabled;
    return this.#enabled && !this.#badInput && this.#maxText === String(this.#value.max);
  }

  /** The policy shown: the choice at 1; `deny` (locked) above 1. */
  #effectivePolicy(): SessionLimitPolicy {
    return this.#policyLocked() ? 'deny' : this.#policy;
  }

  #policyLocked(): boolean {
    const max = typedMax(this.#controls());
    return Number.isFinite(max) && !logOutAllowed(max);
  }

  #recompute() {
    let next: SessionLimit | null = this.#value;
    if (!this.#enabled) {
      next = null;
    } else {
      const max = typedMax(this.#controls());
      if (isValidMax(max)) next = { max, policy: logOutAllowed(max) ? this.#policy : 'deny' };
    }
    if (!sameSessionLimit(next, this.#value)) this.#value = next;
  }

  /** Validity flags and message, from the controls' state; a server error or custom validity wins. */
  #validity(): { flags: ValidityStateFlags; message: string } {
    const problem = sessionLimitProblem(this.#controls());
    const flags: ValidityStateFlags = problem ? { [PROBLEM_FLAGS[problem]]: true } : {};
    const custom = this.error || this.customValidityMessage;
    if (custom) return { flags: { ...flags, customError: true }, message: custom };
    return { flags, message: problem ? this.#t(`session-limit.error.${problem}`) : '' };
  }

  #controls(): SessionLimitControls {
    return {
      enabled: this.#enabled,
      maxText: this.#maxText,
      badInput: this.#badInput,
      required: this.required,
    };
  }

  /** A catalog string, with `{min}` / `{max}` filled in. */
  #t(id: string): string {
    return this.t(id, RANGE);
  }

  /** Push value, validity and custom states to ElementInternals. */
  #sync() {
    const { flags, message } = this.#validity();
    const anchor =
      this.renderRoot?.querySelector<HTMLElement>('#max') ??
      this.renderRoot?.querySelector<HTMLElement>('#enabled') ??
      undefined;
    if (message) this.internals.setValidity(flags, message, anchor);
    else this.internals.setValidity({});
    const formValue = this.#enabled
      ? `${this.#badInput ? '' : this.#maxText.trim()};${this.#effectivePolicy()}`
      : formatSessionLimit(null);
    this.internals.setFormValue(formValue, formValue);
    this.toggleState('unlimited', !this.#enabled);
    this.toggleState('invalid', message !== '' && !this.effectivelyDisabled);
  }

  /** A user edit: update state, clear a server error, then tell the host. */
  #userEdit(kind: 'input' | 'change') {
    this.#typedByUser = true;
    if (this.error) this.error = '';
    this.#recompute();
    if (kind === 'change') this.#showValidation = true;
    this.#sync();
    this.requestUpdate();
    const detail = { value: this.#value, valid: this.internals.validity.valid };
    this.dispatchEvent(
      kind === 'input' ? new SessionLimitInputEvent(detail) : new SessionLimitChangeEvent(detail),
    );
  }

  readonly #onInput = (event: Event) => {
    // The inner `input` event is composed: stop it so the host fires exactly one, with its detail.
    event.stopPropagation();
    const target = event.target as HTMLInputElement;
    if (target.id === 'enabled') {
      this.#enabled = target.checked;
      if (this.#enabled && (this.#badInput || this.#maxText.trim() === '')) {
        this.#badInput = false;
        this.#maxText = String(SESSION_LIMIT_MIN);
      }
    } else if (target.id === 'max') {
      this.#badInput = target.validity.badInput;
      this.#maxText = target.value;
    } else if (target.name === 'policy') {
      this.#policy = target.value === 'log-out' ? 'log-out' : 'deny';
    }
    this.#userEdit('input');
  };

  /** Enter in the number submits the owning form, as in a native text field. */
  readonly #onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    const form = this.internals.form;
    if (!form) return;
    event.preventDefault();
    form.requestSubmit();
  };

  readonly #onChange = (event: Event) => {
    event.stopPropagation();
    this.#userEdit('change');
  };

  protected override render() {
    const t = (id: string) => this.#t(id);
    const disabled = this.effectivelyDisabled;
    const { message } = this.#validity();
    const shownError = message && (this.#showValidation || this.error) && !disabled ? message : '';
    return html`<fieldset part="base" @input=${this.#onInput} @change=${this.#onChange}>
      <legend part="legend">
        <input
          id="enabled"
          part="checkbox"
          type="checkbox"
          .checked=${live(this.#enabled)}
          ?disabled=${disabled}
          aria-describedby=${this.#enabled ? 'error' : 'unlimited-hint error'}
          aria-invalid=${!this.#enabled && shownError ? 'true' : nothing}
        /><label for="enabled" part="label">${t('session-limit.label')}</label>
      </legend>
      ${this.#enabled ? this.#renderSettings(t, disabled, shownError) : html`${this.#renderUnlimitedHint(t)}${renderError(shownError)}`}
    </fieldset>`;
  }

  #renderUnlimitedHint(t: (id: string) => string) {
    return html`<p id="unlimited-hint" part="hint" class="hint">${t('session-limit.unlimited-hint')}</p>`;
  }

  #renderPolicy(
    value: SessionLimitPolicy,
    policy: SessionLimitPolicy,
    t: (id: string) => string,
    disabled: boolean,
  ) {
    return html`<div class="option">
      <input
        id="policy-${value}"
        part="radio"
        type="radio"
        name="policy"
        value=${value}
        .checked=${live(policy === value)}
        ?disabled=${disabled}
        aria-describedby="policy-${value}-hint"
      /><label for="policy-${value}">${t(`session-limit.policy.${value}`)}</label
      ><span id="policy-${value}-hint" class="hint">${t(`session-limit.policy.${value}.hint`)}</span>
    </div>`;
  }

  #renderSettings(t: (id: string) => string, disabled: boolean, shownError: string) {
    const locked = this.#policyLocked();
    const policy = this.#effectivePolicy();
    const describedBy = locked ? 'max-hint reason error' : 'max-hint error';
    // The number's error right under it (the label above, the range beside it).
    return html`<div class="settings">
      <div class="max">
        <label for="max">${t('session-limit.max.label')}</label>
        <div class="max__line"><input
          id="max"
          part="input"
          type="number"
          inputmode="numeric"
          min=${SESSION_LIMIT_MIN}
          max=${SESSION_LIMIT_MAX}
          step="1"
          required
          .value=${live(this.#badInput ? '' : this.#maxText)}
          ?disabled=${disabled}
          @keydown=${this.#onKeyDown}
          aria-describedby=${describedBy}
          aria-invalid=${shownError ? 'true' : 'false'}
        /><span id="max-hint" part="hint" class="hint">${t('session-limit.max.hint')}</span></div>
        ${renderError(shownError)}
      </div>
      <fieldset part="policy" aria-describedby=${locked ? 'reason' : nothing}>
        <legend>${t('session-limit.policy.legend')}</legend
        >${this.#renderPolicy('deny', policy, t, disabled || locked)}${this.#renderPolicy('log-out', policy, t, disabled || locked)}${locked ? html`<p id="reason" part="reason">${t('session-limit.policy.locked')}</p>` : nothing}
      </fieldset>
    </div>`;
  }
}
