/**
 * The contract suite's black-box harness: configuration, a cookie-jar "browser", response checks against the
 * contract schemas, and the mock's `/__dev/` affordances. Only HTTP — nothing here imports the mock server.
 *
 * Configuration comes from the environment (set by `run.ts`):
 * - `CONTRACT_BASE_URL` — the server root, e.g. `http://127.0.0.1:8787`;
 * - `CONTRACT_API_PATH` — the API base under that root (default `/api/v1`);
 * - `CONTRACT_DEV_ROUTES` — `0` when the backend has no `/__dev/` routes (tests that need them are skipped).
 */
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import {
  ACTIVITY_HEADER,
  buildPath,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_STATUS,
  Problem,
  problemType,
  type ProblemCode,
  RULES,
  type RouteBody,
  type RouteName,
  type RouteResponse,
  routes,
} from '../../components/api/contract/index.js';

// ---------------------------------------------------------------------------------------------------------------
// Configuration

function readConfig() {
  const base = process.env.CONTRACT_BASE_URL;
  if (!base) {
    throw new Error(
      'CONTRACT_BASE_URL is not set. Run the suite with `npm run test:contract` (starts the mock server) ' +
        'or `npm run test:contract -- --base-url http://host:port`.',
    );
  }
  const root = base.replace(/\/+$/, '');
  const apiPath = `/${(process.env.CONTRACT_API_PATH ?? '/api/v1').replace(/^\/+|\/+$/g, '')}`;
  return {
    root,
    apiPath,
    api: root + apiPath,
    origin: new URL(root).origin,
    devRoutes: process.env.CONTRACT_DEV_ROUTES !== '0',
  };
}

export const config = readConfig();

export const NEEDS_DEV = 'needs /__dev routes (outbox, clock, reset); the backend under test has none';

// ---------------------------------------------------------------------------------------------------------------
// Seed data every backend under test must provide (see README.md)

export const PASSWORD = 'Passw0rd!';

export const SEED = {
  admin: {
    username: 'admin',
    type: 'local',
    mobile: { e164: '+8613812345678', national: '13812345678' },
    email: 'admin@example.com',
  },
  operator: {
    username: 'operator',
    type: 'remote',
    mobile: { e164: '+8613900001111', national: '13900001111' },
  },
  sso: { username: 'sso.user', type: 'third-party', email: 'sso.user@example.com' },
} as const;

export type SeedUser = 'admin' | 'operator' | 'sso.user';

