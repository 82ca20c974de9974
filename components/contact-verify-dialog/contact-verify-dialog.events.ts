import type { ApiError } from '../api/client.js';
import type { ChallengePurpose, ContactKind, ContactView } from '../api/contract/index.js';
import type { ProblemKey } from '../shared/problem-messages.js';

import type { SessionExpiredEvent } from '../shared/session-expired-event.js';
import { DetailEvent } from '../shared/detail-event.js';

export { SessionExpiredEvent, type SessionExpiredDetail } from '../shared/session-expired-event.js';

export type ContactVerifyMode = 'edit' | 'verify';
/** The dialog's steps: identity check, new value, code (confirmed with OK, which closes the dialog). */
export type ContactVerifyStep = 'identity' | 'value' | 'code';

export interface ContactVerifyDetail {
  kind: ContactKind;
  mode: ContactVerifyMode;
}

/** Why the dialog is closing. */
export type ContactVerifyHideSource = 'close-button' | 'escape' | 'cancel-button' | 'done' | 'method';

/** `contact-verify-show`: the dialog is about to open. Cancelable (it then stays closed). */
export class ContactVerifyShowEvent extends DetailEvent<ContactVerifyDetail> {
  static override readonly eventName = 'contact-verify-show';
  static override readonly cancelable = true;
}

/** `contact-verify-after-show`: the dialog is open and focus is inside it. */
export class ContactVerifyAfterShowEvent extends DetailEvent<ContactVerifyDetail> {
  static override readonly eventName = 'contact-verify-after-show';
}

export interface ContactVerifyHideDetail extends ContactVerifyDetail {
  /** What asked to close: the close button, Escape, Cancel, `done` (OK confirmed the code), or `hide()`. */
  source: ContactVerifyHideSource;
}

/**
 * `contact-verify-hide`: the dialog is about to close. Cancelable when the user asked (close
 * button, Escape, Cancel) — e.g. to confirm discarding what was typed; `hide()` and `done` (the
 * code was confirmed and the change is saved) always close.
 */
export class ContactVerifyHideEvent extends DetailEvent<ContactVerifyHideDetail> {
  static override readonly eventName = 'contact-verify-hide';
  static override readonly cancelable = (detail: ContactVerifyHideDetail) =>
    detail.source !== 'method' && detail.source !== 'done';
}

export interface ContactVerifyAfterHideDetail extends ContactVerifyDetail {
  /** The contact was saved / verified before closing. */
  confirmed: boolean;
}

/** `contact-verify-after-hide`: the dialog is closed and focus is back on what opened it. */
export class ContactVerifyAfterHideEvent extends DetailEvent<ContactVerifyAfterHideDetail> {
  static override readonly eventName = 'contact-verify-after-hide';
}

export interface ContactVerifySendDetail extends ContactVerifyDetail {
  /** The channel the code goes through (a step-up code may go to the other contact). */
  channel: ContactKind;
  purpose: ChallengePurpose;
  /** A new code for the same request (`resend`) rather than a first one. */
  resend: boolean;
}

/** `contact-verify-send`: a code is about to be requested. Cancelable (nothing is sent). */
export class ContactVerifySendEvent extends DetailEvent<ContactVerifySendDetail> {
  static override readonly eventName = 'contact-verify-send';
  static override readonly cancelable = true;
}

export interface ContactVerifySentDetail extends ContactVerifySendDetail {
  /** Masked destination the code went to. */
  destination: string;
  /** When the code expires and when a resend is accepted (ISO timestamps from the server). */
  expiresAt: string;
  resendAvailableAt: string;
}

/** `contact-verify-sent`: the server accepted the request and sent a code. */
export class ContactVerifySentEvent extends DetailEvent<ContactVerifySentDetail> {
  static override readonly eventName = 'contact-verify-sent';
}

/** `contact-verify-confirm`: the code is about to be checked (and the contact saved). Cancelable. */
export class ContactVerifyConfirmEvent extends DetailEvent<ContactVerifyDetail> {
  static override readonly eventName = 'contact-verify-confirm';
  static override readonly cancelable = true;
}

export interface ContactVerifyConfirmedDetail extends ContactVerifyDetail {
  /** The contact as the server now shows it: masked, verified. */
  contact: ContactView;
  /** The personal info's new version (its ETag). */
  version: string;
}

/** `contact-verify-confirmed`: the contact is saved and verified. */
export class ContactVerifyConfirmedEvent extends DetailEvent<ContactVerifyConfirmedDetail> {
  static override readonly eventName = 'contact-verify-confirmed';
}

export interface ContactVerifyErrorDetail extends ContactVerifyDetail {
  /** The error from the API client (`error.problem` carries the server's problem details). */
  error: ApiError;
  /** The problem code, or `network` / `contract` for failures without one. */
  code: ProblemKey;
  /** The step the dialog was on. */
  step: ContactVerifyStep | 'load';
}

/** `contact-verify-error`: a request failed; the dialog already shows what to do next. */
export class ContactVerifyErrorEvent extends DetailEvent<ContactVerifyErrorDetail> {
  static override readonly eventName = 'contact-verify-error';
}

/**
 * Every event `<contact-verify-dialog>` fires, by name. `personal-settings-elements/contact-verify-dialog`
 * merges it into `HTMLElementEventMap`; the React wrapper and the Vue types are built from it too.
 */
export interface ContactVerifyDialogEventMap {
  'contact-verify-show': ContactVerifyShowEvent;
  'contact-verify-after-show': ContactVerifyAfterShowEvent;
  'contact-verify-hide': ContactVerifyHideEvent;
  'contact-verify-after-hide': ContactVerifyAfterHideEvent;
  'contact-verify-send': ContactVerifySendEvent;
  'contact-verify-sent': ContactVerifySentEvent;
  'contact-verify-confirm': ContactVerifyConfirmEvent;
  'contact-verify-confirmed': ContactVerifyConfirmedEvent;
  'contact-verify-error': ContactVerifyErrorEvent;
  'session-expired': SessionExpiredEvent;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'contact-verify-show': ContactVerifyShowEvent;
    'contact-verify-after-show': ContactVerifyAfterShowEvent;
    'contact-verify-hide': ContactVerifyHideEvent;
    'contact-verify-after-hide': ContactVerifyAfterHideEvent;
    'contact-verify-send': ContactVerifySendEvent;
    'contact-verify-sent': ContactVerifySentEvent;
    'contact-verify-confirm': ContactVerifyConfirmEvent;
    'contact-verify-confirmed': ContactVerifyConfirmedEvent;
    'contact-verify-error': ContactVerifyErrorEvent;
  }
}
