/**
 * SPEC §2 "Mobile number" / "Email address" and §5 "Contact change": masked values only, a change is
 * pending until its code is verified, the old contact is told, verified status is set only by the server.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertProblem, assertStatus, emailChange, newEmail, SECOND, SEED, setup } from './helpers.js';

describe('contacts', () => {
  it('GET personal-info shows contacts masked, with verified badges', async () => {
    const h = await setup();
    const admin = await (await h.signedIn('admin')).personalInfo();
    assert.deepEqual(admin.mobile, {
      kind: 'mobile',
      masked: SEED.admin.mobileMasked,
      verified: true,
      pending: null,
    });
    assert.deepEqual(admin.email, {
      kind: 'email',
      masked: SEED.admin.emailMasked,
      verified: true,
      pending: null,
    });
    const op = await (await h.signedIn('operator')).personalInfo();
    assert.equal(op.mobile.verified, false);
    assert.equal(op.mobile.masked, '+86 139****1111');
    assert.deepEqual(op.email, { kind: 'email', masked: null, verified: false, pending: null });
  });

  it('masked values only: no full number or address in any response text', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const newMobile = '07400 123456';
    const newMobileE164 = '+447400123456';
    const newAddress = newEmail('private');
    await b.personalInfo();
    await b.sessions();
    const m = await b.startChange('mobile', newMobile, 'GB');
    await b.info();
    await b.verify('mobile', m.challenge.id, {
      code: await h.latestCode(newMobileE164),
      stepUpToken: m.stepUpToken,
    });
    const e = await b.startChange('email', newAddress);
    await b.info();
    await b.verify('email', e.challenge.id, {
      code: await h.latestCode(newAddress),
      stepUpToken: e.stepUpToken,
    });
    await b.info();
    const again = h.browser();
    await again.login('admin');
    await again.personalInfo();

    const seen = [...b.transcript, ...again.transcript].join('\n');
    const secrets = [
      SEED.admin.mobile,
      '13812345678',
      SEED.admin.email,
      newMobileE164,
      '7400123456',
      newAddress,
    ];
    for (const secret of secrets) assert.ok(!seen.includes(secret), `"${secret}" appeared in a response`);
    assert.ok(seen.includes(SEED.admin.mobileMasked), 'sanity: the masked value is there');
  });

  it('a changed contact is pending until verified: GET shows the old masked value plus a pending flag', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const to = 'jane.doe@example.net';
    const { challenge } = await b.startChange('email', to);
    const info = await b.personalInfo();
    assert.equal(info.email.masked, SEED.admin.emailMasked);
    assert.equal(info.email.verified, true);
    assert.ok(info.email.pending, 'pending flag');
    assert.equal(info.email.pending.masked, 'j***e@example.net');
    assert.equal(info.email.pending.expiresAt, challenge.expiresAt);

    const stored = await h.user('admin');
    assert.equal(stored.email.value, SEED.admin.email, 'the old value is still the contact');
    assert.equal(stored.email.verified, true);
    assert.equal(stored.email.pending?.value, to);
  });

  it('a pending change carries its challenge for its session; a dead one is refused a new code before any step-up', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const to = 'resume.me@example.net';
    const { challenge, stepUpToken } = await b.startChange('email', to);
    assert.deepEqual((await b.personalInfo()).email.pending?.challenge, challenge);
    for (let i = 0; i < 5; i++) await b.verify('email', challenge.id, { code: '000000', stepUpToken });
    assert.equal((await b.personalInfo()).email.pending, null, 'dead after 5 wrong codes: nothing to resume');
    h.advance(61 * SECOND);
    // No identity check is asked for a code that cannot be sent anyway.
    assertProblem(await b.resend('email', challenge.id), 'too-many-attempts');
    assertProblem(await b.resend('email', challenge.id, { stepUpToken }), 'too-many-attempts');
    assert.equal((await h.messagesTo(to)).length, 1, 'no second code');
    assertProblem(await b.resend('email', challenge.id, { stepUpToken, extra: true }), 'validation-failed');
  });

  it('on success the new contact is saved verified and the old one gets a notice without a code', async () => {
    const { h, b, to, challenge, stepUpToken, code } = await emailChange('moved');
    const before = (await h.messagesTo(SEED.admin.email)).length;
    const res = await b.verify('email', challenge.id, { code, stepUpToken });
    assertStatus(res, 200);
    const body = res.body as {
      contact: { masked: string; verified: boolean; pending: unknown };
      version: string;
    };
    assert.equal(body.contact.verified, true);
    assert.equal(body.contact.pending, null);
    assert.notEqual(body.contact.masked, SEED.admin.emailMasked);

    const notices = (await h.messagesTo(SEED.admin.email)).slice(before);
    assert.equal(notices.length, 1, 'one notice to the old address');
    assert.equal(notices[0]?.code, null);
    assert.ok(!/\b\d{6}\b/.test(notices[0]?.text ?? ''), 'no code-like number in the notice');
    assert.ok(!(notices[0]?.text ?? '').includes(to), 'the notice does not disclose the new full address');

    const stored = await h.user('admin');
    assert.deepEqual(stored.email, { value: to, verified: true, pending: null });
    const info = await b.personalInfo();
    assert.equal(info.version, body.version);
    assert.deepEqual(info.email, body.contact);
  });

  it('a mobile change is validated for the region and stored as E.164; the old number gets a notice', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const stepUpToken = await b.stepUp();
    const landline = await b.changeChallenge('mobile', '020 7946 0000', stepUpToken, 'GB');
    assertProblem(landline, 'validation-failed', 'a GB landline is not a mobile number');
    const invalid = await b.changeChallenge('mobile', '12345', stepUpToken, 'GB');
    assertProblem(invalid, 'validation-failed', 'too short for GB');

    const res = await b.changeChallenge('mobile', '07400 123456', stepUpToken, 'GB');
    assertStatus(res, 201);
    assert.equal(res.body.destination, '+44 740****3456');
    const code = await h.latestCode('+447400123456');
    assertStatus(await b.verify('mobile', res.body.id, { code, stepUpToken }), 200);
    assert.deepEqual((await h.user('admin')).mobile, {
      value: '+447400123456',
      verified: true,
      pending: null,
    });
    const notice = (await h.messagesTo(SEED.admin.mobile)).at(-1);
    assert.ok(notice);
    assert.equal(notice.code, null);
  });

  it('an international (+) number is accepted whatever the region', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const { challenge, stepUpToken } = await b.startChange('mobile', '+44 7400 123456', 'CN');
    assertStatus(
      await b.verify('mobile', challenge.id, { code: await h.latestCode('+447400123456'), stepUpToken }),
      200,
    );
    assert.equal((await h.user('admin')).mobile.value, '+447400123456');
  });

  it('changing to the current value is refused (same-value)', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const stepUpToken = await b.stepUp();
    assertProblem(
      await b.challenge('email', { purpose: 'change', value: SEED.admin.email, stepUpToken }),
      'same-value',
    );
    assertProblem(
      await b.challenge('mobile', { purpose: 'change', value: '138 1234 5678', region: 'CN', stepUpToken }),
      'same-value',
    );
  });

  it('emails are length-limited and CRLF-free', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const stepUpToken = await b.stepUp();
    for (const value of [
      'x@example.com\r\nBcc: evil@example.com',
      `${'a'.repeat(250)}@example.com`,
      'not-an-email',
    ]) {
      assertProblem(
        await b.challenge('email', { purpose: 'change', value, stepUpToken }),
        'validation-failed',
        value,
      );
    }
    assert.equal((await h.outbox()).length, 0);
  });

  it('verify sends a code to the current unverified value; already-verified and no-contact are refused', async () => {
    const h = await setup();
    const op = await h.signedIn('operator');
    const res = await op.challenge('mobile', { purpose: 'verify' });
    assertStatus(res, 201);
    assert.equal(res.body.destination, '+86 139****1111');
    assert.equal((await h.messagesTo(SEED.operator.mobile)).length, 1);
    assertProblem(await op.challenge('email', { purpose: 'verify' }), 'no-contact');

    const admin = await h.signedIn('admin');
    assertProblem(await admin.challenge('mobile', { purpose: 'verify' }), 'already-verified');
  });

  it('verified status is set only by the server: clients cannot send it', async () => {
    const h = await setup();
    const op = await h.signedIn('operator');
    const before = await h.user('operator');
    const attempts = [
      await op.patchInfo({ mobile: { verified: true } }),
      await op.patchInfo({ welcomeMessage: 'hi', mobileVerified: true }),
      await op.challenge('mobile', { purpose: 'verify', verified: true }),
    ];
    for (const res of attempts) assertProblem(res, 'validation-failed');
    const after = await h.user('operator');
    assert.equal(after.mobile.verified, false);
    assert.deepEqual(after, before);
  });
});
