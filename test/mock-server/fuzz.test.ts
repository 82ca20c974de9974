/**
 * Issue #6 hardening, SPEC §5 "Input": property-based fuzzing of every operation in the served OpenAPI
 * document. Each run sends one bad (or by chance valid) request in-process: a valid example body
 * mutated (field dropped, extra field — prototype-pollution keys included —, wrong type, huge, unicode,
 * bidi, zero-width, lone surrogates, control characters), a body that is not JSON or not UTF-8, an
 * oversized one, a wrong content type, fuzzed path parameters and headers, another user's session.
 *
 * Every answer: never a 5xx; an error is problem+json that parses as the contract `Problem` with a code
 * the OpenAPI document lists for that operation and status; a success matches the route's response
 * schema; a rejected request leaves the db as it was (session activity timestamps aside, and the failure
 * counters that wrong passwords and codes are meant to move). At the end the db is still valid and
 * nothing reached `Object.prototype`.
 *
 * `FUZZ_SEED` replays a run; `FUZZ_RUNS` scales every operation's run count (default 1).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import * as z from 'zod/mini';
import {
  LONE_SURROGATE,
  normalizeEmail,
  PROBLEM_CONTENT_TYPE,
  Problem,
  type ProblemCode,
  type RouteDef,
  type RouteName,
  routes,
  SessionLimit,
  WelcomeMessage,
} from '../../components/api/contract/index.js';
import { keyedHash } from '../../mock-server/crypto.js';
import { assertDbShape, type DbData, type UserRecord } from '../../mock-server/db.js';
import { openApiDocument } from '../../mock-server/openapi.js';
import { ifMatchSatisfied } from '../../mock-server/views.js';
import { API, type Browser, type Harness, ORIGIN, PASSWORD, setup } from './helpers.js';

const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const MIN_REJECTED = 10_000;

// ---------------------------------------------------------------------------------------------------------
// What the OpenAPI document promises: per operation, the documented problem codes per status.

interface Operation {
  operationId: string;
  responses: Record<string, { description?: string }>;
}

const documented = new Map<string, Map<number, Set<string>>>();
const doc = openApiDocument(API) as { paths: Record<string, Record<string, Operation>> };
for (const methods of Object.values(doc.paths)) {
  for (const op of Object.values(methods)) {
    const byStatus = new Map<number, Set<string>>();
    for (const [status, response] of Object.entries(op.responses)) {
      if (Number(status) < 400) continue;
      byStatus.set(
        Number(status),
        new Set([...(response.description ?? '').matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!)),
      );
    }
    documented.set(op.operationId, byStatus);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Nasty values.

const CORPUS = [
  '',
  ' ',
  '\u202Eevil\u202C',
  '\u2066admin\u2069',
  '\u200Fadmin',
  'ad\u200Bmin',
  '\u200D',
  '\uFEFFadmin',
  '\u2028\u2029',
  '\uD800',
  '\uDC00admin',
  'a\uD83D',
  '\uD83D\uDE00',
  '\u0000',
  'a\u0000b',
  '\r\n',
  'line\rbreak',
  '\u0085',
  '\u007F',
  '\t',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "' OR '1'='1",
  '$' + '{7*7}', // a template-injection probe
  '{{7*7}}',
  '../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '０７４００ １２３４５６',
  '１２３４５６',
  '+8613812345678',
  '07400 123456',
  '+44 7400 123456',
  'admin@example.com',
  'a@b.co\r\nBcc: x@evil.example',
  // The character policy: hidden characters in identifiers, internationalised domains, bidi controls.
  'abcd@exa\u200Bmple.com',
  'ad\u202Emin@example.com',
  'x@ex\u00ADample.com',
  '\uD800@example.com',
  'x@example.com\uFEFF',
  'user@bücher.example',
  'USER@XN--BCHER-KVA.EXAMPLE',
  'user@例え.テスト',
  'user@ex_ample.com',
  'hi \u2067evil\u2069',
  'שלום \u200Fworld',
  '👋 欢迎 👨‍👩‍👧',
  'ADMIN@EXAMPLE.COM',
  'Ａdmin',
  'ﬁ',
  'é',
  'é',
  '𝒜',
  '中文',
  '🏳️‍🌈',
  'admin',
  'Passw0rd!',
  '123456',
  '000000',
  '*',
  'W/"1"',
];

const LENGTHS = [63, 64, 65, 253, 254, 255, 256, 257, 511, 512, 513, 4096, 15_000];

const nastyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...CORPUS), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 24 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }), weight: 1 },
  { arbitrary: fc.string({ maxLength: 24 }), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...LENGTHS), fc.constantFrom('a', '😀', '\u200B', '\uD800', '中', ' '))
      .map(([n, c]) => c.repeat(Math.ceil(n / c.length)).slice(0, n)),
    weight: 2,
  },
  {
    arbitrary: fc.tuple(fc.constantFrom(...CORPUS), fc.constantFrom(...CORPUS)).map(([a, b]) => a + b),
    weight: 1,
  },
);

const nastyKey: fc.Arbitrary<string> = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'valueOf',
      'hasOwnProperty',
      '__defineGetter__',
      'isAdmin',
      'version',
      'verified',
      'userId',
      '$ne',
      '',
    ),
    weight: 3,
  },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 8 }), weight: 1 },
);

/** An object with exactly these own enumerable keys (`__proto__` included as a plain key). */
function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries)
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

