/**
 * The render benchmark's baseline: a bare Lit element showing the same fields as <personal-info-form>
 * (masked contacts with badges and actions, the auto-logout select and its help, the session-limit
 * checkbox, labelled number with its range and policy radios with their hints, the welcome message) from
 * data set as a property — no client, no parsing, no catalogs, no controllers, no nested custom element.
 * The same visible text, give or take wording; not the form's hidden extras (screen-reader context on
 * buttons, the live region, error slots). What a minimal hand-written equivalent costs.
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

export class BarePersonalInfo extends LitElement {
  static override styles = css`
    :host { display: block; font: inherit; }
    .base { display: grid; gap: 0.75rem; max-width: 48rem; }
    .row { display: grid; grid-template-columns: 16rem 1fr; gap: 1rem; align-items: start;
      border-bottom: 1px solid #ddd; padding: 0.5rem 0; }
    .inline { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    .badge { border-radius: 999px; padding: 0 0.5rem; font-size: 0.85em; background: #e6f4ea; color: #137333; }
    .badge.no { background: #fef7e0; color: #b06000; }
    button { font: inherit; padding: 0.25rem 0.75rem; border: 1px solid #ccc; border-radius: 4px; background: #fff; }
    select, input[type='number'] { font: inherit; padding: 0.25rem; }
    .help { color: #666; margin: 0.25rem 0 0; }
  `;

  @property({ attribute: false }) info: BareInfo | null = null;

  #contact(label: string, c: BareInfo['mobile']) {
    return html`<div class="row" role="group">
      <span class="label">${label}</span>
      <div class="inline">
        <span class="value" dir="ltr">${c.masked ?? 'Not set'}</span>
        ${c.masked ? html`<span class="badge ${c.verified ? '' : 'no'}">${c.verified ? 'Verified' : 'Not verified'}</span>` : nothing}
        <button type="button">${c.masked ? 'Edit' : 'Add'}</button>
        ${c.masked && !c.verified ? html`<button type="button">Verify</button>` : nothing}
      </div>
    </div>`;
  }

  override render() {
    const i = this.info;
    if (!i) return html`<p>Loading…</p>`;
    const limit = i.sessionLimit;
    return html`<div class="base" part="base">
      ${this.#contact('Associate Mobile Number', i.mobile)} ${this.#contact('Associate Email Address', i.email)}
      <div class="row">
        <label class="label" for="al">Auto-logout if no activity within</label>
        <div>
          <div class="inline">
            <select id="al">
              ${i.autoLogout.options.map((m) => html`<option value=${m} ?selected=${m === i.autoLogout.minutes}>${m} minutes</option>`)}
            </select>
            <button type="button">Save</button>
          </div>
          <p class="help">You are logged out when you do nothing for this long.</p>
        </div>
      </div>
      <div class="row">
        <span class="label">Max. online sessions</span>
        <div>
          <div class="inline">
            <label><input type="checkbox" .checked=${limit !== null} /> Limit the number of online sessions</label>
          </div>
          <div class="inline">
            <label for="max">Maximum sessions</label>
            <input id="max" type="number" min="1" max="500" .value=${String(limit?.max ?? 1)} ?disabled=${!limit} />
            <span class="help">From 1 to 500</span>
          </div>
          <fieldset ?disabled=${limit?.max !== 1}>
            <legend>Login when maximum online sessions already in use</legend>
            <label><input type="radio" name="p" .checked=${limit?.policy !== 'log-out'} /> Not allowed</label>
            <p class="help">The new login is refused.</p>
            <label><input type="radio" name="p" .checked=${limit?.policy === 'log-out'} /> Log out of the session</label>
            <p class="help">The least recently active session ends and the new login goes in.</p>
          </fieldset>
          <button type="button">Save</button>
        </div>
      </div>
      <div class="row">
        <span class="label">Welcome message</span>
        <div class="inline">
          <span class="value">${i.welcomeMessage || 'None'}</span>
          <button type="button">Edit</button>
        </div>
      </div>
    </div>`;
  }
}

if (!customElements.get('bare-personal-info')) customElements.define('bare-personal-info', BarePersonalInfo);
