/**
 * SPEC §2 "Verification codes" and §5 "Codes": format, lifetime, single use, tries, cooldown, resend,
 * per-destination and per-account caps, and that codes never leave the server except through the outbox.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../components/api/contract/index.js';
import {
  API,
  assertProblem,
  assertStatus,
  type Browser,
  emailChange,
  type Harness,
  MINUTE,
  newEmail,
  SECOND,
  SEED,
  setup,
} from './helpers.js';

/** operator (unverified mobile) starts a `verify` challenge. */
async function startVerify(h: Harness): Promise<{ b: Browser; id: string }> {
  const b = await h.signedIn('operator');
  const res = await b.challenge('mobile', { purpose: 'verify' });
  assertStatus(res, 201, 'verify challenge');
  return { b, id: res.body.id };
}

/** A six-digit code that is not `code`. */
const wrong = (code: string, n = 1): string => String((Number(code) + n) % 1_000_000).padStart(6, '0');

describe('verification codes', () => {
  it('codes are 6 digits from a CSPRNG: 50 sends give varied codes and every digit', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const codes: string[] = [];
    for (let i = 0; i < 50; i++) {
      const to = newEmail('csprng');
      await b.startChange('email', to);
      codes.push(await h.latestCode(to));
      // Spread over 200 minutes: under the cap of codes per account and hour.
      h.advance(4 * 60 * SECOND);
    }
    for (const code of codes) assert.match(code, /^\d{6}$/);
    assert.ok(new Set(codes).size >= 45, `50 codes, only ${new Set(codes).size} distinct`);
    const digits = new Set(codes.join(''));
    assert.equal(digits.size, 10, `digits seen across 300: ${[...digits].sort().join('')}`);
    for (let pos = 0; pos < 6; pos++) {
      assert.ok(new Set(codes.map((c) => c[pos])).size > 1, `position ${pos} is constant`);
    }
  });

  it('codes come from the platform CSPRNG (no Math.random in the mock server)', async () => {
    const root = new URL('../../mock-server/', import.meta.url).pathname;
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length > 0);
    for (const file of files) {
      const text = await readFile(join(root, file), 'utf8');
      assert.ok(!/Math\.random\s*\(/.test(text), `${file} uses Math.random`);
    }
  });

  it('a challenge says how long its code lives and when a resend is allowed', async () => {
    const h = await setup();
    const b = await h.signedIn('operator');
    const res = await b.challenge('mobile', { purpose: 'verify' });
    assertStatus(res, 201);
    const now = h.now();
    assert.equal(Date.parse(res.body.expiresAt) - now, RULES.codeLifetimeSeconds * 1000);
    assert.equal(Date.parse(res.body.resendAvailableAt) - now, RULES.resendCooldownSeconds * 1000);
    assert.equal(res.body.attemptsRemaining, 5);
    assert.equal(res.body.codeLength, 6);
    assert.equal(res.body.purpose, 'verify');
    assert.equal(res.body.kind, 'mobile');
  });

  it('a code expires after 5 minutes (410 code-expired), and works just before', async () => {
    const h = await setup();
    const { b, id } = await startVerify(h);
    const code = await h.latestCode(SEED.operator.mobile);
    h.advance(5 * MINUTE + SECOND);
    assertProblem(await b.verify('mobile', id, { code }), 'code-expired');
    assert.equal((await h.user('operator')).mobile.verified, false);

    const { challenge: again, code: code2 } = await b.codeChallenge('mobile', 'verify', SEED.operator.mobile);
    h.advance(5 * MINUTE - SECOND);
    assertStatus(await b.verify('mobile', again.id, { code: code2 }), 200, 'verify at 4:59');
    assert.equal((await h.user('operator')).mobile.verified, true);
  });

  it('a code is single use', async () => {
    const { h, b, to: first, challenge, stepUpToken, code } = await emailChange('first');
    assertStatus(await b.verify('email', challenge.id, { code, stepUpToken }), 200);
    assert.equal((await h.user('admin')).email.value, first);
    const versionAfter = (await h.user('admin')).version;

    const replay = await b.verify('email', challenge.id, { code, stepUpToken });
    assert.ok(replay.status >= 400 && replay.status < 500, `replay answered ${replay.status}`);
    assert.ok(replay.problem);
    assert.deepEqual((await h.user('admin')).version, versionAfter, 'a replayed code changes nothing');
  });

  it('5 wrong tries kill the code; the right code is refused afterwards (429 too-many-attempts)', async () => {
    const h = await setup();
    const { b, id } = await startVerify(h);
    const code = await h.latestCode(SEED.operator.mobile);
    for (let i = 1; i <= 4; i++) {
      const p = assertProblem(
        await b.verify('mobile', id, { code: wrong(code, i) }),
        'invalid-code',
        `try ${i}`,
      );
      assert.equal(p.attemptsRemaining, 5 - i);
    }
    const fifth = await b.verify('mobile', id, { code: wrong(code, 5) });
    assert.ok(fifth.problem, `5th wrong try answered ${fifth.status}`);
    assert.ok(['invalid-code', 'too-many-attempts'].includes(fifth.problem.code), fifth.problem.code);
    if (fifth.problem.code === 'invalid-code') assert.equal(fifth.problem.attemptsRemaining, 0);

    assertProblem(await b.verify('mobile', id, { code }), 'too-many-attempts', 'right code after 5 wrong');
    assert.equal((await h.user('operator')).mobile.verified, false);
  });

  it('resend only after the 60 s cooldown (429 cooldown with Retry-After)', async () => {
    const h = await setup();
    const { b, id } = await startVerify(h);
    const early = await b.resend('mobile', id);
    const p = assertProblem(early, 'cooldown');
    assert.equal(p.retryAfterSeconds, 60);
    assert.equal(early.headers.get('Retry-After'), '60');

    h.advance(59 * SECOND);
    const stillEarly = await b.resend('mobile', id);
    assert.equal(assertProblem(stillEarly, 'cooldown').retryAfterSeconds, 1);

    h.advance(SECOND);
    const ok = await b.resend('mobile', id);
    assertStatus(ok, 200, 'resend at 60 s');
    assert.equal(Date.parse(ok.body.resendAvailableAt) - h.now(), 60 * SECOND);
    assert.equal((await h.messagesTo(SEED.operator.mobile)).length, 2);
  });

  it('after a resend only the latest code is valid', async () => {
    const h = await setup();
    const { b, id } = await startVerify(h);
    const first = await h.latestCode(SEED.operator.mobile);
    h.advance(60 * SECOND);
    assertStatus(await b.resend('mobile', id), 200);
    const second = await h.latestCode(SEED.operator.mobile);
    if (first !== second) {
      assertProblem(await b.verify('mobile', id, { code: first }), 'invalid-code', 'the superseded code');
    }
    assertStatus(await b.verify('mobile', id, { code: second }), 200, 'the latest code');
    assert.equal((await h.user('operator')).mobile.verified, true);
  });

  it('a resend does not reset the failure count', async () => {
    const h = await setup();
    const { b, id } = await startVerify(h);
    const code = await h.latestCode(SEED.operator.mobile);
    for (let i = 1; i <= 3; i++)
      assertProblem(await b.verify('mobile', id, { code: wrong(code, i) }), 'invalid-code');
    h.advance(60 * SECOND);
    const resent = await b.resend('mobile', id);
    assertStatus(resent, 200);
    assert.equal(resent.body.attemptsRemaining, 2);
    const latest = await h.latestCode(SEED.operator.mobile);
    const p = assertProblem(await b.verify('mobile', id, { code: wrong(latest) }), 'invalid-code');
    assert.equal(p.attemptsRemaining, 1);
  });

  it('at most 5 sends per destination per hour (429 rate-limited with Retry-After), counting resends', async () => {
    const h = await setup();
    const b = await h.signedIn('operator');
    const start = h.now();
    const a = await b.challenge('mobile', { purpose: 'verify' });
    assertStatus(a, 201, 'send 1');
    let id = a.body.id;
    for (let i = 2; i <= 5; i++) {
      h.advance(60 * SECOND);
      // sends 2, 3 and 5 are resends; send 4 is a new challenge to the same number (it supersedes the first)
      const res = i === 4 ? await b.challenge('mobile', { purpose: 'verify' }) : await b.resend('mobile', id);
      assert.ok(res.status === 200 || res.status === 201, `send ${i}: ${res.status} ${res.text}`);
      id = res.body.id;
    }
    assert.equal((await h.messagesTo(SEED.operator.mobile)).length, 5);

    h.advance(60 * SECOND);
    const sixth = await b.challenge('mobile', { purpose: 'verify' });
    const p = assertProblem(sixth, 'rate-limited', 'send 6 (new challenge)');
    const retryAfter = Number(sixth.headers.get('Retry-After'));
    assert.ok(retryAfter > 0 && retryAfter <= 3600, `Retry-After ${sixth.headers.get('Retry-After')}`);
    assert.equal(p.retryAfterSeconds, retryAfter);
    assert.equal(
      start + 3600 * SECOND - h.now(),
      retryAfter * SECOND,
      'Retry-After points at the hour’s end',
    );
    assert.equal((await h.messagesTo(SEED.operator.mobile)).length, 5, 'nothing sent');
    assertProblem(await b.resend('mobile', id), 'rate-limited', 'send 6 (resend)');

    h.advance(retryAfter * SECOND);
    const fresh = await h.signedIn('operator'); // the old session idled out meanwhile
    assertStatus(await fresh.challenge('mobile', { purpose: 'verify' }), 201, 'after Retry-After');
  });

  it('account-level cap: after 20 wrong codes in an hour even a right code is refused (429)', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    for (let c = 0; c < 4; c++) {
      const to = newEmail('cap');
      const { challenge, stepUpToken } = await b.startChange('email', to);
      const code = await h.latestCode(to);
      for (let i = 1; i <= 5; i++)
        await b.verify('email', challenge.id, { code: wrong(code, i), stepUpToken });
      h.advance(61 * SECOND);
    }
    const to = newEmail('cap');
    const stepUpToken = await b.stepUp();
    const res = await b.challenge('email', { purpose: 'change', value: to, stepUpToken });
    let refused: typeof res | Awaited<ReturnType<Browser['verify']>> = res;
    if (res.status === 201) {
      refused = await b.verify('email', res.body.id, { code: await h.latestCode(to), stepUpToken });
    }
    assert.equal(refused.status, 429, `21st attempt: ${refused.status} ${refused.text}`);
    assert.ok(
      refused.problem &&
        ['too-many-attempts', 'account-locked', 'rate-limited'].includes(refused.problem.code),
    );
    assert.ok((refused.problem.retryAfterSeconds ?? 0) > 0, 'says when to try again');
    assert.equal((await h.user('admin')).email.value, SEED.admin.email);

    h.advance(61 * MINUTE);
    const fresh = await h.signedIn('admin'); // the old session idled out meanwhile
    const later = newEmail('cap');
    const again = await fresh.startChange('email', later);
    const ok = await fresh.verify('email', again.challenge.id, {
      code: await h.latestCode(later),
      stepUpToken: again.stepUpToken,
    });
    assertStatus(ok, 200, 'after the cool-off');
  });

  it('20 parallel verifies of the right code → exactly one success', async () => {
    const { h, b, to, challenge, stepUpToken, code } = await emailChange('race');
    const before = (await h.outbox()).length;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => b.verify('email', challenge.id, { code, stepUpToken })),
    );
    const statuses = results.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 200).length, 1, `statuses: ${statuses.join(',')}`);
    assert.ok(
      statuses.every((s) => s === 200 || (s >= 400 && s < 500)),
      statuses.join(','),
    );
    assert.equal((await h.outbox()).length - before, 1, 'exactly one notice to the old address');
    assert.equal((await h.user('admin')).email.value, to);
  });

  it('a code is never in any API response or header — only in the dev outbox', async () => {
    const { h, b, to, challenge, stepUpToken } = await emailChange('leak');
    await b.verify('email', challenge.id, { code: '000000', stepUpToken });
    h.advance(60 * SECOND);
    assertStatus(await b.resend('email', challenge.id, { stepUpToken }), 200);
    await b.info();
    await b.verify('email', challenge.id, { code: await h.latestCode(to), stepUpToken });
    const op = await h.signedIn('operator');
    const v = await op.challenge('mobile', { purpose: 'verify' });
    await op.verify('mobile', v.body.id, { code: await h.latestCode(SEED.operator.mobile) });
    await op.info();
    await op.sessions();

    const codes = await h.allCodes();
    assert.ok(codes.length >= 3);
    const seen = [...b.transcript, ...op.transcript].join('\n');
    for (const code of codes) assert.ok(!seen.includes(code), `code ${code} appeared in an API response`);
  });

  it('a code is never logged', async (t) => {
    const logged: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      t.mock.method(console, method, (...args: unknown[]) => {
        logged.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      });
    }
    const h = await setup();
    const op = await h.signedIn('operator');
    const v = await op.challenge('mobile', { purpose: 'verify' });
    await op.verify('mobile', v.body.id, { code: '000000' });
    await op.verify('mobile', v.body.id, { code: await h.latestCode(SEED.operator.mobile) });
    const codes = await h.allCodes();
    t.mock.restoreAll();
    for (const code of codes) assert.ok(!logged.join('\n').includes(code), `code ${code} was logged`);
  });

  it('codes are stored only hashed: no code string in the db (outside the dev outbox)', async () => {
    const { h, b, challenge, stepUpToken } = await emailChange('hash');
    h.advance(60 * SECOND);
    assertStatus(await b.resend('email', challenge.id, { stepUpToken }), 200);
    const op = await h.signedIn('operator');
    assertStatus(await op.challenge('mobile', { purpose: 'verify' }), 201);

    const codes = await h.allCodes();
    assert.equal(codes.length, 3);
    const db = h.dbTextWithoutOutbox();
    for (const code of codes) assert.ok(!db.includes(code), `code ${code} stored in clear`);
  });

  it('a code is bound to the session that asked for it', async () => {
    const h = await setup();
    const a = await h.signedIn('admin');
    const other = await h.signedIn('admin');
    const to = newEmail('bound');
    const { challenge, stepUpToken } = await a.startChange('email', to);
    const code = await h.latestCode(to);

    const otherToken = await other.stepUp();
    for (const token of [stepUpToken, otherToken]) {
      const res = await other.verify('email', challenge.id, { code, stepUpToken: token });
      assert.ok(res.status >= 400 && res.status < 500, `another session verified: ${res.status}`);
    }
    assert.equal((await h.user('admin')).email.value, SEED.admin.email);
    assertStatus(await a.verify('email', challenge.id, { code, stepUpToken }), 200, 'own session');
    assert.equal((await h.user('admin')).email.value, to);
  });

  it('a code is bound to its contact kind: the email challenge cannot be verified as mobile', async () => {
    const { h, b, challenge, stepUpToken, code } = await emailChange('kind');
    const res = await b.verify('mobile', challenge.id, { code, stepUpToken });
    assertProblem(res, 'not-found');
    const user = await h.user('admin');
    assert.equal(user.mobile.value, SEED.admin.mobile);
    assert.equal(user.email.value, SEED.admin.email);
  });

  it('a code is bound to its purpose: a verify code gives no step-up token, a step-up code verifies nothing', async () => {
    const h = await setup();
    const op = await h.signedIn('operator');
    const v = await op.codeChallenge('mobile', 'verify', SEED.operator.mobile);
    const asStepUp = await op.stepUpRaw({ method: 'code', challengeId: v.challenge.id, code: v.code });
    assert.ok(
      asStepUp.status >= 400 && asStepUp.status < 500,
      `verify code used for step-up: ${asStepUp.status}`,
    );

    const sso = await h.signedIn('sso.user');
    const s = await sso.codeChallenge('email', 'step-up', SEED.sso.email);
    const asVerify = await sso.verify('email', s.challenge.id, { code: s.code });
    assert.ok(
      asVerify.status >= 400 && asVerify.status < 500,
      `step-up code verified a contact: ${asVerify.status}`,
    );
    const ssoUser = await h.user('sso.user');
    assert.equal(ssoUser.email.value, SEED.sso.email);
    assert.equal(ssoUser.email.pending, null);
  });

  it('codes and challenge ids never travel in a URL query', async () => {
    const h = await setup();
    const { b, id } = await startVerify(h);
    const code = await h.latestCode(SEED.operator.mobile);
    const res = await b.request('POST', `${API}/me/contacts/mobile/challenges/${id}/verify?code=${code}`, {
      json: {},
    });
    assertProblem(res, 'validation-failed');
    assert.equal((await h.user('operator')).mobile.verified, false);
  });
});
