/**
 * SPEC §5 "CSRF / CORS", "Input", "Headers", §3 dev routes and the OpenAPI document: the HTTP surface
 * of the mock server, independent of any one feature.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hardenedResponse } from '../../mock-server/middleware/security-headers.js';
import { PROBLEM_CODES, type RouteDef, routes } from '../../components/api/contract/index.js';
import {
  API,
  assertProblem,
  assertStatus,
  type Browser,
  type Harness,
  newEmail,
  ORIGIN,
  type Res,
  setup,
} from './helpers.js';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  responses: Record<string, { description?: string }>;
  security?: Record<string, unknown[]>[];
  requestBody?: { content: Record<string, { schema: unknown }> };
}

const EVIL = 'https://evil.example';
const CONSOLE = 'https://console.example.com';

function assertNo5xx(res: Res, what: string): void {
  assert.ok(res.status >= 400 && res.status < 500, `${what}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
  assert.ok(res.problem, `${what}: a problem body`);
  assert.ok(PROBLEM_CODES.includes(res.problem.code));
  assert.ok(
    !/\bat \S+ \(|\.ts:\d+|node:internal|SyntaxError|TypeError/.test(res.text),
    `${what}: leaks internals: ${res.text}`,
  );
}

/** The business state: everything except session activity timestamps (GETs are activity by design). */
function businessState(h: Harness): string {
  const { sessions, ...rest } = h.store.data;
  return JSON.stringify({ ...rest, sessions: sessions.map(({ lastActiveAt: _l, ...s }) => s) });
}

