/**
 * The contract suite's black-box harness: the test registry (`describe`, `apiTest`, `devTest`), the users
 * (from the fixtures), a cookie-jar "browser", response checks against the contract schemas, and the
 * optional test hooks (`components/api/contract/hooks.ts`) through the typed dev client. Only HTTP — nothing
 * here imports the mock server's app; `cookie-jar.ts` and `dev-client.ts` are web-standard clients.
 *
 * The runner (`runner.ts`) calls `configure()` before it imports the suite files, so a suite file may read
 * `config` and `user()` at its top level.
 */
import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  ACTIVITY_HEADER,
  buildPath,
  type ContactKind,
  type HookMessage,
  type HookUser,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_STATUS,
  Problem,
  type ProblemCode,
  problemType,
  RULES,
  type RouteBody,
  type RouteName,
  type RouteResponse,
  routes,
} from '../../components/api/contract/index.js';
import { CookieJar } from '../../mock-server/cookie-jar.js';
import { DevClient } from '../../mock-server/dev-client.js';
import { type Fixtures, type FixtureUser, type Role, roleOf } from './fixtures.js';

// ---------------------------------------------------------------------------------------------------------------
// Configuration (set by the runner)

export interface SuiteConfig {
  /** The API base, e.g. `http://127.0.0.1:8787/api/v1`. */
  api: string;
  /** Its origin: sent as `Origin` on mutations. */
  origin: string;
  /** The test hooks' base URL, or `null` when the backend has none (tests that need them are skipped). */
  hooksUrl: string | null;
  fixtures: Fixtures;
}

let current: SuiteConfig | null = null;

/** Set the backend under test. Called by the runner before any suite file is imported. */
export function configure(next: SuiteConfig): void {
  current = next;
  secrets.clear();
  for (const u of next.fixtures.users) {
    if (u.password) addSecret(u.password);
    for (const contact of [u.contacts.mobile, u.contacts.email]) {
      if (contact) addSecret(contact.value, ...(contact.national ? [contact.national] : []));
    }
  }
  hooksClient = next.hooksUrl === null ? null : new DevClient({ baseUrl: next.hooksUrl });
}

/** The backend under test (throws before `configure()`). */
export const config = {
  get api(): string {
    return settings().api;
  },
  get origin(): string {
    return settings().origin;
  },
  /** Whether the backend exposes the test hooks. */
  get devRoutes(): boolean {
    return settings().hooksUrl !== null;
  },
};

function settings(): SuiteConfig {
  if (!current) throw new Error('The contract suite is not configured: run it with its runner (runner.ts).');
  return current;
}

/** Why a test that needs the hooks was skipped. */
export const NEEDS_DEV =
  'needs the test hooks (outbox, clock, reset, channel switches); the backend under test exposes none';

// ---------------------------------------------------------------------------------------------------------------
// Users (from the fixtures: one per kind; roles keep the seed users' names)

export type SeedUser = Role;

/** The user playing `role`: `admin` = the local user, `operator` = the remote user, `sso.user` = third-party. */
export function user(role: Role): FixtureUser {
  const found = settings().fixtures.users.find((u) => roleOf(u) === role);
  if (!found) throw new Error(`the fixtures have no user for the ${role} role`);
  return found;
}

/** The login body of `role` (a password, or the simulated SSO for a third-party user). */
export function credentials(role: Role, password?: string): RouteBody<'login'> {
  const u = user(role);
  if (password === undefined && u.password === undefined) return { username: u.username, provider: 'sso' };
  return { username: u.username, password: password ?? u.password ?? '' };
}

/** The full stored value of `role`'s contact (throws when the fixtures give none). */
export function contactOf(role: Role, kind: ContactKind): string {
  const contact = user(role).contacts[kind];
  assert.ok(contact, `the fixtures give ${user(role).username} no ${kind}`);
  return contact.value;
}

/** `role`'s mobile as a user would type it: the national form when the fixtures give it, else E.164. */
export function typedMobile(role: Role): string {
  const mobile = user(role).contacts.mobile;
  assert.ok(mobile, `the fixtures give ${user(role).username} no mobile`);
  return mobile.national ?? mobile.value;
}

