import { isApiError } from '../api/client.js';
import { RULES } from '../api/contract/constants.js';
import {
  type DescribeOptions,
  describeProblemWith,
  type ProblemDescription,
  type ProblemKey,
  type ProblemTools,
  problemKeyWith,
} from './describe-problem.js';
import { formatDurationSeconds } from './format.js';
import { contactWords } from './locales/contacts.js';
import en from './locales/en.js';
import type { ElementCatalogs, Translate } from './localize.js';

export type { DescribeOptions, ProblemDescription, ProblemKey, ProblemTools } from './describe-problem.js';

/** The library's own tools for describing problems (see `describe-problem.ts`). */
export const problemTools: ProblemTools = { isApiError, rules: RULES, duration: formatDurationSeconds };

/** The shared words (problems, contacts, durations): every element that shows a problem lists them. */
export const sharedCatalogs: ElementCatalogs = {
  en: { ...contactWords, ...en },
  'zh-CN': () => import('./locales/zh-CN.js').then((m) => m.default),
};

/** The problem key of anything a call can reject with. */
export const problemKey = (error: unknown): ProblemKey => problemKeyWith(problemTools, error);

/**
 * One message and one next step for any error an API call rejects with — the words every
 * element shows, so the same problem reads the same everywhere.
 */
export const describeProblem = (error: unknown, t: Translate, options: DescribeOptions): ProblemDescription =>
  describeProblemWith(problemTools, error, t, options);
