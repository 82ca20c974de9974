import * as z from 'zod/mini';
import { PROBLEM_CODES } from './constants.js';
import { ContactKind } from './schemas.js';

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
