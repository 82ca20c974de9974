import type { Catalog } from '../localize.js';

/**
 * Strings every element shares: one message and one next step per problem code any element can meet
 * (the contact names, which the form shows before any problem, are in `contacts.ts`). Problems only the dialog meets (codes, step-up, sending) are in
 * `contact-verify-dialog/locales/`. Placeholders: `{contact}` (“mobile number”), `{time}` (a
 * formatted duration), `{lifetime}`, `{maxTries}`, `{lockout}`.
 */
const en: Catalog = {
  'problem.validation-failed': 'Some of what you entered is not valid.',
  'problem.validation-failed.next': 'Check the highlighted fields and try again.',
  'problem.malformed-request': 'The server could not understand the request.',
  'problem.malformed-request.next':
    'Reload the page and try again. If it keeps happening, contact your administrator.',
  'problem.unauthenticated': 'You are not signed in.',
  'problem.unauthenticated.next': 'Sign in again to continue.',
  'problem.session-expired': 'Your session has ended because you were inactive for too long.',
  'problem.session-expired.next': 'Sign in again. Nothing in this dialog was saved.',
  'problem.session-replaced': 'You were signed out because your account signed in somewhere else.',
  'problem.session-replaced.next': 'Sign in again to continue. Nothing in this dialog was saved.',
  'problem.not-editable': 'This setting cannot be changed for your account.',
  'problem.not-editable.next': 'Ask your administrator if it needs to change.',
  'problem.forbidden-origin': 'This page is not allowed to change your settings.',
  'problem.forbidden-origin.next': 'Open the console from its usual address and try again.',
  'problem.not-found': 'This verification request is no longer valid.',
  'problem.not-found.next': 'Send a new code.',
  'problem.method-not-allowed': 'The server does not support this action.',
  'problem.method-not-allowed.next': 'Contact your administrator.',
  'problem.session-limit-reached': 'Your account already has the maximum number of sessions open.',
  'problem.session-limit-reached.next': 'Sign out of another session, then try again.',
  'problem.version-conflict': 'Your settings were changed somewhere else in the meantime.',
  'problem.version-conflict.next': 'Reload to see the latest values, then make your change again.',
  'problem.payload-too-large': 'What you entered is too long.',
  'problem.payload-too-large.next': 'Shorten it and try again.',
  'problem.unsupported-media-type': 'The request was sent in a format the server does not accept.',
  'problem.unsupported-media-type.next': 'Contact your administrator.',
  'problem.precondition-required': 'The server needs to know which version you are changing.',
  'problem.precondition-required.next': 'Reload and try again.',
  'problem.internal': 'Something went wrong on the server.',
  'problem.internal.next': 'Try again. If it keeps happening, contact your administrator.',
  'problem.storage-unavailable': 'Your change could not be saved right now.',
  'problem.storage-unavailable.next': 'Try again in a moment.',
  'problem.network': 'The server could not be reached.',
  'problem.network.next': 'Check your connection, then try again.',
  'problem.contract': 'The server sent an answer this page does not understand.',
  'problem.contract.next':
    'Try again. If it keeps happening, tell your administrator: the server and this page may not match.',
  'problem.aborted': 'The request was cancelled.',
  'problem.aborted.next': 'Try again.',
  'problem.unknown': 'Something went wrong.',
  'problem.unknown.next': 'Try again.',
};

export default en;