describe('CSRF: Origin / Sec-Fetch-Site on mutations', () => {
  it('a cross-site login is refused (403 forbidden-origin) and creates no session', async () => {
    const h = await setup();
    for (const headers of [
      { origin: EVIL },
      { origin: 'null' },
      { origin: null, secFetchSite: 'cross-site' },
      { origin: ORIGIN, secFetchSite: 'cross-site' },
    ]) {
      const b = h.browser();
      const res = await b.request('POST', `${API}/auth/login`, {
        json: { username: 'admin', password: 'Passw0rd!' },
        ...headers,
      });
      assertProblem(res, 'forbidden-origin', JSON.stringify(headers));
      assert.equal(b.cookie, null);
    }
    assert.equal(h.store.data.sessions.length, 0);
  });

  it('cross-site PATCH, DELETE and logout with a valid cookie are refused and change nothing', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const other = await h.signedIn('admin');
    const info = await b.personalInfo();
    const otherId = (await other.sessions()).body.sessions.find((s) => s.current)?.id;
    assert.ok(otherId);
    const before = await h.user('admin');
    assertProblem(
      await b.request('PATCH', `${API}/me/personal-info`, {
        json: { welcomeMessage: 'pwned' },
        ifMatch: info.etag,
        origin: EVIL,
      }),
      'forbidden-origin',
    );
    assertProblem(
      await b.request('DELETE', `${API}/me/sessions/${otherId}`, { origin: EVIL }),
      'forbidden-origin',
    );
    assertProblem(await b.request('POST', `${API}/auth/logout`, { origin: EVIL }), 'forbidden-origin');
    assertProblem(
      await b.request('POST', `${API}/me/identity-verifications`, {
        json: { method: 'password', password: 'Passw0rd!' },
        secFetchSite: 'cross-site',
        origin: null,
      }),
      'forbidden-origin',
    );
    assert.deepEqual(await h.user('admin'), before);
    assertStatus(await b.info(), 200);
    assertStatus(await other.info(), 200);
  });

  it('a classic cross-site form post is refused', async () => {
    const h = await setup();
    const b = h.browser();
    const res = await b.request('POST', `${API}/auth/login`, {
      raw: 'username=admin&password=Passw0rd!',
      contentType: 'application/x-www-form-urlencoded',
      origin: EVIL,
      secFetchSite: 'cross-site',
    });
    assert.equal(res.status, 403, res.text);
    assert.equal(b.cookie, null);
  });

  it('no Origin at all (curl, server-to-server) is allowed; same-origin is allowed', async () => {
    const h = await setup();
    assertStatus(
      await h.browser().request('POST', `${API}/auth/login`, {
        json: { username: 'admin', password: 'Passw0rd!' },
        origin: null,
      }),
      200,
    );
    const b = h.browser();
    const res = await b.request('POST', `${API}/auth/login`, {
      json: { username: 'admin', password: 'Passw0rd!' },
      origin: ORIGIN,
      secFetchSite: 'same-origin',
    });
    assertStatus(res, 200);
  });

  it('the refusal names the Origin and Host it saw and says what to change (a proxy rewriting Host)', async () => {
    const h = await setup();
    const page = 'http://localhost:5173';
    // What a dev proxy with changeOrigin: true sends: the page's Origin, the mock's own Host.
    const res = await h.browser().request('POST', `${API}/auth/login`, {
      json: { username: 'admin', password: 'Passw0rd!' },
      origin: page,
      secFetchSite: 'same-origin',
    });
    const problem = assertProblem(res, 'forbidden-origin');
    const detail = problem.detail ?? '';
    assert.ok(detail.includes(`Origin ${page}`), detail);
    assert.ok(detail.includes('Host localhost'), detail);
    assert.ok(detail.includes('changeOrigin: false'), detail);
    assert.ok(detail.includes(`--trusted-origin ${page}`), detail);
    assert.ok(detail.includes(`--cors-origin ${page}`), detail);
    // A browser that says the request is cross-site without an Origin is told that instead.
    const site = await h.browser().request('POST', `${API}/auth/login`, {
      json: { username: 'admin', password: 'Passw0rd!' },
      origin: null,
      secFetchSite: 'cross-site',
    });
    assert.match(assertProblem(site, 'forbidden-origin').detail ?? '', /Sec-Fetch-Site: cross-site/);
  });

  it('a trusted origin (--trusted-origin) may change settings, without getting CORS headers', async () => {
    const page = 'http://localhost:5173';
    const h = await setup({ trustedOrigins: [page] });
    const b = h.browser();
    const login = await b.request('POST', `${API}/auth/login`, {
      json: { username: 'admin', password: 'Passw0rd!' },
      origin: page,
      secFetchSite: 'same-origin',
    });
    assertStatus(login, 200, 'a trusted origin may sign in');
    assert.equal(login.headers.get('Access-Control-Allow-Origin'), null, 'trusted is not CORS');
    assertStatus(await b.patchInfo({ welcomeMessage: 'via proxy' }), 200);
    const other = await h.browser().request('POST', `${API}/auth/login`, {
      json: { username: 'admin', password: 'Passw0rd!' },
      origin: 'http://localhost:5174',
    });
    assertProblem(other, 'forbidden-origin', 'only the listed origin is trusted');
  });

  it('a GET from another site is answered but not shared (no CORS header)', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const res = await b.info({ origin: EVIL, secFetchSite: 'cross-site' });
    assertStatus(res, 200);
    assert.equal(res.headers.get('Access-Control-Allow-Origin'), null);
  });
});

