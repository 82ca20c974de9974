/**
 * POST /me/contacts/{kind}/challenges (+ /resend, /verify): verification codes, contact change and verify flows.
 * Most of these need the dev outbox (the codes) and clock (expiry, cooldowns).
 */
import assert from 'node:assert/strict';
import { buildPath, RULES, routes } from '../../components/api/contract/index.js';
import {
  addSecret,
  apiTest,
  assertAfter,
  type Browser,
  contactOf,
  describe,
  dev,
  devTest,
  expectOk,
  expectProblem,
  type Reply,
  retryAfter,
  serverNow,
  typedMobile,
  user,
  wrongCode,
} from './harness.js';

const NEW_MOBILE = { input: '07400 123456', region: 'GB', e164: '+447400123456', national: '7400123456' };
const NEW_EMAIL = 'new.person@example.org';
addSecret(NEW_MOBILE.e164, NEW_MOBILE.national, NEW_EMAIL);

type ChallengeData = ReturnType<typeof expectChallenge>;

function expectChallenge(reply: Reply, status: 'created' | 'resent' = 'created') {
  return expectOk(reply, status === 'created' ? 'createChallenge' : 'resendChallenge');
}

async function changeMobile(
  b: Browser,
  token?: string,
): Promise<{ challenge: ChallengeData; token: string }> {
  const stepUpToken = token ?? (await b.stepUp());
  const reply = await b.call('createChallenge', {
    params: { kind: 'mobile' },
    body: { purpose: 'change', value: NEW_MOBILE.input, region: NEW_MOBILE.region, stepUpToken },
  });
  return { challenge: expectChallenge(reply), token: stepUpToken };
}

async function verifyOperatorMobile(b: Browser): Promise<ChallengeData> {
  const reply = await b.call('createChallenge', { params: { kind: 'mobile' }, body: { purpose: 'verify' } });
  return expectChallenge(reply);
}

/** A verify challenge for the operator's mobile, and the code it sent (kept out of reports). */
async function operatorMobileCode(b: Browser): Promise<{ challenge: ChallengeData; code: string }> {
  const challenge = await verifyOperatorMobile(b);
  const code = await dev.lastCode(contactOf('operator', 'mobile'));
  addSecret(code);
  return { challenge, code };
}

function verify(b: Browser, kind: 'mobile' | 'email', id: string, code: string, stepUpToken?: string) {
  const body = stepUpToken === undefined ? { code } : { code, stepUpToken };
  return b.call('verifyChallenge', { params: { kind, id }, body });
}

