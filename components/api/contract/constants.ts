/**
 * The contract's plain values: limits, rules, problem codes, header names and the text rules the zod
 * schemas refine with. No zod here, so an element that needs a limit or a rule does not pull the
 * schemas (and zod) into a host page's first download; the schemas import these, so each rule is
 * still written once.
 * @module
 */

/** Limits of the contract, shared by the elements (counters, input limits) and the server (enforcement). */
export const LIMITS = {
  welcomeMessageMax: 512,
  sessionLimitMin: 1,
  sessionLimitMax: 500,
  emailMax: 254,
  passwordMax: 256,
  usernameMax: 64,
  codeLength: 6,
  /** Longest phone number as typed (with its spaces and punctuation). */
  phoneMax: 32,
  /** Largest accepted request body, in bytes. */
  bodyMaxBytes: 16 * 1024,
} as const;

/** Rules the server enforces, published so the UI can explain them (countdowns, expiry). */
export const RULES = {
  codeLifetimeSeconds: 5 * 60,
  codeMaxAttempts: 5,
  resendCooldownSeconds: 60,
  sendsPerDestinationPerHour: 5,
  /** Codes one account may have sent in an hour, across all destinations (SMS pumping). */
  sendsPerAccountPerHour: 20,
  accountCodeFailuresPerHour: 20,
  stepUpLifetimeSeconds: 5 * 60,
  passwordMaxFailures: 5,
  lockoutSeconds: 15 * 60,
  sessionAbsoluteSeconds: 12 * 60 * 60,
  thirdPartyAutoLogoutMinutes: 30,
  defaultAutoLogoutMinutes: 30,
  /** `log-out` (end the least recently active session to let a new login in) is a choice only up to this maximum. */
  logOutPolicyMaxSessions: 1,
} as const;

/**
 * Whether a maximum of online sessions allows the `log-out` policy (only at 1; above it a new login
 * is denied). The schema, the field, the form-syntax parser and the mock all ask this.
 */
export const logOutAllowed = (max: number): boolean => max <= RULES.logOutPolicyMaxSessions;

/**
 * A phone number as typed, before the region's rules: an optional `+`, then digits with spaces,
 * brackets, dots, dashes or slashes. The elements check it before loading a number's region rules;
 * the mock refuses anything else before parsing.
 */
export const PHONE_TEXT = /^\+?[0-9\s().\-/]+$/;

/** Requests carrying this header (value `passive`) are not user activity: they do not keep a session alive. */
export const ACTIVITY_HEADER = 'X-Activity';

/** Any C0/C1 control character except line feed; carriage returns are normalised by the client. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: this regex exists to find control characters
export const CONTROL_EXCEPT_LF = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;
/** Any C0/C1 control character. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: this regex exists to find control characters
export const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** Lone UTF-16 surrogates cannot be stored or sent as UTF-8 faithfully. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/*
 * The character policy, for every text the contract accepts (written once here; the schemas, the
 * elements and the mock all use it):
 * - No text accepts C0/C1 control characters (a welcome message keeps line feeds) or lone surrogates.
 * - What a person reads to recognise an account or a destination — a username, an email address —
 *   accepts no invisible or format characters either: zero-width space and joiners, soft hyphen, word
 *   joiner, BOM, bidi marks, embeddings, overrides and isolates, variation selectors, tags, Hangul
 *   fillers, line and paragraph separators. Each can make two different values look the same
 *   (`abcd@exa\u200Bmple.com` displays as example.com).
 * - An email domain may be internationalised: it is stored and compared in its ASCII (IDNA) form,
 *   lower case (`bücher.example` → `xn--bcher-kva.example`), and shown in its Unicode form.
 * - A welcome message keeps everything people write — emoji sequences (joiners, variation selectors),
 *   CJK, right-to-left text with its marks (U+200E, U+200F, U+061C) — but refuses the bidi embeddings,
 *   overrides and isolates (U+202A–U+202E, U+2066–U+2069) that reorder the text around them.
 */

/** Characters no identifier (username, email address) may contain; see the character policy above. */
export const HIDDEN_CHARACTER = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;

/** Bidi embeddings, overrides and isolates: refused in a welcome message. */
export const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** Whether a welcome message is one the contract accepts (length and the character policy). */
export const isWelcomeMessage = (value: string): boolean =>
  value.length <= LIMITS.welcomeMessageMax &&
  !CONTROL_EXCEPT_LF.test(value) &&
  !LONE_SURROGATE.test(value) &&
  !BIDI_CONTROL.test(value);

/**
 * Every stable problem `code` the API can answer with, and the HTTP status it travels with.
 * Clients switch on `code`, never on `title` or `detail` (those are for humans and may change).
 */
export const PROBLEM_STATUS = {
  'validation-failed': 400,
  'malformed-request': 400,
  'same-value': 400,
  unauthenticated: 401,
  'invalid-credentials': 401,
  'session-expired': 401,
  'session-replaced': 401,
  'step-up-required': 403,
  'step-up-expired': 403,
  'not-editable': 403,
  'forbidden-origin': 403,
  'no-verified-contact': 403,
  'not-found': 404,
  'method-not-allowed': 405,
  'session-limit-reached': 409,
  'already-verified': 409,
  'no-contact': 409,
  'invalid-code': 422,
  'code-expired': 410,
  'version-conflict': 412,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'precondition-required': 428,
  'too-many-attempts': 429,
  cooldown: 429,
  'rate-limited': 429,
  'account-locked': 429,
  internal: 500,
  'notification-not-configured': 503,
  'notification-failed': 503,
  'storage-unavailable': 503,
} as const;

export type ProblemCode = keyof typeof PROBLEM_STATUS;
export const PROBLEM_CODES = /* @__PURE__ */ Object.keys(PROBLEM_STATUS) as [ProblemCode, ...ProblemCode[]];

/** The `type` URI of a problem code (RFC 9457 §3.1.1). Stable; resolvable in the mock's API reference. */
export const problemType = (code: ProblemCode): string => `urn:personal-settings:problem:${code}`;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Fill `:param` placeholders, URL-encoding each value. */
export function buildPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`Missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(value);
  });
}
