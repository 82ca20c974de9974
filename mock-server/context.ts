import type * as z from 'zod/mini';
import type { RouteName, Routes } from '../components/api/contract/index.js';
import type { Clock } from './clock.js';
import type { SessionRecord, UserRecord } from './db.js';
import type { Notifier } from './notifier.js';
import type { Store } from './store.js';

export interface MockConfig {
  /** Where the contract's routes are mounted. */
  basePath: string;
  /** `/__dev/*` (outbox, reset, clock, notifications, faults, users). On by default for the mock. */
  devRoutes: boolean;
  /** Origins allowed cross-origin (CORS with credentials, and the Origin check on mutations). */
  corsOrigins: string[];
  /**
   * Origins whose changes are accepted without CORS: a page served through a proxy that rewrites
   * `Host` (Vite's `changeOrigin: true`, Next.js rewrites) looks cross-origin to this server.
   */
  trustedOrigins: string[];
  /** Add `Secure` to the session cookie (set behind HTTPS). */
  secureCookies: boolean;
  /** Longest wait for the SMS / mail provider before answering 503 `notification-failed`. */
  notifyTimeoutMs: number;
  /** Minutes offered for auto-logout. */
  autoLogoutOptions: number[];
  /** Bulk users in a fresh seed (benchmarks). */
  seedExtraUsers: number;
  /**
   * Repeat each `Set-Cookie` in an `X-Mock-Set-Cookie` header. Only for the in-page mock (msw): a
   * `Response` built in a browser page silently drops `Set-Cookie` (a forbidden response header).
   */
  mirrorCookies: boolean;
}

/** Where `mirrorCookies` repeats `Set-Cookie` (and where the msw handlers read it back). */
export const MIRRORED_COOKIE_HEADER = 'X-Mock-Set-Cookie';

export const DEFAULT_CONFIG: MockConfig = {
  basePath: '/api/v1',
  devRoutes: true,
  corsOrigins: [],
  trustedOrigins: [],
  secureCookies: false,
  notifyTimeoutMs: 5000,
  autoLogoutOptions: [5, 10, 15, 30, 60, 120, 240, 480],
  seedExtraUsers: 0,
  mirrorCookies: false,
};

export interface Deps {
  store: Store;
  clock: Clock;
  notifier: Notifier;
  config: MockConfig;
}

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

/** What a route handler receives: everything already validated against the contract. */
export interface RouteInput<N extends RouteName> {
  params: Out<Routes[N]['params']>;
  body: Out<Routes[N]['body']>;
  /** Present on `auth: true` routes. */
  session: SessionRecord;
  user: UserRecord;
  request: Request;
  deps: Deps;
}

export interface Reply {
  body?: unknown;
  headers?: Record<string, string>;
  /** Full `Set-Cookie` header values. */
  cookies?: string[];
}

export type RouteHandler<N extends RouteName> = (input: RouteInput<N>) => Promise<Reply> | Reply;
export type RouteHandlers = { [N in RouteName]: RouteHandler<N> };
