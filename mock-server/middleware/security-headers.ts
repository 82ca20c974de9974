import type { MiddlewareHandler } from 'hono';

/**
 * What every response carries: `nosniff`, no referrer, and `Cache-Control: no-store` unless the route
 * chose its own — personal settings must not sit in a shared cache.
 */
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
} as const;

/** Responses built by {@link hardenedResponse}: they already carry the headers above. */
const hardened = new WeakSet<Response>();

/**
 * A response with the security headers already in its plain header object (the route's own headers
 * win). Hot path (issue #18): @hono/node-server writes a plain header object as it is, while touching
 * `response.headers` afterwards builds an undici `Headers` and sends the whole response down its
 * slower path (Headers built, sorted, copied back into an object). In a CPU profile of the mock under
 * GET load, building and setting those Headers, and the garbage they left, was the largest part of the
 * mock's own work after the socket writes. Use it only for headers with one value each (no Set-Cookie).
 */
export function hardenedResponse(
  body: string | null,
  status: number,
  headers: Record<string, string>,
): Response {
  const all: Record<string, string> = { ...headers };
  // A route's own header wins whatever its case (a plain object would otherwise carry both spellings).
  const given = Object.keys(headers).map((name) => name.toLowerCase());
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    if (!given.includes(name.toLowerCase())) all[name] = value;
  const response = new Response(body, { status, headers: all });
  hardened.add(response);
  return response;
}

/**
 * The security headers on every response that does not already have them ({@link hardenedResponse}):
 * problem answers, the reference page, CORS preflights, dev routes.
 */
export function securityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    await next();
    if (hardened.has(c.res)) return;
    c.res.headers.set('X-Content-Type-Options', SECURITY_HEADERS['X-Content-Type-Options']);
    c.res.headers.set('Referrer-Policy', SECURITY_HEADERS['Referrer-Policy']);
    if (!c.res.headers.has('Cache-Control'))
      c.res.headers.set('Cache-Control', SECURITY_HEADERS['Cache-Control']);
  };
}
