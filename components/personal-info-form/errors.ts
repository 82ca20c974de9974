import { ApiError } from '../api/client.js';
import { sessionEndReason } from '../shared/session-expired-event.js';
import type { Translate } from './format.js';

/** A 401 that means the user has to sign in again (the host goes to its login page). */
export const endsSession = (error: ApiError): boolean => error.kind === 'http' && sessionEndReason(error) !== null;

/** Anything thrown inside the element as an `ApiError` (the client only rejects with those). */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    kind: 'network',
    route: 'getPersonalInfo',
    message: error instanceof Error ? error.message : String(error),
    cause: error,
  });
}

function transportMessage(error: ApiError, t: Translate): string | null {
  if (error.kind === 'network') {
    return t(globalThis.navigator?.onLine === false ? 'personal-info.offline' : 'personal-info.unreachable');
  }
  if (error.kind === 'contract') return t('personal-info.contract');
  if (endsSession(error)) return t('personal-info.session-ended');
  return null;
}

/** Why loading failed, in words a user can act on. */
export function loadErrorMessage(error: ApiError, t: Translate): string {
  return transportMessage(error, t) ?? t('personal-info.load-failed');
}

/** Why a save failed, in words a user can act on. */
export function saveErrorMessage(error: ApiError, t: Translate): string {
  const transport = transportMessage(error, t);
  if (transport) return transport;
  switch (error.code) {
    case 'not-editable':
      return t('personal-info.error.not-editable');
    case 'validation-failed':
      return t('personal-info.error.validation');
    case 'storage-unavailable':
    case 'internal':
      return t('personal-info.error.storage');
    case 'rate-limited':
    case 'too-many-attempts':
      return t('personal-info.error.rate-limited', { seconds: error.problem?.retryAfterSeconds ?? 60 });
    default:
      return t('personal-info.error.save');
  }
}

/** `fieldErrors` of a `validation-failed` problem whose path starts with `prefix`, joined for one field. */
export function fieldError(error: ApiError, prefix: string): string | null {
  const errors = error.code === 'validation-failed' ? error.problem?.fieldErrors : undefined;
  if (!errors) return null;
  const messages = Object.entries(errors)
    .filter(([path]) => path === prefix || path.startsWith(prefix))
    .flatMap(([, list]) => list);
  return messages.length ? messages.join(' ') : null;
}
