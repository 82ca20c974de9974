import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isApiError } from '../api/client.js';
import { problemKey } from '../api/problem-key.js';
import { RULES } from '../api/contract/constants.js';
import type { DescribeOptions, ProblemDescription, ProblemTools } from './describe-problem.js';
import { formatDurationSeconds } from './format.js';
import { registerCatalog, type Translate } from './localize.js';

export { type ProblemKey, problemKey } from '../api/problem-key.js';
export type { DescribeOptions, ProblemDescription, ProblemTools } from './describe-problem.js';

/** The library's own tools for describing problems (see `describe-problem.ts`). */
const tools: ProblemTools = { isApiError, problemKey, rules: RULES, duration: formatDurationSeconds };

let describe: ((error: unknown, t: Translate, options: DescribeOptions) => ProblemDescription) | null = null;
let loading: Promise<void> | null = null;
/** The last fetch of the words failed (offline, or a deploy replaced the chunk). */
let failed = false;

/**
 * Fetch the shared problem words (`problem-words.ts`), once: the dialog starts this when it connects,
 * long before a request of it can fail, and renders again when they arrive. Never rejects; after a
 * failed fetch the next call tries again.
 */
export function loadProblemWords(): Promise<void> {
  loading ??= import('./problem-words.js').then(
    (words) => {
      registerCatalog('en', words.en);
      describe = (error, t, options) => words.describeProblemWith(tools, error, t, options);
      failed = false;
    },
    (error: unknown) => {
      console.warn('personal-settings: could not load the problem words', error);
      loading = null;
      failed = true;
    },
  );
  return loading;
}

/**
 * One message and one next step for any error an API call rejects with — the words every element
 * shows, so the same problem reads the same everywhere. `null` while the words are on their way, and
 * `'failed'` when they could not be fetched (the element then says so in words of its own).
 */
export const describeProblem = (
  error: unknown,
  t: Translate,
  options: DescribeOptions,
): ProblemDescription | null | 'failed' => describe?.(error, t, options) ?? (failed ? 'failed' : null);

/**
 * For an element that shows problems: the words start loading when it connects (its first render is
 * long before a request of it can fail), and it renders again when they arrive. `pending` is the
 * fetch in flight, for the element's `updateComplete` to wait for.
 */
export function problemWordsFor(host: ReactiveControllerHost): ReactiveController & {
  readonly pending: Promise<void> | null;
} {
  const controller = {
    hostConnected: () => void loadProblemWords().then(() => host.requestUpdate()),
    get pending() {
      return describe ? null : loading;
    },
  };
  host.addController(controller);
  return controller;
}
