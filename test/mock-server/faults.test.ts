/**
 * SPEC §2 "If codes cannot be sent" and §5 "Storage" / test affordances: a channel that is off, a slow
 * provider (bounded wait), failing writes (503, state rolled back, nothing acknowledged that was not saved).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertProblem, assertStatus, emailChange, newEmail, SEED, setup } from './helpers.js';

describe('notification channels', () => {
  it('email off → 503 notification-not-configured with the channel; nothing pending, nothing sent', async () => {
    const h = await setup();
    await h.channel('email', false);
    const b = await h.signedIn('admin');
    const stepUpToken = await b.stepUp();
    const to = newEmail();
    const res = await b.challenge('email', { purpose: 'change', value: to, stepUpToken });
    const p = assertProblem(res, 'notification-not-configured');
    assert.equal(p.channel, 'email');
    assert.ok(p.detail && /administrator/i.test(p.detail), `actionable detail: ${p.detail}`);
    assert.equal((await h.user('admin')).email.pending, null);
    assert.equal((await b.personalInfo()).email.pending, null);
    assert.equal((await h.outbox()).length, 0);

    await h.channel('email', true);
    assertStatus(
      await b.challenge('email', { purpose: 'change', value: to, stepUpToken }),
      201,
      'a refused send starts no cooldown',
    );
  });

  it('mobile off → 503 notification-not-configured with channel mobile (verify, change and resend)', async () => {
    const h = await setup();
    const op = await h.signedIn('operator');
    const started = await op.challenge('mobile', { purpose: 'verify' });
    assertStatus(started, 201);
    await h.channel('mobile', false);
    h.advance(60_000);
    assert.equal(
      assertProblem(await op.resend('mobile', started.body.id), 'notification-not-configured').channel,
      'mobile',
    );
    assert.equal(
      assertProblem(await op.challenge('mobile', { purpose: 'verify' }), 'notification-not-configured')
        .channel,
      'mobile',
    );
    const admin = await h.signedIn('admin');
    const stepUpToken = await admin.stepUp();
    const change = await admin.changeChallenge('mobile', '07400 123456', stepUpToken, 'GB');
    assert.equal(assertProblem(change, 'notification-not-configured').channel, 'mobile');
    assert.equal((await h.user('admin')).mobile.pending, null);
    assert.equal((await h.outbox()).length, 1, 'only the first code went out');
  });

  it('a third-party step-up with the mail server off → 503 notification-not-configured', async () => {
    const h = await setup();
    await h.channel('email', false);
    const b = await h.signedIn('sso.user');
    assert.equal(
      assertProblem(await b.challenge('email', { purpose: 'step-up' }), 'notification-not-configured')
        .channel,
      'email',
    );
  });

  it('a slow provider → 503 notification-failed within the configured wait; nothing pending', async () => {
    const h = await setup({ notifyTimeoutMs: 50 });
    await h.channel('email', true, 3000);
    const b = await h.signedIn('admin');
    const stepUpToken = await b.stepUp();
    const to = newEmail('slow');
    const res = await b.challenge('email', { purpose: 'change', value: to, stepUpToken });
    const p = assertProblem(res, 'notification-failed');
    assert.equal(p.channel, 'email');
    assert.ok(res.ms < 2000, `answered after ${Math.round(res.ms)} ms`);
    assert.equal((await h.user('admin')).email.pending, null);
    assert.equal(
      h.store.data.challenges.filter((c) => c.state === 'open').length,
      0,
      'no open challenge for a code that was not sent',
    );

    await h.channel('email', true, 0);
    assertStatus(
      await b.challenge('email', { purpose: 'change', value: to, stepUpToken }),
      201,
      'after recovery',
    );
  });
});

describe('failing writes', () => {
  it('PATCH → 503 storage-unavailable and the in-memory state is rolled back', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const info = await b.personalInfo();
    const before = JSON.stringify(h.store.data);
    await h.faults(true);
    const res = await b.patchInfo(
      { welcomeMessage: 'lost', sessionLimit: { max: 1, policy: 'deny' } },
      info.etag,
    );
    assertProblem(res, 'storage-unavailable');
    assert.equal(JSON.stringify(h.store.data), before, 'state rolled back');
    await h.faults(false);
    const after = await b.personalInfo();
    assert.equal(after.welcomeMessage, '');
    assert.equal(after.sessionLimit, null);
    assert.equal(after.version, info.version, 'the version did not move');
    assertStatus(await b.patchInfo({ welcomeMessage: 'saved' }, info.etag), 200);
  });

  it('login while writes fail → 503, no session and no cookie', async () => {
    const h = await setup();
    await h.faults(true);
    const b = h.browser();
    assertProblem(await b.loginRaw('admin'), 'storage-unavailable');
    assert.equal(b.cookie, null);
    assert.equal(h.store.data.sessions.length, 0);
  });

  it('verify while writes fail → 503; the contact is unchanged and the code still works afterwards', async () => {
    const { h, b, to, challenge, stepUpToken, code } = await emailChange('fault');
    await h.faults(true);
    assertProblem(await b.verify('email', challenge.id, { code, stepUpToken }), 'storage-unavailable');
    const stored = h.store.data.users.find((u) => u.username === 'admin');
    assert.equal(stored?.email.value, SEED.admin.email);
    assert.equal(stored?.email.verified, true);
    await h.faults(false);
    assertStatus(
      await b.verify('email', challenge.id, { code, stepUpToken }),
      200,
      'the rolled-back code is intact',
    );
    assert.equal((await h.user('admin')).email.value, to);
  });

  it('a challenge while writes fail → 503; nothing pending', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const stepUpToken = await b.stepUp();
    await h.faults(true);
    const res = await b.challenge('email', { purpose: 'change', value: newEmail(), stepUpToken });
    assertProblem(res, 'storage-unavailable');
    await h.faults(false);
    assert.equal((await h.user('admin')).email.pending, null);
  });

  it('the 503 says nothing about internals (no stack trace)', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    await h.faults(true);
    const res = await b.patchInfo({ welcomeMessage: 'x' });
    assertProblem(res, 'storage-unavailable');
    assert.ok(!/\bat .+:\d+:\d+|simulated|Error:/i.test(res.text), res.text);
  });
});
