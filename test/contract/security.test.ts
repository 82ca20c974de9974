/**
 * Security rules a real backend must honour (issue #16): a failed login does not tell whether the
 * username exists, the session id is renewed on step-up and on a login over an existing session,
 * `If-Match` is compared per RFC 9110, and one account cannot have codes sent to any number of
 * destinations.
 */
import assert from 'node:assert/strict';
import { RULES } from '../../components/api/contract/index.js';
import {
  addSecret,
  apiTest,
  type Browser,
  credentials,
  describe,
  devTest,
  expectOk,
  expectProblem,
  type Reply,
  retryAfter,
} from './harness.js';

/** A username no backend has: random, so runs without a reset never share one. */
const unknownUsername = () => `no-such-user-${Math.random().toString(36).slice(2, 10)}`;

/** What a client can tell apart in a failed login: status, problem fields, header names. */
function failure(reply: Reply) {
  const problem = expectProblem(reply, ['invalid-credentials', 'account-locked']);
  const headers = [...reply.headers.keys()]
    .filter((k) => !['date', 'content-length', 'x-request-id'].includes(k))
    .sort();
  return {
    status: reply.status,
    code: problem.code,
    title: problem.title,
    detail: problem.detail,
    attemptsRemaining: problem.attemptsRemaining,
    headers,
  };
}

/** The signed-in user's session still works. */
async function works(b: Browser, what: string): Promise<void> {
  const reply = await b.call('getPersonalInfo');
  assert.equal(reply.status, 200, `${what}: ${reply.status} ${reply.text.slice(0, 200)}`);
}

/** A session that must be gone answers 401. */
async function rejected(b: Browser): Promise<void> {
  expectProblem(await b.call('getPersonalInfo'), ['unauthenticated', 'session-expired', 'session-replaced']);
}

describe('login does not tell whether a username exists', () => {
  apiTest(
    'a wrong password and an unknown username get the same answer (status, code, title, detail, headers)',
    async (s) => {
      const b = s.browser();
      const wrong = await b.call('login', { body: credentials('operator', 'not-the-password') });
      const unknown = await b.call('login', {
        body: { username: unknownUsername(), password: 'not-the-password' },
      });
      assert.deepEqual(failure(unknown), failure(wrong));
      assert.equal(wrong.status, 401);
    },
  );

  apiTest(
    `an unknown username is locked after ${RULES.passwordMaxFailures} wrong passwords, as an account is`,
    async (s) => {
      const b = s.browser();
      const username = unknownUsername();
      let last: Reply | undefined;
      for (let i = 1; i <= RULES.passwordMaxFailures + 1; i++) {
        last = await b.call('login', { body: { username, password: `wrong-${i}` } });
        if (i < RULES.passwordMaxFailures) expectProblem(last, 'invalid-credentials');
      }
      assert.ok(last);
      expectProblem(last, 'account-locked');
      retryAfter(last);
    },
  );

  devTest(
    'step by step, up to the lockout, an unknown username and a real account answer alike',
    async (s) => {
      const b = s.browser();
      const username = unknownUsername();
      for (let i = 1; i <= RULES.passwordMaxFailures + 1; i++) {
        const wrong = await b.call('login', { body: credentials('operator', `wrong-${i}`) });
        const unknown = await b.call('login', { body: { username, password: `wrong-${i}` } });
        assert.deepEqual(failure(unknown), failure(wrong), `attempt ${i}`);
      }
    },
  );
});

describe('session renewal', () => {
  apiTest('a successful step-up sets a new session cookie; the previous one answers 401', async (s) => {
    const b = await s.login('admin');
    const before = b.clone('before step-up');
    const token = await b.stepUp();
    assert.ok(b.lastSetCookie.length > 0, 'the step-up answer sets a cookie');
    assert.notEqual(b.cookieHeader(), before.cookieHeader(), 'a new session id');
    await rejected(before);
    await works(b, 'the renewed session');
    // The step-up token still belongs to the renewed session.
    const value = `renewed.${Date.now()}@example.org`;
    addSecret(value);
    const change = await b.call('createChallenge', {
      params: { kind: 'email' },
      body: { purpose: 'change', value, stepUpToken: token },
    });
    assert.ok(
      change.status === 201 || change.status === 503,
      `the step-up token works after the renewal: ${change.status} ${change.text.slice(0, 200)}`,
    );
  });

  apiTest('a wrong step-up password does not renew the session', async (s) => {
    const b = await s.login('admin');
    const before = b.cookieHeader();
    expectProblem(
      await b.call('verifyIdentity', { body: { method: 'password', password: 'not-the-password' } }),
      'invalid-credentials',
    );
    assert.equal(b.cookieHeader(), before);
    await works(b, 'the session after a wrong step-up');
  });

  apiTest(
    'a login sent with an existing session cookie ends that session and starts a new one',
    async (s) => {
      const b = await s.login('admin');
      const before = b.clone('before the second login');
      await b.login('operator');
      assert.notEqual(b.cookieHeader(), before.cookieHeader());
      await rejected(before);
      const info = expectOk(await b.call('getPersonalInfo'), 'getPersonalInfo');
      assert.equal(info.user.type, 'remote');
    },
  );
});

describe('If-Match (RFC 9110 §13.1.1)', () => {
  apiTest(
    'a quoted or weak wildcard and a weak ETag answer 412; a bare * and the ETag succeed',
    async (s) => {
      s.restore('admin');
      const b = await s.login('admin');
      const { etag } = await b.info();
      const weak = etag.startsWith('W/') ? etag : `W/${etag}`;
      for (const ifMatch of ['"*"', 'W/"*"', weak]) {
        const reply = await b.call('updatePersonalInfo', { body: { welcomeMessage: 'x' }, ifMatch });
        expectProblem(reply, 'version-conflict');
      }
      assert.equal((await b.info()).data.welcomeMessage, '', 'nothing was stored');
      expectOk(
        await b.call('updatePersonalInfo', { body: { welcomeMessage: 'star' }, ifMatch: '*' }),
        'updatePersonalInfo',
      );
      const fresh = await b.info();
      expectOk(
        await b.call('updatePersonalInfo', { body: { welcomeMessage: 'etag' }, ifMatch: fresh.etag }),
        'updatePersonalInfo',
      );
    },
  );
});

describe('codes per account', () => {
  devTest(
    `at most ${RULES.sendsPerAccountPerHour} codes an hour for one account, across destinations (429 rate-limited)`,
    async (s) => {
      const b = await s.login('admin');
      const run = Date.now().toString(36);
      let sent = 0;
      let refused: Reply | undefined;
      for (let i = 0; i <= RULES.sendsPerAccountPerHour && !refused; i++) {
        const stepUpToken = await b.stepUp();
        const value = `cap.${run}.${i}@example.org`;
        addSecret(value);
        const reply = await b.call('createChallenge', {
          params: { kind: 'email' },
          body: { purpose: 'change', value, stepUpToken },
        });
        if (reply.status === 201) sent++;
        else refused = reply;
      }
      assert.equal(sent, RULES.sendsPerAccountPerHour, 'codes sent before the cap');
      assert.ok(refused, `the code after ${RULES.sendsPerAccountPerHour} must be refused`);
      expectProblem(refused, 'rate-limited');
      assert.ok(retryAfter(refused) <= 3600);
    },
    60_000,
  );
});