describe('CORS allowlist', () => {
  it('an allowed origin gets Access-Control-Allow-Origin (its own, never *) with credentials', async () => {
    const h = await setup({ corsOrigins: [CONSOLE] });
    const b = h.browser();
    const preflight = await b.request('OPTIONS', `${API}/me/personal-info`, {
      origin: CONSOLE,
      headers: {
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': 'content-type, if-match, x-activity',
      },
    });
    assert.ok(preflight.status === 204 || preflight.status === 200, `preflight ${preflight.status}`);
    assert.equal(preflight.headers.get('Access-Control-Allow-Origin'), CONSOLE);
    assert.equal(preflight.headers.get('Access-Control-Allow-Credentials'), 'true');
    assert.match(preflight.headers.get('Access-Control-Allow-Methods') ?? '', /PATCH/);
    const allowHeaders = (preflight.headers.get('Access-Control-Allow-Headers') ?? '').toLowerCase();
    for (const header of ['content-type', 'if-match', 'x-activity'])
      assert.ok(allowHeaders.includes(header), allowHeaders);

    const login = await b.request('POST', `${API}/auth/login`, {
      json: { username: 'admin', password: 'Passw0rd!' },
      origin: CONSOLE,
      secFetchSite: 'cross-site',
    });
    assertStatus(login, 200, 'an allowlisted origin may mutate');
    assert.equal(login.headers.get('Access-Control-Allow-Origin'), CONSOLE);
    const info = await b.info({ origin: CONSOLE });
    assert.equal(info.headers.get('Access-Control-Allow-Origin'), CONSOLE);
    assert.equal(info.headers.get('Access-Control-Allow-Credentials'), 'true');
    assert.match(info.headers.get('Access-Control-Expose-Headers') ?? '', /ETag/i);
    assert.match(info.headers.get('Vary') ?? '', /Origin/i);
  });

  it('other origins get no CORS headers', async () => {
    const h = await setup({ corsOrigins: [CONSOLE] });
    const b = h.browser();
    for (const origin of [
      EVIL,
      'https://console.example.com.evil.example',
      'http://console.example.com',
      'null',
    ]) {
      const preflight = await b.request('OPTIONS', `${API}/me/personal-info`, {
        origin,
        headers: { 'Access-Control-Request-Method': 'PATCH' },
      });
      assert.equal(preflight.headers.get('Access-Control-Allow-Origin'), null, origin);
      const get = await b.request('GET', `${API}/me/personal-info`, { origin });
      assert.equal(get.headers.get('Access-Control-Allow-Origin'), null, origin);
    }
  });

  it('with no allowlist no origin gets CORS headers', async () => {
    const h = await setup();
    const res = await h.browser().request('OPTIONS', `${API}/auth/login`, {
      origin: CONSOLE,
      headers: { 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(res.headers.get('Access-Control-Allow-Origin'), null);
  });
});

describe('response headers', () => {
  it('Cache-Control: no-store and X-Content-Type-Options: nosniff on every API answer', async () => {
    const h = await setup();
    const b = h.browser();
    const answers: Res[] = [];
    answers.push(await b.info()); // 401
    answers.push(await b.loginRaw('admin'));
    answers.push(await b.info());
    answers.push(await b.sessions());
    answers.push(await b.patchInfo({ welcomeMessage: 'x'.repeat(600) })); // 400
    answers.push(await b.get(`${API}/no-such-route`)); // 404
    answers.push(await b.request('POST', `${API}/auth/login`, { json: {}, origin: EVIL })); // 403
    answers.push(await b.logout());
    for (const res of answers) {
      assert.equal(res.headers.get('Cache-Control'), 'no-store', `${res.status} ${res.text.slice(0, 80)}`);
      assert.equal(res.headers.get('X-Content-Type-Options'), 'nosniff');
      assert.equal(res.headers.get('Referrer-Policy'), 'no-referrer');
    }
  });

  it('a contract answer built with its security headers keeps a route’s own value, whatever its case', () => {
    const res = hardenedResponse('{}', 200, { 'cache-control': 'private, max-age=5', ETag: '"3"' });
    assert.equal(res.headers.get('Cache-Control'), 'private, max-age=5');
    assert.equal(res.headers.get('X-Content-Type-Options'), 'nosniff');
    assert.equal(res.headers.get('Referrer-Policy'), 'no-referrer');
    assert.equal(res.headers.get('ETag'), '"3"');
  });

  it('JSON answers are served as application/json, errors as application/problem+json', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    assert.match((await b.info()).headers.get('Content-Type') ?? '', /^application\/json/);
    assert.match(
      (await b.get(`${API}/nope`)).headers.get('Content-Type') ?? '',
      /^application\/problem\+json/,
    );
  });
});

describe('no state change on GET', () => {
  it('GETs — including GETs on mutation paths with query strings — change nothing', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const { challenge } = await b.startChange('email', newEmail());
    const before = businessState(h);
    const gets = [
      `${API}/me/personal-info`,
      `${API}/me/sessions`,
      `${API}/openapi.json`,
      `${API}/auth/login?username=admin&password=Passw0rd!`,
      `${API}/auth/logout`,
      `${API}/me/identity-verifications?method=password&password=Passw0rd!`,
      `${API}/me/contacts/email/challenges?purpose=verify`,
      `${API}/me/contacts/email/challenges/${challenge.id}/resend`,
      `${API}/me/contacts/email/challenges/${challenge.id}/verify?code=123456`,
    ];
    for (const path of gets) {
      const res = await b.get(path);
      assert.ok(res.status < 500, `${path}: ${res.status}`);
    }
    assert.equal(businessState(h), before);
    assertStatus(await b.info(), 200, 'GET /auth/logout did not end the session');
    const anon = h.browser();
    await anon.get(`${API}/auth/login?username=admin&password=Passw0rd!`);
    assert.equal(anon.cookie, null, 'no login by GET');
  });
});

describe('bad input', () => {
  it('413 payload-too-large for an oversized body', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const big = JSON.stringify({ welcomeMessage: 'a'.repeat(20_000) });
    const info = await b.personalInfo();
    assertProblem(
      await b.request('PATCH', `${API}/me/personal-info`, {
        raw: big,
        contentType: 'application/json',
        ifMatch: info.etag,
      }),
      'payload-too-large',
    );
    assertProblem(
      await h.browser().request('POST', `${API}/auth/login`, { raw: big, contentType: 'application/json' }),
      'payload-too-large',
    );
  });

  it('415 unsupported-media-type for a body that is not JSON', async () => {
    const h = await setup();
    const body = JSON.stringify({ username: 'admin', password: 'Passw0rd!' });
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      null,
    ]) {
      const b = h.browser();
      const res = await b.request('POST', `${API}/auth/login`, { raw: body, contentType });
      assertProblem(res, 'unsupported-media-type', String(contentType));
      assert.equal(b.cookie, null);
    }
    assertStatus(
      await h
        .browser()
        .request('POST', `${API}/auth/login`, { raw: body, contentType: 'application/json; charset=utf-8' }),
      200,
    );
  });

  it('malformed JSON → 400 malformed-request', async () => {
    const h = await setup();
    for (const raw of ['{"username":', '{username:"admin"}', "{'a':1}", '{"a":1}}', 'undefined']) {
      const res = await h
        .browser()
        .request('POST', `${API}/auth/login`, { raw, contentType: 'application/json' });
      assertProblem(res, 'malformed-request', raw);
    }
    const bytes = new Uint8Array([0x7b, 0x22, 0x75, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    assertProblem(
      await h.browser().request('POST', `${API}/auth/login`, { raw: bytes, contentType: 'application/json' }),
      'malformed-request',
      'invalid UTF-8',
    );
  });

  it('never a 5xx for bad input: nasty bodies on every route get a 4xx problem', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const { challenge } = await b.startChange('email', newEmail());
    const deep = '['.repeat(8000) + ']'.repeat(8000);
    const nasty = [
      '{"__proto__":{"isAdmin":true,"welcomeMessage":"x"}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '{"username":"admin","password":"Passw0rd!","__proto__":{"polluted":true}}',
      `{"welcomeMessage":"${'a'.repeat(15_000)}"}`,
      `{"username":"${'a'.repeat(15_000)}","password":"x"}`,
      '{"welcomeMessage":"\\ud800"}',
      '{"username":"\\udc00admin","password":"\\ud83d"}',
      '{"value":"\\ud800@example.com","purpose":"change","stepUpToken":"x"}',
      '[]',
      '[{"welcomeMessage":"x"}]',
      '{"autoLogoutMinutes":"60"}',
      '{"sessionLimit":{"max":"1","policy":"deny"}}',
      '{"autoLogoutMinutes":1e309}',
      '{"autoLogoutMinutes":9007199254740993}',
      '{"sessionLimit":{"max":-0,"policy":"deny"}}',
      '{"code":123456}',
      '{"code":"12345\\u0000"}',
      '{"code":"１２３４５６"}',
      '{"method":"password","password":{"toString":"x"}}',
      '{"method":"code","challengeId":{"$ne":null},"code":"123456"}',
      '{"purpose":"toString"}',
      '{"purpose":"__proto__"}',
      '{"username":null,"password":null}',
      '{"welcomeMessage":null}',
      'null',
      '"string"',
      '123',
      'true',
      '',
      deep,
    ];
    const targets: { method: string; path: string; ifMatch?: boolean; who: Browser }[] = [
      { method: 'POST', path: `${API}/auth/login`, who: h.browser() },
      { method: 'PATCH', path: `${API}/me/personal-info`, ifMatch: true, who: b },
      { method: 'POST', path: `${API}/me/identity-verifications`, who: b },
      { method: 'POST', path: `${API}/me/contacts/email/challenges`, who: b },
      { method: 'POST', path: `${API}/me/contacts/mobile/challenges`, who: b },
      { method: 'POST', path: `${API}/me/contacts/email/challenges/${challenge.id}/verify`, who: b },
    ];
    for (const target of targets) {
      for (const raw of nasty) {
        const ifMatch = target.ifMatch ? (await b.personalInfo()).etag : undefined;
        const res = await target.who.request(target.method, target.path, {
          raw,
          contentType: 'application/json',
          ...(ifMatch ? { ifMatch } : {}),
        });
        assertNo5xx(res, `${target.method} ${target.path} ${raw.slice(0, 60)}`);
      }
    }
    const polluted = {} as Record<string, unknown>;
    assert.equal(polluted.isAdmin, undefined, 'Object.prototype polluted');
    assert.equal(polluted.polluted, undefined, 'Object.prototype polluted');
    const admin = h.store.data.users.find((u) => u.username === 'admin');
    assert.ok(admin && !('isAdmin' in admin) && !Object.hasOwn(admin, 'polluted'));
    assert.equal(admin.welcomeMessage, '');
  });

  it('never a 5xx for odd phone numbers, regions and path parameters', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const stepUpToken = await b.stepUp();
    const phones: [string, string | undefined][] = [
      ['+', 'GB'],
      ['+0', 'GB'],
      ['+999 1234', 'GB'],
      ['000', 'GB'],
      ['()', 'GB'],
      ['07400 123456', 'ZZ'],
      ['07400 123456', 'AA'],
      ['07400 123456', undefined],
      ['+1 (555) 0100', 'US'],
      [`+${'9'.repeat(30)}`, 'CN'],
      ['1'.repeat(32), 'CN'],
    ];
    for (const [value, region] of phones) {
      const res = await b.challenge('mobile', {
        purpose: 'change',
        value,
        stepUpToken,
        ...(region ? { region } : {}),
      });
      assertNo5xx(res, `${value} / ${region}`);
      assertProblem(res, 'validation-failed', `${value} / ${region}`);
    }
    for (const path of [
      `${API}/me/contacts/fax/challenges`,
      `${API}/me/contacts/email/challenges/${'x'.repeat(100)}/verify`,
      `${API}/me/contacts/email/challenges/..%2F..%2Fauth%2Flogin/verify`,
      `${API}/me/contacts/email/challenges/%00/verify`,
      `${API}/me/sessions/%E0%A4%A`,
    ]) {
      const res = await b.request(path.endsWith('sessions/%E0%A4%A') ? 'DELETE' : 'POST', path, {
        json: { code: '123456' },
      });
      assertNo5xx(res, path);
    }
  });
});

