import type { ApiError } from '../api/client.js';
import { DetailEvent } from './detail-event.js';

export type SessionEndReason = 'session-expired' | 'session-replaced' | 'unauthenticated';

export interface SessionExpiredDetail {
  /** Why the session is gone: idle/absolute timeout, ended by a newer login, or never signed in. */
  reason: SessionEndReason;
  /** The error that revealed it. */
  error: ApiError;
}

/**
 * `session-expired`: the server answered 401 — the host should send the user to its login page.
 * Fired by every element of the library (one class, so `GlobalEventHandlersEventMap` has one type).
 * Bubbles and is composed; not cancelable (the session is already gone).
 */
export class SessionExpiredEvent extends DetailEvent<SessionExpiredDetail> {
  static override readonly eventName = 'session-expired';
}

/** The session-ending reason of an error, or `null` when the error does not end the session. */
export function sessionEndReason(error: unknown): SessionEndReason | null {
  const code = (error as Partial<ApiError> | null)?.code;
  return code === 'session-expired' || code === 'session-replaced' || code === 'unauthenticated'
    ? code
    : null;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'session-expired': SessionExpiredEvent;
  }
}
