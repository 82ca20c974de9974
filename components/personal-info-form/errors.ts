import type { ApiError } from '../api/client.js';
import { joinSentences, registerCatalog, type Translate } from '../shared/localize.js';
import { describeProblem, sharedCatalogs } from '../shared/problem-messages.js';
import { sessionEndReason } from '../shared/session-expired-event.js';

// Loaded after the form's first paint (`problem-words.ts`): the shared problem words come with it.
for (const [locale, catalog] of Object.entries(sharedCatalogs)) registerCatalog(locale, catalog);

/** A 401 that means the user has to sign in again (the host goes to its login page). */
export const endsSession = (error: ApiError): boolean =>
  error.kind === 'http' && sessionEndReason(error) !== null;

/** What happened and what to do next, in the shared words for problem codes (adapted to this screen). */
export function problemMessage(error: ApiError, t: Translate, lang: string): string {
  if (error.kind === 'network' && globalThis.navigator?.onLine === false) return t('personal-info.offline');
  const described = describeProblem(error, t, { lang });
  // The shared "next step" of a lost session talks about a dialog; this screen says it its own way.
  const next = endsSession(error) ? t('personal-info.session-ended') : described.next;
  return joinSentences(described.message, next);
}

/** Why loading failed, in words a user can act on. */
export function loadErrorMessage(error: ApiError, t: Translate, lang: string): string {
  return joinSentences(t('personal-info.load-failed'), problemMessage(error, t, lang));
}

/** `fieldErrors` of a `validation-failed` problem whose path starts with `prefix`, joined for one field. */
export function fieldError(error: ApiError, prefix: string): string | null {
  const errors = error.code === 'validation-failed' ? error.problem?.fieldErrors : undefined;
  if (!errors) return null;
  const messages = Object.entries(errors)
    .filter(([path]) => path === prefix || path.startsWith(`${prefix}.`))
    .flatMap(([, list]) => list);
  return messages.length ? joinSentences(...messages) : null;
}
