/**
 * Personal data only travels over HTTPS: an endpoint is accepted when it is HTTPS, same-origin
 * with the page, or on a loopback host (local development). Returns the absolute URL or a reason.
 */
export function checkEndpoint(
  endpoint: string,
  pageUrl: string = globalThis.location?.href ?? 'http://localhost/',
): { ok: true; url: string } | { ok: false; reason: 'invalid' | 'insecure'; url: string } {
  let url: URL;
  try {
    url = new URL(endpoint, pageUrl);
  } catch {
    return { ok: false, reason: 'invalid', url: endpoint };
  }
  const page = new URL(pageUrl);
  const href = url.href.replace(/\/+$/, '');
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, reason: 'invalid', url: href };
  if (url.protocol === 'https:' || url.origin === page.origin || isLoopback(url.hostname)) {
    return { ok: true, url: href };
  }
  return { ok: false, reason: 'insecure', url: href };
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127(?:\.\d{1,3}){3}$/.test(hostname)
  );
}
