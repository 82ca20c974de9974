import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { ApiError } from '../api/client.js';
import { isWelcomeMessage, LIMITS } from '../api/contract/constants.js';
import type { PersonalInfo, PersonalInfoPatch, SessionLimit } from '../api/contract/index.js';
import type { PersonalInfoController } from '../api/personal-info-controller.js';
import { sameSessionLimit } from '../session-limit-field/session-limit-value.js';
import { joinSentences, type LocalizeController, type Translate } from '../shared/localize.js';
import { SessionExpiredEvent, sessionEndReason } from '../shared/session-expired-event.js';
import {
  PersonalInfoChangeEvent,
  PersonalInfoErrorEvent,
  type PersonalInfoField,
  type PersonalInfoSection,
  PersonalInfoSaveEvent,
  PersonalInfoSavedEvent,
} from './personal-info-form.events.js';
import { renderAutoLogout } from './render/auto-logout.js';
import type { ContactDialog } from './contact-dialog.js';
import { renderContacts } from './render/contacts.js';
import { renderSessionLimit } from './render/session-limit.js';
import { renderWelcomeMessage } from './render/welcome-message.js';
import { loadProblemWords } from './problem-words.js';

/** The form the sections belong to: its strings, locale and string overrides. */
export interface SectionsHost extends ReactiveControllerHost, HTMLElement {
  readonly strings: Partial<Record<string, string>> | null;
}

export interface SectionsOptions {
  /** The personal info: shown, loaded and saved by its one owner. */
  data: PersonalInfoController;
  localize: LocalizeController;
  /** A save was refused with 412: reload and tell the user what changed. */
  conflict(): void;
  /** The contact rows' dialog: opened by Edit / Verify / Enter code; a row says when it failed to load. */
  dialog: Pick<ContactDialog, 'open' | 'failed'>;
  /** Say something through the form's live region. */
  announce(text: string): void;
}

/** The `PATCH` field each section saves: where its `fieldErrors` are. */
const FIELD_OF: Readonly<Record<PersonalInfoSection, string>> = {
  contacts: 'contacts',
  'auto-logout': 'autoLogoutMinutes',
  'session-limit': 'sessionLimit',
  'welcome-message': 'welcomeMessage',
};

type SessionLimitField = HTMLElement & {
  value: SessionLimit | null;
  checkValidity?: () => boolean;
  reportValidity?: () => boolean;
};

/**
 * The four sections of the screen: the user's unsaved values (drafts) and their errors, and focus
 * moves between view and edit modes. Saving goes through the personal info's owner
 * ({@link PersonalInfoController}: one request at a time, with If-Match), with the cancelable
 * `personal-info-save` before it and `personal-info-saved` or `personal-info-error` after.
 */
export class SectionsController {
  readonly #host: SectionsHost;
  readonly #o: SectionsOptions;
  #autoLogout: number | null = null;
  /** `undefined`: untouched. */
  #sessionLimit: SessionLimit | null | undefined = undefined;
  /** The user left the field invalid (a number out of range…): Save then reports it. */
  #sessionLimitInvalid = false;
  /** The welcome message being edited; `null` when not editing. */
  #welcome: string | null = null;
  #welcomeInvalid = false;
  #errors: Partial<Record<PersonalInfoSection, string>> = {};
  #sessionLimitError: string | null = null;
  #saved: PersonalInfoSection | null = null;
  #lastDirty = '';

  constructor(host: SectionsHost, options: SectionsOptions) {
    this.#host = host;
    this.#o = options;
  }

  /** The section being saved, `null` when none is. */
  readonly #t: Translate = (id, values) => this.#o.localize.t(id, values);

  get saving(): PersonalInfoSection | null {
    return this.#o.data.saving as PersonalInfoSection | null;
  }

  /** Forget everything typed (a different endpoint or client: a different user). */
  reset(): void {
    this.#autoLogout = null;
    this.#sessionLimit = undefined;
    this.#sessionLimitInvalid = false;
    this.#welcome = null;
    this.#errors = {};
    this.#sessionLimitError = null;
    this.#saved = null;
    this.#lastDirty = '';
  }

