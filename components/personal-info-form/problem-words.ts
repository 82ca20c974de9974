import type { problemWords as Words } from './errors.js';
import { type ApiError, isApiError } from '../api/client.js';
import { problemKey } from '../api/problem-key.js';
import { RULES } from '../api/contract/constants.js';
import { formatDurationSeconds } from '../shared/format.js';
import { joinSentences, registerCatalog, type Translate } from '../shared/localize.js';
import { sessionEndReason } from '../shared/session-expired-event.js';

/** What the form says about a problem: `errors.ts` and the shared problem words it brings. */
export type ProblemWords = ReturnType<typeof Words>;

/**
 * When the problem words cannot be fetched, the page is offline (or its server is gone): the form's
 * own words, in memory with it, say so.
 */
const fallback: ProblemWords = {
  problemMessage: (_error: ApiError, t: Translate) => t('personal-info.offline'),
  loadErrorMessage: (_error: ApiError, t: Translate) =>
    `${t('personal-info.load-failed')} ${t('personal-info.offline')}`,
  fieldError: () => null,
};

let words: ProblemWords | null = null;
let pending: Promise<ProblemWords> | null = null;
/** The last fetch failed: the form's own words stand in until one succeeds. */
let failed = false;

/**
 * The problem words if they have arrived (or the stand-in after a failed fetch), else `null`: then
 * {@link loadProblemWords}.
 */
export const problemWords = (): ProblemWords | null => words ?? (failed && !pending ? fallback : null);

/**
 * Fetch the problem words (issue #18: they are needed only after a failure, so they are not part of the
 * form's first paint). The form starts this when the browser is idle after its first render, or on the
 * first pointer or focus in it, whichever comes first, so a page that goes offline later still says
 * what went wrong. Never rejects: without the module, the form's own shorter words stand in.
 */
export function loadProblemWords(): Promise<ProblemWords> {
  pending ??= import('./errors.js').then(
    // The page's own modules are handed over, not imported by the chunk (see `errors.ts`).
    (module) =>
      (words = module.problemWords({
        isApiError,
        problemKey,
        rules: RULES,
        duration: formatDurationSeconds,
        registerCatalog,
        joinSentences,
        sessionEndReason,
      })),
    (error: unknown) => {
      console.warn('personal-settings: could not load the problem words', error);
      pending = null;
      failed = true;
      return fallback;
    },
  );
  return pending;
}

/** Start loading the problem words once the browser is idle (or soon, where it cannot say). */
export function preloadProblemWordsWhenIdle(): void {
  if (words || pending) return;
  const load = () => void loadProblemWords();
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 3000 });
  else setTimeout(load, 200);
}
