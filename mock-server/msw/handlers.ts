import { http, passthrough } from 'msw';
import type { FetchApp } from '../browser.js';
import { MIRRORED_COOKIE_HEADER } from '../context.js';
import { CookieJar } from '../cookie-jar.js';

/**
 * msw handlers that forward to the real mock app — no second mock, the same rules everywhere.
 * A service worker cannot see or set HttpOnly cookies, so the cookie jar (`../cookie-jar.ts`) plays
 * the browser's part for the session cookie: `Set-Cookie` from the app is remembered and sent back as
 * `Cookie`.
 */
export function createMswHandlers(app: FetchApp, options: { basePath?: string; devPath?: string } = {}) {
  const basePath = options.basePath ?? '/api/v1';
  const devPath = options.devPath ?? '/__dev';
  const jar = new CookieJar();

  const forward = async ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    if (url.origin !== location.origin) return passthrough();
    const headers = new Headers(request.headers);
    const cookie = jar.header();
    if (cookie !== null) headers.set('Cookie', cookie);
    const body =
      request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    const forwarded = new Request(request.url, { method: request.method, headers, body });
    // `Cookie` is a forbidden request header in a page: the Request constructor drops it, so the
    // app gets the jar's cookie through its own (unguarded) Headers object.
    if (cookie !== null && !forwarded.headers.has('Cookie')) {
      Object.defineProperty(forwarded, 'headers', { value: headers });
    }
    const response = await app.fetch(forwarded);
    // Likewise `Set-Cookie` is dropped from a Response built in a page; the browser mock mirrors it.
    const mirrored = response.headers.get(MIRRORED_COOKIE_HEADER);
    if (mirrored !== null) response.headers.delete(MIRRORED_COOKIE_HEADER);
    const setCookies = response.headers.getSetCookie();
    if (setCookies.length === 0 && mirrored) setCookies.push(...mirrored.split(/,\s*(?=[^;,=\s]+=)/));
    jar.store(setCookies);
    return response;
  };

  return [http.all(`${basePath}/*`, forward), http.all(`${devPath}/*`, forward)];
}
