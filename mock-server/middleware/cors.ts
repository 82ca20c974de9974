import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { ACTIVITY_HEADER } from '../../components/api/contract/index.js';

/**
 * CORS with credentials for an allowlist of origins. CORS concerns only requests that carry Origin.
 * Hono's cors() prepares `c.res` before the handler runs, which sends every response down
 * @hono/node-server's slow path (a real undici Response whose body is read back as a stream):
 * same-origin GETs, which carry no Origin, skip it.
 */
export function corsForOrigins(allowed: ReadonlySet<string>): MiddlewareHandler {
  const corsHeaders = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowHeaders: ['Content-Type', 'If-Match', ACTIVITY_HEADER, 'Authorization', 'X-CSRF-Token'],
    exposeHeaders: ['ETag', 'Retry-After'],
    maxAge: 600,
  });
  return function corsForOrigins(c, next) {
    return c.req.header('Origin') === undefined ? next() : corsHeaders(c, next);
  };
}
