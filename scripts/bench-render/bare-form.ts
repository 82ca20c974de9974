/**
 * The render benchmark's baseline, like for like (issue #18): a bare Lit element with the same
 * accessible DOM as <personal-info-form> — rows as labelled groups, labels tied to their controls,
 * descriptions by `aria-describedby`, buttons named with their context (`aria-label` "Edit mobile
 * number") and `aria-disabled`, an error slot per section, a polite live region — and the session
 * limit in a nested form-associated element of its own (`<bare-limit-field>`: shadow root,
 * `ElementInternals`, form value, its fieldset, checkbox, number, policy radios with hints and error
 * region). Data set as a property. What it leaves out is what the form adds on top of that DOM:
 * localization and catalogs, the contract check of the data, the controllers (data task, context,
 * saving), theming tokens, the dialog's loading.
 */
import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';

export interface BareInfo {
  mobile: { masked: string | null; verified: boolean };
  email: { masked: string | null; verified: boolean };
  autoLogout: { minutes: number; options: number[] };
  sessionLimit: { max: number; policy: 'deny' | 'log-out' } | null;
  welcomeMessage: string;
}

type Limit = BareInfo['sessionLimit'];

/** The nested field: form-associated, with the same controls and ARIA as <session-limit-field>. */
export class BareLimitField extends LitElement {
  static formAssociated = true;
  static override styles = css`
    :host { display: block; }
    fieldset { border: 0; margin: 0; padding: 0; }
    .max, .option { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    .hint { color: #666; font-size: 0.9em; }
    input[type='number'] { font: inherit; padding: 0.25rem; width: 6rem; }
  `;

  @property({ attribute: false }) value: Limit = null;
  @property({ type: Boolean }) disabled = false;
  @property() error = '';
  readonly #internals = this.attachInternals();

  override willUpdate() {
    const v = this.value;
    this.#internals.setFormValue(v ? `${v.max}:${v.policy}` : '');
  }

  #policy(value: 'deny' | 'log-out', label: string, hint: string, disabled: boolean) {
    return html`<div class="option">
      <input id="policy-${value}" part="radio" type="radio" name="policy" value=${value}
        .checked=${this.value?.policy === value} ?disabled=${disabled} aria-describedby="policy-${value}-hint"
      /><label for="policy-${value}">${label}</label
      ><span id="policy-${value}-hint" class="hint">${hint}</span>
    </div>`;
  }

  override render() {
    const v = this.value;
    const locked = v !== null && v.max !== 1;
    return html`<fieldset part="base">
      <legend part="legend">
        <input id="enabled" part="checkbox" type="checkbox" .checked=${v !== null} ?disabled=${this.disabled}
          aria-describedby=${v ? 'error' : 'unlimited-hint error'}
        /><label for="enabled" part="label">Limit the number of online sessions</label>
      </legend>
      ${
        v
          ? html`<div class="settings">
            <div class="max">
              <label for="max">Maximum sessions</label
              ><input id="max" part="input" type="number" inputmode="numeric" min="1" max="500" step="1" required
                .value=${String(v.max)} ?disabled=${this.disabled} aria-describedby="max-hint error"
                aria-invalid=${this.error ? 'true' : 'false'}
              /><span id="max-hint" part="hint" class="hint">From 1 to 500</span>
            </div>
            <fieldset part="policy" aria-describedby=${locked ? 'reason' : nothing}>
              <legend>Login when maximum online sessions already in use</legend
              >${this.#policy('deny', 'Not allowed', 'The new login is refused.', this.disabled || locked)}${this.#policy(
                'log-out',
                'Log out of the session',
                'The least recently active session ends and the new login goes in.',
                this.disabled || locked,
              )}${locked ? html`<p id="reason" part="reason">Only with a maximum of 1.</p>` : nothing}
            </fieldset>
          </div>`
          : html`<p id="unlimited-hint" part="hint" class="hint">Any number of sessions.</p>`
      }
      <p id="error" part="error" aria-live="polite">${this.error}</p>
    </fieldset>`;
  }
}