const { nastyValue } = fc.letrec<{ nastyValue: unknown }>((tie) => ({
  nastyValue: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: nastyString, weight: 5 },
    {
      arbitrary: fc.constantFrom(
        true,
        false,
        null,
        0,
        -0,
        1,
        -1,
        1.5,
        5,
        30,
        500,
        501,
        1441,
        2 ** 53 + 1,
        1e308,
        -1e308,
      ),
      weight: 3,
    },
    { arbitrary: fc.integer(), weight: 1 },
    { arbitrary: fc.double(), weight: 1 },
    { arbitrary: fc.array(tie('nastyValue'), { maxLength: 3 }), weight: 1 },
    {
      arbitrary: fc.array(fc.tuple(nastyKey, tie('nastyValue')), { maxLength: 3 }).map(objectOf),
      weight: 1,
    },
  ),
}));

// ---------------------------------------------------------------------------------------------------------
// One fuzz case: data only (so fast-check can shrink it), resolved against the live harness when sent.

type Who = 'admin' | 'operator' | 'sso' | 'user0';

type Mutation =
  | { op: 'keep' }
  | { op: 'drop'; pick: number }
  | { op: 'extra'; key: string; value: unknown }
  | { op: 'replace'; pick: number; value: unknown }
  | { op: 'whole'; value: unknown };

type Encoding =
  | { enc: 'json' }
  | { enc: 'text'; text: string }
  | { enc: 'bytes'; bytes: number[] }
  | { enc: 'huge'; size: number; json: boolean }
  | { enc: 'none' };

type Param = { live: true } | { live: false; raw: string };

interface FuzzCase {
  example: number;
  mutation: Mutation;
  encoding: Encoding;
  contentType: string | null;
  contentLength: string | null;
  cookie: 'own' | 'other' | 'none' | 'garbage' | 'double';
  garbage: string;
  ifMatch:
    | 'none'
    | 'star'
    | 'current'
    | 'stale'
    | 'garbage'
    | 'list'
    | 'quotedStar'
    | 'weakStar'
    | 'weak'
    | 'bare';
  origin: 'none' | 'own' | 'evil' | 'null';
  secFetchSite: 'none' | 'same-origin' | 'cross-site' | 'garbage';
  passive: boolean;
  query: string;
  params: Record<string, Param>;
}

interface Context {
  h: Harness;
  browsers: Record<Who, Browser | null>;
  stepUp: Record<'admin' | 'operator', string>;
}

interface Example {
  who: Who;
  params: (ctx: Context) => Record<string, string> | Promise<Record<string, string>>;
  body: ((ctx: Context) => Record<string, unknown>) | null;
}

const userOf = (ctx: Context, who: Who): UserRecord =>
  ctx.h.store.data.users.find(
    (u) => u.username === { admin: 'admin', operator: 'operator', sso: 'sso.user', user0: 'user0' }[who],
  )!;

/** The newest open challenge of a user (or any id when there is none): resend/verify examples stay live. */
function liveChallenge(ctx: Context, who: Who, kind: 'mobile' | 'email', purpose?: string): string {
  const user = userOf(ctx, who);
  const open = ctx.h.store.data.challenges.filter(
    (c) =>
      c.userId === user.id && c.kind === kind && c.state === 'open' && (!purpose || c.purpose === purpose),
  );
  return open.at(-1)?.id ?? 'no-open-challenge';
}

/** Another live session of the user (not the one the fuzz signs in with), else an id that is gone. */
async function otherSession(ctx: Context, who: Who): Promise<string> {
  const user = userOf(ctx, who);
  const token = ctx.browsers[who]?.cookie ?? '';
  const current = await keyedHash(ctx.h.store.data.secret, `session:${token}`);
  const other = ctx.h.store.data.sessions.find((s) => s.userId === user.id && s.tokenHash !== current);
  return other?.id ?? 'ended-session-id';
}

const NO_PARAMS = () => ({});

