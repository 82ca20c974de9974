import { ContextProvider } from '@lit/context';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { ApiClient, ApiError } from '../api/client.js';
import { apiClientContext } from '../api/context.js';
import {
  type ConfigProblem,
  PersonalInfoController,
  personalInfoContext,
} from '../api/personal-info-controller.js';
import { wire } from '../api/wire.generated.js';
import type { PersonalInfo } from '../api/contract/index.js';
import type { Translate } from '../shared/localize.js';
import { contactCatalogs } from '../shared/locales/contacts.js';
import { PersonalSettingsElement } from '../shared/personal-settings-element.js';
import { SessionExpiredEvent, sessionEndReason } from '../shared/session-expired-event.js';
import { tokens } from '../shared/tokens.js';
import { conflictSummary } from './conflict-summary.js';
import { contactDialog } from './contact-dialog.js';
import { personalInfoCatalogs } from './locales/index.js';
import { loadProblemWords, preloadProblemWordsWhenIdle, problemWords } from './problem-words.js';
import { PersonalInfoErrorEvent, type PersonalInfoSection } from './personal-info-form.events.js';
import { styles } from './personal-info-form.styles.js';
import { renderBody } from './render/states.js';
import { SectionsController } from './sections-controller.js';

export type { PersonalInfoSection } from './personal-info-form.events.js';

/** Every section, in screen order; the `sections` attribute picks a subset. */
export const PERSONAL_INFO_SECTIONS: readonly PersonalInfoSection[] = [
  'contacts',
  'auto-logout',
  'session-limit',
  'welcome-message',
];

const stop = (event: Event) => event.stopPropagation();

