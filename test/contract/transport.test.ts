/** Transport rules every route shares: headers, body limits, content types, malformed JSON, Origin, CORS. */
import assert from 'node:assert/strict';
import { LIMITS, routes } from '../../components/api/contract/index.js';
import {
  apiTest,
  type Browser,
  config,
  credentials,
  describe,
  expectOk,
  expectProblem,
  user,
} from './harness.js';

const FOREIGN = 'https://evil.example';

describe('headers', () => {
  apiTest('nosniff on every answer; no-store on personal data; problem+json for errors', async (s) => {
    const b = await s.login('admin');
    for (const name of ['getPersonalInfo', 'listSessions'] as const) {
      const reply = await b.call(name);
      expectOk(reply, name);
      assert.match(reply.headers.get('Cache-Control') ?? '', /no-store/, `${name}: Cache-Control no-store`);
      assert.equal(reply.headers.get('X-Content-Type-Options'), 'nosniff', `${name}: nosniff`);
    }
    const anonymous = await s.browser().call('getPersonalInfo');
    expectProblem(anonymous, 'unauthenticated');
    assert.equal(anonymous.headers.get('X-Content-Type-Options'), 'nosniff', 'problems: nosniff');
    const missing = await b.request('GET', '/no/such/route');
    expectProblem(missing, 'not-found');
    assert.equal(missing.headers.get('X-Content-Type-Options'), 'nosniff', '404: nosniff');
  });

  apiTest('an unsupported method on a known path is a problem, not a crash', async (s) => {
    const b = await s.login('admin');
    const reply = await b.request('PUT', routes.getPersonalInfo.path, { body: { welcomeMessage: 'x' } });
    expectProblem(reply, ['method-not-allowed', 'not-found']);
  });
});

