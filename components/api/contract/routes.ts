import type * as z from 'zod/mini';
import { type ProblemCode, RULES } from './constants.js';
import {
  ChallengeParams,
  ChallengeRequest,
  Challenge,
  IdentityVerificationRequest,
  KindParams,
  LoginRequest,
  LoginResponse,
  NoParams,
  PersonalInfo,
  PersonalInfoPatch,
  ResendRequest,
  SessionList,
  SessionParams,
  StepUpToken,
  VerifyRequest,
  VerifyResponse,
} from './schemas.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One route of the contract. Paths are relative to the endpoint (e.g. `/api/v1`) and use `:param`. */
export interface RouteDef {
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  /** The rules a backend must honour beyond the schemas (OpenAPI `description`). */
  readonly description?: string;
  readonly params: z.ZodMiniType;
  readonly body: z.ZodMiniType | null;
  /**
   * The body may be left out (no `Content-Length`, or 0, and no `Transfer-Encoding`): it then reads
   * as `{}`. For a body whose fields are all optional, so clients written before it had any keep working.
   */
  readonly bodyOptional?: boolean;
  /** Success status and body schema (`null` body for 204). */
  readonly status: 200 | 201 | 204;
  readonly response: z.ZodMiniType | null;
  /** Requires a signed-in session (cookie). */
  readonly auth: boolean;
  /** Requires `If-Match` with the version last read. */
  readonly ifMatch?: boolean;
  /** The problem codes this route answers with, beyond the ones every route can (see `COMMON_PROBLEMS`). */
  readonly problems: readonly ProblemCode[];
}

/** Problems any route can answer with. */
export const COMMON_PROBLEMS: readonly ProblemCode[] = [
  'validation-failed',
  'malformed-request',
  'payload-too-large',
  'unsupported-media-type',
  'forbidden-origin',
  'internal',
  'storage-unavailable',
];
/** Problems any signed-in route can answer with. */
export const SESSION_PROBLEMS: readonly ProblemCode[] = [
  'unauthenticated',
  'session-expired',
  'session-replaced',
];

const CODE_SEND_PROBLEMS: readonly ProblemCode[] = [
  'cooldown',
  'rate-limited',
  'notification-not-configured',
  'notification-failed',
];

