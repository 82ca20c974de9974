/**
 * SPEC §2 "Welcome message", §3 `PATCH /me/personal-info` (If-Match, 412) and §5 "Input": the welcome
 * message rules, optimistic concurrency, unknown fields rejected and never stored.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { API, assertProblem, assertStatus, newEmail, setup } from './helpers.js';

/** The opaque tag inside an entity-tag (`"7"` → `7`). */
const opaque = (etag: string): string => etag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');

describe('welcome message', () => {
  it('the welcome message is returned at the next login', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const text = 'Hello, admin.\nMaintenance window: Sunday 02:00–04:00 <b>not bold</b>';
    assertStatus(await b.patchInfo({ welcomeMessage: text }), 200);
    const login = await h.browser().login('admin');
    assert.equal(login.welcomeMessage, text);
    assert.equal((await b.personalInfo()).welcomeMessage, text);
  });

  it('at most 512 characters', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    assertStatus(await b.patchInfo({ welcomeMessage: 'x'.repeat(512) }), 200, '512');
    const res = await b.patchInfo({ welcomeMessage: 'y'.repeat(513) });
    const p = assertProblem(res, 'validation-failed', '513');
    assert.ok(p.fieldErrors?.welcomeMessage?.length, JSON.stringify(p.fieldErrors));
    assert.equal((await h.user('admin')).welcomeMessage, 'x'.repeat(512));
  });

  it('control characters other than newline are refused', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    for (const ch of ['\u0000', '\t', '\r', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b']) {
      const res = await b.patchInfo({ welcomeMessage: `a${ch}b` });
      assertProblem(res, 'validation-failed', JSON.stringify(ch));
    }
    assert.equal((await h.user('admin')).welcomeMessage, '');
    assertStatus(await b.patchInfo({ welcomeMessage: 'line 1\nline 2\n\nline 4' }), 200, 'newlines are fine');
  });

  it('an empty message clears it', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    assertStatus(await b.patchInfo({ welcomeMessage: 'Hi' }), 200);
    assertStatus(await b.patchInfo({ welcomeMessage: '' }), 200);
    assert.equal((await h.user('admin')).welcomeMessage, '');
    assert.equal((await h.browser().login('admin')).welcomeMessage, '');
  });
});

describe('If-Match', () => {
  it('the ETag header carries the version', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const info = await b.personalInfo();
    assert.match(info.etag, /^"[^"]*"$/, 'a strong entity-tag (RFC 9110)');
    assert.equal(opaque(info.etag), info.version);
    const res = await b.patchInfo({ welcomeMessage: 'v2' }, info.etag);
    assertStatus(res, 200);
    const etag = res.headers.get('ETag');
    assert.ok(etag);
    assert.equal(opaque(etag), res.body.version);
    assert.notEqual(res.body.version, info.version);
  });

  it('PATCH without If-Match → 428 precondition-required', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    assertProblem(await b.patchInfo({ welcomeMessage: 'x' }, null), 'precondition-required');
    assert.equal((await h.user('admin')).welcomeMessage, '');
  });

  it('PATCH with a stale version → 412 version-conflict, nothing changed', async () => {
    const h = await setup();
    const a = await h.signedIn('admin');
    const other = await h.signedIn('admin');
    const seen = await a.personalInfo();
    assertStatus(await other.patchInfo({ welcomeMessage: 'from the other tab' }), 200);
    assertProblem(await a.patchInfo({ welcomeMessage: 'mine' }, seen.etag), 'version-conflict');
    assert.equal((await h.user('admin')).welcomeMessage, 'from the other tab');
  });

  it('a verified contact change bumps the version: an older If-Match is stale', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const seen = await b.personalInfo();
    const to = newEmail();
    const { challenge, stepUpToken } = await b.startChange('email', to);
    const res = await b.verify('email', challenge.id, { code: await h.latestCode(to), stepUpToken });
    assertStatus(res, 200);
    assertProblem(await b.patchInfo({ welcomeMessage: 'x' }, seen.etag), 'version-conflict');
    const now = await b.personalInfo();
    assert.equal(now.version, (res.body as { version: string }).version);
    assertStatus(await b.patchInfo({ welcomeMessage: 'x' }, now.etag), 200);
  });
});

describe('request bodies', () => {
  it('unknown body fields are rejected and never stored', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const before = await h.user('admin');
    const res = await b.patchInfo({ welcomeMessage: 'hi', isAdmin: true, passwordHash: 'x' });
    const p = assertProblem(res, 'validation-failed');
    assert.ok(JSON.stringify(p.fieldErrors).includes('isAdmin'), JSON.stringify(p.fieldErrors));
    assert.deepEqual(await h.user('admin'), before);
    const db = h.dbTextWithoutOutbox();
    assert.ok(!db.includes('isAdmin'));

    assertProblem(
      await h
        .browser()
        .post(`${API}/auth/login`, { username: 'admin', password: 'Passw0rd!', remember: true }),
      'validation-failed',
    );
    const stepUpToken = await b.stepUp();
    assertProblem(
      await b.challenge('email', { purpose: 'change', value: newEmail(), stepUpToken, verified: true }),
      'validation-failed',
    );
    assertProblem(
      await b.stepUpRaw({ method: 'password', password: 'Passw0rd!', extra: 1 }),
      'validation-failed',
    );
  });

  it('an empty PATCH is refused', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    assertProblem(await b.patchInfo({}), 'validation-failed');
  });

  it('a PATCH that fails on one field changes none of them', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const before = await h.user('admin');
    assertProblem(
      await b.patchInfo({
        welcomeMessage: 'ok',
        autoLogoutMinutes: 60,
        sessionLimit: { max: 3, policy: 'log-out' },
      }),
      'validation-failed',
    );
    assert.deepEqual(await h.user('admin'), before);
  });
});
