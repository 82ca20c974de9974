/**
 * SPEC §2 "Step-up" and §5 "Step-up": password → 5-minute token bound to the session, checked at send
 * and again at verify; wrong passwords share the login lockout; third-party users prove identity by code.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES } from '../../components/api/contract/index.js';
import { assertProblem, assertStatus, MINUTE, newEmail, PASSWORD, SECOND, SEED, setup } from './helpers.js';

describe('step-up', () => {
  it('a password step-up returns a token valid for 5 minutes', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const res = await b.stepUpRaw({ method: 'password', password: PASSWORD });
    assertStatus(res, 201);
    assert.ok(res.body.stepUpToken.length >= 22, 'a token with at least 128 bits');
    assert.equal(Date.parse(res.body.expiresAt) - h.now(), RULES.stepUpLifetimeSeconds * 1000);
    assert.ok(!h.dbTextWithoutOutbox().includes(res.body.stepUpToken), 'the token is stored only hashed');
  });

  it('a change challenge without a step-up token is refused (403 step-up-required)', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const to = newEmail();
    assertProblem(
      await b.challenge('email', { purpose: 'change', value: to, stepUpToken: '' }),
      'step-up-required',
    );
    assertProblem(
      await b.challenge('email', { purpose: 'change', value: to, stepUpToken: 'made-up-token' }),
      'step-up-required',
    );
    assert.equal((await h.messagesTo(to)).length, 0);
  });

  it('an expired step-up token is refused when sending the code', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const stepUpToken = await b.stepUp();
    h.advance(5 * MINUTE + SECOND);
    const to = newEmail();
    const res = await b.challenge('email', { purpose: 'change', value: to, stepUpToken });
    assert.equal(res.status, 403, res.text);
    assert.ok(res.problem && ['step-up-expired', 'step-up-required'].includes(res.problem.code), res.text);
    assert.equal((await h.messagesTo(to)).length, 0, 'no code sent');
    assert.equal((await h.user('admin')).email.pending, null);
  });

  it('an expired step-up token is refused again at verify, even with the right code', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const stepUpToken = await b.stepUp();
    h.advance(3 * MINUTE);
    const to = newEmail();
    const res = await b.challenge('email', { purpose: 'change', value: to, stepUpToken });
    assertStatus(res, 201);
    const code = await h.latestCode(to);
    h.advance(2 * MINUTE + SECOND); // token 5:01 old, code 2:01 old

    const expired = await b.verify('email', res.body.id, { code, stepUpToken });
    assert.equal(expired.status, 403, expired.text);
    assert.ok(expired.problem && ['step-up-expired', 'step-up-required'].includes(expired.problem.code));
    const missing = await b.verify('email', res.body.id, { code });
    assertProblem(missing, 'step-up-required', 'verify of a change without a token');
    assert.equal((await h.user('admin')).email.value, SEED.admin.email);
  });

  it('a step-up token is bound to the session that earned it', async () => {
    const h = await setup();
    const a = await h.signedIn('admin');
    const other = await h.signedIn('admin');
    const stepUpToken = await a.stepUp();
    const to = newEmail();
    const res = await other.challenge('email', { purpose: 'change', value: to, stepUpToken });
    assert.equal(res.status, 403, res.text);
    assert.equal((await h.messagesTo(to)).length, 0);

    const { challenge } = await other.startChange('email', to);
    const code = await h.latestCode(to);
    const crossed = await other.verify('email', challenge.id, { code, stepUpToken });
    assert.equal(crossed.status, 403, `another session's token at verify: ${crossed.text}`);
    assert.equal((await h.user('admin')).email.value, SEED.admin.email);
  });

  it('a step-up token of another user is refused', async () => {
    const h = await setup();
    const op = await h.signedIn('operator');
    const opToken = await op.stepUp();
    const admin = await h.signedIn('admin');
    const res = await admin.challenge('email', {
      purpose: 'change',
      value: newEmail(),
      stepUpToken: opToken,
    });
    assert.equal(res.status, 403, res.text);
  });

  it('wrong passwords at step-up count toward the login lockout', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    for (let i = 0; i < 3; i++) {
      assertProblem(await b.stepUpRaw({ method: 'password', password: 'wrong' }), 'invalid-credentials');
    }
    for (let i = 0; i < 2; i++) {
      const res = await h.browser().loginRaw('admin', 'wrong');
      assert.ok(res.status === 401 || res.status === 429, `wrong login ${i}: ${res.status}`);
    }
    const locked = await h.browser().loginRaw('admin', PASSWORD);
    assertProblem(locked, 'account-locked', 'right password after 5 wrong (3 step-up + 2 login)');
    assertProblem(
      await b.stepUpRaw({ method: 'password', password: PASSWORD }),
      'account-locked',
      'step-up too',
    );
  });

  it('5 wrong passwords lock the account for 15 minutes (429 account-locked with Retry-After)', async () => {
    const h = await setup();
    for (let i = 0; i < 5; i++) {
      const res = await h.browser().loginRaw('admin', `wrong-${i}`);
      assert.ok(res.status === 401 || res.status === 429, `wrong login ${i}: ${res.status}`);
    }
    const locked = await h.browser().loginRaw('admin', PASSWORD);
    const p = assertProblem(locked, 'account-locked');
    assert.equal(p.retryAfterSeconds, RULES.lockoutSeconds);
    assert.equal(locked.headers.get('Retry-After'), String(RULES.lockoutSeconds));
    assert.equal(h.store.data.sessions.length, 0, 'no session was created');

    h.advance(15 * MINUTE - SECOND);
    assertProblem(await h.browser().loginRaw('admin', PASSWORD), 'account-locked', 'at 14:59');
    h.advance(2 * SECOND);
    assertStatus(await h.browser().loginRaw('admin', PASSWORD), 200, 'after 15 minutes');
  });

  it('a locked account does not say whether the password was right (same answer for wrong and right)', async () => {
    const h = await setup();
    for (let i = 0; i < 5; i++) await h.browser().loginRaw('operator', 'nope');
    const right = await h.browser().loginRaw('operator', PASSWORD);
    const wrongPw = await h.browser().loginRaw('operator', 'nope');
    assert.equal(right.status, wrongPw.status);
    assert.equal(right.problem?.code, wrongPw.problem?.code);
  });

  it('local and remote users step up with their password', async () => {
    const h = await setup();
    for (const username of ['admin', 'operator']) {
      const b = await h.signedIn(username);
      const info = await b.personalInfo();
      assert.ok(
        info.stepUpMethods.some((m) => m.type === 'password'),
        `${username}: ${JSON.stringify(info.stepUpMethods)}`,
      );
    }
  });

  it('a third-party user’s step-up methods are code-only, to a verified contact', async () => {
    const h = await setup();
    const b = await h.signedIn('sso.user');
    const info = await b.personalInfo();
    assert.ok(info.stepUpMethods.length > 0);
    assert.deepEqual(
      info.stepUpMethods.map((m) => m.type),
      info.stepUpMethods.map(() => 'code'),
    );
    const email = info.stepUpMethods.find((m) => m.type === 'code' && m.channel === 'email');
    assert.ok(email && email.type === 'code');
    assert.equal(email.destination, 's***r@example.com');

    const pw = await b.stepUpRaw({ method: 'password', password: PASSWORD });
    assert.ok(pw.status >= 400 && pw.status < 500, `password step-up for third-party: ${pw.status}`);

    const challenge = await b.challenge('email', { purpose: 'step-up' });
    assertStatus(challenge, 201);
    assert.equal(challenge.body.purpose, 'step-up');
    const code = await h.latestCode(SEED.sso.email);
    const token = await b.stepUpRaw({ method: 'code', challengeId: challenge.body.id, code });
    assertStatus(token, 201, 'step-up by code');
    assert.equal(Date.parse(token.body.expiresAt) - h.now(), RULES.stepUpLifetimeSeconds * 1000);

    const to = newEmail('sso');
    const change = await b.challenge('email', {
      purpose: 'change',
      value: to,
      stepUpToken: token.body.stepUpToken,
    });
    assertStatus(change, 201, 'the code-earned token works for a change');
    const ok = await b.verify('email', change.body.id, {
      code: await h.latestCode(to),
      stepUpToken: token.body.stepUpToken,
    });
    assertStatus(ok, 200);
    assert.equal((await h.user('sso.user')).email.value, to);
  });

  it('a step-up code obeys the code rules (5 wrong tries kill it)', async () => {
    const h = await setup();
    const b = await h.signedIn('sso.user');
    const { challenge, code } = await b.codeChallenge('email', 'step-up', SEED.sso.email);
    const wrongCode = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++)
      await b.stepUpRaw({ method: 'code', challengeId: challenge.id, code: wrongCode });
    const res = await b.stepUpRaw({ method: 'code', challengeId: challenge.id, code });
    assertProblem(res, 'too-many-attempts');
  });

  it('with no verified contact a third-party user cannot step up (403 no-verified-contact)', async () => {
    const h = await setup();
    const sso = h.store.data.users.find((u) => u.username === 'sso.user');
    assert.ok(sso);
    sso.email.verified = false;
    const b = await h.signedIn('sso.user');
    const info = await b.personalInfo();
    assert.deepEqual(info.stepUpMethods, []);
    assertProblem(await b.challenge('email', { purpose: 'step-up' }), 'no-verified-contact');
    const mobile = await b.challenge('mobile', { purpose: 'step-up' });
    assert.ok(
      mobile.problem && ['no-verified-contact', 'no-contact'].includes(mobile.problem.code),
      mobile.text,
    );
    assert.equal((await h.messagesTo(SEED.sso.email)).length, 0);
  });
});
