/**
 * The real mock backend inside the test page: the Hono app from `mock-server/` (in-memory lowdb)
 * behind an msw service worker, so elements under test talk to `/api/v1` over real `fetch` and the
 * mock's own rules answer. Test-only affordances go through the `/__dev/*` routes.
 *
 * ```ts
 * describe('<x>', () => {
 *   useMockApi(); // starts the worker once, resets the mock's data before each test
 *   it('…', async () => { await loginAs('admin'); … expect((await dbUser('admin')).autoLogoutMinutes).to.equal(60); });
 * });
 * ```
 */
import { http, HttpResponse, type HttpResponseResolver } from 'msw';
import { setupWorker } from 'msw/browser';
import { ApiClient } from '../../components/api/client.js';
import type { HookMessage, HookUser, LoginResponse } from '../../components/api/contract/index.js';
import { createBrowserMock } from '../../mock-server/browser.js';
import { DevClient } from '../../mock-server/dev-client.js';
import { createMswHandlers } from '../../mock-server/msw/handlers.js';

export const API_BASE = '/api/v1';
export const SEEDED_PASSWORD = 'Passw0rd!';

export type Channel = 'mobile' | 'email';

/** A message in the mock's outbox (the test hooks' shape). */
export type OutboxMessage = HookMessage;
/** The stored user record as the `user` hook returns it (full values). */
export type DbUser = HookUser;

/** The mock's test hooks (`/__dev/*`), through the one typed dev client. */
export const dev = new DevClient();

type Worker = ReturnType<typeof setupWorker>;
type BrowserMock = ReturnType<typeof createBrowserMock>;

let started: Promise<{ worker: Worker; mock: BrowserMock }> | null = null;

/**
 * Start the msw worker backed by a fresh in-memory mock (once per test file; later calls return
 * the same one). Requests that are not `/api/v1/*` or `/__dev/*` pass through untouched.
 */
export function startMockApi(): Promise<{ worker: Worker; mock: BrowserMock }> {
  started ??= (async () => {
    const mock = createBrowserMock();
    const worker = setupWorker(...createMswHandlers(mock.app));
    await worker.start({
      serviceWorker: { url: '/mockServiceWorker.js', options: { scope: '/' } },
      onUnhandledRequest: 'bypass',
      quiet: true,
    });
    return { worker, mock };
  })();
  return started;
}

/** Back to the seed data: sessions and outbox cleared, clock offset 0, channels on, faults off. */
export async function resetMockApi(): Promise<void> {
  await startMockApi();
  await dev.reset();
}

/** In a `describe`: start the mock before the suite and reset it before each test. */
export function useMockApi(): void {
  before(async () => {
    await startMockApi();
  });
  beforeEach(async () => {
    await resetMockApi();
  });
  // Handlers a test added (`answerModule`) end with it.
  afterEach(async () => (await startMockApi()).worker.resetHandlers());
}

/**
 * For the rest of this test, this page's msw worker answers the module whose URL matches `pattern`
 * with `resolver` — a 503 unless given (offline, or a deploy replaced the file). A page keeps a module
 * it loaded, or failed to load, for its life: refuse it before anything imports it.
 */
export async function answerModule(
  pattern: RegExp,
  resolver: HttpResponseResolver = () => new HttpResponse(null, { status: 503 }),
): Promise<void> {
  (await startMockApi()).worker.use(http.get(pattern, resolver));
}

/** The REST API as the elements call it (same-origin cookies): for signing in and out. */
const api = new ApiClient({ baseUrl: API_BASE });

/**
 * Sign in as a seeded user (`admin`, `operator` with the seeded password; `sso.user` through
 * single sign-on). The session cookie lands in the worker's cookie jar, so the elements' later
 * requests are signed in.
 */
export async function loginAs(username: string, password: string = SEEDED_PASSWORD): Promise<LoginResponse> {
  await startMockApi();
  const body = username === 'sso.user' ? { username, provider: 'sso' as const } : { username, password };
  return (await api.call('login', { body })).data;
}

/** Sign out of the current session. */
export async function logout(): Promise<void> {
  await api.call('logout', {});
}

/** Everything the mock "sent" (SMS and email), oldest first. */
export function readOutbox(): Promise<OutboxMessage[]> {
  return dev.outbox();
}

/** The code of the latest message carrying one (to `to`, when given); throws when there is none. */
export function latestCode(to?: string): Promise<string> {
  return dev.latestCode(to);
}

/** Move the mock server's clock forward (code expiry, cooldowns, idle logout). Returns the new now. */
export function advanceClock(seconds: number): Promise<string> {
  return dev.advanceClock(seconds);
}

/** What reached the mock's db for a user (full values). */
export function dbUser(username: string): Promise<DbUser> {
  return dev.user(username);
}

/** Turn a notification channel off (not configured) or on, optionally with a delivery delay. */
export async function setNotifications(channel: Channel, enabled: boolean, delayMs?: number): Promise<void> {
  await dev.setChannel(channel, enabled, delayMs);
}

/** Make every write fail (storage unavailable) or work again. */
export function setFailWrites(failWrites: boolean): Promise<void> {
  return dev.setFailWrites(failWrites);
}
