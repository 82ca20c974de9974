import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { type ApiClient, ApiError } from '../api/client.js';
import type { Challenge, ContactKind, PersonalInfo, VerifyResponse } from '../api/contract/index.js';
import { deepActiveElement } from '../shared/focus.js';
import { PersonalSettingsElement } from '../shared/personal-settings-element.js';
import { regionOptions } from '../shared/phone.js';
import { contactCatalogs } from '../shared/locales/contacts.js';
import { type ProblemKey, problemWordsFor } from '../shared/problem-messages.js';
import { SessionExpiredEvent, sessionEndReason } from '../shared/session-expired-event.js';
import { ContactFlowController } from './contact-flow.js';
import {
  ContactVerifyAfterHideEvent,
  ContactVerifyAfterShowEvent,
  ContactVerifyConfirmedEvent,
  ContactVerifyErrorEvent,
  type ContactVerifyHideSource,
  ContactVerifyHideEvent,
  type ContactVerifyMode,
  ContactVerifyShowEvent,
  type ContactVerifyStep,
} from './contact-verify-dialog.events.js';
import { type BaseView, focusable, renderFlow, renderLoaded } from './contact-verify-dialog.render.js';
import { styles } from './contact-verify-dialog.styles.js';
import { DataController } from './data-controller.js';
import { contactVerifyCatalogs } from './locales/index.js';
import { RegionPickerController } from './region-picker.js';

/**
 * The modal flow for one contact — mobile number or email address — in `edit` mode (verify
 * identity → new value → code, then OK saves it) or `verify` mode (send a code to the current
 * value, then OK verifies it). Typing the last digit submits nothing: OK — or Enter in the code
 * field — confirms. Once the server accepts the code the dialog fires `contact-verify-confirmed`
 * and closes at once (no extra "Done" screen); it does not announce the result itself — the
 * enclosing `<personal-info-form>` does, or a host using the dialog alone, from that event. A native `<dialog>` opened with `showModal()`: focus stays inside, the page is
 * inert, Escape and the close button cancel, and focus returns to whatever opened it.
 *
 * It gets its API client from the `client` property, else from an enclosing
 * `<personal-info-form>` (`@lit/context`), else from its own `endpoint`. It reads the masked
 * contacts and the identity-check methods from `personalInfo`, or loads them when shown.
 *
 * @tag contact-verify-dialog
 *
 * @fires {ContactVerifyShowEvent} contact-verify-show - About to open; cancelable. Detail: kind, mode.
 * @fires {ContactVerifyAfterShowEvent} contact-verify-after-show - Open, with focus inside.
 * @fires {ContactVerifyHideEvent} contact-verify-hide - About to close; cancelable when the user asked
 *   (`detail.source`: `close-button`, `escape`, `cancel-button`; not cancelable for `done` — OK
 *   confirmed the code — and `method` — `hide()`).
 * @fires {ContactVerifyAfterHideEvent} contact-verify-after-hide - Closed, focus restored. `detail.confirmed`.
 * @fires {ContactVerifySendEvent} contact-verify-send - A code is about to be requested; cancelable.
 *   Detail: kind, mode, channel, purpose, resend.
 * @fires {ContactVerifySentEvent} contact-verify-sent - A code was sent. `detail` adds the masked
 *   `destination`, `expiresAt` and `resendAvailableAt`.
 * @fires {ContactVerifyConfirmEvent} contact-verify-confirm - The code is about to be checked; cancelable.
 * @fires {ContactVerifyConfirmedEvent} contact-verify-confirmed - Saved and verified (OK confirmed the
 *   code); the dialog then closes. Detail: kind, mode, contact (the masked ContactView), version.
 * @fires {ContactVerifyErrorEvent} contact-verify-error - A request failed (the dialog shows what to do).
 *   Detail: kind, mode, error (the ApiError), code, step.
 * @fires {SessionExpiredEvent} session-expired - The server answered 401: the host should sign the user in again.
 *
 * @csspart dialog - The native `<dialog>` (size and position).
 * @csspart base - The dialog's panel: background, border, radius, shadow, padding.
 * @csspart title - The heading.
 * @csspart close-button - The × button.
 * @csspart body - The current step's content.
 * @csspart alert - A problem, with what to do next.
 * @csspart label - The label of an input or of a group of choices.
 * @csspart input - A text input (password, email, number, the region search).
 * @csspart code-input - The verification-code field (its digit boxes inside).
 * @csspart footer - The button row.
 * @csspart button - Every footer button.
 * @csspart button--primary - The footer's main button (also `button`).
 *
 * @cssproperty --contact-verify-width - Largest inline size of the dialog (default `30rem`).
 * @cssproperty --contact-verify-backdrop - The backdrop dimming the page.
 * @cssproperty --personal-settings-accent - Accent: primary button, focus, active digit box.
 * @cssproperty --personal-settings-accent-contrast - Text on the accent.
 * @cssproperty --personal-settings-color - Text colour.
 * @cssproperty --personal-settings-muted-color - Secondary text.
 * @cssproperty --personal-settings-background - Panel background.
 * @cssproperty --personal-settings-surface - Raised surfaces (region button, hover).
 * @cssproperty --personal-settings-border-color - Borders.
 * @cssproperty --personal-settings-danger - Errors.
 * @cssproperty --personal-settings-success - Success.
 * @cssproperty --personal-settings-radius - Corner radius.
 * @cssproperty --personal-settings-focus-color - Colour of the focus ring (a solid outline; keep it ≥ 3:1 against the background).
 *
 * @cssstate open - The dialog is open.
 * @cssstate busy - A request is in flight.
 */