/**
 * The "Modify Personal Info" screen: the masked mobile number and email address with Edit / Verify,
 * auto-logout after inactivity, the maximum of online sessions and the welcome message shown at the
 * next login. Loads and saves through the REST endpoint; each section saves only its own setting.
 *
 * @tag personal-info-form
 *
 * @fires {PersonalInfoChangeEvent} personal-info-change - The user changed, cancelled or saved something and
 *   the set of sections with unsaved changes changed. `detail: { dirty, sections }`.
 * @fires {PersonalInfoSaveEvent} personal-info-save - Before a section is saved; cancelable. `detail: { section, patch }`.
 * @fires {PersonalInfoSavedEvent} personal-info-saved - After the server accepted a change (a section saved, or a
 *   contact verified in the dialog). `detail: { personalInfo, changed }`.
 * @fires {PersonalInfoErrorEvent} personal-info-error - Loading or saving failed. `detail: { operation, section, error }`.
 * @fires {SessionExpiredEvent} session-expired - The server answered 401 (idle timeout, replaced or no session):
 *   send the user to the login page. `detail: { reason, error }`.
 *
 * @csspart base - The wrapper of the whole screen.
 * @csspart row - One setting: its label and its controls.
 * @csspart label - The label of a setting.
 * @csspart control - The select and the textarea.
 * @csspart textarea - The welcome message textarea (also `control`).
 * @csspart counter - The character counter of the welcome message.
 * @csspart welcome-message - The welcome message shown as text.
 * @csspart badge - A contact's badge: `badge--verified`, `badge--unverified`, `badge--pending` (a change waiting for its code).
 * @csspart button - Every button (`button--primary` for Save and OK).
 * @csspart error - The error message of a section.
 * @csspart state - The loading and load-error panels.
 * @csspart banner - The message above the screen after a version conflict or a failed reload.
 * @csspart session-limit-base - The nested `<session-limit-field>`'s `base` part: the outer fieldset.
 * @csspart session-limit-legend - The nested `<session-limit-field>`'s `legend` part: the legend holding the checkbox and its label.
 * @csspart session-limit-checkbox - The nested `<session-limit-field>`'s `checkbox` part: the "Max. Online Sessions" checkbox.
 * @csspart session-limit-label - The nested `<session-limit-field>`'s `label` part: the checkbox's label.
 * @csspart session-limit-hint - The nested `<session-limit-field>`'s `hint` part: the help text.
 * @csspart session-limit-input - The nested `<session-limit-field>`'s `input` part: the number input (the maximum).
 * @csspart session-limit-policy - The nested `<session-limit-field>`'s `policy` part: the fieldset of the login policy radios.
 * @csspart session-limit-radio - The nested `<session-limit-field>`'s `radio` part: each policy radio button.
 * @csspart session-limit-reason - The nested `<session-limit-field>`'s `reason` part: why the policy cannot be changed.
 * @csspart session-limit-error - The nested `<session-limit-field>`'s `error` part: its validation or server error message.
 * @csspart contact-verify-dialog - The `<contact-verify-dialog>` the form opens: its `dialog` part, the native `<dialog>`.
 * @csspart contact-verify-base - The `<contact-verify-dialog>` the form opens: its `base` part, the dialog's panel.
 * @csspart contact-verify-title - The `<contact-verify-dialog>` the form opens: its `title` part, the heading.
 * @csspart contact-verify-close-button - The `<contact-verify-dialog>` the form opens: its `close-button` part, the × button.
 * @csspart contact-verify-body - The `<contact-verify-dialog>` the form opens: its `body` part, the current step's content.
 * @csspart contact-verify-alert - The `<contact-verify-dialog>` the form opens: its `alert` part, a problem, with what to do next.
 * @csspart contact-verify-label - The `<contact-verify-dialog>` the form opens: its `label` part, the label of an input or of a group of choices.
 * @csspart contact-verify-input - The `<contact-verify-dialog>` the form opens: its `input` part, a text input.
 * @csspart contact-verify-code-input - The `<contact-verify-dialog>` the form opens: its `code-input` part, the verification-code field.
 * @csspart contact-verify-footer - The `<contact-verify-dialog>` the form opens: its `footer` part, the button row.
 * @csspart contact-verify-button - The `<contact-verify-dialog>` the form opens: its `button` part, every footer button.
 * @csspart contact-verify-button--primary - The `<contact-verify-dialog>` the form opens: its `button--primary` part, the footer's main button.
 *
 * @cssproperty --personal-info-label-width - Width of the label column (default `16rem`); rows stack on narrow containers.
 * @cssproperty --personal-settings-accent - Accent: primary buttons, focus, spinner.
 * @cssproperty --personal-settings-accent-contrast - Text on the accent.
 * @cssproperty --personal-settings-color - Text colour.
 * @cssproperty --personal-settings-muted-color - Help text, empty values, the counter.
 * @cssproperty --personal-settings-background - Background of the screen and its inputs.
 * @cssproperty --personal-settings-surface - Buttons, panels and banners.
 * @cssproperty --personal-settings-border-color - Row separators, inputs and buttons.
 * @cssproperty --personal-settings-danger - Errors. @cssproperty --personal-settings-success - Verified, Saved.
 * @cssproperty --personal-settings-warning - Not verified; the conflict banner.
 * @cssproperty --personal-settings-radius - Corner radius. @cssproperty --personal-settings-focus-color - Colour of the focus ring (a solid outline; keep it ≥ 3:1 against the background).
 * @cssproperty --personal-settings-gap - Space between rows.
 *
 * @cssstate loading - The personal info is being loaded.
 * @cssstate error - Loading failed, or the endpoint is refused.
 * @cssstate dirty - A section has unsaved changes.
 * @cssstate saving - A section is being saved.
 */
export class PersonalInfoForm extends PersonalSettingsElement {
  static override styles = [tokens, styles];
  /** @internal The shared problem words come with `errors.ts`, after the first paint (`problem-words.ts`). */
  static override catalogs = [contactCatalogs, personalInfoCatalogs];
  /** @internal The screen's `locale` reflects (the elements it renders get theirs as a property). */
  static override properties = {
    locale: { reflect: true, useDefault: true },
    endpoint: { reflect: true, useDefault: true },
    sections: { reflect: true, useDefault: true },
    client: { attribute: false },
    /** @internal */
    _conflict: { attribute: false },
    /** @internal */
    _announcement: { attribute: false },
  };