describe('request bodies', () => {
  apiTest('an oversized body: 413 payload-too-large (with and without Content-Length)', async (s) => {
    const b = s.browser();
    const big = JSON.stringify({
      username: user('admin').username,
      password: 'x'.repeat(LIMITS.bodyMaxBytes + 1024),
    });
    expectProblem(
      await b.request('POST', routes.login.path, { rawBody: big, contentType: 'application/json' }),
      'payload-too-large',
    );

    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
        controller.close();
      },
    });
    const chunked = await b.request('POST', routes.login.path, {
      rawBody: stream,
      contentType: 'application/json',
    });
    expectProblem(chunked, 'payload-too-large');

    const a = await s.login('admin');
    const { etag } = await a.info();
    const patch = await a.request('PATCH', routes.updatePersonalInfo.path, {
      rawBody: JSON.stringify({ welcomeMessage: 'y'.repeat(LIMITS.bodyMaxBytes * 2) }),
      contentType: 'application/json',
      ifMatch: etag,
    });
    expectProblem(patch, 'payload-too-large');
  });

  apiTest('a wrong or missing content type: 415 unsupported-media-type', async (s) => {
    const b = s.browser();
    const login = JSON.stringify(credentials('admin'));
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      null,
    ]) {
      const reply = await b.request('POST', routes.login.path, { rawBody: login, contentType });
      expectProblem(reply, 'unsupported-media-type');
    }
    expectProblem(await b.call('getPersonalInfo'), 'unauthenticated');

    const a = await s.login('admin');
    const { etag } = await a.info();
    const patch = await a.request('PATCH', routes.updatePersonalInfo.path, {
      rawBody: JSON.stringify({ welcomeMessage: 'x' }),
      contentType: 'text/plain',
      ifMatch: etag,
    });
    expectProblem(patch, 'unsupported-media-type');
    assert.equal((await a.info()).data.welcomeMessage, '');
  });

  apiTest('application/json with a charset parameter is accepted', async (s) => {
    const b = s.browser();
    const reply = await b.request('POST', routes.login.path, {
      rawBody: JSON.stringify(credentials('admin')),
      contentType: 'application/json; charset=utf-8',
    });
    expectOk(reply, 'login');
  });

  apiTest('malformed JSON: 400 problem+json', async (s) => {
    const b = s.browser();
    for (const raw of ['{"username": "admin", ', '', 'nul', "{'a':1}"]) {
      const reply = await b.request('POST', routes.login.path, {
        rawBody: raw,
        contentType: 'application/json',
      });
      assert.equal(reply.status, 400, `"${raw}" → ${reply.status}`);
      expectProblem(reply, ['malformed-request', 'validation-failed']);
    }
  });

  apiTest('bad input never causes a 5xx: odd JSON bodies on every route with a body', async (s) => {
    const b = await s.login('admin');
    const { etag } = await b.info();
    const bodies = [
      'null',
      '[]',
      '"x"',
      '42',
      '{}',
      '{"__proto__":{"polluted":true}}',
      '{"a":{"b":{"c":[1,2,3]}}}',
    ];
    const targets: Array<{ name: keyof typeof routes; params?: Record<string, string> }> = [
      { name: 'login' },
      { name: 'updatePersonalInfo' },
      { name: 'verifyIdentity' },
      { name: 'createChallenge', params: { kind: 'mobile' } },
      { name: 'verifyChallenge', params: { kind: 'email', id: 'abc' } },
    ];
    for (const { name, params } of targets) {
      for (const raw of bodies) {
        const reply = await b.call(name, {
          params,
          rawBody: raw,
          contentType: 'application/json',
          ifMatch: etag,
        });
        assert.ok(
          reply.status >= 400 && reply.status < 500,
          `${name} with ${raw} → ${reply.status} ${reply.text}`,
        );
        expectProblem(reply, ['validation-failed', 'malformed-request', 'not-found']);
      }
    }
    expectOk(await b.call('getPersonalInfo'), 'getPersonalInfo');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('cross-site requests', () => {
  async function foreignMutations(b: Browser, origin: string | null, headers?: Record<string, string>) {
    const { etag } = await b.info();
    return [
      await b.call('updatePersonalInfo', {
        body: { welcomeMessage: 'csrf' },
        ifMatch: etag,
        origin,
        headers,
      }),
      await b.call('verifyIdentity', {
        body: { method: 'password', password: user('admin').password },
        origin,
        headers,
      }),
      await b.call('endSession', { params: { id: 'whatever' }, origin, headers }),
      await b.call('logout', { origin, headers }),
    ];
  }

  apiTest('a mutation from a foreign Origin: 403 forbidden-origin, nothing changes', async (s) => {
    const b = await s.login('admin');
    const login = await s.browser().call('login', {
      body: credentials('admin'),
      origin: FOREIGN,
    });
    expectProblem(login, 'forbidden-origin');
    for (const reply of await foreignMutations(b, FOREIGN)) expectProblem(reply, 'forbidden-origin');
    const info = (await b.info()).data;
    assert.equal(info.welcomeMessage, '');
    expectOk(await b.call('getPersonalInfo'), 'getPersonalInfo');
  });

  apiTest('Origin "null" (sandboxed frames, some redirects) is foreign too', async (s) => {
    const b = await s.login('admin');
    for (const reply of await foreignMutations(b, 'null')) expectProblem(reply, 'forbidden-origin');
  });

  apiTest('no Origin but Sec-Fetch-Site: cross-site: 403 forbidden-origin', async (s) => {
    const b = await s.login('admin');
    for (const reply of await foreignMutations(b, null, { 'Sec-Fetch-Site': 'cross-site' })) {
      expectProblem(reply, 'forbidden-origin');
    }
    assert.equal((await b.info()).data.welcomeMessage, '');
  });

  apiTest('the same origin is accepted', async (s) => {
    const b = await s.login('admin');
    expectOk(
      await b.call('verifyIdentity', {
        body: { method: 'password', password: user('admin').password },
        origin: config.origin,
      }),
      'verifyIdentity',
    );
  });

  apiTest('CORS: a foreign origin is not allowed to read responses or preflight a mutation', async (s) => {
    const b = await s.login('admin');
    const read = await b.call('getPersonalInfo', { headers: { Origin: FOREIGN } });
    const allowed = read.headers.get('Access-Control-Allow-Origin');
    assert.ok(allowed !== FOREIGN && allowed !== '*', `GET exposes data to ${FOREIGN}: ACAO ${allowed}`);

    const preflight = await b.request('OPTIONS', routes.updatePersonalInfo.path, {
      origin: FOREIGN,
      headers: {
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': 'content-type, if-match',
      },
    });
    const preflightAllowed = preflight.headers.get('Access-Control-Allow-Origin');
    assert.ok(
      preflightAllowed !== FOREIGN && preflightAllowed !== '*',
      `the preflight allows ${FOREIGN}: ACAO ${preflightAllowed}`,
    );
    assert.ok(preflight.status < 500, `the preflight must not fail with ${preflight.status}`);
  });
});
