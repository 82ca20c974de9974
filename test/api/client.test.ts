/**
 * The typed ApiClient (components/api/client.ts) against the in-process mock: every answer parsed with
 * the contract, one ApiError type with `kind` http | network | contract | aborted.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiClient, ApiError } from '../../components/api/client.js';
import { type Harness, MINUTE, newEmail, SECOND, setup } from '../mock-server/helpers.js';

interface Sent {
  url: string;
  method: string;
  headers: Headers;
  body: string | null;
}

/** A `fetch` that forwards to the Hono app, with a `psid` cookie jar and a log of what was sent. */
function appFetch(h: Harness) {
  const jar = { cookie: null as string | null };
  const sent: Sent[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = new Headers(init?.headers);
    if (jar.cookie) headers.set('Cookie', `psid=${jar.cookie}`);
    sent.push({
      url,
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? init.body : null,
    });
    init?.signal?.throwIfAborted();
    const response = await h.app.request(url, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const m = /^psid=([^;]*)/.exec(line);
      if (m) jar.cookie = m[1] || null;
    }
    return response;
  };
  return { fetch: fetchImpl as typeof fetch, sent, jar };
}

async function signedInClient(username = 'admin', options: { headers?: () => HeadersInit } = {}) {
  const h = await setup();
  const f = appFetch(h);
  const client = new ApiClient({ baseUrl: '/api/v1/', fetch: f.fetch, ...options });
  const login = await client.call('login', { body: { username, password: 'Passw0rd!' } });
  return { h, client, login, ...f };
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof ApiError, `rejected with ${String(e)}`);
    return e;
  }
  assert.fail('the call resolved');
}