describe('dev routes', () => {
  it('/__dev/* is off with devRoutes: false (404), the API still works', async () => {
    const h = await setup({ devRoutes: false });
    for (const [method, path] of [
      ['GET', '/__dev/outbox'],
      ['POST', '/__dev/reset'],
      ['GET', '/__dev/clock'],
      ['POST', '/__dev/clock'],
      ['PUT', '/__dev/notifications'],
      ['PUT', '/__dev/faults'],
      ['GET', '/__dev/users/admin'],
    ] as const) {
      const res = await h.app.request(path, {
        method,
        headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
        ...(method === 'GET'
          ? {}
          : {
              body: JSON.stringify({
                advanceSeconds: 60,
                channel: 'email',
                enabled: false,
                failWrites: true,
              }),
            }),
      });
      assert.equal(res.status, 404, `${method} ${path}`);
    }
    const b = await h.signedIn('admin');
    assertStatus(await b.info(), 200);
  });

  it('POST /__dev/reset goes back to the seed (sessions and outbox cleared, switches off)', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    assertStatus(await b.patchInfo({ welcomeMessage: 'changed' }), 200);
    await b.startChange('email', newEmail());
    await h.channel('mobile', false);
    await h.faults(true);
    const res = await h.dev('POST', '/__dev/reset');
    assert.equal(res.status, 204);
    assert.equal((await h.user('admin')).welcomeMessage, '');
    assert.equal((await h.outbox()).length, 0);
    assert.equal(h.store.data.sessions.length, 0);
    assert.equal((await b.info()).status, 401);
    const op = await h.signedIn('operator');
    assertStatus(await op.challenge('mobile', { purpose: 'verify' }), 201, 'channel back on, writes work');
  });

  it('POST /__dev/clock advances the server clock', async () => {
    const h = await setup();
    const before = h.now();
    const res = await h.dev('POST', '/__dev/clock', { advanceSeconds: 90 });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { now: string };
    assert.equal(Date.parse(body.now), before + 90_000);
    const get = (await (await h.dev('GET', '/__dev/clock')).json()) as { now: string };
    assert.equal(get.now, body.now);
  });
});