  readonly #provider = new ContextProvider(this, { context: apiClientContext });
  /** The personal info's one owner (client, load, save), provided to the dialog inside. */
  readonly #data = new PersonalInfoController(this, {
    loaded: (info) => this.#loaded(info),
    loadFailed: (error) => this.#loadFailed(error),
  });
  /** The `<contact-verify-dialog>` the contact rows open. */
  readonly #dialog = contactDialog(this, this.#data, this.localize, (text) => this.#announce(text));
  readonly #sections: SectionsController = new SectionsController(this, {
    data: this.#data,
    localize: this.localize,
    conflict: () => this.#reloadAfterConflict(),
    dialog: this.#dialog,
    announce: (text) => this.#announce(text),
  });
  #client: ApiClient | undefined = undefined;
  #config: ConfigProblem | null = null;
  /** Personal info set by the host, applied at the next update (after a new client, which clears the old). */
  #hostInfo: PersonalInfo | null = null;
  /** The last value the host set: setting it again is not news. */
  #lastHostInfo: PersonalInfo | null = null;
  /** A load was cancelled because the element left the page: run it again when it comes back. */
  #resumeLoad = false;
  /** The personal info before a save was refused with 412, to tell the user what changed. */
  #conflictFrom: PersonalInfo | null = null;

  /**
   * @internal Changes found after a version conflict (`null`: no conflict to report; `'unknown'`: the
   * summary could not be loaded).
   */
  private _conflict: readonly string[] | 'unknown' | null = null;
  /** @internal A message for screen readers (keyed so the same text is announced again). */
  private _announcement: { id: number; text: string } = { id: 0, text: '' };

  /** Base URL of the REST API (e.g. `/api/v1`); must be HTTPS, same-origin or loopback. Ignored when `client` is set. */
  endpoint = '';

  /** Space-separated sections to show: `contacts auto-logout session-limit welcome-message` (default: all). */
  sections = '';

  /** An API client to use instead of one built from `endpoint` (bearer tokens, CSRF headers, a custom `fetch`). */
  client: ApiClient | undefined = undefined;

  constructor() {
    super();
    // The dialog inside shows and updates this personal info instead of loading its own.
    new ContextProvider(this, { context: personalInfoContext, initialValue: this.#data });
  }

  /**
   * The personal info shown: as last loaded or saved, `null` until loaded. A host that already has it
   * (the response of its own `GET /me/personal-info`, or server-rendered data) can set it, and the
   * form shows it at once instead of loading it: with `client` or `endpoint` still set for saving.
   * It is checked against the contract like a response: a value that does not fit throws a
   * `TypeError` naming what is wrong, and nothing shown changes. Setting `null`, or the object already
   * set (a framework re-rendering with the same prop after the form saved), changes nothing.
   */
  get personalInfo(): PersonalInfo | null {
    return this.#data.info;
  }

  set personalInfo(info: PersonalInfo | null) {
    if (info === null || info === undefined || info === this.#lastHostInfo) return;
    const problem = wire.getPersonalInfo.response?.(info, 'personalInfo');
    if (problem)
      throw new TypeError(`<personal-info-form>: personalInfo does not match the contract: ${problem}`);
    this.#hostInfo = info;
    this.#lastHostInfo = info;
    this.requestUpdate();
  }

  /** Whether a section has unsaved changes. */
  get dirty(): boolean {
    return this.#sections.dirtySections().length > 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    globalThis.addEventListener('online', this.#onOnline);
    // What only a failure needs arrives after the first paint: on idle, or as soon as the user reaches
    // for the form, so the first Save or error works even if the page goes offline later.
    preloadProblemWordsWhenIdle();
    this.addEventListener('pointerdown', this.#preload, { once: true });
    this.addEventListener('focusin', this.#preload, { once: true });
    // Loading was cancelled when the element left the page: start again now that it is back.
    if (this.#resumeLoad) void this.#data.load();
    this.#resumeLoad = false;
  }

  override disconnectedCallback(): void {
    // A load in flight is aborted with the page (the controller's hostDisconnected): resume it on return.
    this.#resumeLoad = this.#data.loading;
    super.disconnectedCallback();
    globalThis.removeEventListener('online', this.#onOnline);
    this.removeEventListener('pointerdown', this.#preload);
    this.removeEventListener('focusin', this.#preload);
  }

  readonly #preload = () => void loadProblemWords();

  /** Why loading failed, once the problem words are in (they are fetched now if they are not). */
  #loadErrorMessage(error: ApiError, t: Translate, lang: string): string | null {
    const words = problemWords();
    if (words) return words.loadErrorMessage(error, t, lang);
    void loadProblemWords().then(() => this.requestUpdate());
    return null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const clientChanged =
      (changed.has('client') || changed.has('endpoint') || !this.hasUpdated) && this.#resolveClient();
    const hostInfo = this.#hostInfo;
    this.#hostInfo = null;
    if (hostInfo) this.#takeHostInfo(hostInfo);
    else if (clientChanged && this.#client) void this.#data.load();
  }

  protected override updated(): void {
    this.toggleState('loading', this.#data.loading);
    this.toggleState(
      'error',
      this.#config !== null || (this.#data.loadError !== null && this.#data.info === null),
    );
    this.toggleState('dirty', this.dirty);
    this.toggleState('saving', this.#sections.saving !== null);
  }

  /** Load the personal info again (discarding nothing the user typed). */
  reload(): Promise<void> {
    return this.#data.load();
  }

  /** Pick the client for the current `client` / `endpoint`; `true` when it is another one. */
  #resolveClient(): boolean {
    const { client, config } = this.#data.resolve();
    const next = client ?? undefined;
    this.#config = config;
    if (next === this.#client) return false;
    this.#client = next;
    // Another API (or none): what was loaded and typed belonged to the previous one.
    this.#provider.setValue(next);
    this.#data.abortLoad();
    this.#data.info = null;
    this._conflict = null;
    this.#sections.reset();
    return true;
  }

  /** Show the personal info the host set: a load in flight is no longer needed. */
  #takeHostInfo(info: PersonalInfo): void {
    if (this.#data.loading) this.#data.abortLoad();
    this.#conflictFrom = null;
    this._conflict = null;
    const hadInfo = this.#data.info !== null;
    this.#data.info = info;
    // As after a reload: drafts now equal to the host's values are clean again.
    if (hadInfo) this.#sections.afterReload();
  }

  #loaded(info: PersonalInfo): void {
    const from = this.#conflictFrom;
    this.#conflictFrom = null;
    if (!from) return;
    this.#sections.afterReload();
    void conflictSummary(from, info, this.localize).then(
      (changes) => {
        if (this.#data.info === info) this._conflict = changes;
      },
      () => {
        if (this.#data.info === info) this._conflict = 'unknown';
      },
    );
  }

  #loadFailed(error: ApiError): void {
    if (error.kind === 'aborted') return;
    this.#conflictFrom = null;
    const reason = sessionEndReason(error);
    if (reason) this.dispatchEvent(new SessionExpiredEvent({ reason, error }));
    this.dispatchEvent(new PersonalInfoErrorEvent({ operation: 'load', section: null, error }));
  }

  #reloadAfterConflict(): void {
    this.#conflictFrom = this.#data.info;
    void this.#data.load();
  }

  readonly #onOnline = () => {
    if (this.#data.loadError?.kind === 'network') {
      void this.#data.load();
    }
  };

  /** Say something to screen readers through the element's live region. */
  #announce(text: string): void {
    this._announcement = { id: this._announcement.id + 1, text };
  }

  /** The sections `sections` asks for: all of them when it names none. */
  #shownSections(): ReadonlySet<PersonalInfoSection> {
    const named = this.sections.split(/\s+/);
    const wanted = PERSONAL_INFO_SECTIONS.filter((s) => named.includes(s));
    return new Set(wanted.length === 0 ? PERSONAL_INFO_SECTIONS : wanted);
  }

  #renderBody(): unknown {
    const shown = this.#shownSections();
    return renderBody({
      t: this.localize.t.bind(this.localize),
      config: this.#config,
      info: this.#data.info,
      loadError: this.#data.loadError,
      loadErrorMessage: (error) =>
        this.#loadErrorMessage(error, this.localize.t.bind(this.localize), this.localize.lang),
      conflict: this._conflict,
      retry: () => void this.#data.load(),
      dismissConflict: () => {
        this._conflict = null;
      },
      section: (s, info) => (shown.has(s) ? this.#sections.render(s, info) : nothing),
    });
  }

  override render(): TemplateResult {
    const reloading = this.#data.loading && this.#data.info !== null;
    // The inner controls' `input` / `change` stay inside: a host listens to `personal-info-change`.
    return html`<div
        part="base"
        class="base"
        lang=${this.localize.lang}
        aria-busy=${reloading ? 'true' : 'false'}
        @input=${stop}
        @change=${stop}
      >
        ${this.#renderBody()}
        <div class="visually-hidden" role="status">
          ${this._announcement.id ? keyed(this._announcement.id, html`<span>${this._announcement.text}</span>`) : nothing}
        </div>
        ${this.#data.info && this.#shownSections().has('contacts') ? this.#dialog.render() : nothing}
      </div>`;
  }
}