  /** After the reload that follows a conflict: drafts now equal to the server's values are clean again. */
  afterReload(): void {
    this.#notifyDirty();
  }

  dirtySections(): PersonalInfoSection[] {
    const info = this.#o.data.info;
    if (!info) return [];
    const out: PersonalInfoSection[] = [];
    if (this.#autoLogout !== null && this.#autoLogout !== info.autoLogout.minutes) out.push('auto-logout');
    if (this.#sessionLimitDirty(info)) out.push('session-limit');
    if (this.#welcome !== null && this.#welcome !== info.welcomeMessage) out.push('welcome-message');
    return out;
  }

  #sessionLimitDirty(info: PersonalInfo): boolean {
    if (this.#sessionLimit === undefined) return false;
    return this.#sessionLimitInvalid || !sameSessionLimit(this.#sessionLimit, info.sessionLimit);
  }

  #notifyDirty(): void {
    const sections = this.dirtySections();
    const key = sections.join(' ');
    if (key === this.#lastDirty) return;
    this.#lastDirty = key;
    this.#host.dispatchEvent(new PersonalInfoChangeEvent({ dirty: sections.length > 0, sections }));
  }

  #edited(section: PersonalInfoSection): void {
    delete this.#errors[section];
    if (this.#saved === section) this.#saved = null;
    this.#host.requestUpdate();
    this.#notifyDirty();
  }

  async #focus(selector: string): Promise<void> {
    await this.#host.updateComplete;
    this.#host.shadowRoot?.querySelector<HTMLElement>(selector)?.focus();
  }

  async #save(section: PersonalInfoSection, patch: PersonalInfoPatch): Promise<boolean> {
    delete this.#errors[section];
    this.#saved = null;
    if (section === 'session-limit') this.#sessionLimitError = null;
    const host = this.#host;
    if (this.saving !== null || !this.#o.data.info) return false;
    if (!host.dispatchEvent(new PersonalInfoSaveEvent({ section, patch }))) return false;
    const outcome = await this.#o.data.save(section, patch);
    if (!outcome) return false;
    host.requestUpdate();
    if (!outcome.ok) {
      await this.#onFailed(section, outcome.error);
      host.requestUpdate();
      host.dispatchEvent(new PersonalInfoErrorEvent({ operation: 'save', section, error: outcome.error }));
      return false;
    }
    this.#onSaved(section);
    const changed = Object.keys(patch) as PersonalInfoField[];
    host.dispatchEvent(new PersonalInfoSavedEvent({ personalInfo: outcome.info, changed }));
    this.#notifyDirty();
    return true;
  }

  #onSaved(section: PersonalInfoSection): void {
    if (section === 'auto-logout') this.#autoLogout = null;
    if (section === 'session-limit') {
      this.#sessionLimit = undefined;
      this.#sessionLimitInvalid = false;
    }
    if (section === 'welcome-message') {
      this.#welcome = null;
      void this.#focus('#welcome-edit');
    }
    this.#saved = section;
    this.#o.announce(this.#t('personal-info.saved'));
  }

  async #onFailed(section: PersonalInfoSection, error: ApiError): Promise<void> {
    const t = this.#t;
    const reason = sessionEndReason(error);
    if (reason) this.#host.dispatchEvent(new SessionExpiredEvent({ reason, error }));
    if (error.code === 'version-conflict') {
      this.#o.conflict();
      return;
    }
    // In memory since the page went idle or the user reached for the form (`problem-words.ts`).
    const { fieldError, problemMessage } = await loadProblemWords();
    const onField = fieldError(error, FIELD_OF[section]);
    if (section === 'session-limit' && onField) {
      // Shown on the field itself (its `error`), which also makes it invalid until changed.
      this.#sessionLimitError = onField;
      return;
    }
    if (section === 'welcome-message' && onField) this.#welcomeInvalid = true;
    const message = problemMessage(error, t, this.#o.localize.lang);
    this.#errors[section] = joinSentences(message, onField);
  }

  #saveAutoLogout = () => {
    if (this.#autoLogout !== null) void this.#save('auto-logout', { autoLogoutMinutes: this.#autoLogout });
  };

  #saveSessionLimit = () => {
    const field = this.#host.shadowRoot?.querySelector<SessionLimitField>('session-limit-field');
    if (field?.checkValidity && !field.checkValidity()) {
      field.reportValidity?.();
      return;
    }
    if (this.#sessionLimit !== undefined)
      void this.#save('session-limit', { sessionLimit: this.#sessionLimit });
  };

  #welcomeOk = () => {
    const draft = this.#welcome;
    const info = this.#o.data.info;
    if (draft === null || !info) return;
    if (!isWelcomeMessage(draft)) {
      this.#welcomeInvalid = true;
      this.#errors['welcome-message'] =
        draft.length > LIMITS.welcomeMessageMax
          ? this.#t('personal-info.welcome.too-long', { max: LIMITS.welcomeMessageMax })
          : this.#t('personal-info.welcome.invalid');
      this.#host.requestUpdate();
      void this.#focus('#welcome');
      return;
    }
    if (draft === info.welcomeMessage) {
      this.#welcomeCancel();
      return;
    }
    void this.#save('welcome-message', { welcomeMessage: draft });
  };

