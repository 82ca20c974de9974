import { http, passthrough } from 'msw';
import type { FetchApp } from '../browser.js';
import { MIRRORED_COOKIE_HEADER } from '../context.js';

/**
 * msw handlers that forward to the real mock app — no second mock, the same rules everywhere.
 * A service worker cannot see or set HttpOnly cookies, so a small jar here plays the browser's
 * part for the session cookie: `Set-Cookie` from the app is remembered and sent back as `Cookie`.
 */
export function createMswHandlers(app: FetchApp, options: { basePath?: string; devPath?: string } = {}) {
  const basePath = options.basePath ?? '/api/v1';
  const devPath = options.devPath ?? '/__dev';
  const jar = new Map<string, string>();

  const forward = async ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    if (url.origin !== location.origin) return passthrough();
    const headers = new Headers(request.headers);
    if (jar.size > 0) headers.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const body =
      request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    const forwarded = new Request(request.url, { method: request.method, headers, body });
    // `Cookie` is a forbidden request header in a page: the Request constructor drops it, so the
    // app gets the jar's cookie through its own (unguarded) Headers object.
    if (jar.size > 0 && !forwarded.headers.has('Cookie')) {
      Object.defineProperty(forwarded, 'headers', { value: headers });
    }
    const response = await app.fetch(forwarded);
    // Likewise `Set-Cookie` is dropped from a Response built in a page; the browser mock mirrors it.
    const mirrored = response.headers.get(MIRRORED_COOKIE_HEADER);
    if (mirrored !== null) response.headers.delete(MIRRORED_COOKIE_HEADER);
    const setCookies = response.headers.getSetCookie();
    if (setCookies.length === 0 && mirrored) setCookies.push(...mirrored.split(/,\s*(?=[^;,=\s]+=)/));
    for (const cookie of setCookies) {
      const [pair = '', ...attrs] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const cleared = value === '' || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (cleared) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };

  return [http.all(`${basePath}/*`, forward), http.all(`${devPath}/*`, forward)];
}
