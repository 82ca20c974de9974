import type { ApiError } from '../api/client.js';
import { describeProblemWith, type ProblemTools } from '../shared/describe-problem.js';
import en from '../shared/locales/en.js';
import type { CatalogLoader, joinSentences, registerCatalog, Translate } from '../shared/localize.js';
import type { sessionEndReason } from '../shared/session-expired-event.js';

/**
 * What the problem words need from the page, handed over by `problem-words.ts` rather than imported:
 * a lazy chunk that imported modules the page already has would make the bundler split the page's
 * own code into one more file (issue #18).
 */
export interface FormProblemTools extends ProblemTools {
  registerCatalog: typeof registerCatalog;
  joinSentences: typeof joinSentences;
  sessionEndReason: typeof sessionEndReason;
}

/** The shared problem words in Simplified Chinese (the contact names, already registered, come with them). */
const zhCN: CatalogLoader = () => import('../shared/locales/zh-CN.js').then((m) => m.default);

/**
 * What the form says about a problem, loaded after its first paint (`problem-words.ts`): registers the
 * shared problem words and returns the form's three ways of putting a problem into words.
 */
export function problemWords(tools: FormProblemTools) {
  const { joinSentences, sessionEndReason } = tools;
  tools.registerCatalog('en', en);
  tools.registerCatalog('zh-CN', zhCN);

  /** What happened and what to do next, in the shared words for problem codes (adapted to this screen). */
  const problemMessage = (error: ApiError, t: Translate, lang: string): string => {
    if (error.kind === 'network' && globalThis.navigator?.onLine === false) return t('personal-info.offline');
    const described = describeProblemWith(tools, error, t, { lang });
    // A 401 that ends the session: the shared "next step" talks about a dialog; this screen says it its own way.
    const next =
      error.kind === 'http' && sessionEndReason(error) !== null
        ? t('personal-info.session-ended')
        : described.next;
    return joinSentences(described.message, next);
  };

  return {
    problemMessage,
    /** Why loading failed, in words a user can act on. */
    loadErrorMessage: (error: ApiError, t: Translate, lang: string): string =>
      joinSentences(t('personal-info.load-failed'), problemMessage(error, t, lang)),
    /** `fieldErrors` of a `validation-failed` problem whose path starts with `prefix`, joined for one field. */
    fieldError: (error: ApiError, prefix: string): string | null => {
      const errors = error.code === 'validation-failed' ? error.problem?.fieldErrors : undefined;
      if (!errors) return null;
      const messages = Object.entries(errors)
        .filter(([path]) => path === prefix || path.startsWith(`${prefix}.`))
        .flatMap(([, list]) => list);
      return messages.length ? joinSentences(...messages) : null;
    },
  };
}
