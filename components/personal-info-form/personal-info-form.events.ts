import type { ApiError } from '../api/client.js';
import type { PersonalInfo, PersonalInfoPatch } from '../api/contract/index.js';
import type { SessionExpiredEvent } from '../shared/session-expired-event.js';
import { DetailEvent } from '../shared/detail-event.js';

/** The parts of the screen a host can show (`sections` attribute) and that save on their own. */
export type PersonalInfoSection = 'contacts' | 'auto-logout' | 'session-limit' | 'welcome-message';

/** The parts of the personal info a save or a verified contact changed. */
export type PersonalInfoField = keyof PersonalInfoPatch | 'mobile' | 'email';

export interface PersonalInfoChangeDetail {
  /** Whether any section now has unsaved changes. */
  readonly dirty: boolean;
  /** The sections with unsaved changes. */
  readonly sections: readonly PersonalInfoSection[];
}

/** The user changed something (or cancelled / saved a change): whether unsaved changes remain. */
export class PersonalInfoChangeEvent extends DetailEvent<PersonalInfoChangeDetail> {
  static override readonly eventName = 'personal-info-change';
}

export interface PersonalInfoSaveDetail {
  readonly section: PersonalInfoSection;
  /** Exactly what will be sent in the `PATCH` body. */
  readonly patch: PersonalInfoPatch;
}

/** Before a section is saved; cancelable (`preventDefault()` and nothing is sent). */
export class PersonalInfoSaveEvent extends DetailEvent<PersonalInfoSaveDetail> {
  static override readonly eventName = 'personal-info-save';
  static override readonly cancelable = true;
}

export interface PersonalInfoSavedDetail {
  /** The personal info as the server now has it. */
  readonly personalInfo: PersonalInfo;
  /** What this save changed. */
  readonly changed: readonly PersonalInfoField[];
}

/** After the server accepted a change (a section's Save / OK, or a contact verified in the dialog). */
export class PersonalInfoSavedEvent extends DetailEvent<PersonalInfoSavedDetail> {
  static override readonly eventName = 'personal-info-saved';
}

export interface PersonalInfoErrorDetail {
  /** What failed: loading the personal info, or saving a section. */
  readonly operation: 'load' | 'save';
  readonly section: PersonalInfoSection | null;
  /** The problem, as the API client reports it (`error.code` is the stable problem code). */
  readonly error: ApiError;
}

/** Loading or saving failed (not fired for requests cancelled because the element left the page). */
export class PersonalInfoErrorEvent extends DetailEvent<PersonalInfoErrorDetail> {
  static override readonly eventName = 'personal-info-error';
}

/**
 * Every event `<personal-info-form>` fires, by name. `personal-settings-elements/personal-info-form`
 * merges it into `HTMLElementEventMap`, so `form.addEventListener('personal-info-saved', (e) => …)`
 * gets a typed `e`; the React wrapper and the Vue types are built from it too.
 */
export interface PersonalInfoFormEventMap {
  'personal-info-change': PersonalInfoChangeEvent;
  'personal-info-save': PersonalInfoSaveEvent;
  'personal-info-saved': PersonalInfoSavedEvent;
  'personal-info-error': PersonalInfoErrorEvent;
  'session-expired': SessionExpiredEvent;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'personal-info-change': PersonalInfoChangeEvent;
    'personal-info-save': PersonalInfoSaveEvent;
    'personal-info-saved': PersonalInfoSavedEvent;
    'personal-info-error': PersonalInfoErrorEvent;
  }
}