const EXAMPLES: Record<RouteName, Example[]> = {
  login: [
    { who: 'user0', params: NO_PARAMS, body: () => ({ username: 'user0', password: PASSWORD }) },
    { who: 'user0', params: NO_PARAMS, body: () => ({ username: 'sso.user', provider: 'sso' }) },
  ],
  logout: [{ who: 'user0', params: NO_PARAMS, body: null }],
  getPersonalInfo: [
    { who: 'admin', params: NO_PARAMS, body: null },
    { who: 'sso', params: NO_PARAMS, body: null },
  ],
  updatePersonalInfo: [
    {
      who: 'admin',
      params: NO_PARAMS,
      body: () => ({
        autoLogoutMinutes: 60,
        sessionLimit: { max: 1, policy: 'log-out' },
        welcomeMessage: 'Hi',
      }),
    },
    { who: 'operator', params: NO_PARAMS, body: () => ({ sessionLimit: { max: 3, policy: 'deny' } }) },
    { who: 'sso', params: NO_PARAMS, body: () => ({ autoLogoutMinutes: 30, welcomeMessage: '' }) },
  ],
  verifyIdentity: [
    { who: 'admin', params: NO_PARAMS, body: () => ({ method: 'password', password: PASSWORD }) },
    {
      who: 'sso',
      params: NO_PARAMS,
      body: (ctx) => ({
        method: 'code',
        challengeId: liveChallenge(ctx, 'sso', 'email', 'step-up'),
        code: '123456',
      }),
    },
  ],
  createChallenge: [
    {
      who: 'admin',
      params: () => ({ kind: 'mobile' }),
      body: (ctx) => ({
        purpose: 'change',
        value: '07400 123456',
        region: 'GB',
        stepUpToken: ctx.stepUp.admin,
      }),
    },
    {
      who: 'admin',
      params: () => ({ kind: 'email' }),
      body: (ctx) => ({ purpose: 'change', value: 'new@example.org', stepUpToken: ctx.stepUp.admin }),
    },
    { who: 'operator', params: () => ({ kind: 'mobile' }), body: () => ({ purpose: 'verify' }) },
    { who: 'sso', params: () => ({ kind: 'email' }), body: () => ({ purpose: 'step-up' }) },
  ],
  resendChallenge: [
    {
      who: 'admin',
      params: (ctx) => ({ kind: 'email', id: liveChallenge(ctx, 'admin', 'email') }),
      body: (ctx) => ({ stepUpToken: ctx.stepUp.admin }),
    },
    {
      who: 'operator',
      params: (ctx) => ({ kind: 'mobile', id: liveChallenge(ctx, 'operator', 'mobile') }),
      body: () => ({}),
    },
  ],
  verifyChallenge: [
    {
      who: 'admin',
      params: (ctx) => ({ kind: 'email', id: liveChallenge(ctx, 'admin', 'email') }),
      body: (ctx) => ({ code: '123456', stepUpToken: ctx.stepUp.admin }),
    },
    {
      who: 'operator',
      params: (ctx) => ({ kind: 'mobile', id: liveChallenge(ctx, 'operator', 'mobile') }),
      body: () => ({ code: '000000' }),
    },
  ],
  listSessions: [{ who: 'operator', params: NO_PARAMS, body: null }],
  endSession: [
    { who: 'admin', params: async (ctx) => ({ id: await otherSession(ctx, 'admin') }), body: null },
    { who: 'operator', params: async (ctx) => ({ id: await otherSession(ctx, 'admin') }), body: null },
  ],
};

const RAW_TEXT = [
  '',
  '{',
  '{"a":}',
  "{'a':1}",
  '{"a":1,}',
  '{"a":1}}',
  '[',
  'undefined',
  'NaN',
  'Infinity',
  '{"a":NaN}',
  '\uFEFF{}',
  '{"a":"\\x41"}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":1,"a":2}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`,
  'true',
  '0',
  '"string"',
  'null',
];

/** Bytes that are not UTF-8: overlong, surrogates, out of range, truncated, UTF-16. */
const BAD_UTF8 = [
  [0xff],
  [0xfe, 0xff],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
  [0x80],
];

const CONTENT_TYPES = [
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonp',
  'application/json-patch',
  'application/problem+json',
  'application/merge-patch+json',
  'APPLICATION/JSON',
  'application/json; charset=utf-16le',
  'application/json;charset=utf-8;x="\\""',
  'application/xml',
  '*/*',
  '',
];

/** Path segments as they appear in the URL: already percent-encoded, some of them invalidly. */
const RAW_SEGMENTS = [
  '%',
  '%zz',
  '%ED%A0%80',
  '%C0%AF',
  '%00',
  '%2F',
  'a%2Fb',
  '%5C',
  '%25',
  '%FF%FE',
  '%u0041',
  'mobile%00',
  'MOBILE',
  'mobile%20',
  'Email',
  'phone',
  '__proto__',
  'constructor',
  'toString',
  'a'.repeat(65),
  'a'.repeat(64),
  'x'.repeat(5000),
];

const latin1 = fc.string({
  unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});

/** A path segment: live, a nasty string encoded, or a raw (maybe invalid) encoding; never `.`/`..`. */
const paramArb: fc.Arbitrary<Param> = fc
  .oneof(
    { arbitrary: fc.constant<Param>({ live: true }), weight: 3 },
    {
      arbitrary: nastyString
        .filter((s) => s.length > 0 && s.length < 6000)
        .map<Param>((s) => ({ live: false, raw: encodeSegment(s) })),
      weight: 2,
    },
    { arbitrary: fc.constantFrom(...RAW_SEGMENTS).map<Param>((raw) => ({ live: false, raw })), weight: 1 },
  )
  .filter((p) => p.live || !/^(?:\.|%2e){1,2}$/i.test(p.raw));

