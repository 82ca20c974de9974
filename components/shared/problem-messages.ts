import { isApiError } from '../api/client.js';
import { type ProblemCode, RULES } from '../api/contract/constants.js';
import type { ContactKind } from '../api/contract/index.js';
import en from './locales/en.js';
import { registerCatalog } from './localize.js';

/** What the user can do next about a problem; the element decides how to offer it. */
export type ProblemAction =
  /** Repeat the same request (network, server hiccup). */
  | 'retry'
  /** Ask for a new code. */
  | 'resend'
  /** Prove identity again (step-up missing or expired); keep what was typed. */
  | 'step-up'
  /** Correct the highlighted field. */
  | 'fix-input'
  /** Wait for `retryAfterSeconds`, then try again. */
  | 'wait'
  /** Reload the data (another tab changed it). */
  | 'reload'
  /** The session is gone: the host should sign the user in again (`session-expired` event). */
  | 'sign-in'
  /** Nothing to retry here: read, then close. */
  | 'none';

/** A problem code, or the client-side failure kinds that carry none. */
export type ProblemKey = ProblemCode | 'network' | 'contract' | 'aborted' | 'unknown';

/** Words for one problem, ready to show: what happened and what to do next. */
export interface ProblemDescription {
  key: ProblemKey;
  message: string;
  next: string;
  action: ProblemAction;
  /** Seconds until trying again makes sense (`cooldown`, `rate-limited`, `account-locked`…). */
  retryAfterSeconds: number | null;
  /** Tries left on the current code (`invalid-code`). */
  attemptsRemaining: number | null;
  /** Field messages from the server (`validation-failed`), by dotted path. */
  fieldErrors: Record<string, string[]>;
  /** The problem concerns one input (a code, a password, a value) rather than the whole step. */
  fieldBound: boolean;
}

/** The localize function of a `LocalizeController` (or any compatible one). */
export type Translate = (id: string, values?: Readonly<Record<string, string | number>>) => string;

export interface DescribeOptions {
  /** BCP 47 tag for number and duration formatting. */
  lang: string;
  /** The contact the element is about; problems that carry a `channel` use theirs first. */
  kind?: ContactKind;
  /** Seconds left, when the element counts down itself (overrides the problem's `retryAfterSeconds`). */
  secondsLeft?: number | null;
}

const ACTIONS: Record<ProblemKey, ProblemAction> = {
  'validation-failed': 'fix-input',
  'malformed-request': 'retry',
  'same-value': 'fix-input',
  unauthenticated: 'sign-in',
  'invalid-credentials': 'fix-input',
  'session-expired': 'sign-in',
  'session-replaced': 'sign-in',
  'step-up-required': 'step-up',
  'step-up-expired': 'step-up',
  'not-editable': 'none',
  'forbidden-origin': 'none',
  'no-verified-contact': 'none',
  'not-found': 'resend',
  'method-not-allowed': 'none',
  'session-limit-reached': 'none',
  'already-verified': 'none',
  'no-contact': 'none',
  'invalid-code': 'fix-input',
  'code-expired': 'resend',
  'version-conflict': 'reload',
  'payload-too-large': 'fix-input',
  'unsupported-media-type': 'none',
  'precondition-required': 'reload',
  'too-many-attempts': 'resend',
  cooldown: 'wait',
  'rate-limited': 'wait',
  'account-locked': 'wait',
  internal: 'retry',
  'notification-not-configured': 'retry',
  'notification-failed': 'retry',
  'storage-unavailable': 'retry',
  network: 'retry',
  contract: 'retry',
  aborted: 'retry',
  unknown: 'retry',
};

const FIELD_BOUND = new Set<ProblemKey>([
  'validation-failed',
  'same-value',
  'invalid-credentials',
  'invalid-code',
  'payload-too-large',
]);

let registered = false;

/**
 * Register the shared catalogs (English now, Simplified Chinese on first use). Idempotent; every
 * element calls it from its constructor so the strings exist before the first render.
 */
export function registerSharedCatalogs(): void {
  if (registered) return;
  registered = true;
  registerCatalog('en', en);
  registerCatalog('zh-CN', () => import('./locales/zh-CN.js').then((m) => m.default));
}

/** A duration in the user's language: “45 seconds”, “15 minutes”, “2 hours”. */
export function formatDuration(seconds: number, lang: string): string {
  const s = Math.max(0, Math.ceil(seconds));
  const [value, unit] =
    s < 60 ? [s, 'second'] : s < 3600 ? [Math.ceil(s / 60), 'minute'] : [Math.ceil(s / 3600), 'hour'];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** “3 tries left”, plural-aware. */
export function formatTries(count: number, lang: string, t: Translate): string {
  const rule = new Intl.PluralRules(lang).select(count);
  return t(rule === 'one' ? 'tries.one' : 'tries.other', { count });
}

/** The problem key of anything a call can reject with. */
export function problemKey(error: unknown): ProblemKey {
  if (!isApiError(error)) return 'unknown';
  if (error.kind === 'http') return error.code ?? 'unknown';
  return error.kind;
}

/**
 * One message and one next step for any error an API call rejects with — the words every
 * element shows, so the same problem reads the same everywhere.
 */
export function describeProblem(error: unknown, t: Translate, options: DescribeOptions): ProblemDescription {
  const problem = isApiError(error) ? error.problem : null;
  // A wrong code with no tries left reads as what it means: that code is dead.
  const key: ProblemKey =
    problemKey(error) === 'invalid-code' && problem?.attemptsRemaining === 0
      ? 'too-many-attempts'
      : problemKey(error);
  const kind = problem?.channel ?? options.kind ?? 'mobile';
  const retryAfter = options.secondsLeft ?? problem?.retryAfterSeconds ?? null;
  const attempts = problem?.attemptsRemaining ?? null;
  const values: Record<string, string | number> = {
    contact: t(`contact.${kind}`),
    channel: t(`channel.${kind}`),
    service: t(`service.${kind}`),
    time: retryAfter === null ? t('time.later') : formatDuration(retryAfter, options.lang),
    tries: attempts === null ? '' : formatTries(attempts, options.lang, t),
    lifetime: formatDuration(RULES.codeLifetimeSeconds, options.lang),
    maxTries: RULES.passwordMaxFailures,
    lockout: formatDuration(RULES.lockoutSeconds, options.lang),
  };
  let nextId = `problem.${key}.next`;
  if (key === 'too-many-attempts' && retryAfter !== null && retryAfter > 0) nextId += '.wait';
  if (key === 'invalid-code' && attempts === null) nextId += '.plain';
  if (key === 'step-up-expired') values.lifetime = formatDuration(RULES.stepUpLifetimeSeconds, options.lang);
  return {
    key,
    message: t(`problem.${key}`, values),
    next: t(nextId, values),
    action: ACTIONS[key],
    retryAfterSeconds: retryAfter,
    attemptsRemaining: attempts,
    fieldErrors: problem?.fieldErrors ?? {},
    fieldBound: FIELD_BOUND.has(key),
  };
}
