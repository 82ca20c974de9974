/**
 * In-process test harness for the mock server: one `Harness` per test (fresh memory db, manual clock),
 * any number of `Browser`s on it (each with its own `psid` cookie jar). Every `/api/v1` answer is parsed
 * with the contract — a success body with the route's response schema, an error with `Problem` — so a
 * response that drifts from the contract fails the test that provoked it.
 */
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import {
  type Challenge,
  type LoginResponse,
  type PersonalInfo,
  PROBLEM_CONTENT_TYPE,
  Problem,
  type ProblemCode,
  type RouteDef,
  routes,
  type StepUpToken,
} from '../../components/api/contract/index.js';
import { CookieJar } from '../../mock-server/cookie-jar.js';
import { DevClient } from '../../mock-server/dev-client.js';
import { createMemoryMock } from '../../mock-server/memory.js';

export const API = '/api/v1';
export const ORIGIN = 'http://localhost';
export const PASSWORD = 'Passw0rd!';

/** The seeded contacts (full values live only in the db and the outbox). */
export const SEED = {
  admin: {
    mobile: '+8613812345678',
    mobileMasked: '+86 138****5678',
    email: 'admin@example.com',
    emailMasked: 'a***n@example.com',
  },
  operator: { mobile: '+8613900001111' },
  sso: { email: 'sso.user@example.com' },
} as const;

export type MockConfig = NonNullable<Parameters<typeof createMemoryMock>[0]>;
export type Mock = Awaited<ReturnType<typeof createMemoryMock>>;

export const MINUTE = 60_000;
export const SECOND = 1_000;

// ---------------------------------------------------------------------------------------------------------
// Dev route shapes (mock only, not part of the contract).