describe('change challenges need a step-up token', () => {
  apiTest('an unknown step-up token: 403 step-up-required, nothing pending', async (s) => {
    const b = await s.login('admin');
    for (const stepUpToken of ['', 'not-a-real-token']) {
      const reply = await b.call('createChallenge', {
        params: { kind: 'mobile' },
        body: { purpose: 'change', value: NEW_MOBILE.input, region: 'GB', stepUpToken },
      });
      expectProblem(reply, 'step-up-required');
    }
    const missing = await b.call('createChallenge', {
      params: { kind: 'email' },
      body: { purpose: 'change', value: NEW_EMAIL },
    });
    expectProblem(missing, ['validation-failed', 'step-up-required']);
    const info = (await b.info()).data;
    assert.equal(info.mobile.pending, null);
    assert.equal(info.email.pending, null);
  });

  apiTest('a step-up token of another session is not accepted (bound to the session)', async (s) => {
    const a = await s.login('admin', 'a');
    const b = await s.login('admin', 'b');
    const token = await a.stepUp();
    const reply = await b.call('createChallenge', {
      params: { kind: 'email' },
      body: { purpose: 'change', value: NEW_EMAIL, stepUpToken: token },
    });
    expectProblem(reply, ['step-up-required', 'step-up-expired']);
  });

  devTest('an expired step-up token (5 minutes): 403 step-up-expired', async (s) => {
    const b = await s.login('admin');
    const token = await b.stepUp();
    await dev.advance(RULES.stepUpLifetimeSeconds + 1);
    const reply = await b.call('createChallenge', {
      params: { kind: 'mobile' },
      body: { purpose: 'change', value: NEW_MOBILE.input, region: 'GB', stepUpToken: token },
    });
    expectProblem(reply, 'step-up-expired');
    assert.equal((await dev.messagesTo(NEW_MOBILE.e164)).length, 0);
  });

  devTest('the step-up is checked again at verify: missing → required, expired → expired', async (s) => {
    const b = await s.login('admin');
    const token = await b.stepUp();
    const { challenge } = await changeMobile(b, token);
    const code = await dev.lastCode(NEW_MOBILE.e164);
    addSecret(code);
    expectProblem(await verify(b, 'mobile', challenge.id, code), 'step-up-required');

    // A token taken 200 s before a new challenge expires while that challenge's code is still valid.
    const early = await b.stepUp();
    await dev.advance(200);
    const second = (await changeMobile(b, early)).challenge;
    const code2 = await dev.lastCode(NEW_MOBILE.e164);
    addSecret(code2);
    await dev.advance(RULES.stepUpLifetimeSeconds - 200 + 1);
    expectProblem(await verify(b, 'mobile', second.id, code2, early), 'step-up-expired');
    const info = (await b.info()).data;
    assert.match(
      info.mobile.masked ?? '',
      new RegExp(`${contactOf('admin', 'mobile').slice(-4)}$`),
      'the old number is still the saved one',
    );
  });
});