/** encodeURIComponent, except that lone surrogates go out as the (invalid) bytes CESU-8 would use. */
function encodeSegment(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff)
      out += `%${(0xe0 | (cp >> 12)).toString(16)}%${(0x80 | ((cp >> 6) & 0x3f)).toString(16)}%${(0x80 | (cp & 0x3f)).toString(16)}`;
    else out += encodeURIComponent(ch);
  }
  return out;
}

function weighted<T>(...choices: [T, number][]): fc.Arbitrary<T> {
  return fc.oneof(...choices.map(([value, weight]) => ({ arbitrary: fc.constant(value), weight })));
}

function caseArb(route: RouteDef, examples: number): fc.Arbitrary<FuzzCase> {
  const paramNames = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  const hasBody = route.body !== null;
  const mutation: fc.Arbitrary<Mutation> = hasBody
    ? fc.oneof(
        { arbitrary: fc.constant<Mutation>({ op: 'keep' }), weight: 1 },
        { arbitrary: fc.nat().map<Mutation>((pick) => ({ op: 'drop', pick })), weight: 2 },
        {
          arbitrary: fc
            .tuple(nastyKey, nastyValue)
            .map<Mutation>(([key, value]) => ({ op: 'extra', key, value })),
          weight: 2,
        },
        {
          arbitrary: fc
            .tuple(fc.nat(), nastyValue)
            .map<Mutation>(([pick, value]) => ({ op: 'replace', pick, value })),
          weight: 6,
        },
        { arbitrary: nastyValue.map<Mutation>((value) => ({ op: 'whole', value })), weight: 2 },
      )
    : fc.constant<Mutation>({ op: 'keep' });
  const encoding: fc.Arbitrary<Encoding> = fc.oneof(
    {
      arbitrary: fc.constant<Encoding>(hasBody ? { enc: 'json' } : { enc: 'none' }),
      weight: hasBody ? 12 : 6,
    },
    { arbitrary: fc.constantFrom(...RAW_TEXT).map<Encoding>((text) => ({ enc: 'text', text })), weight: 1 },
    {
      arbitrary: fc.constantFrom(...BAD_UTF8).map<Encoding>((bytes) => ({ enc: 'bytes', bytes })),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(16 * 1024, 16 * 1024 + 1, 20_000, 100_000, 1_000_000), fc.boolean())
        .map<Encoding>(([size, json]) => ({ enc: 'huge', size, json })),
      weight: 1,
    },
  );
  return fc.record<FuzzCase>({
    example: fc.nat({ max: examples - 1 }),
    mutation,
    encoding,
    contentType: fc.oneof(
      { arbitrary: fc.constant('application/json'), weight: 20 },
      { arbitrary: fc.constant('application/json; charset=utf-8'), weight: 2 },
      { arbitrary: fc.constant(null), weight: 1 },
      { arbitrary: fc.constantFrom(...CONTENT_TYPES), weight: 2 },
    ),
    contentLength: fc.oneof(
      { arbitrary: fc.constant(null), weight: 30 },
      { arbitrary: fc.constantFrom('99999999', '16385', '-1', 'abc', '0', '1e9'), weight: 1 },
    ),
    // Mostly well-formed around the body, so most runs reach validation and the handlers.
    cookie: weighted<FuzzCase['cookie']>(
      ['own', 12],
      ['other', 1],
      ['none', 1],
      ['garbage', 1],
      ['double', 1],
    ),
    garbage: latin1,
    ifMatch: weighted<FuzzCase['ifMatch']>(
      ['current', 6],
      ['star', 2],
      ['none', 1],
      ['stale', 1],
      ['garbage', 1],
      ['list', 1],
      ['quotedStar', 1],
      ['weakStar', 1],
      ['weak', 1],
      ['bare', 1],
    ),
    origin: weighted<FuzzCase['origin']>(['none', 8], ['own', 8], ['evil', 1], ['null', 1]),
    secFetchSite: weighted<FuzzCase['secFetchSite']>(
      ['none', 10],
      ['same-origin', 6],
      ['cross-site', 1],
      ['garbage', 1],
    ),
    passive: fc.boolean(),
    query: fc.constantFrom('', '', '', '?x=1', '?__proto__[polluted]=1', '?version=0', '?%zz', '?a=%00'),
    params: fc.record(Object.fromEntries(paramNames.map((n) => [n, paramArb]))),
  });
}

// ---------------------------------------------------------------------------------------------------------
// Building and sending a case.

function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  const out: string[][] = prefix.length ? [prefix] : [];
  for (const [k, v] of Object.entries(value)) out.push(...leafPaths(v, [...prefix, k]));
  return out;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown, remove: boolean): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path.at(-1)!;
  if (remove) delete node[last];
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
}

