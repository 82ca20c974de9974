import type { Handler } from 'hono';
import { ACTIVITY_HEADER, type RouteDef, type RouteName } from '../../components/api/contract/index.js';
import { MIRRORED_COOKIE_HEADER, type Deps, type RouteHandlers } from '../context.js';
import type { UserRecord } from '../db.js';
import { hasNoBody, parseWith, readJson } from '../http.js';
import { ProblemError } from '../problem.js';
import { authenticate } from '../sessions.js';
import { ifMatchSatisfied, versionOf } from '../views.js';
import { hardenedResponse } from './security-headers.js';

/**
 * `If-Match` on a route whose table entry says `ifMatch: true`: 428 without it, 412 when it does not
 * match the current version. The versioned resource of every such route is the signed-in user's
 * personal info.
 */
export function assertIfMatch(header: string | null, user: UserRecord): void {
  if (header === null) {
    throw new ProblemError('precondition-required', {
      detail: 'Send If-Match with the ETag you last read, so changes made elsewhere are not overwritten.',
    });
  }
  if (!ifMatchSatisfied(header, versionOf(user))) {
    throw new ProblemError('version-conflict', {
      detail: 'The settings were changed since you loaded them. Reload to see the current values.',
      currentVersion: versionOf(user),
    });
  }
}

/**
 * One contract route as a Hono handler, everything the route table declares enforced here: the body
 * read as JSON, the session, the path and body validated against the schemas, `If-Match`; then the
 * handler runs with validated input and its reply becomes the response.
 */
export function contractRoute(route: RouteDef, handler: RouteHandlers[RouteName], deps: Deps): Handler {
  const call = handler as (input: unknown) => ReturnType<RouteHandlers[RouteName]>;
  const { mirrorCookies } = deps.config;
  return async function contractRoute(c) {
    const request = c.req.raw;
    const raw = !route.body
      ? undefined
      : route.bodyOptional && hasNoBody(request)
        ? {}
        : await readJson(request);
    const auth = route.auth
      ? await authenticate({
          store: deps.store,
          clock: deps.clock,
          cookieHeader: request.headers.get('Cookie'),
          passive: request.headers.get(ACTIVITY_HEADER) === 'passive',
        })
      : null;
    const params = parseWith(route.params, c.req.param(), 'The path has invalid parameters.');
    const body = route.body ? parseWith(route.body, raw, 'The request body has invalid fields.') : undefined;
    if (route.ifMatch && auth) assertIfMatch(request.headers.get('If-Match'), auth.user);
    const reply = await call({ params, body, session: auth?.session, user: auth?.user, request, deps });
    const text = route.response === null ? null : JSON.stringify(reply.body);
    if (!reply.cookies?.length) {
      // Hot path (GET personal-info, PATCH): one plain header object, no Headers (see hardenedResponse).
      const plain =
        text === null ? { ...reply.headers } : { ...reply.headers, 'Content-Type': 'application/json' };
      return hardenedResponse(text, route.status, plain);
    }
    const headers = new Headers(reply.headers);
    for (const cookie of reply.cookies ?? []) {
      headers.append('Set-Cookie', cookie);
      if (mirrorCookies) headers.append(MIRRORED_COOKIE_HEADER, cookie);
    }
    if (text === null) return new Response(null, { status: route.status, headers });
    headers.set('Content-Type', 'application/json');
    return new Response(text, { status: route.status, headers });
  };
}