export class ContactVerifyDialog extends PersonalSettingsElement {
  static override styles = styles;
  /** @internal */
  static override catalogs = [contactCatalogs, contactVerifyCatalogs];
  /** @internal */
  static override properties: PropertyDeclarations = {
    /** @internal */
    _passwordVisible: { attribute: false },
    kind: { reflect: true, useDefault: true },
    mode: { reflect: true, useDefault: true },
    open: { type: Boolean, reflect: true, useDefault: true },
    endpoint: {},
    client: { attribute: false },
    fetch: { attribute: false },
    personalInfo: { attribute: false },
    defaultRegion: { attribute: 'default-region' },
  };

  readonly #flow: ContactFlowController = new ContactFlowController(this, {
    client: () => this.#data.resolve().client,
    info: () => this.#data.info,
    detail: () => this.#detail(),
    confirmed: (result) => this.#confirmedContact(result),
    error: (error, key, step) => this.#reportError(error, key, step),
  });
  readonly #picker = new RegionPickerController(this, {
    options: () => this.#regions(),
    selected: () => this.#flow.value.region,
    select: (code) => this.#flow.value.setRegion(code),
    afterSelect: () => this.renderRoot.querySelector<HTMLElement>('#value')?.focus(),
  });
  readonly #data: DataController = new DataController(this, (error, key) => this.#reportError(error, key, 'load'));
  readonly #words = problemWordsFor(this);

  /** @internal */
  _passwordVisible = false;

  /** Which contact: `mobile` or `email`. */
  kind: ContactKind = 'mobile';
  /** `edit` (change or add, after an identity check) or `verify` (the current value). */
  mode: ContactVerifyMode = 'edit';
  /** Open or closed; use `show()` / `hide()` (they fire the events and wait for them). */
  open = false;
  /** REST endpoint (e.g. `/api/v1`), used when no `client` is given or provided by a parent form. */
  endpoint?: string;
  /** The API client to use (auth headers, custom `fetch`…); wins over context and `endpoint`. */
  client?: ApiClient;
  /** A `fetch` for the client built from `endpoint` (bearer tokens, CSRF headers). */
  fetch?: typeof globalThis.fetch;
  /** The personal info the host already has (masked contacts, identity methods); loaded when absent. */
  personalInfo?: PersonalInfo | null;
  /** Region to start the mobile-number picker on (ISO 3166-1 alpha-2), else from the current number or locale. */
  defaultRegion?: string;

  /** The native `<dialog>` (rendered from the first update on). */
  get #dialog(): HTMLDialogElement {
    return this.renderRoot?.querySelector('dialog') as HTMLDialogElement;
  }

  #opener: HTMLElement | null = null;
  #resumeWith: Challenge | null = null; // the challenge `resume()` opens at
  #hideSource: ContactVerifyHideSource | null = null;
  #confirmed = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#flow.abort();
    this.#data.abort();
    if (this.open) {
      this.#dialog?.close();
      this.open = false;
    }
  }

  /** @internal The shared problem words arriving re-render the dialog: wait for that render too. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#words.pending;
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // State changes here join the current render (no second update).
    if (changed.has('open')) this.#prepareOpenChange();
    else if ((changed.has('kind') || changed.has('mode')) && this.open) this.#flow.reset();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open')) this.#applyOpenChange();
    this.toggleState('busy', this.#flow.request.busy !== null);
    // Focus after the update: blur / focus handlers may change state, which must not happen mid-update.
    // (This render's end, not `updateComplete`, which also waits for the problem words to arrive.)
    if (this.#flow.focusTarget) void super.getUpdateComplete().then(() => this.#focusRequested());
  }

  // ---- internals --------------------------------------------------------------------------

  /** The detail every event starts with. */
  #detail() {
    return { kind: this.kind, mode: this.mode };
  }

  /**
   * OK confirmed the code and the server saved it: the personal info shown has it (the form's
   * too), the host is told, and the dialog closes — focus goes back to what opened it. The
   * dialog does not announce the result itself: the form (or, alone, the host) does, once.
   */
  #confirmedContact(result: VerifyResponse): void {
    const { contact, version } = result;
    this.#confirmed = true;
    this.#data.saved(result);
    this.dispatchEvent(new ContactVerifyConfirmedEvent({ ...this.#detail(), contact, version }));
    if (!this.open) return;
    this.dispatchEvent(new ContactVerifyHideEvent({ ...this.#detail(), source: 'done' }));
    this.#hideSource = 'done';
    this.open = false;
  }

  /** A request failed: `contact-verify-error`, and `session-expired` when it ended the session. */
  #reportError(error: unknown, key: ProblemKey, step: ContactVerifyStep | 'load'): void {
    if (key === 'aborted') return;
    const apiError = ApiError.from(error, 'getPersonalInfo');
    this.dispatchEvent(new ContactVerifyErrorEvent({ ...this.#detail(), error: apiError, code: key, step }));
    const reason = sessionEndReason(apiError);
    if (reason) this.dispatchEvent(new SessionExpiredEvent({ reason, error: apiError }));
  }

  #regions() {
    const lib = this.#flow.value.phoneLib;
    return lib ? regionOptions(lib, this.localize.lang) : [];
  }

  /** Before rendering an open / close: events, fresh state, loading. */
  #prepareOpenChange(): void {
    const isOpen = this.#dialog?.open ?? false;
    if (this.open && !isOpen) {
      if (!this.dispatchEvent(new ContactVerifyShowEvent(this.#detail()))) {
        this.open = false;
        return;
      }
      this.#opener = deepActiveElement();
      this.#confirmed = false;
      this.#hideSource = null;
      this._passwordVisible = false;
      this.#picker.close(false);
      if (this.#resumeWith) this.#flow.resume(this.#resumeWith);
      else this.#flow.reset();
      this.#resumeWith = null;
      if (this.defaultRegion) this.#flow.value.region = this.defaultRegion.toUpperCase();
      this.#data.load();
    } else if (!this.open && isOpen) {
      if (this.#hideSource === null) {
        this.dispatchEvent(new ContactVerifyHideEvent({ ...this.#detail(), source: 'method' }));
      }
      this.#flow.abort();
      this.#flow.closed(this.#confirmed);
      this.#data.abort();
      this.#picker.close(false);
    }
  }

  /** After rendering an open / close: the native dialog, focus, the `after-` events. */
  #applyOpenChange(): void {
    const dialog = this.#dialog;
    if (this.open && !dialog.open) {
      dialog.showModal();
      this.toggleState('open', true);
      this.dispatchEvent(new ContactVerifyAfterShowEvent(this.#detail()));
    } else if (!this.open && dialog.open) {
      dialog.close();
      this.toggleState('open', false);
      if (this.#opener?.isConnected) this.#opener.focus();
      this.#opener = null;
      this.#hideSource = null;
      this.dispatchEvent(new ContactVerifyAfterHideEvent({ ...this.#detail(), confirmed: this.#confirmed }));
    }
  }

  /** The user asked to close: a cancelable `contact-verify-hide`, then close. */
  #requestClose(source: ContactVerifyHideSource): void {
    if (!this.open || !this.dispatchEvent(new ContactVerifyHideEvent({ ...this.#detail(), source }))) return;
    this.#hideSource = source;
    this.open = false;
  }

  #focusRequested(): void {
    const target = this.#flow.focusTarget;
    const el = target && this.open && focusable(this.renderRoot, target);
    if (!el) return;
    this.#flow.focusTarget = null;
    el.focus();
  }

  readonly #onCancel = (event: Event) => {
    // Escape: never let the native dialog close by itself — the hide event decides.
    event.preventDefault();
    if (this.#picker.open) this.#picker.close(true);
    else this.#requestClose('escape');
  };

  readonly #onNativeClose = () => {
    // Closed by something else (a form method=dialog, the browser): keep `open` in step.
    if (this.open && !this.#dialog.open) {
      this.#hideSource = 'method';
      this.open = false;
    }
  };

  // ---- public API -------------------------------------------------------------------------

  /** Open the dialog at its first step; resolves once it is open (or the show was cancelled). */
  async show(): Promise<void> {
    if (this.open) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.removeEventListener(ContactVerifyAfterShowEvent.eventName, done);
        resolve();
      };
      this.addEventListener(ContactVerifyAfterShowEvent.eventName, done);
      this.open = true;
      void this.updateComplete.then(() => {
        if (!this.open) done();
      });
    });
  }

  /**
   * Open at the code step of a code sent earlier — a change left pending (a contact's `pending.challenge`
   * in the personal info) or a verification — to type it and confirm with OK; `kind` and `mode` follow
   * the challenge. Saving a change or a new code for it needs a valid identity check (this dialog's
   * step-up while valid, else the identity step comes first). Resolves once open.
   */
  async resume(challenge: Challenge): Promise<void> {
    if (this.open) return;
    if (challenge.purpose === 'step-up') throw new TypeError('<contact-verify-dialog>: a step-up code cannot be resumed');
    this.kind = challenge.kind;
    this.mode = challenge.purpose === 'change' ? 'edit' : 'verify';
    this.#resumeWith = challenge;
    await this.show();
    this.#resumeWith = null;
  }

  /** Close the dialog (aborting any request in flight); resolves once it is closed. */
  async hide(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    await this.updateComplete;
  }

  // ---- render -----------------------------------------------------------------------------

  #renderContent(): TemplateResult {
    const view: BaseView = {
      t: this.t,
      lang: this.localize.lang,
      kind: this.kind,
      close: (source) => this.#requestClose(source),
    };
    return renderLoaded(view, this.#data, (info) =>
      renderFlow({
        ...view,
        mode: this.mode,
        flow: this.#flow,
        info,
        picker: this.#picker,
        regions: () => this.#regions(),
        passwordVisible: this._passwordVisible,
        togglePassword: () => {
          this._passwordVisible = !this._passwordVisible;
        },
      }),
    );
  }

  override render(): TemplateResult {
    const t = this.t;
    const info = this.#data.info;
    const variant = this.mode === 'verify' ? 'verify' : info && !info[this.kind].masked ? 'add' : 'edit';
    const notice = this.#flow.notice;
    return html`<dialog
      class="dialog"
      part="dialog"
      aria-labelledby="title"
      lang=${this.localize.lang}
      @cancel=${this.#onCancel}
      @close=${this.#onNativeClose}
    >
      <div class="base" part="base">
        <div class="header">
          <h2 id="title" class="title" part="title">${t(`contact-verify.title.${variant}.${this.kind}`)}</h2>
          <button
            type="button"
            class="close"
            part="close-button"
            aria-label=${t('contact-verify.close')}
            title=${t('contact-verify.close')}
            @click=${() => this.#requestClose('close-button')}
          >
            <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M4 4l8 8M12 4l-8 8" /></svg>
          </button>
        </div>
        ${this.open ? this.#renderContent() : nothing}
        <div class="visually-hidden" role="status">${notice ? t(notice.id, notice.values) : ''}</div>
      </div>
    </dialog>`;
  }
}