/** Default editable settings of every seeded user (restored after tests that change them when there is no reset). */
export const SEED_SETTINGS = {
  autoLogoutMinutes: RULES.defaultAutoLogoutMinutes,
  sessionLimit: null,
  welcomeMessage: '',
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Secrets: strings that must never appear in any API response body (full contact values, passwords, codes)

const secrets = new Set<string>([
  SEED.admin.mobile.e164,
  SEED.admin.mobile.national,
  SEED.admin.email,
  SEED.operator.mobile.e164,
  SEED.operator.mobile.national,
  SEED.sso.email,
  PASSWORD,
]);

/** Register a value that must never appear in an API response body (a new contact value, a code…). */
export function addSecret(...values: string[]): void {
  for (const v of values) if (v.length >= 6) secrets.add(v);
}

function assertNoSecrets(reply: Reply): void {
  if (!reply.text) return;
  // Compare on the raw text and on the JSON-unescaped text (a server could escape `+` or `@` as \u002b).
  let decoded = reply.text;
  try {
    decoded = JSON.stringify(JSON.parse(reply.text), null, 0);
  } catch {
    /* not JSON: the raw text is enough */
  }
  for (const secret of secrets) {
    assert.ok(
      !reply.text.includes(secret) && !decoded.includes(secret),
      `${reply.method} ${reply.path} leaked "${secret}" in its response body: ${reply.text.slice(0, 300)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP

export interface Reply {
  method: string;
  path: string;
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or `undefined` when it is empty or not JSON. */
  json: unknown;
}

export interface RequestOptions {
  /** A JSON body (serialised, with `Content-Type: application/json`). */
  body?: unknown;
  /** A raw body, sent as is (with `contentType` if given). */
  rawBody?: string | Uint8Array | ReadableStream<Uint8Array>;
  /** Content type of `rawBody`; `null` sends none. */
  contentType?: string | null;
  headers?: Record<string, string>;
  /** `Origin` to send on this request. Defaults to the server's own origin on mutations; `null` sends none. */
  origin?: string | null;
  ifMatch?: string;
  /** Send `X-Activity: passive` (polling: not user activity). */
  passive?: boolean;
}

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function send(
  url: string,
  method: string,
  opts: RequestOptions,
  cookie: string | null,
): Promise<Response> {
  const headers = new Headers(opts.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json, application/problem+json');
  const origin = opts.origin === undefined ? (MUTATIONS.has(method) ? config.origin : null) : opts.origin;
  if (origin !== null) headers.set('Origin', origin);
  if (cookie) headers.set('Cookie', cookie);
  if (opts.ifMatch !== undefined) headers.set('If-Match', opts.ifMatch);
  if (opts.passive) headers.set(ACTIVITY_HEADER, 'passive');
  let body: BodyInit | undefined;
  let duplex: 'half' | undefined;
  if (opts.rawBody !== undefined) {
    body = opts.rawBody as BodyInit;
    if (opts.rawBody instanceof ReadableStream) duplex = 'half';
    if (opts.contentType) headers.set('Content-Type', opts.contentType);
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    if (opts.contentType !== null) headers.set('Content-Type', opts.contentType ?? 'application/json');
  }
  const init: RequestInit & { duplex?: 'half' } = { method, headers, body, redirect: 'manual' };
  if (duplex) init.duplex = duplex;
  return fetch(url, init);
}

async function toReply(method: string, path: string, res: Response): Promise<Reply> {
  const text = await res.text();
  let json: unknown;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { method, path, status: res.status, headers: res.headers, text, json };
}

/**
 * A simulated browser: its own cookie jar (one session), a user agent, same-origin `Origin` on mutations.
 * Every API response it receives is scanned for secrets.
 */
export class Browser {
  readonly label: string;
  readonly userAgent: string;
  readonly cookies = new Map<string, string>();
  /** `Set-Cookie` headers of the last response that set any. */
  lastSetCookie: string[] = [];

  constructor(label = 'browser') {
    this.label = label;
    this.userAgent = `contract-suite (${label})`;
  }

  cookieHeader(): string | null {
    if (this.cookies.size === 0) return null;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** A copy of this browser with the same cookies (replaying a session after it was ended, for example). */
  clone(label = `${this.label} (copy)`): Browser {
    const copy = new Browser(label);
    for (const [k, v] of this.cookies) copy.cookies.set(k, v);
    return copy;
  }

  #store(res: Response): void {
    const list = res.headers.getSetCookie();
    if (list.length > 0) this.lastSetCookie = list;
    for (const line of list) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k = '', v = ''] = a.split('=').map((s) => s.trim());
        if (k.toLowerCase() === 'max-age') return Number(v) <= 0;
        if (k.toLowerCase() === 'expires') return Date.parse(v) <= Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** A request to `path` under the API base (`/me/personal-info`). */
  async request(method: string, path: string, opts: RequestOptions = {}): Promise<Reply> {
    const headers = { 'User-Agent': this.userAgent, ...opts.headers };
    const res = await send(config.api + path, method, { ...opts, headers }, this.cookieHeader());
    this.#store(res);
    const reply = await toReply(method, path, res);
    assertNoSecrets(reply);
    return reply;
  }

  /** Call a route of the contract by name. */
  call<N extends RouteName>(
    name: N,
    opts: Omit<RequestOptions, 'body'> & {
      params?: Record<string, string>;
      body?: RouteBody<N> | unknown;
    } = {},
  ): Promise<Reply> {
    const route = routes[name];
    const { params, ...rest } = opts;
    return this.request(route.method, buildPath(route.path, params), rest);
  }

  /** Sign in (password, or simulated SSO for `sso.user`); asserts success and returns the login response. */
  async login(username: SeedUser, password: string = PASSWORD): Promise<RouteResponse<'login'>> {
    const body = username === 'sso.user' ? { username, provider: 'sso' } : { username, password };
    const reply = await this.call('login', { body });
    return expectOk(reply, 'login');
  }

  /** The personal info and its ETag. */
  async info(): Promise<{ data: RouteResponse<'getPersonalInfo'>; etag: string }> {
    const reply = await this.call('getPersonalInfo');
    const data = expectOk(reply, 'getPersonalInfo');
    const etag = reply.headers.get('ETag');
    assert.ok(etag, 'GET /me/personal-info must send an ETag');
    return { data, etag };
  }

  /** PATCH with the current ETag; asserts success. */
  async patch(body: RouteBody<'updatePersonalInfo'>): Promise<RouteResponse<'updatePersonalInfo'>> {
    const { etag } = await this.info();
    return expectOk(await this.call('updatePersonalInfo', { body, ifMatch: etag }), 'updatePersonalInfo');
  }

  /** A step-up token from the password. */
  async stepUp(password: string = PASSWORD): Promise<string> {
    const reply = await this.call('verifyIdentity', { body: { method: 'password', password } });
    return expectOk(reply, 'verifyIdentity').stepUpToken;
  }

  async logout(): Promise<void> {
    if (this.cookies.size === 0) return;
    await this.call('logout');
    this.cookies.clear();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Response checks

function contentType(reply: Reply): string {
  return (reply.headers.get('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function describeReply(reply: Reply): string {
  return `${reply.method} ${reply.path} → ${reply.status} ${reply.text.slice(0, 500)}`;
}

/** Assert a route's success status and parse its body with the route's response schema. */
export function expectOk<N extends RouteName>(reply: Reply, name: N): RouteResponse<N> {
  const route = routes[name];
  assert.equal(reply.status, route.status, `expected ${route.status} from ${name}: ${describeReply(reply)}`);
  if (route.response === null) {
    assert.equal(reply.text, '', `${name} must answer ${route.status} with an empty body`);
    return undefined as RouteResponse<N>;
  }
  assert.equal(contentType(reply), 'application/json', `${name} success must be application/json`);
  const parsed = route.response.safeParse(reply.json);
  assert.ok(
    parsed.success,
    `${name} response does not match the contract: ${parsed.error?.message}\n${reply.text}`,
  );
  return parsed.data as RouteResponse<N>;
}

/** Assert a problem+json answer with this `code` (and the code's documented status); returns the problem. */
export function expectProblem(reply: Reply, code: ProblemCode | readonly ProblemCode[]): Problem {
  const codes: readonly ProblemCode[] = typeof code === 'string' ? [code] : code;
  assert.ok(
    reply.status >= 400,
    `expected problem ${codes.join(' | ')}, got success: ${describeReply(reply)}`,
  );
  assert.equal(
    contentType(reply),
    PROBLEM_CONTENT_TYPE,
    `errors must be ${PROBLEM_CONTENT_TYPE}, got "${reply.headers.get('Content-Type')}": ${describeReply(reply)}`,
  );
  const parsed = Problem.safeParse(reply.json);
  assert.ok(parsed.success, `not a contract Problem: ${parsed.error?.message}\n${describeReply(reply)}`);
  const problem = parsed.data;
  assert.ok(codes.includes(problem.code), `expected code ${codes.join(' | ')}: ${describeReply(reply)}`);
  assert.equal(problem.status, reply.status, 'problem.status must equal the HTTP status');
  assert.equal(problem.type, problemType(problem.code), 'problem.type is the stable URI of its code');
  assert.equal(
    reply.status,
    PROBLEM_STATUS[problem.code],
    `${problem.code} travels with ${PROBLEM_STATUS[problem.code]}`,
  );
  assert.ok(!/\n\s+at\s/.test(reply.text), `problem leaks a stack trace: ${reply.text}`);
  return problem;
}

/** The `Retry-After` header in seconds (delta-seconds or HTTP-date); asserts it is present and positive. */
export function retryAfter(reply: Reply): number {
  const raw = reply.headers.get('Retry-After');
  assert.ok(raw, `${reply.method} ${reply.path} → ${reply.status} must send Retry-After`);
  const seconds = /^\d+$/.test(raw) ? Number(raw) : Math.ceil((Date.parse(raw) - Date.now()) / 1000);
  assert.ok(Number.isFinite(seconds) && seconds > 0, `Retry-After must be positive, got "${raw}"`);
  return seconds;
}

/** `If-Match`-style version comparison: the ETag without `W/` and quotes. */
export function etagValue(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"|"$/g, '');
}

// ---------------------------------------------------------------------------------------------------------------
// /__dev/ affordances (mock only)

export interface OutboxMessage {
  id: string;
  channel: 'mobile' | 'email';
  to: string;
  subject: string;
  text: string;
  code: string | null;
  sentAt: string;
}

async function devRequest(method: string, path: string, body?: unknown): Promise<Reply> {
  const res = await send(`${config.root}/__dev${path}`, method, body === undefined ? {} : { body }, null);
  return toReply(method, `/__dev${path}`, res);
}

async function devJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const reply = await devRequest(method, path, body);
  assert.ok(reply.status >= 200 && reply.status < 300, `dev route failed: ${describeReply(reply)}`);
  return reply.json as T;
}

export const dev = {
  async reset(): Promise<void> {
    const reply = await devRequest('POST', '/reset');
    assert.ok(reply.status >= 200 && reply.status < 300, `reset failed: ${describeReply(reply)}`);
  },
  async outbox(): Promise<OutboxMessage[]> {
    return (await devJson<{ messages: OutboxMessage[] }>('GET', '/outbox')).messages;
  },
  /** Messages sent to `to` (a full value), oldest first. */
  async messagesTo(to: string): Promise<OutboxMessage[]> {
    return (await dev.outbox()).filter((m) => m.to === to);
  },
  /** The code of the last message sent to `to`. */
  async lastCode(to: string): Promise<string> {
    const list = await dev.messagesTo(to);
    const last = list.at(-1);
    assert.ok(last, `no message was sent to ${to}`);
    assert.ok(last.code && /^\d{6}$/.test(last.code), `the last message to ${to} carries no 6-digit code`);
    return last.code;
  },
  async now(): Promise<number> {
    return Date.parse((await devJson<{ now: string }>('GET', '/clock')).now);
  },
  async advance(seconds: number): Promise<number> {
    return Date.parse((await devJson<{ now: string }>('POST', '/clock', { advanceSeconds: seconds })).now);
  },
  async notifications(channel: 'mobile' | 'email', enabled: boolean): Promise<void> {
    await devJson('PUT', '/notifications', { channel, enabled });
  },
  async user(username: string): Promise<Record<string, unknown>> {
    return devJson('GET', `/users/${encodeURIComponent(username)}`);
  },
};

/** The server's current time: the dev clock when there is one, else the reply's `Date` header. */
export async function serverNow(reply?: Reply): Promise<number> {
  if (config.devRoutes) return dev.now();
  const date = reply?.headers.get('Date');
  return date ? Date.parse(date) : Date.now();
}

/** Assert `iso` lies `seconds` (± `slack`) after `from`. */
export function assertAfter(
  iso: string,
  from: number,
  seconds: number,
  slack = 10,
  what = 'timestamp',
): void {
  const delta = (Date.parse(iso) - from) / 1000;
  assert.ok(
    Math.abs(delta - seconds) <= slack,
    `${what} ${iso} should be about ${seconds}s after ${new Date(from).toISOString()} (was ${delta.toFixed(1)}s)`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Test declaration

/** Per-test scope: browsers it opened are signed out afterwards; settings it changed are restored. */
export class Scope {
  readonly t: TestContext;
  readonly #browsers: Browser[] = [];
  readonly #restore = new Set<SeedUser>();

  constructor(t: TestContext) {
    this.t = t;
  }

  browser(label = `browser ${this.#browsers.length + 1}`): Browser {
    const b = new Browser(label);
    this.#browsers.push(b);
    return b;
  }

  /** A new browser signed in as `username`. */
  async login(username: SeedUser, label?: string): Promise<Browser> {
    const b = this.browser(label ?? `${username} ${this.#browsers.length + 1}`);
    await b.login(username);
    return b;
  }

  /** Put `username`'s editable settings back to the seed after the test (only matters without `/__dev/reset`). */
  restore(username: SeedUser): void {
    this.#restore.add(username);
  }

  async cleanup(): Promise<void> {
    for (const b of this.#browsers) {
      try {
        await b.logout();
      } catch (e) {
        this.t.diagnostic(`cleanup: logout of ${b.label} failed: ${String(e)}`);
      }
    }
    if (config.devRoutes) return;
    for (const username of this.#restore) {
      try {
        const b = new Browser('restore');
        await b.login(username);
        const body =
          username === 'sso.user' ? { sessionLimit: null, welcomeMessage: '' } : { ...SEED_SETTINGS };
        await b.patch(body);
        await b.logout();
      } catch (e) {
        this.t.diagnostic(`cleanup: restoring ${username}'s settings failed: ${String(e)}`);
      }
    }
  }
}

type Body = (s: Scope) => Promise<void>;

function declare(name: string, needsDev: boolean, body: Body, timeout: number): void {
  const skip = needsDev && !config.devRoutes ? NEEDS_DEV : false;
  test(name, { skip, timeout }, async (t) => {
    if (config.devRoutes) await dev.reset();
    const scope = new Scope(t);
    try {
      await body(scope);
    } finally {
      await scope.cleanup();
    }
  });
}

/** A test that runs against any backend (resets first when `/__dev/reset` exists). */
export function apiTest(name: string, body: Body, timeout = 30_000): void {
  declare(name, false, body, timeout);
}

/** A test that needs the `/__dev/` routes (codes from the outbox, the clock, channel switches, lockouts). */
export function devTest(name: string, body: Body, timeout = 30_000): void {
  declare(name, true, body, timeout);
}

/** A code that is certainly not `code`. */
export function wrongCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}