  #welcomeCancel = () => {
    this.#welcome = null;
    this.#welcomeInvalid = false;
    this.#edited('welcome-message');
    void this.#focus('#welcome-edit');
  };

  render(section: PersonalInfoSection, info: PersonalInfo): TemplateResult | TemplateResult[] {
    const t = this.#t;
    const saving = this.saving;
    const ctx = {
      t,
      lang: this.#o.localize.lang,
      locale: this.#o.localize.locale,
      strings: this.#host.strings,
      busy: saving !== null || this.#o.data.loading,
    };
    switch (section) {
      case 'contacts':
        return renderContacts({
          ...ctx,
          mobile: info.mobile,
          email: info.email,
          open: (kind, mode, challenge) => void this.#o.dialog.open(kind, mode, challenge),
          failed: this.#o.dialog.failed,
        });
      case 'auto-logout':
        return renderAutoLogout({
          ...ctx,
          autoLogout: info.autoLogout,
          value: this.#autoLogout ?? info.autoLogout.minutes,
          dirty: this.#autoLogout !== null && this.#autoLogout !== info.autoLogout.minutes,
          saving: saving === 'auto-logout',
          saved: this.#saved === 'auto-logout',
          error: this.#errors['auto-logout'] ?? null,
          change: (minutes) => {
            this.#autoLogout = minutes;
            this.#edited('auto-logout');
          },
          save: this.#saveAutoLogout,
        });
      case 'session-limit':
        return renderSessionLimit({
          ...ctx,
          value: this.#sessionLimit === undefined ? info.sessionLimit : this.#sessionLimit,
          dirty: this.#sessionLimitDirty(info),
          invalid: this.#sessionLimitInvalid,
          saving: saving === 'session-limit',
          saved: this.#saved === 'session-limit',
          fieldError: this.#sessionLimitError,
          error: this.#errors['session-limit'] ?? null,
          change: (value, valid) => {
            this.#sessionLimit = value;
            this.#sessionLimitInvalid = !valid;
            this.#sessionLimitError = null;
            this.#edited('session-limit');
          },
          save: this.#saveSessionLimit,
        });
      case 'welcome-message':
        return renderWelcomeMessage({
          ...ctx,
          message: info.welcomeMessage,
          draft: this.#welcome,
          saving: saving === 'welcome-message',
          saved: this.#saved === 'welcome-message',
          error: this.#errors['welcome-message'] ?? null,
          invalid: this.#welcomeInvalid,
          edit: () => {
            this.#welcome = info.welcomeMessage;
            this.#welcomeInvalid = false;
            this.#edited('welcome-message');
            void this.#focus('#welcome');
          },
          input: (value) => {
            this.#welcome = value;
            this.#welcomeInvalid = false;
            this.#edited('welcome-message');
          },
          ok: this.#welcomeOk,
          cancel: this.#welcomeCancel,
        });
    }
  }
}