/** Default editable settings of every user (restored after tests that change them when there is no reset). */
export const SEED_SETTINGS = {
  autoLogoutMinutes: RULES.defaultAutoLogoutMinutes,
  sessionLimit: null,
  welcomeMessage: '',
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Secrets: strings that must never appear in any API response body (full contact values, passwords, codes)

const secrets = new Set<string>();

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
// HTTP, with a record of every exchange of the running test (a failure reports the last one)

export interface Reply {
  method: string;
  path: string;
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or `undefined` when it is empty or not JSON. */
  json: unknown;
}

/** One request and its answer, as a failure report shows it. */
export interface Exchange {
  request: { method: string; url: string; headers: [string, string][]; body: string | null };
  response: { status: number; headers: [string, string][]; body: string } | null;
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
const running = new AsyncLocalStorage<Exchange[]>();
const MAX_RECORDED_BODY = 4000;

/** Passwords and codes are masked in the recorded request bodies (a report may be published). */
function redact(body: string): string {
  return body.replace(/("(?:password|code|stepUpToken)"\s*:\s*)"[^"]*"/g, '$1"***"');
}

function clip(text: string): string {
  return text.length > MAX_RECORDED_BODY
    ? `${text.slice(0, MAX_RECORDED_BODY)}… (${text.length} chars)`
    : text;
}

async function send(
  url: string,
  method: string,
  opts: RequestOptions,
  jar: CookieJar | null,
): Promise<Response> {
  const headers = new Headers(opts.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json, application/problem+json');
  const origin = opts.origin === undefined ? (MUTATIONS.has(method) ? config.origin : null) : opts.origin;
  if (origin !== null) headers.set('Origin', origin);
  const cookie = jar?.header() ?? null;
  if (cookie) headers.set('Cookie', cookie);
  if (opts.ifMatch !== undefined) headers.set('If-Match', opts.ifMatch);
  if (opts.passive) headers.set(ACTIVITY_HEADER, 'passive');
  let body: BodyInit | undefined;
  let duplex: 'half' | undefined;
  let recordedBody: string | null = null;
  if (opts.rawBody !== undefined) {
    body = opts.rawBody as BodyInit;
    if (opts.rawBody instanceof ReadableStream) duplex = 'half';
    if (opts.contentType) headers.set('Content-Type', opts.contentType);
    recordedBody =
      typeof opts.rawBody === 'string'
        ? opts.rawBody
        : opts.rawBody instanceof Uint8Array
          ? `(${opts.rawBody.byteLength} bytes)`
          : '(a stream)';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    recordedBody = body;
    if (opts.contentType !== null) headers.set('Content-Type', opts.contentType ?? 'application/json');
  }
  const exchange: Exchange = {
    request: {
      method,
      url,
      headers: [...headers].filter(([k]) => k !== 'cookie'),
      body: recordedBody === null ? null : clip(redact(recordedBody)),
    },
    response: null,
  };
  running.getStore()?.push(exchange);
  const init: RequestInit & { duplex?: 'half' } = { method, headers, body, redirect: 'manual' };
  if (duplex) init.duplex = duplex;
  const res = await fetch(url, init);
  jar?.storeFrom(res);
  const text = await res.text();
  exchange.response = { status: res.status, headers: [...res.headers], body: clip(text) };
  return new Response(res.status === 204 || res.status === 304 ? null : text, {
    status: res.status,
    headers: res.headers,
  });
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

/** A plain request to the API without a session (documents, probes). */
export async function fetchApi(path: string, opts: RequestOptions = {}): Promise<Reply> {
  return toReply('GET', path, await send(config.api + path, 'GET', opts, null));
}

/**
 * A simulated browser: its own cookie jar (one session), a user agent, same-origin `Origin` on mutations.
 * Every API response it receives is scanned for secrets.
 */
export class Browser {
  readonly label: string;
  readonly userAgent: string;
  readonly jar = new CookieJar();
  /** The role this browser last signed in as (its step-up password). */
  role: Role | null = null;

  constructor(label = 'browser') {
    this.label = label;
    this.userAgent = `contract-suite (${label})`;
  }

  /** `Set-Cookie` headers of the last response that set any. */
  get lastSetCookie(): string[] {
    return this.jar.lastSetCookie;
  }

  cookieHeader(): string | null {
    return this.jar.header();
  }

  /** A copy of this browser with the same cookies (replaying a session after it was ended, for example). */
  clone(label = `${this.label} (copy)`): Browser {
    const copy = new Browser(label);
    for (const [k, v] of this.jar.entries()) copy.jar.set(k, v);
    copy.role = this.role;
    return copy;
  }

  /** A request to `path` under the API base (`/me/personal-info`). */
  async request(method: string, path: string, opts: RequestOptions = {}): Promise<Reply> {
    const headers = { 'User-Agent': this.userAgent, ...opts.headers };
    const res = await send(config.api + path, method, { ...opts, headers }, this.jar);
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

  /** Sign in as the user playing `role`; asserts success and returns the login response. */
  async login(role: Role, password?: string): Promise<RouteResponse<'login'>> {
    const reply = await this.call('login', { body: credentials(role, password) });
    const login = expectOk(reply, 'login');
    this.role = role;
    return login;
  }

  /** GET /me/personal-info, asserting success: the reply (for its headers) and its body. */
  async personalInfo(): Promise<{ reply: Reply; info: RouteResponse<'getPersonalInfo'> }> {
    const reply = await this.call('getPersonalInfo');
    return { reply, info: expectOk(reply, 'getPersonalInfo') };
  }

  /** The personal info and its ETag. */
  async info(): Promise<{ data: RouteResponse<'getPersonalInfo'>; etag: string }> {
    const { reply, info: data } = await this.personalInfo();
    const etag = reply.headers.get('ETag');
    assert.ok(etag, 'GET /me/personal-info must send an ETag');
    return { data, etag };
  }

  /** PATCH with the current ETag; asserts success. */
  async patch(body: RouteBody<'updatePersonalInfo'>): Promise<RouteResponse<'updatePersonalInfo'>> {
    const { etag } = await this.info();
    return expectOk(await this.call('updatePersonalInfo', { body, ifMatch: etag }), 'updatePersonalInfo');
  }

  /** A step-up token from the password (by default, the password of the user signed in here). */
  async stepUp(password: string = this.#password()): Promise<string> {
    const reply = await this.call('verifyIdentity', { body: { method: 'password', password } });
    return expectOk(reply, 'verifyIdentity').stepUpToken;
  }

  #password(): string {
    const password = user(this.role ?? 'admin').password;
    assert.ok(password, `${user(this.role ?? 'admin').username} has no password to step up with`);
    return password;
  }

  async logout(): Promise<void> {
    if (this.jar.size === 0) return;
    await this.call('logout');
    this.jar.clear();
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
// The test hooks (optional; `devTest`s only run when the backend has them)

let hooksClient: DevClient | null = null;

function hooks(): DevClient {
  assert.ok(hooksClient, NEEDS_DEV);
  return hooksClient;
}

/** The hooks, as the suite uses them. `user()` takes a role and looks up the fixtures' username. */
export const dev = {
  reset: (): Promise<void> => hooks().reset(),
  outbox: (): Promise<HookMessage[]> => hooks().outbox(),
  /** Messages sent to `to` (a full value), oldest first. */
  messagesTo: (to: string): Promise<HookMessage[]> => hooks().messagesTo(to),
  /** The code of the last message sent to `to` (which must carry one). */
  async lastCode(to: string): Promise<string> {
    const last = (await hooks().messagesTo(to)).at(-1);
    assert.ok(last, `no message was sent to ${to}`);
    assert.ok(last.code && /^\d{6}$/.test(last.code), `the last message to ${to} carries no 6-digit code`);
    addSecret(last.code);
    return last.code;
  },
  async now(): Promise<number> {
    return Date.parse(await hooks().now());
  },
  async advance(seconds: number): Promise<number> {
    return Date.parse(await hooks().advanceClock(seconds));
  },
  async notifications(channel: ContactKind, enabled: boolean): Promise<void> {
    await hooks().setChannel(channel, enabled);
  },
  /** What reached the store for the user playing `role` (or any username). */
  user(role: Role): Promise<HookUser> {
    return hooks().user(user(role).username);
  },
};

/** The server's current time: the hooks' clock when there is one, else the reply's `Date` header. */
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
// Test declaration and the registry the runner reads

/** Per-test scope: browsers it opened are signed out afterwards; settings it changed are restored. */
export class Scope {
  readonly #browsers: Browser[] = [];
  readonly #restore = new Set<Role>();
  readonly #notes: string[];

  constructor(notes: string[]) {
    this.#notes = notes;
  }

  /** A note in the test's report (shown with a failure, and as `<system-out>` in JUnit). */
  note(text: string): void {
    this.#notes.push(text);
  }

  browser(label = `browser ${this.#browsers.length + 1}`): Browser {
    const b = new Browser(label);
    this.#browsers.push(b);
    return b;
  }

  /** A new browser signed in as the user playing `role`. */
  async login(role: Role, label?: string): Promise<Browser> {
    const b = this.browser(label ?? `${role} ${this.#browsers.length + 1}`);
    await b.login(role);
    return b;
  }

  /** Put `role`'s editable settings back to the defaults after the test (only matters without the reset hook). */
  restore(role: Role): void {
    this.#restore.add(role);
  }

  async cleanup(): Promise<void> {
    for (const b of this.#browsers) {
      try {
        await b.logout();
      } catch (e) {
        this.note(`cleanup: logout of ${b.label} failed: ${String(e)}`);
      }
    }
    if (config.devRoutes) return;
    for (const role of this.#restore) {
      try {
        const b = new Browser('restore');
        await b.login(role);
        const body =
          roleOf(user(role)) === 'sso.user'
            ? { sessionLimit: null, welcomeMessage: '' }
            : { ...SEED_SETTINGS };
        await b.patch(body);
        await b.logout();
      } catch (e) {
        this.note(`cleanup: restoring ${user(role).username}'s settings failed: ${String(e)}`);
      }
    }
  }
}

type Body = (s: Scope) => Promise<void>;

/** What a test run leaves for the report. */
export interface TestRecord {
  exchanges: Exchange[];
  notes: string[];
  failedAt?: number;
}

/** A registered test, as the runner sees it. */
export interface SuiteTest {
  /** The suite file's name without `.test.ts` (`auth`, `challenges`…). */
  file: string;
  /** Enclosing `describe` names, outermost first. */
  groups: string[];
  name: string;
  needsHooks: boolean;
  timeout: number | undefined;
  /**
   * Runs the test (reset first when the hooks exist); exchanges and notes are recorded for the report,
   * and on a failure `failedAt` is how many exchanges had happened (the clean-up's come after).
   */
  run(record: TestRecord): Promise<void>;
}

const registry: SuiteTest[] = [];
const groups: string[] = [];
let currentFile = '';

/** The runner: tests registered from now on belong to this suite file. */
export function beginFile(file: string): void {
  currentFile = file;
  groups.length = 0;
}

/** Every test registered so far, in declaration order. */
export function registeredTests(): readonly SuiteTest[] {
  return registry;
}

/** Group tests (synchronously, like node:test's `describe`). */
export function describe(name: string, fn: () => void): void {
  groups.push(name);
  try {
    fn();
  } finally {
    groups.pop();
  }
}

function declare(name: string, needsHooks: boolean, body: Body, timeout: number | undefined): void {
  registry.push({
    file: currentFile,
    groups: [...groups],
    name,
    needsHooks,
    timeout,
    run: (record) =>
      running.run(record.exchanges, async () => {
        if (config.devRoutes) await dev.reset();
        const scope = new Scope(record.notes);
        try {
          await body(scope);
        } catch (e) {
          record.failedAt = record.exchanges.length;
          throw e;
        } finally {
          await scope.cleanup();
        }
      }),
  });
}

/** A test that runs against any backend (resets first when the reset hook exists). */
export function apiTest(name: string, body: Body, timeout?: number): void {
  declare(name, false, body, timeout);
}

/** A test that needs the test hooks (codes from the outbox, the clock, channel switches, lockouts). */
export function devTest(name: string, body: Body, timeout?: number): void {
  declare(name, true, body, timeout);
}

/** A code that is certainly not `code`. */
export function wrongCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}
