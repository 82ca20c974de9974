/** POST /me/identity-verifications: step-up with the password (or a code for users without one). */
import assert from 'node:assert/strict';
import { RULES } from '../../components/api/contract/index.js';
import {
  addSecret,
  apiTest,
  assertAfter,
  contactOf,
  credentials,
  describe,
  dev,
  devTest,
  expectOk,
  expectProblem,
  retryAfter,
  serverNow,
  user,
  wrongCode,
} from './harness.js';

describe('POST /me/identity-verifications', () => {
  apiTest('the password gives a step-up token valid for 5 minutes', async (s) => {
    const b = await s.login('admin');
    const reply = await b.call('verifyIdentity', {
      body: { method: 'password', password: user('admin').password },
    });
    const token = expectOk(reply, 'verifyIdentity');
    assert.ok(token.stepUpToken.length >= 16, 'the token is not guessable');
    assertAfter(
      token.expiresAt,
      await serverNow(reply),
      RULES.stepUpLifetimeSeconds,
      10,
      'step-up expiresAt',
    );
    assert.match(reply.headers.get('Cache-Control') ?? '', /no-store/);
  });

  apiTest('a remote user steps up with the password too', async (s) => {
    const b = await s.login('operator');
    assert.ok(await b.stepUp());
  });

  apiTest('a wrong password is invalid-credentials; the session stays signed in', async (s) => {
    const b = await s.login('admin');
    const reply = await b.call('verifyIdentity', { body: { method: 'password', password: 'not-it' } });
    expectProblem(reply, 'invalid-credentials');
    expectOk(await b.call('getPersonalInfo'), 'getPersonalInfo');
  });

  apiTest('needs a session: 401 unauthenticated', async (s) => {
    const reply = await s
      .browser()
      .call('verifyIdentity', { body: { method: 'password', password: user('admin').password } });
    expectProblem(reply, 'unauthenticated');
  });

  apiTest('a malformed request is validation-failed', async (s) => {
    const b = await s.login('admin');
    expectProblem(await b.call('verifyIdentity', { body: { method: 'password' } }), 'validation-failed');
    expectProblem(await b.call('verifyIdentity', { body: { method: 'magic' } }), 'validation-failed');
    expectProblem(
      await b.call('verifyIdentity', { body: { method: 'code', challengeId: 'x', code: '12' } }),
      'validation-failed',
    );
  });

  devTest('wrong step-up passwords count toward the same lockout as login', async (s) => {
    const b = await s.login('admin');
    for (let i = 1; i <= 3; i++) {
      const reply = await b.call('verifyIdentity', { body: { method: 'password', password: `wrong-${i}` } });
      expectProblem(reply, 'invalid-credentials');
    }
    const other = s.browser('login attempts');
    expectProblem(
      await other.call('login', { body: credentials('admin', 'wrong-4') }),
      'invalid-credentials',
    );
    expectProblem(await other.call('login', { body: credentials('admin', 'wrong-5') }), [
      'invalid-credentials',
      'account-locked',
    ]);
    const locked = await other.call('login', { body: credentials('admin') });
    expectProblem(locked, 'account-locked');
    retryAfter(locked);
    const stepUp = await b.call('verifyIdentity', {
      body: { method: 'password', password: user('admin').password },
    });
    expectProblem(stepUp, 'account-locked');
    retryAfter(stepUp);
  });

  devTest('a third-party user steps up with a code sent to the verified email', async (s) => {
    const b = await s.login('sso.user');
    const reply = await b.call('createChallenge', {
      params: { kind: 'email' },
      body: { purpose: 'step-up' },
    });
    const challenge = expectOk(reply, 'createChallenge');
    assert.equal(challenge.purpose, 'step-up');
    assert.equal(challenge.kind, 'email');
    assert.notEqual(challenge.destination, contactOf('sso.user', 'email'), 'the destination is masked');
    const code = await dev.lastCode(contactOf('sso.user', 'email'));
    addSecret(code);
    assert.ok(!reply.text.includes(code), 'the code is never in a response');

    const wrong = await b.call('verifyIdentity', {
      body: { method: 'code', challengeId: challenge.id, code: wrongCode(code) },
    });
    expectProblem(wrong, 'invalid-code');
    const ok = await b.call('verifyIdentity', { body: { method: 'code', challengeId: challenge.id, code } });
    assert.ok(expectOk(ok, 'verifyIdentity').stepUpToken);
  });

  apiTest('a third-party user has no mobile: a step-up challenge to it is refused', async (s) => {
    const b = await s.login('sso.user');
    const reply = await b.call('createChallenge', {
      params: { kind: 'mobile' },
      body: { purpose: 'step-up' },
    });
    expectProblem(reply, ['no-contact', 'no-verified-contact']);
  });
});
