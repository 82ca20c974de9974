import type { MiddlewareHandler } from 'hono';

/**
 * `nosniff`, no referrer, and `Cache-Control: no-store` unless the route chose its own: personal
 * settings must not sit in a shared cache.
 */
export function securityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  };
}