function mutate(example: Record<string, unknown>, m: Mutation): unknown {
  const body = clone(example);
  const paths = leafPaths(body);
  switch (m.op) {
    case 'keep':
      return body;
    case 'whole':
      return m.value;
    case 'extra':
      setPath(body, [m.key], m.value, false);
      return body;
    case 'drop':
    case 'replace': {
      const path = paths[m.pick % paths.length];
      if (path) setPath(body, path, m.op === 'replace' ? m.value : undefined, m.op === 'drop');
      return body;
    }
  }
}

function huge(size: number, json: boolean): string {
  if (!json) return 'x'.repeat(size);
  const head = '{"welcomeMessage":"';
  return `${head}${'a'.repeat(Math.max(0, size - head.length - 2))}"}`;
}

function encodeBody(c: FuzzCase, body: unknown): BodyInit | undefined {
  switch (c.encoding.enc) {
    case 'none':
      return undefined;
    case 'json':
      return body === undefined ? undefined : JSON.stringify(body);
    case 'text':
      return c.encoding.text;
    case 'bytes': {
      const enc = new TextEncoder();
      return new Uint8Array([...enc.encode('{"welcomeMessage":"'), ...c.encoding.bytes, ...enc.encode('"}')]);
    }
    case 'huge':
      return huge(c.encoding.size, c.encoding.json);
  }
}

interface Sent {
  response: Response;
  path: string;
  headers: Headers;
  who: Who;
  ifMatch: FuzzCase['ifMatch'];
}

async function send(ctx: Context, name: RouteName, route: RouteDef, c: FuzzCase): Promise<Sent> {
  const examples = EXAMPLES[name];
  const example = examples[c.example % examples.length]!;
  const live = await example.params(ctx);
  const path =
    API +
    route.path.replace(/:([A-Za-z]+)/g, (_, p: string) => {
      const param = c.params[p];
      return param && !param.live ? param.raw : encodeURIComponent(live[p] ?? 'x');
    }) +
    c.query;
  const headers = new Headers({ 'User-Agent': 'fuzz', Accept: 'application/json, application/problem+json' });
  const own = ctx.browsers[example.who]?.cookie;
  const otherWho: Who = example.who === 'admin' ? 'operator' : 'admin';
  const other = ctx.browsers[otherWho]?.cookie;
  const cookie = {
    own: own ? `psid=${own}` : null,
    other: other ? `psid=${other}` : null,
    none: null,
    garbage: `psid=${c.garbage}`,
    double: `psid=${c.garbage}; psid=${own ?? ''}`,
  }[c.cookie];
  if (cookie !== null) headers.set('Cookie', cookie);
  const user = userOf(ctx, example.who);
  const ifMatch = {
    none: null,
    star: '*',
    current: `"${user.version}"`,
    stale: `"${user.version - 1}"`,
    garbage: c.garbage,
    list: `"0", W/"${user.version}"`,
    quotedStar: '"*"',
    weakStar: 'W/"*"',
    weak: `W/"${user.version}"`,
    bare: String(user.version),
  }[c.ifMatch];
  if (ifMatch !== null) headers.set('If-Match', ifMatch);
  const origin = { none: null, own: ORIGIN, evil: 'https://evil.example', null: 'null' }[c.origin];
  if (origin !== null) headers.set('Origin', origin);
  if (c.secFetchSite !== 'none')
    headers.set('Sec-Fetch-Site', c.secFetchSite === 'garbage' ? c.garbage : c.secFetchSite);
  if (c.passive) headers.set('X-Activity', 'passive');
  const canHaveBody = route.method !== 'GET';
  const body = canHaveBody
    ? encodeBody(c, example.body ? mutate(example.body(ctx), c.mutation) : undefined)
    : undefined;
  if (body !== undefined && c.contentType !== null) headers.set('Content-Type', c.contentType);
  if (c.contentLength !== null && body !== undefined) headers.set('Content-Length', c.contentLength);
  const response = await ctx.h.app.request(path, { method: route.method, headers, body });
  return { response, path, headers, who: example.who, ifMatch: c.ifMatch };
}

// ---------------------------------------------------------------------------------------------------------
// The systematic part, run before the random one: every nasty string and wrong type in every field of
// every example, every prototype key, every raw segment in every path parameter, every broken body,
// content type and header variant — each with everything else well-formed, so it reaches the handler.

const IF_MATCH_FORMS = [
  'none',
  'star',
  'stale',
  'garbage',
  'list',
  'quotedStar',
  'weakStar',
  'weak',
  'bare',
] as const;
/** RFC 9110 §13.1.1: only a bare `*` or the current ETag (strong comparison) lets a change through. */
const IF_MATCH_PASSES: ReadonlySet<FuzzCase['ifMatch']> = new Set(['current', 'star']);

const WRONG_TYPES: unknown[] = [null, true, 0, -0, -1, 1.5, 2 ** 53 + 1, 1e308, [], {}, ['x'], { a: 1 }];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'isAdmin', 'version', 'verified'];