describe('OpenAPI', () => {
  it('/api/v1/openapi.json is a valid OpenAPI 3.1 document with every contract route', async () => {
    const h = await setup();
    const res = await h.browser().get(`${API}/openapi.json`);
    assertStatus(res, 200);
    assert.match(res.headers.get('Content-Type') ?? '', /^application\/json/);
    const doc = JSON.parse(res.text) as {
      openapi: string;
      info: { title: string; version: string };
      paths: Record<string, Record<string, Operation>>;
      components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
    };
    assert.match(doc.openapi, /^3\.1\.\d+$/);
    assert.equal(typeof doc.info.title, 'string');
    assert.equal(typeof doc.info.version, 'string');

    const operationIds = new Set<string>();
    for (const [name, route] of Object.entries(routes as Record<string, RouteDef>)) {
      const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const op = doc.paths[path]?.[route.method.toLowerCase()];
      assert.ok(op, `${route.method} ${path} (${name}) is documented`);
      assert.equal(op.operationId, name);
      assert.ok(!operationIds.has(op.operationId), 'unique operationId');
      operationIds.add(op.operationId);
      assert.ok(op.responses[String(route.status)], `${name}: documents its ${route.status}`);
      for (const param of path.match(/\{(\w+)\}/g) ?? []) {
        const p: Parameter | undefined = op.parameters?.find(
          (x) => x.in === 'path' && x.name === param.slice(1, -1),
        );
        assert.ok(p, `${name}: declares path parameter ${param}`);
        assert.equal(p.required, true, `${name}: path parameter ${param} is required`);
      }
      if (route.body) assert.ok(op.requestBody?.content['application/json'], `${name}: request body`);
      for (const sec of op.security ?? []) {
        for (const scheme of Object.keys(sec))
          assert.ok(doc.components?.securitySchemes?.[scheme], `scheme ${scheme}`);
      }
    }
    for (const [path, item] of Object.entries(doc.paths)) {
      assert.ok(path.startsWith('/'), path);
      for (const [method, op] of Object.entries(item)) {
        assert.ok(
          [
            'get',
            'put',
            'post',
            'delete',
            'options',
            'head',
            'patch',
            'trace',
            'parameters',
            'summary',
            'description',
            'servers',
          ].includes(method),
        );
        if (typeof op !== 'object' || !('responses' in op)) continue;
        for (const p of op.parameters ?? []) {
          if (p.in === 'path') assert.equal(p.required, true, `${method} ${path} ${p.name}`);
        }
        for (const [status, response] of Object.entries(op.responses)) {
          assert.match(status, /^([1-5]\d\d|[1-5]XX|default)$/);
          assert.equal(
            typeof response.description,
            'string',
            `${method} ${path} ${status} has a description`,
          );
        }
      }
    }
    // Every $ref resolves inside the document.
    const refs = [...res.text.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1] ?? '');
    for (const ref of refs) {
      assert.ok(ref.startsWith('#/'), `local ref ${ref}`);
      let node: unknown = doc;
      for (const part of ref.slice(2).split('/')) {
        node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      }
      assert.ok(node !== undefined, `unresolved $ref ${ref}`);
    }
    assert.ok(!res.text.includes('/__dev'), 'dev routes are not part of the contract');
  });
});