export class BarePersonalInfo extends LitElement {
  static override styles = css`
    :host { display: block; font: inherit; }
    .base { display: grid; gap: 0.75rem; max-width: 48rem; }
    .row { display: grid; grid-template-columns: 16rem 1fr; gap: 1rem; align-items: start;
      border-bottom: 1px solid #ddd; padding: 0.5rem 0; }
    .inline { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    .badge { border-radius: 999px; padding: 0 0.5rem; font-size: 0.85em; background: #e6f4ea; color: #137333; }
    .badge[data-state='unverified'] { background: #fef7e0; color: #b06000; }
    .button { font: inherit; padding: 0.25rem 0.75rem; border: 1px solid #ccc; border-radius: 4px; background: #fff; }
    .button--primary { background: #1a73e8; color: #fff; }
    select { font: inherit; padding: 0.25rem; }
    .help { color: #666; margin: 0.25rem 0 0; }
    .error { color: #b3261e; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  `;

  @property({ attribute: false }) info: BareInfo | null = null;

  #button(label: string, context: string | null, id: string, primary = false, unavailable = false) {
    return html`<button part="button${primary ? ' button--primary' : ''}" class="button ${primary ? 'button--primary' : ''}"
      id=${id} type="button" aria-label=${context ? `${label} ${context}` : nothing}
      aria-disabled=${unavailable ? 'true' : 'false'}>${label}</button>`;
  }

  #contact(kind: 'mobile' | 'email', label: string, name: string, c: BareInfo['mobile']) {
    const empty = c.masked === null;
    const state = c.verified ? 'verified' : 'unverified';
    return html`<div class="row" part="row" role="group" aria-labelledby="${kind}-label" data-section="contacts">
      <span class="label" part="label" id="${kind}-label">${label}</span>
      <div class="field">
        <div class="inline"
          ><span class="value" dir=${empty ? nothing : 'ltr'}>${c.masked ?? 'Not set'}</span
          >${empty ? nothing : html`<span class="badge" part="badge badge--${state}" data-state=${state}>${c.verified ? 'Verified' : 'Not verified'}</span>`}<span
            class="actions"
            >${this.#button(empty ? 'Add' : 'Edit', name, `${kind}-edit`)}${empty || c.verified ? nothing : this.#button('Verify', name, `${kind}-verify`)}</span
          >
        </div>
      </div>
    </div>`;
  }

  override render() {
    const i = this.info;
    if (!i) return html`<p>Loading…</p>`;
    return html`<div part="base" class="base" lang="en" aria-busy="false">
      ${this.#contact('mobile', 'Associate Mobile Number', 'mobile number', i.mobile)}${this.#contact('email', 'Associate Email Address', 'email address', i.email)}
      <div class="row" part="row" data-section="auto-logout">
        <label class="label" part="label" for="auto-logout">Auto-logout if no activity within</label>
        <div class="field">
          <div class="inline">
            <select id="auto-logout" class="control" part="control" aria-describedby="auto-logout-help auto-logout-error">
              ${i.autoLogout.options.map((m) => html`<option value=${m} ?selected=${m === i.autoLogout.minutes}>${m} minutes</option>`)}
            </select
            >${this.#button('Save', 'Auto-logout if no activity within', 'auto-logout-save', true, true)}
          </div>
          <p class="help" id="auto-logout-help">You are logged out when you do nothing for this long.</p>
        </div>
      </div>
      <div class="row" part="row" role="group" aria-labelledby="session-limit-label" data-section="session-limit">
        <span class="label" part="label" id="session-limit-label">Max. online sessions</span>
        <div class="field">
          <bare-limit-field id="session-limit" .value=${i.sessionLimit}></bare-limit-field>
          <div class="inline">${this.#button('Save', 'Max. online sessions', 'session-limit-save', true, true)}</div>
        </div>
      </div>
      <div class="row" part="row" role="group" aria-labelledby="welcome-label" data-section="welcome-message">
        <span class="label" part="label" id="welcome-label">Welcome message</span>
        <div class="field">
          <p class="welcome" part="welcome-message">${i.welcomeMessage || 'None'}</p>
          <div class="inline">${this.#button('Edit', 'Welcome message', 'welcome-edit')}</div>
        </div>
      </div>
      <div class="visually-hidden" role="status"></div>
    </div>`;
  }
}

if (!customElements.get('bare-limit-field')) customElements.define('bare-limit-field', BareLimitField);
if (!customElements.get('bare-personal-info')) customElements.define('bare-personal-info', BarePersonalInfo);