describe('contact change flows', () => {
  devTest(
    'mobile change: code to the new number, pending until verified, then saved, verified, old notified',
    async (s) => {
      const b = await s.login('admin');
      const before = (await b.info()).data;
      const token = await b.stepUp();
      const reply = await b.call('createChallenge', {
        params: { kind: 'mobile' },
        body: { purpose: 'change', value: NEW_MOBILE.input, region: NEW_MOBILE.region, stepUpToken: token },
      });
      const challenge = expectChallenge(reply);
      const now = await serverNow(reply);
      assert.equal(challenge.kind, 'mobile');
      assert.equal(challenge.purpose, 'change');
      assert.match(challenge.destination, /\*/, 'the destination is masked');
      assert.match(challenge.destination, /56$/, 'the masked destination keeps the last digits');
      assert.equal(challenge.attemptsRemaining, RULES.codeMaxAttempts);
      assert.equal(challenge.codeLength, 6);
      assertAfter(challenge.expiresAt, now, RULES.codeLifetimeSeconds, 5, 'challenge.expiresAt');
      assertAfter(
        challenge.resendAvailableAt,
        now,
        RULES.resendCooldownSeconds,
        5,
        'challenge.resendAvailableAt',
      );

      const messages = await dev.messagesTo(NEW_MOBILE.e164);
      assert.equal(messages.length, 1, 'one SMS to the new number, in E.164');
      assert.equal(messages[0]?.channel, 'mobile');
      const code = await dev.lastCode(NEW_MOBILE.e164);
      addSecret(code);
      assert.ok(!reply.text.includes(code), 'the code is never in a response');

      // Pending: GET still shows the old masked value, plus the pending new one; the store is unchanged.
      const pending = (await b.info()).data;
      assert.equal(pending.mobile.masked, before.mobile.masked);
      assert.equal(pending.mobile.verified, true);
      assert.ok(pending.mobile.pending, 'the change is pending');
      assert.match(pending.mobile.pending.masked, /\*/);
      assert.match(pending.mobile.pending.masked, /56$/);
      assert.equal(pending.mobile.pending.expiresAt, challenge.expiresAt);
      assert.deepEqual(pending.mobile.pending.challenge, challenge, 'the session that sent it can resume it');
      const stored = (await dev.user('admin')) as { mobile: { value: string } };
      assert.equal(
        stored.mobile.value,
        contactOf('admin', 'mobile'),
        'not saved before the code is verified',
      );

      const done = await verify(b, 'mobile', challenge.id, code, token);
      const result = expectOk(done, 'verifyChallenge');
      assert.equal(result.contact.kind, 'mobile');
      assert.equal(result.contact.verified, true);
      assert.equal(result.contact.pending, null);
      assert.match(result.contact.masked ?? '', /\*/);
      assert.match(result.contact.masked ?? '', /3456$/);
      assert.notEqual(result.version, before.version);

      const after = await b.info();
      assert.deepEqual(after.data.mobile, result.contact);
      assert.equal(after.data.version, result.version);
      const saved = (await dev.user('admin')) as { mobile: { value: string; verified: boolean } };
      assert.equal(saved.mobile.value, NEW_MOBILE.e164, 'stored as E.164');
      assert.equal(saved.mobile.verified, true);

      const notices = await dev.messagesTo(contactOf('admin', 'mobile'));
      assert.equal(notices.length, 1, 'the old number gets a notice');
      assert.equal(notices[0]?.code, null, 'the notice carries no code');

      const again = await verify(b, 'mobile', challenge.id, code, token);
      expectProblem(again, ['not-found', 'invalid-code', 'code-expired', 'too-many-attempts']);
    },
  );

  devTest('email change: code to the new address, saved and verified, old address notified', async (s) => {
    const b = await s.login('admin');
    const token = await b.stepUp();
    const reply = await b.call('createChallenge', {
      params: { kind: 'email' },
      body: { purpose: 'change', value: NEW_EMAIL, stepUpToken: token },
    });
    const challenge = expectChallenge(reply);
    assert.equal(challenge.kind, 'email');
    assert.match(challenge.destination, /@example\.org$/, 'the masked destination keeps the domain');
    assert.notEqual(challenge.destination, NEW_EMAIL);
    const pending = (await b.info()).data.email;
    assert.match(pending.masked ?? '', /@example\.com$/, 'GET still shows the old address');
    assert.match(pending.pending?.masked ?? '', /@example\.org$/, 'with the new one pending');

    const code = await dev.lastCode(NEW_EMAIL);
    addSecret(code);
    const result = expectOk(await verify(b, 'email', challenge.id, code, token), 'verifyChallenge');
    assert.equal(result.contact.verified, true);
    assert.match(result.contact.masked ?? '', /\*/);
    assert.match(result.contact.masked ?? '', /@example\.org$/);

    const notices = await dev.messagesTo(contactOf('admin', 'email'));
    assert.equal(notices.length, 1, 'the old address gets a notice');
    assert.equal(notices[0]?.code, null);
  });

  devTest('an international (+) number needs no region; it is stored as E.164', async (s) => {
    const b = await s.login('admin');
    const stepUpToken = await b.stepUp();
    const reply = await b.call('createChallenge', {
      params: { kind: 'mobile' },
      body: { purpose: 'change', value: '+44 7400 123456', stepUpToken },
    });
    const challenge = expectChallenge(reply);
    const code = await dev.lastCode(NEW_MOBILE.e164);
    addSecret(code);
    expectOk(await verify(b, 'mobile', challenge.id, code, stepUpToken), 'verifyChallenge');
    const saved = (await dev.user('admin')) as { mobile: { value: string } };
    assert.equal(saved.mobile.value, NEW_MOBILE.e164);
  });

  devTest('verify flow: a code to the current unverified number makes it verified', async (s) => {
    const b = await s.login('operator');
    const before = (await b.info()).data;
    const challenge = await verifyOperatorMobile(b);
    assert.equal(challenge.purpose, 'verify');
    assert.equal(challenge.destination, before.mobile.masked);
    const code = await dev.lastCode(contactOf('operator', 'mobile'));
    addSecret(code);
    const result = expectOk(await verify(b, 'mobile', challenge.id, code), 'verifyChallenge');
    assert.equal(result.contact.verified, true);
    assert.equal(result.contact.masked, before.mobile.masked);
    assert.equal((await b.info()).data.mobile.verified, true);
  });

  apiTest('verify refuses a contact that is already verified, or absent', async (s) => {
    const admin = await s.login('admin');
    const verified = await admin.call('createChallenge', {
      params: { kind: 'mobile' },
      body: { purpose: 'verify' },
    });
    expectProblem(verified, 'already-verified');
    const operator = await s.login('operator');
    const none = await operator.call('createChallenge', {
      params: { kind: 'email' },
      body: { purpose: 'verify' },
    });
    expectProblem(none, 'no-contact');
  });

  apiTest('change refuses the same value, a non-mobile or invalid number, a bad email address', async (s) => {
    const b = await s.login('admin');
    const stepUpToken = await b.stepUp();
    const mobile = (value: string, region?: string) =>
      b.call('createChallenge', {
        params: { kind: 'mobile' },
        body: region
          ? { purpose: 'change', value, region, stepUpToken }
          : { purpose: 'change', value, stepUpToken },
      });
    const email = (value: string) =>
      b.call('createChallenge', {
        params: { kind: 'email' },
        body: { purpose: 'change', value, stepUpToken },
      });

    expectProblem(await mobile(typedMobile('admin'), user('admin').contacts.mobile?.region), 'same-value');
    expectProblem(await email(contactOf('admin', 'email')), 'same-value');
    expectProblem(await mobile('020 7946 0000', 'GB'), 'validation-failed'); // a London landline
    expectProblem(await mobile('12345', 'GB'), 'validation-failed');
    expectProblem(await mobile('07400 123456', 'gb'), 'validation-failed');
    expectProblem(await mobile('0740O 123456', 'GB'), 'validation-failed');
    expectProblem(await email('someone@example.com\r\nBcc: x@example.com'), 'validation-failed');
    expectProblem(await email('not-an-email'), 'validation-failed');
    expectProblem(await email(`${'a'.repeat(250)}@example.com`), 'validation-failed');
    const info = (await b.info()).data;
    assert.equal(info.mobile.pending, null);
    assert.equal(info.email.pending, null);
  });

  apiTest('an unknown challenge or contact kind is refused', async (s) => {
    const b = await s.login('admin');
    const params = { kind: 'mobile', id: 'no-such-challenge' };
    expectProblem(await b.call('verifyChallenge', { params, body: { code: '123456' } }), 'not-found');
    expectProblem(await b.call('resendChallenge', { params, body: {} }), 'not-found');
    const phone = await b.request('POST', '/me/contacts/phone/challenges', { body: { purpose: 'verify' } });
    expectProblem(phone, ['not-found', 'validation-failed']);
  });
});