function cleanCase(route: RouteDef, example: number): FuzzCase {
  const params = Object.fromEntries(
    [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => [m[1]!, { live: true } as Param]),
  );
  return {
    example,
    mutation: { op: 'keep' },
    encoding: route.body ? { enc: 'json' } : { enc: 'none' },
    contentType: 'application/json',
    contentLength: null,
    cookie: 'own',
    garbage: 'x',
    ifMatch: 'current',
    origin: 'own',
    secFetchSite: 'same-origin',
    passive: false,
    query: '',
    params,
  };
}

async function sweepCases(ctx: Context, name: RouteName, route: RouteDef): Promise<FuzzCase[]> {
  const out: FuzzCase[] = [];
  const examples = EXAMPLES[name];
  for (const [e, example] of examples.entries()) {
    const base = cleanCase(route, e);
    out.push(base);
    if (example.body) {
      const paths = leafPaths(example.body(ctx));
      for (const [pick] of paths.entries()) {
        out.push({ ...base, mutation: { op: 'drop', pick } });
        for (const value of [...CORPUS, ...LENGTHS.map((n) => 'a'.repeat(n)), ...WRONG_TYPES])
          out.push({ ...base, mutation: { op: 'replace', pick, value } });
      }
      for (const key of PROTO_KEYS)
        out.push({ ...base, mutation: { op: 'extra', key, value: { polluted: true, isAdmin: true } } });
    }
    const params = await example.params(ctx);
    for (const p of Object.keys(params)) {
      for (const raw of [
        ...RAW_SEGMENTS,
        ...CORPUS.filter((x) => x && !/^\.{1,2}$/.test(x)).map(encodeSegment),
      ])
        out.push({ ...base, params: { ...base.params, [p]: { live: false, raw } } });
    }
  }
  const base = cleanCase(route, 0);
  if (route.body) {
    for (const text of RAW_TEXT) out.push({ ...base, encoding: { enc: 'text', text } });
    for (const bytes of BAD_UTF8) out.push({ ...base, encoding: { enc: 'bytes', bytes } });
    for (const size of [16 * 1024, 16 * 1024 + 1, 1_000_000])
      for (const json of [true, false]) out.push({ ...base, encoding: { enc: 'huge', size, json } });
    for (const contentType of [...CONTENT_TYPES, null]) out.push({ ...base, contentType });
    for (const contentLength of ['99999999', '16385', '-1', 'abc']) out.push({ ...base, contentLength });
  }
  for (const cookie of ['other', 'none', 'garbage', 'double'] as const) out.push({ ...base, cookie });
  for (const ifMatch of IF_MATCH_FORMS) out.push({ ...base, ifMatch });
  for (const origin of ['none', 'evil', 'null'] as const) out.push({ ...base, origin });
  for (const secFetchSite of ['none', 'cross-site', 'garbage'] as const) out.push({ ...base, secFetchSite });
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// State: what a rejected request must not change.

/** Codes whose whole point is to record a failure (wrong password, wrong code, and the locks that follow). */
const COUNTING: ReadonlySet<ProblemCode> = new Set([
  'invalid-credentials',
  'account-locked',
  'invalid-code',
  'too-many-attempts',
]);

function businessState(data: DbData, ignoreCounters: boolean): string {
  const { sessions, users, challenges, ...rest } = data;
  return JSON.stringify({
    ...rest,
    sessions: sessions.map(({ lastActiveAt: _l, ...s }) => s),
    users: ignoreCounters
      ? users.map(({ passwordFailures: _p, lockedUntil: _l, codeFailures: _c, ...u }) => u)
      : users,
    challenges: ignoreCounters ? challenges.map(({ attempts: _a, ...c }) => c) : challenges,
  });
}

const LEAK = /\bat \S+ \(|\.ts:\d+|node:internal|SyntaxError|TypeError|RangeError|URIError/;

interface Stats {
  runs: number;
  rejected: number;
  ok: number;
  codes: Map<string, number>;
}

async function check(
  name: RouteName,
  route: RouteDef,
  sent: Sent,
  before: DbData,
  after: DbData,
  stats: Stats,
): Promise<void> {
  const { response } = sent;
  const text = await response.text();
  const where = `${route.method} ${sent.path.slice(0, 200)} → ${response.status}`;
  stats.runs += 1;
  assert.ok(response.status < 500, `${where}: a 5xx for bad input: ${text.slice(0, 400)}`);
  if (response.status >= 400) {
    stats.rejected += 1;
    const type = response.headers.get('Content-Type') ?? '';
    assert.ok(type.startsWith(PROBLEM_CONTENT_TYPE), `${where}: Content-Type "${type}"`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      assert.fail(`${where}: problem body is not JSON: ${text.slice(0, 300)}`);
    }
    const parsed = Problem.safeParse(json);
    assert.ok(parsed.success, `${where}: not a contract Problem: ${text.slice(0, 300)}`);
    const problem = parsed.data;
    assert.equal(problem.status, response.status, `${where}: problem.status`);
    const codes = documented.get(name)?.get(response.status);
    assert.ok(
      codes?.has(problem.code),
      `${where}: "${problem.code}" is not documented for ${name} at ${response.status} (documented: ${[...(codes ?? [])].join(', ')})`,
    );
    assert.ok(!LEAK.test(text), `${where}: leaks internals: ${text.slice(0, 300)}`);
    stats.codes.set(problem.code, (stats.codes.get(problem.code) ?? 0) + 1);
    const counting = COUNTING.has(problem.code);
    assert.equal(
      businessState(before, counting),
      businessState(after, counting),
      `${where}: a rejected request (${problem.code}) changed the db`,
    );
    return;
  }
  stats.ok += 1;
  assert.equal(response.status, route.status, `${where}: ${name} answers ${route.status} on success`);
  if (route.ifMatch) {
    const sentIfMatch = sent.headers.get('If-Match');
    const username = { admin: 'admin', operator: 'operator', sso: 'sso.user', user0: 'user0' }[sent.who];
    const version = String(before.users.find((u) => u.username === username)?.version);
    // Random garbage may happen to be `*` or the ETag.
    const lucky = sent.ifMatch === 'garbage' && ifMatchSatisfied(sentIfMatch ?? '', version);
    assert.ok(
      IF_MATCH_PASSES.has(sent.ifMatch) || lucky,
      `${where}: accepted with If-Match ${JSON.stringify(sentIfMatch)} (${sent.ifMatch})`,
    );
  }
  if (route.response) {
    const parsed = route.response.safeParse(JSON.parse(text));
    assert.ok(
      parsed.success,
      `${where}: body does not match ${name}'s schema: ${parsed.success ? '' : z.prettifyError(parsed.error)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// The live context: sessions for each user, step-up tokens, open challenges.

async function signIn(ctx: Context, who: Who): Promise<void> {
  const user = userOf(ctx, who);
  // The fuzz's own wrong passwords may have locked the account; setup is not what is being tested.
  user.lockedUntil = 0;
  user.passwordFailures = 0;
  const browser = await ctx.h.signedIn(user.username);
  ctx.browsers[who] = browser;
  // A step-up token belongs to its session: a new session needs a new one.
  if (who === 'admin' || who === 'operator') ctx.stepUp[who] = await browser.stepUp();
}

/**
 * After a success: a session whose token was rotated (a successful identity verification) is carried
 * on with the new cookie, as a browser would; one that was ended is replaced by a new sign-in.
 */
async function followSessions(ctx: Context, response: Response): Promise<void> {
  const set = response.headers
    .getSetCookie()
    .map((line) => /^psid=([^;]+)/.exec(line)?.[1])
    .find((v) => v !== undefined);
  for (const who of ['admin', 'operator', 'sso'] as const) {
    if (await sessionAlive(ctx, who)) continue;
    const browser = ctx.browsers[who];
    if (set && browser) {
      const hash = await keyedHash(ctx.h.store.data.secret, `session:${set}`);
      const user = userOf(ctx, who);
      if (ctx.h.store.data.sessions.some((s) => s.tokenHash === hash && s.userId === user.id)) {
        browser.cookie = set;
        continue;
      }
    }
    await signIn(ctx, who);
  }
}

async function sessionAlive(ctx: Context, who: Who): Promise<boolean> {
  const token = ctx.browsers[who]?.cookie;
  if (!token) return false;
  const hash = await keyedHash(ctx.h.store.data.secret, `session:${token}`);
  return ctx.h.store.data.sessions.some((s) => s.tokenHash === hash && s.status === 'active');
}

async function context(): Promise<Context> {
  const h = await setup({ seedExtraUsers: 1 });
  const ctx: Context = {
    h,
    browsers: { admin: null, operator: null, sso: null, user0: null },
    stepUp: { admin: '', operator: '' },
  };
  for (const who of ['admin', 'operator', 'sso'] as const) await signIn(ctx, who);
  // A second admin session, so endSession has a live target.
  await h.signedIn('admin');
  const admin = ctx.browsers.admin!;
  assert.equal(
    (
      await admin.challenge('email', {
        purpose: 'change',
        value: 'fuzz@example.org',
        stepUpToken: ctx.stepUp.admin,
      })
    ).status,
    201,
  );
  assert.equal((await ctx.browsers.operator!.challenge('mobile', { purpose: 'verify' })).status, 201);
  assert.equal((await ctx.browsers.sso!.challenge('email', { purpose: 'step-up' })).status, 201);
  return ctx;
}

const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort().join();
const totals: Stats = { runs: 0, rejected: 0, ok: 0, codes: new Map() };

/** Runs per operation (a little over 10 000 rejected requests in all at the default scale). */
const RUNS: Record<RouteName, number> = {
  // Every valid-shaped login costs a PBKDF2 hash: fewer runs here, more where the bodies are richer.
  login: 900,
  logout: 500,
  getPersonalInfo: 600,
  updatePersonalInfo: 1900,
  verifyIdentity: 1500,
  createChallenge: 1900,
  resendChallenge: 1400,
  verifyChallenge: 1700,
  listSessions: 500,
  endSession: 1400,
};

describe('fuzzing every operation of the OpenAPI document (fast-check, in-process)', () => {
  after(() => {
    assert.equal(
      Object.getOwnPropertyNames(Object.prototype).sort().join(),
      protoBefore,
      'nothing was added to Object.prototype',
    );
  });

  it('the document lists exactly the contract routes, and the two public documents', () => {
    // GET /openapi.json and /docs are listed (with `security: []`) so generators and linters see them.
    const documents = ['getOpenApiDocument', 'getReference'];
    assert.deepEqual([...documented.keys()].sort(), [...Object.keys(routes), ...documents].sort());
  });

  for (const [name, route] of Object.entries(routes) as [RouteName, RouteDef][]) {
    const runs = Math.round(RUNS[name] * SCALE);
    it(`${route.method} ${route.path}: ${runs} generated requests → no 5xx, documented problems, db unchanged when refused`, async (t) => {
      const ctx = await context();
      const stats: Stats = { runs: 0, rejected: 0, ok: 0, codes: new Map() };
      const sweep = await sweepCases(ctx, name, route);
      await fc.assert(
        fc.asyncProperty(caseArb(route, EXAMPLES[name].length), async (c) => {
          const before = JSON.parse(JSON.stringify(ctx.h.store.data)) as DbData;
          const sent = await send(ctx, name, route, c);
          await check(name, route, sent, before, ctx.h.store.data, stats);
          if (sent.response.ok) await followSessions(ctx, sent.response);
        }),
        {
          numRuns: runs,
          examples: sweep.map((c): [FuzzCase] => [c]),
          ...(SEED === undefined ? {} : { seed: SEED }),
          endOnFailure: true,
        },
      );
      assertDbValid(ctx.h.store.data);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
      totals.runs += stats.runs;
      totals.rejected += stats.rejected;
      totals.ok += stats.ok;
      for (const [code, n] of stats.codes) totals.codes.set(code, (totals.codes.get(code) ?? 0) + n);
      t.diagnostic(
        `${stats.runs} sent (${sweep.length} systematic), ${stats.rejected} refused, ${stats.ok} accepted; ${[
          ...stats.codes,
        ]
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}`,
      );
    });
  }

  it(`in all at least ${MIN_REJECTED * SCALE} refused requests, none a 5xx`, (t) => {
    t.diagnostic(`${totals.runs} sent, ${totals.rejected} refused, ${totals.ok} accepted`);
    assert.ok(totals.rejected >= MIN_REJECTED * SCALE, `only ${totals.rejected} refused requests`);
  });
});

// ---------------------------------------------------------------------------------------------------------

const SEED_USER_KEYS = [
  'autoLogoutMinutes',
  'codeFailures',
  'displayName',
  'email',
  'id',
  'lockedUntil',
  'mobile',
  'passwordFailures',
  'passwordHash',
  'sessionLimit',
  'type',
  'username',
  'version',
  'welcomeMessage',
].join();

/** The db after the storm: same shape, every stored value still within the contract, no odd keys. */
function assertDbValid(data: DbData): void {
  const copy: unknown = JSON.parse(JSON.stringify(data));
  assertDbShape(copy);
  assert.deepEqual(copy, data, 'the db survives a JSON round trip unchanged');
  for (const u of data.users) {
    assert.equal(Object.keys(u).sort().join(), SEED_USER_KEYS, `${u.username}: stored fields`);
    assert.ok(WelcomeMessage.safeParse(u.welcomeMessage).success, `${u.username}: welcome message`);
    assert.ok(
      u.sessionLimit === null || SessionLimit.safeParse(u.sessionLimit).success,
      `${u.username}: limit`,
    );
    assert.ok([5, 10, 15, 30, 60, 120, 240, 480].includes(u.autoLogoutMinutes), `${u.username}: auto-logout`);
    assert.ok(Number.isInteger(u.version) && u.version >= 1, `${u.username}: version`);
    for (const kind of ['mobile', 'email'] as const) {
      const c = u[kind];
      assert.deepEqual(Object.keys(c).sort(), ['pending', 'value', 'verified']);
      if (c.value !== null && kind === 'mobile') assert.match(c.value, /^\+[1-9]\d{6,14}$/);
      if (c.value !== null && kind === 'email')
        assert.equal(normalizeEmail(c.value), c.value, `${u.username}: a stored email in its normal form`);
    }
  }
  (function walk(v: unknown, at: string): void {
    if (typeof v === 'string')
      assert.ok(!LONE_SURROGATE.test(v), `${at}: a stored string with a lone surrogate`);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${at}.${k}`);
  })(data, 'db');
}