/** THE route table: the client, the mock server, msw and the OpenAPI document are all built from it. */
export const routes = {
  login: {
    method: 'POST',
    path: '/auth/login',
    summary: 'Sign in (mock: password, or simulated SSO for third-party users); enforces the session limit',
    description:
      'A failed password login answers the same whether or not the username exists: the same status, ' +
      '`code`, `title`, `detail` and headers, after the same work, and the same lockout ' +
      `(${RULES.passwordMaxFailures} wrong passwords in a row lock the submitted username for ` +
      `${RULES.lockoutSeconds / 60} minutes, 429 \`account-locked\`, whether or not it exists). ` +
      'A session cookie sent with a successful login is ended: the browser gets a new session id, ' +
      'and the old one answers 401.',
    params: NoParams,
    body: LoginRequest,
    status: 200,
    response: LoginResponse,
    auth: false,
    problems: ['invalid-credentials', 'account-locked', 'session-limit-reached'],
  },
  logout: {
    method: 'POST',
    path: '/auth/logout',
    summary: 'End the current session',
    params: NoParams,
    body: null,
    status: 204,
    response: null,
    auth: false,
    problems: [],
  },
  getPersonalInfo: {
    method: 'GET',
    path: '/me/personal-info',
    summary: 'Everything the personal-info screen shows, masked, with its version (ETag)',
    params: NoParams,
    body: null,
    status: 200,
    response: PersonalInfo,
    auth: true,
    problems: [],
  },
  updatePersonalInfo: {
    method: 'PATCH',
    path: '/me/personal-info',
    summary: 'Change auto-logout, session limit and/or welcome message; If-Match required',
    description:
      '`If-Match` per RFC 9110 §13.1.1: the `ETag` last read (quoted), compared strongly, or a bare `*`. ' +
      'A weak tag (`W/"7"`), a quoted or weak wildcard (`"*"`, `W/"*"`) or an unquoted version never ' +
      'matches: 412 `version-conflict`. The welcome message keeps emoji, CJK and right-to-left text ' +
      'but refuses control characters (except line feed), lone surrogates and the bidi embeddings, ' +
      'overrides and isolates U+202A–U+202E, U+2066–U+2069.',
    params: NoParams,
    body: PersonalInfoPatch,
    status: 200,
    response: PersonalInfo,
    auth: true,
    ifMatch: true,
    problems: ['precondition-required', 'version-conflict', 'not-editable'],
  },
  verifyIdentity: {
    method: 'POST',
    path: '/me/identity-verifications',
    summary: 'Step-up: prove identity with the password or a step-up code; returns a 5-minute token',
    description:
      'A successful verification renews the session: the answer sets a new session cookie and the ' +
      'previous one answers 401 from then on (the session keeps its id, challenges and step-up token). ' +
      'Wrong passwords count toward the same lockout as at login.',
    params: NoParams,
    body: IdentityVerificationRequest,
    status: 201,
    response: StepUpToken,
    auth: true,
    problems: [
      'invalid-credentials',
      'account-locked',
      'invalid-code',
      'code-expired',
      'too-many-attempts',
      'not-found',
    ],
  },
  createChallenge: {
    method: 'POST',
    path: '/me/contacts/:kind/challenges',
    summary: 'Send a code: verify the current value, change to a new value (step-up token), or step-up',
    description:
      `Codes are capped: one per ${RULES.resendCooldownSeconds} s per destination (429 \`cooldown\`), ` +
      `${RULES.sendsPerDestinationPerHour} per destination and hour, and ${RULES.sendsPerAccountPerHour} ` +
      'per account and hour across all destinations (429 `rate-limited`, with `Retry-After`). ' +
      'A new email address may not contain control, invisible or direction-changing characters ' +
      '(zero-width characters, soft hyphen, bidi marks and controls, lone surrogates: 400 with a field ' +
      'error on `value`); an internationalised domain is accepted, stored and compared in its ASCII ' +
      '(IDNA) form and shown masked in its Unicode form.',
    params: KindParams,
    body: ChallengeRequest,
    status: 201,
    response: Challenge,
    auth: true,
    problems: [
      ...CODE_SEND_PROBLEMS,
      'step-up-required',
      'step-up-expired',
      'same-value',
      'already-verified',
      'no-contact',
      'no-verified-contact',
    ],
  },
  resendChallenge: {
    method: 'POST',
    path: '/me/contacts/:kind/challenges/:id/resend',
    summary: 'Send a new code for the challenge (after the cooldown); only the latest code is valid',
    description:
      `The same caps as sending the first code, the per-account cap of ${RULES.sendsPerAccountPerHour} codes an hour included. ` +
      'A `change` challenge needs `stepUpToken` again, valid and of this session, as when its first code ' +
      'was sent (403 `step-up-required` or `step-up-expired`); a challenge dead after too many wrong codes ' +
      'cannot be resent (429 `too-many-attempts`): start a new one.',
    params: ChallengeParams,
    body: ResendRequest,
    bodyOptional: true,
    status: 200,
    response: Challenge,
    auth: true,
    problems: [
      ...CODE_SEND_PROBLEMS,
      'not-found',
      'code-expired',
      'too-many-attempts',
      'step-up-required',
      'step-up-expired',
    ],
  },
  verifyChallenge: {
    method: 'POST',
    path: '/me/contacts/:kind/challenges/:id/verify',
    summary: 'Check the code; on success the contact is saved and verified',
    params: ChallengeParams,
    body: VerifyRequest,
    status: 200,
    response: VerifyResponse,
    auth: true,
    problems: [
      'not-found',
      'invalid-code',
      'code-expired',
      'too-many-attempts',
      'step-up-required',
      'step-up-expired',
    ],
  },
  listSessions: {
    method: 'GET',
    path: '/me/sessions',
    summary: "The user's online sessions",
    params: NoParams,
    body: null,
    status: 200,
    response: SessionList,
    auth: true,
    problems: [],
  },
  endSession: {
    method: 'DELETE',
    path: '/me/sessions/:id',
    summary: 'End one of the user’s sessions',
    params: SessionParams,
    body: null,
    status: 204,
    response: null,
    auth: true,
    problems: ['not-found'],
  },
} as const satisfies Record<string, RouteDef>;

export type Routes = typeof routes;
export type RouteName = keyof Routes;

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;
type In<S> = S extends z.ZodMiniType ? z.input<S> : undefined;

export type RouteParams<N extends RouteName> = In<Routes[N]['params']>;
export type RouteBody<N extends RouteName> = In<Routes[N]['body']>;
export type RouteResponse<N extends RouteName> = Out<Routes[N]['response']>;