const OutboxMessage = z.strictObject({
  id: z.string(),
  channel: z.enum(['mobile', 'email']),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  code: z.nullable(z.string()),
  sentAt: z.string(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;
const Outbox = z.object({ messages: z.array(OutboxMessage) });

const DevContact = z.object({
  value: z.nullable(z.string()),
  verified: z.boolean(),
  pending: z.nullable(z.object({ value: z.string(), challengeId: z.string(), expiresAt: z.unknown() })),
});
const DevUser = z.object({
  id: z.string(),
  username: z.string(),
  type: z.string(),
  mobile: DevContact,
  email: DevContact,
  autoLogoutMinutes: z.number(),
  sessionLimit: z.nullable(z.object({ max: z.number(), policy: z.string() })),
  welcomeMessage: z.string(),
  version: z.unknown(),
});
export type DevUser = z.infer<typeof DevUser>;

// ---------------------------------------------------------------------------------------------------------
// Route lookup: which contract route answered, so its response schema can check the body.

interface CompiledRoute {
  name: string;
  def: RouteDef;
  pattern: RegExp;
}

const compiled: CompiledRoute[] = Object.entries(routes as Record<string, RouteDef>).map(([name, def]) => ({
  name,
  def,
  pattern: new RegExp(`^${API}${def.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`),
}));

export function findRoute(method: string, path: string): CompiledRoute | undefined {
  const pathname = path.split('?')[0] ?? path;
  return compiled.find((r) => r.def.method === method && r.pattern.test(pathname));
}

// ---------------------------------------------------------------------------------------------------------

export interface Res<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed success body (checked against the route's response schema), `undefined` for errors/204. */
  body: T;
  /** The parsed problem for 4xx/5xx answers from `/api/v1`. */
  problem: Problem | null;
  /** Wall-clock milliseconds the request took. */
  ms: number;
}

export interface RequestOptions {
  /** A JSON body (serialized, `Content-Type: application/json`). */
  json?: unknown;
  /** A raw body, sent as is (set `contentType` yourself). */
  raw?: string | Uint8Array<ArrayBuffer>;
  contentType?: string | null;
  /** `Origin` header: defaults to the page's origin on mutations; `null` omits it (curl). */
  origin?: string | null;
  secFetchSite?: string;
  ifMatch?: string;
  passive?: boolean;
  headers?: Record<string, string>;
  /** Send without this browser's cookie. */
  noCookie?: boolean;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Assert a problem+json answer with the given code (and its status from the contract). */
export function assertProblem(res: Res, code: ProblemCode, message?: string): Problem {
  const where = message ? `${message}: ` : '';
  assert.ok(
    res.problem,
    `${where}expected problem "${code}", got HTTP ${res.status} ${res.text.slice(0, 300)}`,
  );
  assert.equal(res.problem.code, code, `${where}problem code (HTTP ${res.status} ${res.text.slice(0, 300)})`);
  return res.problem;
}

export function assertStatus(res: Res, status: number, message?: string): void {
  assert.equal(
    res.status,
    status,
    `${message ? `${message}: ` : ''}HTTP ${res.status} ${res.text.slice(0, 400)}`,
  );
}

/** A browser tab: a cookie jar for `psid`, `Origin` on mutations, and a transcript of every answer. */
export class Browser {
  readonly harness: Harness;
  readonly userAgent: string;
  /** This tab's cookies (the one cookie jar, `mock-server/cookie-jar.ts`). */
  readonly jar: CookieJar;
  /** Every response (status, headers, body) this browser saw: for "never in any response" checks. */
  readonly transcript: string[] = [];

  constructor(harness: Harness, userAgent: string) {
    this.harness = harness;
    this.userAgent = userAgent;
    this.jar = new CookieJar(() => harness.now());
  }

  /** The `psid` session token held, or `null`; settable to replay or forge one. */
  get cookie(): string | null {
    return this.jar.get('psid') ?? null;
  }
  set cookie(token: string | null) {
    this.jar.set('psid', token);
  }

  /** The raw `Set-Cookie` of the last response that set `psid`. */
  get lastSetCookie(): string | null {
    return this.jar.lastSetCookie.findLast((line) => line.startsWith('psid=')) ?? null;
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<Res<T>> {
    const headers = new Headers(options.headers);
    headers.set('User-Agent', this.userAgent);
    headers.set('Accept', 'application/json, application/problem+json');
    const origin = options.origin === undefined ? (MUTATING.has(method) ? ORIGIN : null) : options.origin;
    if (origin !== null) headers.set('Origin', origin);
    if (options.secFetchSite) headers.set('Sec-Fetch-Site', options.secFetchSite);
    if (this.cookie && !options.noCookie) headers.set('Cookie', `psid=${this.cookie}`);
    if (options.ifMatch !== undefined) headers.set('If-Match', options.ifMatch);
    if (options.passive) headers.set('X-Activity', 'passive');
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers.set('Content-Type', 'application/json');
    } else if (options.raw !== undefined) {
      body = options.raw;
    }
    if (options.contentType === null) headers.delete('Content-Type');
    else if (options.contentType !== undefined) headers.set('Content-Type', options.contentType);

    const started = performance.now();
    const response = await this.harness.app.request(path, { method, headers, body });
    const text = await response.text();
    const ms = performance.now() - started;
    this.jar.storeFrom(response);
    this.transcript.push(
      `${method} ${path} → ${response.status}\n${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${text}`,
    );
    const res: Res<T> = {
      status: response.status,
      headers: response.headers,
      text,
      body: undefined as T,
      problem: null,
      ms,
    };
    if (method !== 'OPTIONS' && path.startsWith(`${API}/`) && path !== `${API}/openapi.json`) {
      checkAgainstContract(method, path, res);
    }
    return res;
  }

  get<T = unknown>(path: string, options?: RequestOptions): Promise<Res<T>> {
    return this.request<T>('GET', path, options);
  }
  post<T = unknown>(path: string, json?: unknown, options: RequestOptions = {}): Promise<Res<T>> {
    return this.request<T>('POST', path, json === undefined ? options : { json, ...options });
  }
  patch<T = unknown>(path: string, json?: unknown, options: RequestOptions = {}): Promise<Res<T>> {
    return this.request<T>('PATCH', path, json === undefined ? options : { json, ...options });
  }
  del<T = unknown>(path: string, options?: RequestOptions): Promise<Res<T>> {
    return this.request<T>('DELETE', path, options);
  }

  // --- the API, one helper per route -------------------------------------------------------------------

  loginRaw(username: string, password: string | null = PASSWORD): Promise<Res<LoginResponse>> {
    const json = password === null ? { username, provider: 'sso' } : { username, password };
    return this.post<LoginResponse>(`${API}/auth/login`, json);
  }

  /** Sign in (SSO for `sso.user`), asserting success. */
  async login(username: string, password?: string): Promise<LoginResponse> {
    const res = await this.loginRaw(username, password ?? (username === 'sso.user' ? null : PASSWORD));
    assertStatus(res, 200, `login ${username}`);
    assert.ok(this.cookie, 'login sets the psid cookie');
    return res.body;
  }

  logout(): Promise<Res> {
    return this.post(`${API}/auth/logout`);
  }

  info(options?: RequestOptions): Promise<Res<PersonalInfo>> {
    return this.get<PersonalInfo>(`${API}/me/personal-info`, options);
  }

  /** GET personal-info, asserting success; returns the body and the ETag. */
  async personalInfo(): Promise<PersonalInfo & { etag: string }> {
    const res = await this.info();
    assertStatus(res, 200, 'GET personal-info');
    const etag = res.headers.get('ETag');
    assert.ok(etag, 'GET personal-info sends an ETag');
    return { ...res.body, etag };
  }

  /** PATCH personal-info; `ifMatch` defaults to the current version (read first). */
  async patchInfo(patch: unknown, ifMatch?: string | null): Promise<Res<PersonalInfo>> {
    const version = ifMatch === undefined ? (await this.personalInfo()).etag : ifMatch;
    return this.patch<PersonalInfo>(
      `${API}/me/personal-info`,
      patch,
      version === null ? {} : { ifMatch: version },
    );
  }

  stepUpRaw(body: unknown): Promise<Res<StepUpToken>> {
    return this.post<StepUpToken>(`${API}/me/identity-verifications`, body);
  }

  /** Password step-up, asserting success; returns the token. */
  async stepUp(password = PASSWORD): Promise<string> {
    const res = await this.stepUpRaw({ method: 'password', password });
    assertStatus(res, 201, 'step-up');
    return res.body.stepUpToken;
  }

  challenge(kind: string, body: unknown): Promise<Res<Challenge>> {
    return this.post<Challenge>(`${API}/me/contacts/${kind}/challenges`, body);
  }

  /** Ask for a `change` challenge to `value` with a step-up token already earned; nothing asserted. */
  changeChallenge(
    kind: string,
    value: string,
    stepUpToken: string,
    region?: string,
  ): Promise<Res<Challenge>> {
    return this.challenge(kind, { purpose: 'change', value, stepUpToken, ...(region ? { region } : {}) });
  }

  /** Step up with the password and start a `change` challenge, asserting 201. */
  async startChange(
    kind: 'mobile' | 'email',
    value: string,
    region?: string,
  ): Promise<{ challenge: Challenge; stepUpToken: string }> {
    const stepUpToken = await this.stepUp();
    const res = await this.changeChallenge(kind, value, stepUpToken, region);
    assertStatus(res, 201, `change ${kind} challenge`);
    return { challenge: res.body, stepUpToken };
  }

  /**
   * Start a `verify` or `step-up` challenge (no step-up token needed), asserting 201, and read the
   * code the outbox got at `to` (the contact's full value).
   */
  async codeChallenge(
    kind: 'mobile' | 'email',
    purpose: 'verify' | 'step-up',
    to: string,
  ): Promise<{ challenge: Challenge; code: string }> {
    const res = await this.challenge(kind, { purpose });
    assertStatus(res, 201, `${purpose} ${kind} challenge`);
    return { challenge: res.body, code: await this.harness.latestCode(to) };
  }

  resend(kind: string, id: string, body: unknown = {}): Promise<Res<Challenge>> {
    return this.post<Challenge>(`${API}/me/contacts/${kind}/challenges/${id}/resend`, body);
  }

  verify(kind: string, id: string, body: unknown): Promise<Res> {
    return this.post(`${API}/me/contacts/${kind}/challenges/${id}/verify`, body);
  }

  sessions(options?: RequestOptions): Promise<Res<{ sessions: { id: string; current: boolean }[] }>> {
    return this.get(`${API}/me/sessions`, options);
  }
}

function checkAgainstContract(method: string, path: string, res: Res): void {
  const where = `${method} ${path} → ${res.status}`;
  if (res.status >= 400) {
    const type = res.headers.get('Content-Type') ?? '';
    assert.ok(type.startsWith(PROBLEM_CONTENT_TYPE), `${where}: Content-Type "${type}" is not problem+json`);
    const parsed = Problem.safeParse(parseJson(res.text, where));
    assert.ok(parsed.success, `${where}: not a contract Problem: ${res.text.slice(0, 300)}`);
    assert.equal(parsed.data.status, res.status, `${where}: problem.status differs from the HTTP status`);
    res.problem = parsed.data;
    return;
  }
  const route = findRoute(method, path);
  assert.ok(route, `${where}: success from a path/method that is not in the contract`);
  assert.equal(
    res.status,
    route.def.status,
    `${where}: ${route.name} answers ${route.def.status} on success`,
  );
  if (route.def.response === null) {
    assert.equal(res.text, '', `${where}: ${route.name} has no response body`);
    return;
  }
  const parsed = route.def.response.safeParse(parseJson(res.text, where));
  assert.ok(
    parsed.success,
    `${where}: body does not match ${route.name}'s response schema: ${parsed.success ? '' : z.prettifyError(parsed.error)}\n${res.text.slice(0, 500)}`,
  );
  res.body = parsed.data;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    assert.fail(`${where}: body is not JSON: ${text.slice(0, 200)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------

/** One mock server (fresh db, manual clock) and its dev routes. */
export class Harness {
  readonly mock: Mock;
  #browsers = 0;
  #hooks: DevClient | undefined;

  constructor(mock: Mock) {
    this.mock = mock;
  }

  get app(): Mock['app'] {
    return this.mock.app;
  }
  get store(): Mock['store'] {
    return this.mock.store;
  }

  /** A new tab with an empty cookie jar. */
  browser(): Browser {
    this.#browsers += 1;
    return new Browser(this, `node-test-browser/${this.#browsers}`);
  }

  /** A browser already signed in as `username`. */
  async signedIn(username: string): Promise<Browser> {
    const b = this.browser();
    await b.login(username);
    return b;
  }

  now(): number {
    return this.mock.clock.now();
  }

  advance(ms: number): void {
    this.mock.clock.advance(ms);
  }

  async dev(method: string, path: string, json?: unknown): Promise<Response> {
    const init: RequestInit = { method };
    if (json !== undefined) {
      init.body = JSON.stringify(json);
      init.headers = { 'Content-Type': 'application/json', Origin: ORIGIN };
    }
    return this.app.request(path, init);
  }

  /** The test hooks (`/__dev/*`) through the one typed dev client, in process. */
  get hooks(): DevClient {
    this.#hooks ??= new DevClient({
      baseUrl: `${ORIGIN}/__dev`,
      fetch: (input, init) => this.app.request(input, init),
      headers: { Origin: ORIGIN },
    });
    return this.#hooks;
  }

  async outbox(): Promise<OutboxMessage[]> {
    return Outbox.parse({ messages: await this.hooks.outbox() }).messages;
  }

  /** Messages to a destination (full value), oldest first. */
  async messagesTo(to: string): Promise<OutboxMessage[]> {
    return (await this.outbox()).filter((m) => m.to === to);
  }

  /** The code of the latest message with a code sent to `to`. */
  async latestCode(to: string): Promise<string> {
    const withCode = (await this.messagesTo(to)).filter((m) => m.code !== null);
    const last = withCode.at(-1);
    assert.ok(last?.code, `no code was sent to ${to}`);
    return last.code;
  }

  /** Every code in the outbox. */
  async allCodes(): Promise<string[]> {
    return (await this.outbox()).flatMap((m) => (m.code === null ? [] : [m.code]));
  }

  async user(username: string): Promise<DevUser> {
    return DevUser.parse(await this.hooks.user(username));
  }

  async channel(channel: 'mobile' | 'email', enabled: boolean, delayMs?: number): Promise<void> {
    await this.hooks.setChannel(channel, enabled, delayMs);
  }

  async faults(failWrites: boolean): Promise<void> {
    await this.hooks.setFailWrites(failWrites);
  }

  /** The db as text, without the dev outbox (which holds codes and full values by design). */
  dbTextWithoutOutbox(): string {
    return JSON.stringify({ ...this.store.data, outbox: [] });
  }
}

export async function setup(config?: MockConfig): Promise<Harness> {
  return new Harness(await createMemoryMock(config));
}

/**
 * The most common start of a code test: a fresh mock, `username` signed in, a change of its email
 * to a new address (`newEmail(label)`) started with a password step-up, and the code that was sent.
 */
export async function emailChange(label: string, username = 'admin') {
  const h = await setup();
  const b = await h.signedIn(username);
  const to = newEmail(label);
  const { challenge, stepUpToken } = await b.startChange('email', to);
  return { h, b, to, challenge, stepUpToken, code: await h.latestCode(to) };
}

/** Random-enough unique email for a test. */
let counter = 0;
export function newEmail(prefix = 'new'): string {
  counter += 1;
  return `${prefix}.${counter}@example.org`;
}
