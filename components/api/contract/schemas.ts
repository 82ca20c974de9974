import * as z from 'zod/mini';
import {
  BIDI_CONTROL,
  CONTROL_EXCEPT_LF,
  HIDDEN_CHARACTER,
  LIMITS,
  LONE_SURROGATE,
  logOutAllowed,
} from './constants.js';
import { normalizeEmail } from './email.js';

// zod compiles fast paths with `new Function` on first use; a strict-CSP host page would report that.
z.config({ jitless: true });

const trimmedString = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const ContactKind = z.enum(['mobile', 'email']);
export type ContactKind = z.infer<typeof ContactKind>;

export const UserType = z.enum(['local', 'remote', 'third-party']);
export type UserType = z.infer<typeof UserType>;

export const Timestamp = z.iso.datetime();

export const SessionLimitPolicy = z.enum(['deny', 'log-out']);
export type SessionLimitPolicy = z.infer<typeof SessionLimitPolicy>;

/**
 * Max. online sessions: `null` is unlimited (the default). `log-out` (end the least recently active
 * session and let the new login in) is only allowed at a maximum of 1.
 */
export const SessionLimit = z
  .strictObject({
    max: z.int().check(z.gte(LIMITS.sessionLimitMin), z.lte(LIMITS.sessionLimitMax)),
    policy: SessionLimitPolicy,
  })
  .check(
    z.refine((v) => v.policy === 'deny' || logOutAllowed(v.max), {
      message: 'Only "deny" is allowed when the maximum is above 1',
      path: ['policy'],
    }),
  );
export type SessionLimit = z.infer<typeof SessionLimit>;

/**
 * Up to 512 characters, line feeds allowed; emoji, CJK and right-to-left text welcome. Refused:
 * control characters, lone surrogates, and bidi embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069), which reorder the text around them. (The character policy in `constants.ts`.)
 */
export const WelcomeMessage = z.string().check(
  z.maxLength(LIMITS.welcomeMessageMax, { message: `At most ${LIMITS.welcomeMessageMax} characters` }),
  z.refine((v) => !CONTROL_EXCEPT_LF.test(v), { message: 'Control characters are not allowed' }),
  z.refine((v) => !LONE_SURROGATE.test(v), { message: 'Invalid character' }),
  z.refine((v) => !BIDI_CONTROL.test(v), {
    message: 'Direction-changing characters (U+202A–U+202E, U+2066–U+2069) are not allowed',
  }),
);

export const ChallengePurpose = z.enum(['verify', 'change', 'step-up']);
export type ChallengePurpose = z.infer<typeof ChallengePurpose>;

export const Challenge = z.strictObject({
  id: z.string(),
  kind: ContactKind,
  purpose: ChallengePurpose,
  /** Masked destination the code went to. */
  destination: z.string(),
  expiresAt: Timestamp,
  /** When `resend` will be accepted. */
  resendAvailableAt: Timestamp,
  attemptsRemaining: z.int().check(z.gte(0)),
  codeLength: z.int(),
});
export type Challenge = z.infer<typeof Challenge>;

/** A user's contact as the API shows it: masked only, never the full value. */
export const ContactView = z.strictObject({
  kind: ContactKind,
  /** Masked current value (`+86 138****5678`, `j***n@example.com`), `null` when none is set. */
  masked: z.nullable(z.string()),
  verified: z.boolean(),
  /**
   * A change waiting for its code, while that code can still be used (`null` once it is verified,
   * expired or dead after too many wrong tries): the masked new value, when the code expires, and
   * the challenge to enter the code for (`resume()` of `<contact-verify-dialog>`) — only in the
   * session that sent it, where alone it can be verified; `null` in the user's other sessions.
   */
  pending: z.nullable(
    z.strictObject({ masked: z.string(), expiresAt: Timestamp, challenge: z.nullable(Challenge) }),
  ),
});
export type ContactView = z.infer<typeof ContactView>;

/** How this user can prove who they are before an edit. */
export const StepUpMethod = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('password') }),
  z.strictObject({ type: z.literal('code'), channel: ContactKind, destination: z.string() }),
]);
export type StepUpMethod = z.infer<typeof StepUpMethod>;

export const UserSummary = z.strictObject({
  username: z.string(),
  displayName: z.string(),
  type: UserType,
});
export type UserSummary = z.infer<typeof UserSummary>;

/** `GET /me/personal-info`: everything the form shows. */
export const PersonalInfo = z.strictObject({
  /** Opaque version; also sent as the `ETag` header and expected back in `If-Match`. */
  version: z.string(),
  user: UserSummary,
  mobile: ContactView,
  email: ContactView,
  stepUpMethods: z.array(StepUpMethod),
  autoLogout: z.strictObject({
    minutes: z.int().check(z.gte(1)),
    options: z.array(z.int().check(z.gte(1))),
    editable: z.boolean(),
    /** Why it cannot be edited, when `editable` is false. */
    lockedReason: z.nullable(z.enum(['third-party'])),
  }),
  sessionLimit: z.nullable(SessionLimit),
  welcomeMessage: z.string(),
});
export type PersonalInfo = z.infer<typeof PersonalInfo>;

