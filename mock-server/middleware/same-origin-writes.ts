import type { MiddlewareHandler } from 'hono';
import { ProblemError } from '../problem.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface SameOriginWritesOptions {
  /** Origins allowed cross-origin (`--cors-origin`): their writes are accepted too. */
  corsOrigins: ReadonlySet<string>;
  /**
   * Origins whose writes are accepted although they are not this server's own origin, without CORS:
   * pages served through a proxy that rewrites `Host` (`--trusted-origin`).
   */
  trustedOrigins: ReadonlySet<string>;
}

/**
 * CSRF: a mutation must come from this server's origin or an allowlisted one. Hono's csrf() only
 * covers form content types; a JSON API needs the Origin / Sec-Fetch-Site check itself. The refusal
 * says what was seen and what to change, because the usual cause is a development proxy, not an attack.
 */
export function sameOriginWrites(options: SameOriginWritesOptions): MiddlewareHandler {
  const { corsOrigins, trustedOrigins } = options;
  const listed = (origin: string) => corsOrigins.has(origin) || trustedOrigins.has(origin);
  return function sameOriginWrites(c, next) {
    if (MUTATING.has(c.req.method)) {
      const origin = c.req.header('Origin');
      const site = c.req.header('Sec-Fetch-Site');
      if (origin !== undefined && listed(origin)) return next();
      const own = new URL(c.req.url).origin;
      const okOrigin = origin === undefined || origin === own;
      const okSite = site === undefined || site === 'same-origin' || site === 'none';
      if (!okOrigin || !okSite) throw refusal(origin, site, own);
    }
    return next(); // not async: a GET passes through without a promise and a frame of its own
  };
}

function refusal(origin: string | undefined, site: string | undefined, own: string) {
  const seen =
    origin === undefined || origin === own
      ? `The browser marked this request Sec-Fetch-Site: ${site}.`
      : `The request came from Origin ${origin}, but its Host ${new URL(own).host} makes this server ${own}.`;
  const fix =
    origin === undefined || origin === own || origin === 'null'
      ? 'Send changes from a page on this origin.'
      : 'If a development proxy forwards this page’s requests, let it keep the Host header ' +
        '(Vite: changeOrigin: false), or start the mock with ' +
        `--trusted-origin ${origin} (a proxy that rewrites Host) or --cors-origin ${origin} ` +
        '(the page calls this server directly).';
  return new ProblemError('forbidden-origin', {
    detail: `Cross-site requests cannot change settings. ${seen} ${fix}`,
  });
}
