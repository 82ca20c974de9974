import type { ApiError } from '../api/client.js';
import type { ProblemKey, problemKey } from '../api/problem-key.js';
import type { RULES } from '../api/contract/constants.js';
import type { ContactKind } from '../api/contract/index.js';
import type { Translate } from './localize.js';

export type { ProblemKey } from '../api/problem-key.js';

/** Words for one problem, ready to show: what happened and what to do next. */
export interface ProblemDescription {
  key: ProblemKey;
  message: string;
  next: string;
  /** Repeating the same request may help (network, server hiccup, sending failed). */
  retry: boolean;
}

export interface DescribeOptions {
  /** BCP 47 tag for number and duration formatting. */
  lang: string;
  /** The contact the element is about; problems that carry a `channel` use theirs first. */
  kind?: ContactKind;
}

const RETRY = new Set<ProblemKey>([
  'malformed-request',
  'internal',
  'notification-not-configured',
  'notification-failed',
  'storage-unavailable',
  'network',
  'contract',
  'aborted',
  'unknown',
]);

/**
 * What describing a problem needs from the rest of the library, passed in rather than imported: this
 * module (with the English problem words) loads lazily, after the first paint (the form's `errors.ts`,
 * the dialog's `problem-words.ts`), and a lazy chunk that imported modules the page already has would
 * make the bundler split the page's own code into one more file (issue #18: gzip then loses what the
 * files have in common). `problem-messages.ts` hands over the library's own tools.
 */
export interface ProblemTools {
  isApiError(error: unknown): error is ApiError;
  problemKey: typeof problemKey;
  rules: Pick<
    typeof RULES,
    'codeLifetimeSeconds' | 'stepUpLifetimeSeconds' | 'passwordMaxFailures' | 'lockoutSeconds'
  >;
  /** A duration in words (`formatDurationSeconds`). */
  duration(seconds: number, lang: string): string;
}

/**
 * One message and one next step for any error an API call rejects with — the words every
 * element shows, so the same problem reads the same everywhere.
 */
export function describeProblemWith(
  tools: ProblemTools,
  error: unknown,
  t: Translate,
  options: DescribeOptions,
): ProblemDescription {
  const problem = tools.isApiError(error) ? error.problem : null;
  const { rules, problemKey } = tools;
  // A wrong code with no tries left reads as what it means: that code is dead.
  const key: ProblemKey =
    problemKey(error) === 'invalid-code' && problem?.attemptsRemaining === 0
      ? 'too-many-attempts'
      : problemKey(error);
  const kind = problem?.channel ?? options.kind ?? 'mobile';
  const retryAfter = problem?.retryAfterSeconds ?? null;
  const attempts = problem?.attemptsRemaining ?? null;
  const duration = (seconds: number) => tools.duration(seconds, options.lang);
  const values: Record<string, string | number> = {
    contact: t(`contact.${kind}`),
    time: retryAfter === null ? t('time.later') : duration(retryAfter),
    lifetime: duration(key === 'step-up-expired' ? rules.stepUpLifetimeSeconds : rules.codeLifetimeSeconds),
    maxTries: rules.passwordMaxFailures,
    lockout: duration(rules.lockoutSeconds),
  };
  let nextId = `problem.${key}.next`;
  if (key === 'too-many-attempts' && retryAfter !== null && retryAfter > 0) nextId += '.wait';
  if (key === 'invalid-code') {
    if (attempts === null) nextId += '.plain';
    else {
      const plural = new Intl.PluralRules(options.lang).select(attempts);
      values.tries = t(plural === 'one' ? 'tries.one' : 'tries.other', { count: attempts });
    }
  }
  // Sending problems name the channel (strings only the dialog, which sends codes, registers).
  if (key.startsWith('notification-')) {
    values.channel = t(`channel.${kind}`);
    values.service = t(`service.${kind}`);
  }
  return { key, message: t(`problem.${key}`, values), next: t(nextId, values), retry: RETRY.has(key) };
}