/** `PATCH /me/personal-info` (with `If-Match`): any subset of the editable settings, nothing else. */
export const PersonalInfoPatch = z
  .strictObject({
    autoLogoutMinutes: z.optional(z.int().check(z.gte(1), z.lte(24 * 60))),
    sessionLimit: z.optional(z.nullable(SessionLimit)),
    welcomeMessage: z.optional(WelcomeMessage),
  })
  .check(z.refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' }));
export type PersonalInfoPatch = z.infer<typeof PersonalInfoPatch>;

/** No control, invisible or direction-changing characters (the character policy in `constants.ts`). */
export const Username = trimmedString(LIMITS.usernameMax).check(
  z.refine((v) => !HIDDEN_CHARACTER.test(v), {
    message: 'Control, invisible or direction-changing characters are not allowed',
  }),
);
/** Any characters, but whole ones: a lone surrogate has no UTF-8 form to hash. */
export const Password = z.string().check(
  z.minLength(1),
  z.maxLength(LIMITS.passwordMax),
  z.refine((v) => !LONE_SURROGATE.test(v), { message: 'Invalid character' }),
);

/** `POST /auth/login`: a password, or (third-party users, simulated by the mock) single sign-on. */
export const LoginRequest = z.union([
  z.strictObject({ username: Username, password: Password }),
  z.strictObject({ username: Username, provider: z.literal('sso') }),
]);
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.strictObject({
  user: UserSummary,
  /** The user's welcome message, to show once at this login; empty when none is set. */
  welcomeMessage: z.string(),
  session: z.strictObject({
    id: z.string(),
    expiresAt: Timestamp,
    idleTimeoutMinutes: z.int(),
  }),
  /** Sessions ended to let this login in (policy `log-out`). */
  replacedSessions: z.int().check(z.gte(0)),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const Code = z.string().check(z.regex(/^\d{6}$/, { message: 'Enter the 6-digit code' }));

/** `POST /me/identity-verifications`: password, or a code from a `step-up` challenge. */
export const IdentityVerificationRequest = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('password'), password: Password }),
  z.strictObject({ method: z.literal('code'), challengeId: z.string().check(z.maxLength(64)), code: Code }),
]);
export type IdentityVerificationRequest = z.infer<typeof IdentityVerificationRequest>;

export const StepUpToken = z.strictObject({
  stepUpToken: z.string(),
  expiresAt: Timestamp,
});
export type StepUpToken = z.infer<typeof StepUpToken>;

/**
 * An email address: `local@domain.tld`, no spaces, quotes, brackets or list separators, and none of
 * the control, invisible or direction-changing characters of the character policy (`constants.ts`).
 * An internationalised domain is accepted; the server stores and compares it in its ASCII (IDNA) form
 * ({@link normalizeEmail}) and shows it in Unicode, masked.
 */
export const Email = z.string().check(
  z.trim(),
  z.maxLength(LIMITS.emailMax, { message: `At most ${LIMITS.emailMax} characters` }),
  z.refine((v) => !HIDDEN_CHARACTER.test(v), {
    message: 'Remove the invisible or direction-changing characters',
    abort: true,
  }),
  z.refine((v) => normalizeEmail(v) !== null, { message: 'Enter an email address like name@example.com' }),
);

/** ISO 3166-1 alpha-2 region, e.g. `CN`, `GB`. */
export const Region = z.string().check(z.regex(/^[A-Z]{2}$/, { message: 'Choose a country or region' }));

/**
 * `POST /me/contacts/{kind}/challenges`: send a code.
 * - `verify`: to the current, unverified value;
 * - `change`: to a new value, with a step-up token (for `mobile`, with its region);
 * - `step-up`: to this verified contact, to prove identity (users without a password).
 */
export const ChallengeRequest = z.discriminatedUnion('purpose', [
  z.strictObject({ purpose: z.literal('verify') }),
  z.strictObject({
    purpose: z.literal('change'),
    value: z.string().check(z.minLength(1), z.maxLength(LIMITS.emailMax)),
    region: z.optional(Region),
    stepUpToken: z.string().check(z.maxLength(256)),
  }),
  z.strictObject({ purpose: z.literal('step-up') }),
]);
export type ChallengeRequest = z.infer<typeof ChallengeRequest>;

/**
 * `POST …/challenges/{id}/resend`. A new code for a `change` goes to a new value, so like the first
 * one it needs a valid step-up token of this session; `verify` and `step-up` challenges send `{}`.
 */
export const ResendRequest = z.strictObject({
  stepUpToken: z.optional(z.string().check(z.maxLength(256))),
});
export type ResendRequest = z.infer<typeof ResendRequest>;

export const VerifyRequest = z.strictObject({
  code: Code,
  /** Required again for `change` challenges: the step-up must still be valid at the moment of saving. */
  stepUpToken: z.optional(z.string().check(z.maxLength(256))),
});
export type VerifyRequest = z.infer<typeof VerifyRequest>;

export const VerifyResponse = z.strictObject({
  contact: ContactView,
  /** The personal info's new version (the contact is part of it). */
  version: z.string(),
});
export type VerifyResponse = z.infer<typeof VerifyResponse>;

export const SessionView = z.strictObject({
  id: z.string(),
  current: z.boolean(),
  createdAt: Timestamp,
  lastActiveAt: Timestamp,
  userAgent: z.string(),
});
export type SessionView = z.infer<typeof SessionView>;

export const SessionList = z.strictObject({ sessions: z.array(SessionView) });
export type SessionList = z.infer<typeof SessionList>;

export const ChallengeParams = z.strictObject({
  kind: ContactKind,
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)),
});
export const KindParams = z.strictObject({ kind: ContactKind });
export const SessionParams = z.strictObject({ id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)) });
export const NoParams = z.strictObject({});
