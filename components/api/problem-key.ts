import type { ProblemCode } from './contract/constants.js';
import { type ApiErrorKind, isApiError } from './client.js';

/**
 * A problem code, or the client-side failure kinds that carry none. (Not a package export: hosts read
 * it as an error event's `detail.code`.)
 */
export type ProblemKey = ProblemCode | Exclude<ApiErrorKind, 'http'> | 'unknown';

/** What went wrong, as one key: an HTTP error's problem code, else the error's kind (`unknown` for anything else). */
export const problemKey = (error: unknown): ProblemKey =>
  isApiError(error) ? (error.kind === 'http' ? (error.code ?? 'unknown') : error.kind) : 'unknown';