describe('a pending change, resumed', () => {
  devTest(
    'only the session that sent the code gets its challenge; the user’s other sessions see it pending',
    async (s) => {
      const b = await s.login('admin');
      const other = await s.login('admin', 'second session');
      const { challenge } = await changeMobile(b);
      assert.deepEqual((await b.info()).data.mobile.pending?.challenge, challenge);
      const elsewhere = (await other.info()).data.mobile.pending;
      assert.ok(elsewhere, 'pending in the other session too');
      assert.equal(elsewhere.challenge, null, 'but without the challenge, which only its session can verify');
      const code = await dev.lastCode(NEW_MOBILE.e164);
      addSecret(code);
      const token = await other.stepUp();
      expectProblem(await verify(other, 'mobile', challenge.id, code, token), 'not-found');
      expectProblem(
        await other.call('resendChallenge', {
          params: { kind: 'mobile', id: challenge.id },
          body: { stepUpToken: token },
        }),
        'not-found',
      );
      const op = await s.login('operator');
      assert.equal((await op.info()).data.mobile.pending, null, 'another user sees nothing of it');
    },
  );

  devTest(
    'a new code for a pending change needs a valid step-up token of the session; then it renews the challenge',
    async (s) => {
      const b = await s.login('admin');
      const { challenge, token } = await changeMobile(b);
      const params = { kind: 'mobile', id: challenge.id };
      await dev.advance(RULES.resendCooldownSeconds + 1);
      expectProblem(await b.call('resendChallenge', { params, body: {} }), 'step-up-required');
      expectProblem(
        await b.call('resendChallenge', { params, body: { stepUpToken: 'not-a-real-token' } }),
        'step-up-required',
      );
      const other = await s.login('admin', 'second session');
      const foreign = await other.stepUp();
      expectProblem(
        await b.call('resendChallenge', { params, body: { stepUpToken: foreign } }),
        'step-up-required',
      );
      assert.equal((await dev.messagesTo(NEW_MOBILE.e164)).length, 1, 'no code sent without a valid step-up');
      const reply = await b.call('resendChallenge', { params, body: { stepUpToken: token } });
      const resent = expectChallenge(reply, 'resent');
      assert.equal(resent.id, challenge.id);
      assert.equal((await dev.messagesTo(NEW_MOBILE.e164)).length, 2);
      const pending = (await b.info()).data.mobile.pending;
      assert.deepEqual(pending?.challenge, resent, 'the view follows the resend');
      assert.equal(pending?.expiresAt, resent.expiresAt);

      await dev.advance(RULES.stepUpLifetimeSeconds + 1);
      const late = await b.call('resendChallenge', { params, body: { stepUpToken: token } });
      expectProblem(late, ['step-up-expired', 'step-up-required']);
    },
  );

  devTest('no longer pending once verified, expired, or dead after too many wrong codes', async (s) => {
    const b = await s.login('admin');
    const first = await changeMobile(b);
    const code = await dev.lastCode(NEW_MOBILE.e164);
    addSecret(code);
    await dev.advance(RULES.codeLifetimeSeconds + 1);
    assert.equal((await b.info()).data.mobile.pending, null, 'expired');

    const second = await changeMobile(b);
    const latest = await dev.lastCode(NEW_MOBILE.e164);
    addSecret(latest);
    for (let i = 0; i < RULES.codeMaxAttempts; i++) {
      const reply = await verify(b, 'mobile', second.challenge.id, wrongCode(latest), second.token);
      expectProblem(reply, ['invalid-code', 'too-many-attempts']);
      const pending = (await b.info()).data.mobile.pending;
      if (i < RULES.codeMaxAttempts - 1)
        assert.equal(pending?.challenge?.attemptsRemaining, RULES.codeMaxAttempts - i - 1);
      else assert.equal(pending, null, 'dead after too many wrong codes');
    }
    assert.notEqual(first.challenge.id, second.challenge.id);

    await dev.advance(RULES.resendCooldownSeconds + 1);
    const third = await changeMobile(b);
    const good = await dev.lastCode(NEW_MOBILE.e164);
    addSecret(good);
    expectOk(await verify(b, 'mobile', third.challenge.id, good, third.token), 'verifyChallenge');
    assert.equal((await b.info()).data.mobile.pending, null, 'verified');
  });
});

