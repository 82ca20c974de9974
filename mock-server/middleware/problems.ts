import type { ErrorHandler, NotFoundHandler } from 'hono';
import { ClientAbortedError, hasUnreadBody } from '../http.js';
import { ProblemError, problemResponse } from '../problem.js';
import { StorageUnavailableError } from '../store.js';

/**
 * Every thrown error as problem+json: a {@link ProblemError} as itself, a failed durable write as 503
 * `storage-unavailable`, a client that went away mid-body silently (nobody is there to read the
 * answer, and one log line per disconnecting client would be a log-flooding vector), anything else as
 * 500 with one log line and no internals in the body.
 */
export function problemErrors(): ErrorHandler {
  return function problemErrors(error, c) {
    if (error instanceof ProblemError) {
      if (hasUnreadBody(c.req.raw)) error.headers.Connection = 'close';
      return problemResponse(error, new URL(c.req.url).pathname, c.res.headers);
    }
    if (error instanceof StorageUnavailableError) {
      return problemResponse(
        new ProblemError('storage-unavailable', {
          detail: 'The change could not be saved. Nothing was changed; try again.',
        }),
      );
    }
    if (error instanceof ClientAbortedError) {
      const problem = new ProblemError(
        'malformed-request',
        { detail: error.message },
        { Connection: 'close' },
      );
      return problemResponse(problem);
    }
    console.error('mock-server: unexpected error', error instanceof Error ? error.message : error);
    return problemResponse(new ProblemError('internal', { detail: 'Something went wrong on the server.' }));
  };
}

/** 404 `not-found` naming the method and path. */
export function routeNotFound(): NotFoundHandler {
  return function routeNotFound(c) {
    const error = new ProblemError('not-found', {
      detail: `No route ${c.req.method} ${new URL(c.req.url).pathname}`,
    });
    if (hasUnreadBody(c.req.raw)) error.headers.Connection = 'close';
    return problemResponse(error);
  };
}
