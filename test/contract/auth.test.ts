/** POST /auth/login, POST /auth/logout: sign-in, lockout, welcome message, logout really ends the session. */
import assert from 'node:assert/strict';
import { RULES } from '../../components/api/contract/index.js';
import {
  apiTest,
  assertAfter,
  credentials,
  describe,
  dev,
  devTest,
  expectOk,
  expectProblem,
  retryAfter,
  serverNow,
  user,
} from './harness.js';

describe('POST /auth/login', () => {
  apiTest(
    'a local user signs in with the password and gets an HttpOnly, SameSite session cookie',
    async (s) => {
      const b = s.browser();
      const reply = await b.call('login', { body: credentials('admin') });
      const login = expectOk(reply, 'login');
      assert.deepEqual(login.user, {
        username: user('admin').username,
        displayName: login.user.displayName,
        type: 'local',
      });
      assert.equal(login.welcomeMessage, '');
      assert.equal(login.replacedSessions, 0);
      assert.equal(login.session.idleTimeoutMinutes, RULES.defaultAutoLogoutMinutes);
      assertAfter(
        login.session.expiresAt,
        await serverNow(reply),
        RULES.sessionAbsoluteSeconds,
        60,
        'session.expiresAt',
      );
      assert.match(reply.headers.get('Cache-Control') ?? '', /no-store/);

      assert.ok(b.lastSetCookie.length > 0, 'login must set a session cookie');
      const session = b.lastSetCookie.find((c) => /httponly/i.test(c));
      assert.ok(session, `the session cookie must be HttpOnly: ${b.lastSetCookie.join(' | ')}`);
      assert.match(
        session,
        /;\s*samesite=(lax|strict)/i,
        'the session cookie must be SameSite=Lax or Strict',
      );
      const value = session.split(';')[0]?.split('=').slice(1).join('=') ?? '';
      assert.ok(value.length >= 22, `the session id must carry at least 128 random bits, got "${value}"`);

      expectOk(await b.call('getPersonalInfo'), 'getPersonalInfo');
    },
  );

  apiTest('two sign-ins get two different session ids', async (s) => {
    const a = await s.login('admin', 'a');
    const b = await s.login('admin', 'b');
    assert.notEqual(a.cookieHeader(), b.cookieHeader());
  });

  apiTest('a remote user signs in with the password; a third-party user through SSO', async (s) => {
    const op = s.browser();
    assert.equal((await op.login('operator')).user.type, 'remote');
    const sso = s.browser();
    const login = await sso.login('sso.user');
    assert.equal(login.user.type, 'third-party');
    assert.equal(login.session.idleTimeoutMinutes, RULES.thirdPartyAutoLogoutMinutes);
  });

  apiTest('a wrong password, or an unknown user, is invalid-credentials (no session)', async (s) => {
    const b = s.browser();
    const wrong = await b.call('login', { body: credentials('admin', 'wrong-password') });
    expectProblem(wrong, 'invalid-credentials');
    const unknown = await b.call('login', {
      body: { username: 'nobody.here', password: user('admin').password },
    });
    expectProblem(unknown, 'invalid-credentials');
    expectProblem(await b.call('getPersonalInfo'), 'unauthenticated');
  });

  apiTest('a body that does not match the contract is validation-failed with fieldErrors', async (s) => {
    const b = s.browser();
    const missing = expectProblem(
      await b.call('login', { body: { username: user('admin').username } }),
      'validation-failed',
    );
    assert.ok(missing.fieldErrors, 'validation-failed carries fieldErrors');
    const extra = await b.call('login', { body: { ...credentials('admin'), admin: true } });
    expectProblem(extra, 'validation-failed');
    expectProblem(await b.call('getPersonalInfo'), 'unauthenticated');
  });

  devTest(
    '5 wrong passwords lock the account for 15 minutes (429 account-locked with Retry-After)',
    async (s) => {
      const b = s.browser();
      for (let i = 1; i <= 4; i++) {
        const reply = await b.call('login', { body: credentials('admin', `wrong-${i}`) });
        expectProblem(reply, 'invalid-credentials');
      }
      const fifth = await b.call('login', { body: credentials('admin', 'wrong-5') });
      expectProblem(fifth, ['invalid-credentials', 'account-locked']);

      const locked = await b.call('login', { body: credentials('admin') });
      const problem = expectProblem(locked, 'account-locked');
      const seconds = retryAfter(locked);
      assert.ok(seconds <= RULES.lockoutSeconds, `Retry-After ${seconds} exceeds the 15-minute lockout`);
      if (problem.retryAfterSeconds !== undefined)
        assert.ok(problem.retryAfterSeconds <= RULES.lockoutSeconds);
      expectProblem(await b.call('getPersonalInfo'), 'unauthenticated');

      await dev.advance(RULES.lockoutSeconds + 1);
      await b.login('admin');
    },
  );

  apiTest('a wrong password does not lock another user', async (s) => {
    const b = s.browser();
    expectProblem(await b.call('login', { body: credentials('operator', 'nope') }), 'invalid-credentials');
    await b.login('admin');
  });

  apiTest('the welcome message set in the settings is returned, verbatim, at the next login', async (s) => {
    s.restore('admin');
    const a = await s.login('admin');
    const message = 'Hello <b>admin</b> & welcome!\nLine two: "quotes" \'too\'';
    await a.patch({ welcomeMessage: message });
    const login = await s.browser('next login').login('admin');
    assert.equal(login.welcomeMessage, message);
  });
});

describe('POST /auth/logout', () => {
  apiTest('logout answers 204 and really ends the session (the old cookie no longer works)', async (s) => {
    const b = await s.login('admin');
    const replay = b.clone('replay');
    expectOk(await b.call('logout'), 'logout');
    expectProblem(await b.call('getPersonalInfo'), ['unauthenticated', 'session-expired']);
    expectProblem(await replay.call('getPersonalInfo'), ['unauthenticated', 'session-expired']);
  });

  apiTest('logout ends only this session', async (s) => {
    const a = await s.login('admin', 'a');
    const b = await s.login('admin', 'b');
    expectOk(await a.call('logout'), 'logout');
    expectOk(await b.call('getPersonalInfo'), 'getPersonalInfo');
  });

  apiTest('logout without a session is harmless (204)', async (s) => {
    const b = s.browser();
    expectOk(await b.call('logout'), 'logout');
  });
});
