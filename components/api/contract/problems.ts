import * as z from 'zod/mini';
import { ContactKind } from './schemas.js';

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
export const PROBLEM_CODES = Object.keys(PROBLEM_STATUS) as [ProblemCode, ...ProblemCode[]];

/** The `type` URI of a problem code (RFC 9457 §3.1.1). Stable; resolvable in the mock's API reference. */
export const problemType = (code: ProblemCode): string => `urn:personal-settings:problem:${code}`;

/**
 * RFC 9457 problem details, with the extension members a UI needs to say what to do next.
 * Extra members a backend adds are tolerated (not stripped into errors) so newer servers stay compatible.
 */
export const Problem = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.int().check(z.gte(400), z.lte(599)),
  code: z.enum(PROBLEM_CODES),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  /** `invalid-code`: tries left on this code before it is dead. */
  attemptsRemaining: z.optional(z.int().check(z.gte(0))),
  /** `cooldown`, `rate-limited`, `account-locked`, `too-many-attempts`: seconds until trying again makes sense. */
  retryAfterSeconds: z.optional(z.int().check(z.gte(0))),
  /** `validation-failed`: messages per field path (`sessionLimit.max`, `value`, …). */
  fieldErrors: z.optional(z.record(z.string(), z.array(z.string()))),
  /** `notification-not-configured` / `notification-failed`: which channel could not send. */
  channel: z.optional(ContactKind),
});
export type Problem = z.infer<typeof Problem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
