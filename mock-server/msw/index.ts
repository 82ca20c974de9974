/**
 * `personal-settings-elements/msw`: the mock backend inside a browser page, for an integrator's own
 * Storybook or browser tests. The handlers forward `/api/v1/*` and `/__dev/*` to the same Hono app the
 * `personal-settings-mock` command serves (in-memory lowdb, movable clock) — the real rules, not
 * hand-written JSON. `msw` is an optional peer dependency: install it where you use this entry.
 *
 * ```ts
 * import { setupWorker } from 'msw/browser';
 * import { DevClient, mockApiHandlers } from 'personal-settings-elements/msw';
 *
 * await setupWorker(...mockApiHandlers()).start({ onUnhandledRequest: 'bypass' });
 * const dev = new DevClient(); // the test hooks at /__dev: outbox codes, clock, channel switches, reset
 * ```
 * @module
 */
import type { HttpHandler } from 'msw';
import { createBrowserMock } from '../browser.js';
import { createMswHandlers } from './handlers.js';

export { CookieJar, type FetchLike } from '../cookie-jar.js';
export { DevClient, type DevClientOptions, DevHookError } from '../dev-client.js';

export interface MockApiOptions {
  /** Where the elements' `endpoint` points (default `/api/v1`). */
  basePath?: string;
  /** Where the test hooks are served (default `/__dev`). */
  devPath?: string;
}

/**
 * msw handlers backed by a fresh in-memory mock (seed users: `admin` and `operator` with `Passw0rd!`,
 * `sso.user` through simulated SSO). Each call builds its own mock; `DevClient.reset()` restores the seed.
 */
export function mockApiHandlers(options: MockApiOptions = {}): HttpHandler[] {
  return createMswHandlers(createBrowserMock().app, options);
}
