/**
 * The shared problem words as one lazy chunk: how a problem is put into words and the English problem
 * catalog. Loaded by `problem-messages.ts` when an element that shows problems first renders (the
 * form's `errors.ts` brings the same two modules), so neither is part of a page's first download.
 * Imports nothing a page already has (issue #18: see `describe-problem.ts`).
 */
export { describeProblemWith } from './describe-problem.js';
export { default as en } from './locales/en.js';