describe('verification codes', () => {
  devTest(
    'a wrong code is invalid-code with attemptsRemaining counting down; 5 wrong kill the code',
    async (s) => {
      const b = await s.login('operator');
      const { challenge, code } = await operatorMobileCode(b);
      const bad = wrongCode(code);
      for (let left = RULES.codeMaxAttempts - 1; left >= 1; left--) {
        const problem = expectProblem(await verify(b, 'mobile', challenge.id, bad), 'invalid-code');
        assert.equal(problem.attemptsRemaining, left);
      }
      const fifth = expectProblem(await verify(b, 'mobile', challenge.id, bad), [
        'invalid-code',
        'too-many-attempts',
      ]);
      if (fifth.code === 'invalid-code') assert.equal(fifth.attemptsRemaining, 0);
      expectProblem(await verify(b, 'mobile', challenge.id, code), 'too-many-attempts');
      assert.equal((await b.info()).data.mobile.verified, false);
    },
  );

  devTest(
    'an account-level cap: after 20 wrong codes in an hour even the right code is refused',
    async (s) => {
      const b = await s.login('operator');
      let failures = 0;
      while (failures < RULES.accountCodeFailuresPerHour) {
        const { challenge, code } = await operatorMobileCode(b);
        for (let i = 0; i < RULES.codeMaxAttempts && failures < RULES.accountCodeFailuresPerHour; i++) {
          expectProblem(await verify(b, 'mobile', challenge.id, wrongCode(code)), [
            'invalid-code',
            'too-many-attempts',
          ]);
          failures++;
        }
        await dev.advance(RULES.resendCooldownSeconds + 1);
      }
      const next = await b.call('createChallenge', {
        params: { kind: 'mobile' },
        body: { purpose: 'verify' },
      });
      if (next.status === 201) {
        const challenge = expectChallenge(next);
        const code = await dev.lastCode(contactOf('operator', 'mobile'));
        addSecret(code);
        const refused = await verify(b, 'mobile', challenge.id, code);
        expectProblem(refused, ['too-many-attempts', 'rate-limited']);
      } else {
        expectProblem(next, ['too-many-attempts', 'rate-limited']);
      }
      assert.equal((await b.info()).data.mobile.verified, false);
    },
  );

  devTest('a code expires after 5 minutes: 410 code-expired', async (s) => {
    const b = await s.login('operator');
    const { challenge, code } = await operatorMobileCode(b);
    await dev.advance(RULES.codeLifetimeSeconds + 1);
    expectProblem(await verify(b, 'mobile', challenge.id, code), 'code-expired');
    assert.equal((await b.info()).data.mobile.verified, false);
  });

  devTest('resend: cooldown first; then only the new code works; failures are not reset', async (s) => {
    const b = await s.login('operator');
    const { challenge, code: first } = await operatorMobileCode(b);
    const params = { kind: 'mobile', id: challenge.id };

    const early = await b.call('resendChallenge', { params, body: {} });
    const cooldown = expectProblem(early, 'cooldown');
    assert.ok(cooldown.retryAfterSeconds !== undefined, 'cooldown carries retryAfterSeconds');
    assert.ok(
      cooldown.retryAfterSeconds > 0 && cooldown.retryAfterSeconds <= RULES.resendCooldownSeconds,
      `retryAfterSeconds ${cooldown.retryAfterSeconds} within the 60 s cooldown`,
    );
    assert.equal(
      (await dev.messagesTo(contactOf('operator', 'mobile'))).length,
      1,
      'nothing sent during the cooldown',
    );

    expectProblem(await verify(b, 'mobile', challenge.id, wrongCode(first)), 'invalid-code');
    await dev.advance(RULES.resendCooldownSeconds + 1);
    // No body at all reads as `{}`: a client written before the body existed still resends.
    const resent = expectChallenge(
      await b.request('POST', buildPath(routes.resendChallenge.path, params)),
      'resent',
    );
    assert.equal(resent.id, challenge.id);
    assert.equal(
      resent.attemptsRemaining,
      RULES.codeMaxAttempts - 1,
      'a resend does not reset the failure count',
    );
    const messages = await dev.messagesTo(contactOf('operator', 'mobile'));
    assert.equal(messages.length, 2);
    const second = await dev.lastCode(contactOf('operator', 'mobile'));
    addSecret(second);

    if (second !== first) {
      const old = expectProblem(await verify(b, 'mobile', challenge.id, first), 'invalid-code');
      assert.equal(old.attemptsRemaining, RULES.codeMaxAttempts - 2);
    }
    expectOk(await verify(b, 'mobile', challenge.id, second), 'verifyChallenge');
  });

  devTest(
    'at most 5 codes per destination per hour: the 6th is 429 rate-limited with Retry-After',
    async (s) => {
      const b = await s.login('operator');
      for (let i = 1; i <= RULES.sendsPerDestinationPerHour; i++) {
        await verifyOperatorMobile(b);
        await dev.advance(RULES.resendCooldownSeconds + 1);
      }
      assert.equal(
        (await dev.messagesTo(contactOf('operator', 'mobile'))).length,
        RULES.sendsPerDestinationPerHour,
      );
      const sixth = await b.call('createChallenge', {
        params: { kind: 'mobile' },
        body: { purpose: 'verify' },
      });
      expectProblem(sixth, 'rate-limited');
      const seconds = retryAfter(sixth);
      assert.ok(seconds <= 3600, `Retry-After ${seconds} within the hour`);
      assert.equal(
        (await dev.messagesTo(contactOf('operator', 'mobile'))).length,
        RULES.sendsPerDestinationPerHour,
      );
    },
  );

  devTest('the resend counts toward the hourly limit too', async (s) => {
    const b = await s.login('operator');
    const challenge = await verifyOperatorMobile(b);
    const params = { kind: 'mobile', id: challenge.id };
    for (let i = 2; i <= RULES.sendsPerDestinationPerHour; i++) {
      await dev.advance(RULES.resendCooldownSeconds + 1);
      const reply = await b.call('resendChallenge', { params, body: {} });
      if (reply.status !== 200) {
        // A server may end a challenge before 5 sends (expiry); then start a new one for the same number.
        expectProblem(reply, ['code-expired', 'too-many-attempts']);
        await verifyOperatorMobile(b);
      }
    }
    await dev.advance(RULES.resendCooldownSeconds + 1);
    const sixth = await b.call('createChallenge', {
      params: { kind: 'mobile' },
      body: { purpose: 'verify' },
    });
    expectProblem(sixth, 'rate-limited');
    retryAfter(sixth);
  });

  devTest('single use: 20 parallel verifies of the right code → exactly one success', async (s) => {
    const b = await s.login('operator');
    const { challenge, code } = await operatorMobileCode(b);
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => verify(b, 'mobile', challenge.id, code)),
    );
    const ok = replies.filter((r) => r.status === 200);
    assert.equal(ok.length, 1, `exactly one success, got ${ok.length}`);
    for (const r of replies) {
      if (r.status === 200) expectOk(r, 'verifyChallenge');
      else {
        assert.ok(r.status < 500, `no 5xx under concurrency: ${r.status} ${r.text}`);
        expectProblem(r, [
          'not-found',
          'invalid-code',
          'code-expired',
          'too-many-attempts',
          'already-verified',
        ]);
      }
    }
  });

  devTest(
    'a challenge belongs to its session: another session of the same user cannot verify it',
    async (s) => {
      const a = await s.login('operator', 'a');
      const other = await s.login('operator', 'b');
      const challenge = await verifyOperatorMobile(a);
      const code = await dev.lastCode(contactOf('operator', 'mobile'));
      addSecret(code);
      const stolen = await verify(other, 'mobile', challenge.id, code);
      assert.ok(stolen.status >= 400 && stolen.status < 500, `expected a 4xx, got ${stolen.status}`);
      expectProblem(stolen, ['not-found', 'invalid-code', 'step-up-required']);
      assert.equal((await other.info()).data.mobile.verified, false);
      expectOk(await verify(a, 'mobile', challenge.id, code), 'verifyChallenge');
    },
  );

  devTest('a channel that is not configured: 503 notification-not-configured with the channel', async (s) => {
    const operator = await s.login('operator');
    await dev.notifications('mobile', false);
    const sms = await operator.call('createChallenge', {
      params: { kind: 'mobile' },
      body: { purpose: 'verify' },
    });
    assert.equal(expectProblem(sms, 'notification-not-configured').channel, 'mobile');

    const admin = await s.login('admin');
    await dev.notifications('email', false);
    const token = await admin.stepUp();
    const mail = await admin.call('createChallenge', {
      params: { kind: 'email' },
      body: { purpose: 'change', value: NEW_EMAIL, stepUpToken: token },
    });
    assert.equal(expectProblem(mail, 'notification-not-configured').channel, 'email');
    assert.equal((await dev.outbox()).length, 0, 'nothing was sent');

    await dev.notifications('mobile', true);
    await verifyOperatorMobile(operator);
  });
});