describe('ApiClient', () => {
  it('parses a successful response with the contract and returns the ETag', async () => {
    const { client, login } = await signedInClient();
    assert.equal(login.data.user.username, 'admin');
    assert.equal(login.data.replacedSessions, 0);
    const { data, etag } = await client.call('getPersonalInfo', {});
    assert.equal(data.user.type, 'local');
    assert.equal(data.mobile.masked, '+86 138****5678');
    assert.ok(etag);
    assert.equal(etag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1'), data.version);
  });

  it('sends the body as JSON and If-Match from ifMatch; the ETag round-trips', async () => {
    const { client, sent } = await signedInClient();
    const { etag } = await client.call('getPersonalInfo', {});
    assert.ok(etag);
    const saved = await client.call('updatePersonalInfo', {
      body: { welcomeMessage: 'Hi\nthere' },
      ifMatch: etag,
    });
    assert.equal(saved.data.welcomeMessage, 'Hi\nthere');
    assert.notEqual(saved.etag, etag);
    const request = sent.at(-1);
    assert.ok(request);
    assert.equal(request.method, 'PATCH');
    assert.equal(request.url, '/api/v1/me/personal-info');
    assert.equal(request.headers.get('If-Match'), etag);
    assert.equal(request.headers.get('Content-Type'), 'application/json');
    assert.deepEqual(JSON.parse(request.body ?? ''), { welcomeMessage: 'Hi\nthere' });
  });

  it('a 204 route resolves with undefined data', async () => {
    const { client } = await signedInClient();
    const res = await client.call('logout', {});
    assert.equal(res.data, undefined);
    const e = await rejection(client.call('getPersonalInfo', {}));
    assert.equal(e.status, 401);
  });

  it('http errors carry the problem (status, code, fields)', async () => {
    const { client } = await signedInClient();
    const { etag } = await client.call('getPersonalInfo', {});
    assert.ok(etag);
    await client.call('updatePersonalInfo', { body: { welcomeMessage: 'first' }, ifMatch: etag });

    const stale = await rejection(
      client.call('updatePersonalInfo', { body: { welcomeMessage: 'x' }, ifMatch: etag }),
    );
    assert.equal(stale.kind, 'http');
    assert.equal(stale.status, 412);
    assert.equal(stale.code, 'version-conflict');
    assert.equal(stale.problem?.status, 412);
    assert.equal(stale.route, 'updatePersonalInfo');

    const fresh = (await client.call('getPersonalInfo', {})).etag ?? '';
    const invalid = await rejection(
      client.call('updatePersonalInfo', { body: { welcomeMessage: 'x'.repeat(513) }, ifMatch: fresh }),
    );
    assert.equal(invalid.code, 'validation-failed');
    assert.ok(invalid.problem?.fieldErrors?.welcomeMessage?.length);
  });

  it('a wrong code reports attemptsRemaining; a cooldown reports retryAfterSeconds', async () => {
    const { h, client } = await signedInClient('operator');
    const challenge = await client.call('createChallenge', {
      params: { kind: 'mobile' },
      body: { purpose: 'verify' },
    });
    const code = await h.latestCode('+8613900001111');
    const wrongCode = code === '000000' ? '000001' : '000000';
    const wrong = await rejection(
      client.call('verifyChallenge', {
        params: { kind: 'mobile', id: challenge.data.id },
        body: { code: wrongCode },
      }),
    );
    assert.equal(wrong.code, 'invalid-code');
    assert.equal(wrong.problem?.attemptsRemaining, 4);
    const cooldown = await rejection(
      client.call('resendChallenge', { params: { kind: 'mobile', id: challenge.data.id }, body: {} }),
    );
    assert.equal(cooldown.code, 'cooldown');
    assert.equal(cooldown.problem?.retryAfterSeconds, 60);
    const ok = await client.call('verifyChallenge', {
      params: { kind: 'mobile', id: challenge.data.id },
      body: { code },
    });
    assert.equal(ok.data.contact.verified, true);
  });

  it('path parameters are URL-encoded', async () => {
    const { client, sent } = await signedInClient();
    const e = await rejection(
      client.call('verifyChallenge', { params: { kind: 'email', id: 'a/b?c' }, body: { code: '123456' } }),
    );
    assert.equal(sent.at(-1)?.url, '/api/v1/me/contacts/email/challenges/a%2Fb%3Fc/verify');
    assert.equal(e.kind, 'http');
    assert.ok(e.status >= 400 && e.status < 500);
  });

  it('a success body that does not match the contract is a contract error', async () => {
    const h = await setup();
    const f = appFetch(h);
    const tampering: typeof fetch = async (input, init) => {
      const res = await f.fetch(input, init);
      if (!String(input).endsWith('/me/personal-info') || !res.ok) return res;
      const body = (await res.json()) as { mobile: Record<string, unknown> };
      body.mobile.full = '+8613812345678';
      return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
    };
    const client = new ApiClient({ baseUrl: '/api/v1', fetch: tampering });
    await client.call('login', { body: { username: 'admin', password: 'Passw0rd!' } });
    const e = await rejection(client.call('getPersonalInfo', {}));
    assert.equal(e.kind, 'contract');
    assert.equal(e.status, 200);
    assert.equal(e.problem, null);
    assert.match(e.message, /does not match the contract/);
  });

  it('an error without a problem+json body is a contract error', async () => {
    const client = new ApiClient({
      baseUrl: '/api/v1',
      fetch: async () =>
        new Response('<html>502 Bad Gateway</html>', {
          status: 502,
          headers: { 'Content-Type': 'text/html' },
        }),
    });
    const e = await rejection(client.call('getPersonalInfo', {}));
    assert.equal(e.kind, 'contract');
    assert.equal(e.status, 502);
  });

  it('a fetch that throws is a network error', async () => {
    const client = new ApiClient({
      baseUrl: '/api/v1',
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const e = await rejection(client.call('getPersonalInfo', {}));
    assert.equal(e.kind, 'network');
    assert.equal(e.status, 0);
    assert.equal(e.problem, null);
    assert.equal(e.code, null);
    assert.ok(e.cause instanceof TypeError);
  });

  it('an aborted signal rejects with kind aborted (before and during the request)', async () => {
    const h = await setup();
    const f = appFetch(h);
    const client = new ApiClient({ baseUrl: '/api/v1', fetch: f.fetch });
    const before = new AbortController();
    before.abort();
    assert.equal(
      (await rejection(client.call('getPersonalInfo', { signal: before.signal }))).kind,
      'aborted',
    );

    // A request that hangs until aborted, as a real fetch does.
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      });
    const slow = new ApiClient({ baseUrl: '/api/v1', fetch: hanging });
    const during = new AbortController();
    const pending = slow.call('getPersonalInfo', { signal: during.signal });
    during.abort();
    assert.equal((await rejection(pending)).kind, 'aborted');
  });

  it('a headers function is called for every request and its headers are sent', async () => {
    let calls = 0;
    const { client, sent } = await signedInClient('admin', {
      headers: () => {
        calls += 1;
        return { 'X-CSRF-Token': `token-${calls}` };
      },
    });
    await client.call('getPersonalInfo', {});
    await client.call('listSessions', {});
    assert.equal(calls, 3);
    assert.deepEqual(
      sent.map((s) => s.headers.get('X-CSRF-Token')),
      ['token-1', 'token-2', 'token-3'],
    );
    assert.match(sent[0]?.headers.get('Accept') ?? '', /application\/problem\+json/);
  });

  it('passive calls send X-Activity: passive and do not keep the session alive', async () => {
    const { h, client, sent } = await signedInClient();
    await client.call('getPersonalInfo', {});
    assert.equal(sent.at(-1)?.headers.get('X-Activity'), null, 'not passive by default');
    h.advance(20 * MINUTE);
    await client.call('getPersonalInfo', { passive: true });
    assert.equal(sent.at(-1)?.headers.get('X-Activity'), 'passive');
    h.advance(10 * MINUTE + SECOND);
    const e = await rejection(client.call('listSessions', { passive: true }));
    assert.equal(e.kind, 'http');
    assert.equal(e.code, 'session-expired');
  });

  it('a full contact change through the client', async () => {
    const { h, client } = await signedInClient();
    const token = await client.call('verifyIdentity', {
      body: { method: 'password', password: 'Passw0rd!' },
    });
    const to = newEmail('client');
    const challenge = await client.call('createChallenge', {
      params: { kind: 'email' },
      body: { purpose: 'change', value: to, stepUpToken: token.data.stepUpToken },
    });
    assert.equal(challenge.data.codeLength, 6);
    const done = await client.call('verifyChallenge', {
      params: { kind: 'email', id: challenge.data.id },
      body: { code: await h.latestCode(to), stepUpToken: token.data.stepUpToken },
    });
    assert.equal(done.data.contact.verified, true);
    assert.equal((await h.user('admin')).email.value, to);
  });
});

describe('ApiError.from', () => {
  it('keeps an ApiError, calls an AbortError aborted and anything else a contract error', () => {
    const http = new ApiError({ kind: 'http', route: 'getPersonalInfo', message: 'x', status: 412 });
    assert.equal(ApiError.from(http, 'updatePersonalInfo'), http);
    const aborted = ApiError.from(new DOMException('stop', 'AbortError'), 'getPersonalInfo');
    assert.equal(aborted.kind, 'aborted');
    for (const thrown of [new TypeError('bug'), 'a string', null]) {
      const error = ApiError.from(thrown, 'updatePersonalInfo');
      assert.equal(error.kind, 'contract', String(thrown));
      assert.equal(error.route, 'updatePersonalInfo');
      assert.equal(error.cause, thrown);
    }
  });
});
