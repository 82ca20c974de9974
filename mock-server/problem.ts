import {
  PROBLEM_CONTENT_TYPE,
  PROBLEM_STATUS,
  type Problem,
  type ProblemCode,
  problemType,
} from '../components/api/contract/index.js';

const TITLES: Record<ProblemCode, string> = {
  'validation-failed': 'The request has invalid fields',
  'malformed-request': 'The request body is not valid JSON',
  'same-value': 'The new value is the same as the current one',
  unauthenticated: 'Sign in first',
  'invalid-credentials': 'The username or password is wrong',
  'session-expired': 'The session has expired',
  'session-replaced': 'The session was ended by a newer login',
  'step-up-required': 'Verify your identity first',
  'step-up-expired': 'The identity verification has expired',
  'not-editable': 'This setting cannot be changed for this account',
  'forbidden-origin': 'Cross-site request refused',
  'no-verified-contact': 'No verified contact to send a code to',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  'session-limit-reached': 'The maximum number of online sessions is in use',
  'already-verified': 'The contact is already verified',
  'no-contact': 'There is no contact to verify',
  'invalid-code': 'The code is wrong',
  'code-expired': 'The code has expired',
  'version-conflict': 'The settings were changed elsewhere',
  'payload-too-large': 'The request body is too large',
  'unsupported-media-type': 'The request body must be application/json',
  'precondition-required': 'If-Match is required',
  'too-many-attempts': 'Too many wrong codes',
  cooldown: 'Wait before sending another code',
  'rate-limited': 'Too many codes sent',
  'account-locked': 'Too many failed attempts; the account is locked for a while',
  internal: 'Internal error',
  'notification-not-configured': 'Remote notification is not configured',
  'notification-failed': 'The code could not be sent',
  'storage-unavailable': 'The change could not be saved',
};

export interface Extras {
  detail?: string;
  attemptsRemaining?: number;
  retryAfterSeconds?: number;
  fieldErrors?: Record<string, string[]>;
  channel?: 'mobile' | 'email';
  /** `version-conflict`: the version the server has now. */
  currentVersion?: string;
}

/** Thrown anywhere in a handler; the app's error handler turns it into problem+json. */
export class ProblemError extends Error {
  readonly code: ProblemCode;
  readonly extras: Extras;
  readonly headers: Record<string, string>;
  constructor(code: ProblemCode, extras: Extras = {}, headers: Record<string, string> = {}) {
    super(extras.detail ?? TITLES[code]);
    this.code = code;
    this.extras = extras;
    this.headers = headers;
    if (extras.retryAfterSeconds !== undefined && !('Retry-After' in headers)) {
      this.headers['Retry-After'] = String(extras.retryAfterSeconds);
    }
  }
  get status(): number {
    return PROBLEM_STATUS[this.code];
  }
  toProblem(instance?: string): Problem {
    return {
      type: problemType(this.code),
      title: TITLES[this.code],
      status: this.status,
      code: this.code,
      ...this.extras,
      ...(instance ? { instance } : {}),
    };
  }
}

export function problemResponse(error: ProblemError, instance?: string, headers?: Headers): Response {
  const h = new Headers(headers);
  h.set('Content-Type', PROBLEM_CONTENT_TYPE);
  h.set('Cache-Control', 'no-store');
  h.set('X-Content-Type-Options', 'nosniff');
  for (const [k, v] of Object.entries(error.headers)) h.set(k, v);
  return new Response(JSON.stringify(error.toProblem(instance)), { status: error.status, headers: h });
}

export const PROBLEM_TITLES = TITLES;
