/**
 * SPEC §2 "Auto-logout" and "Max. online sessions", §5 "Sessions": idle timeout enforced by the server
 * (passive requests do not count), 12 h absolute lifetime, session limits at login, logout and replacement
 * really end a session, concurrent logins at limit 1 are serialized.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  API,
  assertProblem,
  assertStatus,
  type Browser,
  type Harness,
  MINUTE,
  SECOND,
  setup,
} from './helpers.js';

async function setLimit(h: Harness, limit: unknown): Promise<void> {
  const b = await h.signedIn('admin');
  assertStatus(await b.patchInfo({ sessionLimit: limit }), 200, 'set the session limit');
  await b.logout();
}

async function loginMany(h: Harness, n: number): Promise<Browser[]> {
  const out: Browser[] = [];
  for (let i = 0; i < n; i++) out.push(await h.signedIn('admin'));
  return out;
}

describe('session cookie', () => {
  it('login sets a 128-bit random psid cookie, HttpOnly and SameSite=Lax', async () => {
    const h = await setup();
    const a = await h.signedIn('admin');
    const b = await h.signedIn('admin');
    assert.ok(a.lastSetCookie);
    assert.match(a.lastSetCookie, /;\s*HttpOnly/i);
    assert.match(a.lastSetCookie, /;\s*SameSite=Lax/i);
    assert.match(a.lastSetCookie, /;\s*Path=\//i);
    assert.match(a.cookie ?? '', /^[A-Za-z0-9_-]{22,}$/, '≥ 128 bits, base64url');
    assert.notEqual(a.cookie, b.cookie);
    assert.ok(!h.dbTextWithoutOutbox().includes(a.cookie ?? '-'), 'the cookie token is stored only hashed');
  });

  it('no cookie → 401 unauthenticated; a forged cookie → 401 unauthenticated', async () => {
    const h = await setup();
    const b = h.browser();
    assertProblem(await b.info(), 'unauthenticated');
    b.cookie = 'AAAAAAAAAAAAAAAAAAAAAA';
    assertProblem(await b.info(), 'unauthenticated');
    b.cookie = 'x'.repeat(5000);
    assertProblem(await b.info(), 'unauthenticated');
  });

  it('logout really ends the session: the old cookie is refused afterwards', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const old = b.cookie;
    assertStatus(await b.logout(), 204);
    assert.equal(b.cookie, null, 'logout clears the cookie');
    b.cookie = old;
    const res = await b.info();
    assert.equal(res.status, 401, res.text);
  });

  it('ending another session (DELETE /me/sessions/:id) really ends it', async () => {
    const h = await setup();
    const a = await h.signedIn('admin');
    const other = await h.signedIn('admin');
    const list = await a.sessions();
    assertStatus(list, 200);
    assert.equal(list.body.sessions.length, 2);
    assert.equal(list.body.sessions.filter((s) => s.current).length, 1);
    const target = list.body.sessions.find((s) => !s.current);
    assert.ok(target);
    assertStatus(await a.del(`${API}/me/sessions/${target.id}`), 204);
    assert.equal((await other.info()).status, 401);
    assertStatus(await a.info(), 200, 'the current session is untouched');
  });

  it('a user cannot end another user’s session (404)', async () => {
    const h = await setup();
    const admin = await h.signedIn('admin');
    const op = await h.signedIn('operator');
    const opSession = (await op.sessions()).body.sessions[0];
    assert.ok(opSession);
    assertProblem(await admin.del(`${API}/me/sessions/${opSession.id}`), 'not-found');
    assertStatus(await op.info(), 200);
  });
});

describe('auto-logout', () => {
  it('a session idle longer than the setting gets 401 session-expired', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    h.advance(30 * MINUTE);
    assertStatus(await b.info(), 200, 'idle exactly 30 minutes');
    h.advance(30 * MINUTE + SECOND);
    assertProblem(await b.info(), 'session-expired', 'idle 30:01');
  });

  it('a shorter auto-logout setting is enforced', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    assertStatus(await b.patchInfo({ autoLogoutMinutes: 5 }), 200);
    const fresh = await h.signedIn('admin');
    h.advance(5 * MINUTE + SECOND);
    assertProblem(await fresh.info(), 'session-expired');
  });

  it('auto-logout accepts only the offered minutes', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const info = await b.personalInfo();
    assert.deepEqual(info.autoLogout.options, [5, 10, 15, 30, 60, 120, 240, 480]);
    assert.equal(info.autoLogout.minutes, 30);
    assert.equal(info.autoLogout.editable, true);
    assertProblem(await b.patchInfo({ autoLogoutMinutes: 7 }), 'validation-failed');
    assert.equal((await h.user('admin')).autoLogoutMinutes, 30);
  });

  it('requests marked X-Activity: passive do not keep the session alive', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    h.advance(20 * MINUTE);
    assertStatus(await b.info({ passive: true }), 200, 'passive poll at 20 min');
    assertStatus(await b.sessions({ passive: true }), 200);
    h.advance(10 * MINUTE + SECOND);
    assertProblem(await b.info({ passive: true }), 'session-expired', 'idle 30:01 despite polling');
  });

  it('sessions end after 12 h even when active all the time', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    for (let t = 20; t < 12 * 60; t += 20) {
      h.advance(20 * MINUTE);
      assertStatus(await b.info(), 200, `active at ${t} min`);
    }
    h.advance(20 * MINUTE + SECOND);
    assertProblem(await b.info(), 'session-expired', 'after 12 h');
  });

  it('third-party users: fixed at 30, shown not editable, PATCH refused 403 not-editable', async () => {
    const h = await setup();
    const b = await h.signedIn('sso.user');
    const info = await b.personalInfo();
    assert.deepEqual(
      {
        minutes: info.autoLogout.minutes,
        editable: info.autoLogout.editable,
        reason: info.autoLogout.lockedReason,
      },
      { minutes: 30, editable: false, reason: 'third-party' },
    );
    assertProblem(await b.patchInfo({ autoLogoutMinutes: 60 }, info.etag), 'not-editable');
    assertProblem(
      await b.patchInfo({ autoLogoutMinutes: 30, welcomeMessage: 'x' }, info.etag),
      'not-editable',
    );
    const stored = await h.user('sso.user');
    assert.equal(stored.autoLogoutMinutes, 30);
    assert.equal(stored.welcomeMessage, '');
    h.advance(30 * MINUTE + SECOND);
    assertProblem(await b.info(), 'session-expired');
  });
});

describe('max. online sessions', () => {
  it('unlimited by default', async () => {
    const h = await setup();
    const sessions = await loginMany(h, 10);
    assert.equal((await sessions[0]!.personalInfo()).sessionLimit, null);
    for (const s of sessions) assertStatus(await s.info(), 200);
  });

  it('deny: a login beyond the limit gets 409 session-limit-reached; the open session keeps working', async () => {
    const h = await setup();
    const a = await h.signedIn('admin');
    assertStatus(await a.patchInfo({ sessionLimit: { max: 1, policy: 'deny' } }), 200);
    const b = h.browser();
    assertProblem(await b.loginRaw('admin'), 'session-limit-reached');
    assert.equal(b.cookie, null);
    assertStatus(await a.info(), 200);
  });

  it('deny at 3: the fourth login is refused', async () => {
    const h = await setup();
    await setLimit(h, { max: 3, policy: 'deny' });
    await loginMany(h, 3);
    assertProblem(await h.browser().loginRaw('admin'), 'session-limit-reached');
  });

  it('log-out: the old session is ended (401 session-replaced) and the new login gets in', async () => {
    const h = await setup();
    await setLimit(h, { max: 1, policy: 'log-out' });
    const old = await h.signedIn('admin');
    const res = await h.browser().loginRaw('admin');
    assertStatus(res, 200);
    assert.equal(res.body.replacedSessions, 1);
    assertProblem(await old.info(), 'session-replaced');
  });

  it('log-out with several open sessions ends every one of them (session-replaced) to fit the new login under 1', async () => {
    const h = await setup();
    const [a, b, c] = await loginMany(h, 3);
    assert.ok(a && b && c);
    h.advance(MINUTE);
    assertStatus(await c.patchInfo({ sessionLimit: { max: 1, policy: 'log-out' } }), 200);
    h.advance(MINUTE);
    assertStatus(await a.info(), 200); // a is now the most recently active
    const d = h.browser();
    const res = await d.loginRaw('admin');
    assertStatus(res, 200);
    assert.equal(res.body.replacedSessions, 3, 'all three must go to get under a maximum of 1');
    for (const s of [a, b, c]) assertProblem(await s.info(), 'session-replaced');
    assertStatus(await d.info(), 200);
  });

  it('a new limit applies from the next login and does not end sessions already open', async () => {
    const h = await setup();
    const open = await loginMany(h, 3);
    assertStatus(await open[0]!.patchInfo({ sessionLimit: { max: 1, policy: 'deny' } }), 200);
    for (const s of open) assertStatus(await s.info(), 200, 'still open');
    assertProblem(await h.browser().loginRaw('admin'), 'session-limit-reached');
  });

  it('expired sessions never count toward the limit', async () => {
    const h = await setup();
    await setLimit(h, { max: 1, policy: 'deny' });
    const idle = await h.signedIn('admin');
    h.advance(31 * MINUTE);
    const fresh = await h.browser().loginRaw('admin');
    assertStatus(fresh, 200, 'the idle-expired session does not count');
    assert.equal((await idle.info()).status, 401);

    const h2 = await setup();
    await setLimit(h2, { max: 1, policy: 'log-out' });
    await h2.signedIn('admin');
    h2.advance(31 * MINUTE);
    const next = await h2.browser().loginRaw('admin');
    assertStatus(next, 200);
    assert.equal(next.body.replacedSessions, 0, 'an expired session is not "replaced"');
  });

  it('an idle session still hears session-expired after another login pruned it', async () => {
    const h = await setup();
    const idle = await h.signedIn('admin');
    h.advance(31 * MINUTE);
    await h.signedIn('admin');
    assertProblem(await idle.info(), 'session-expired', 'the tab left idle must learn why it was signed out');
  });

  it('a logged-out session does not count toward the limit', async () => {
    const h = await setup();
    await setLimit(h, { max: 1, policy: 'deny' });
    const a = await h.signedIn('admin');
    await a.logout();
    assertStatus(await h.browser().loginRaw('admin'), 200);
  });

  it('max above 1 with log-out is refused (400), as are values outside 1–500', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const bad = [
      { max: 2, policy: 'log-out' },
      { max: 0, policy: 'deny' },
      { max: 501, policy: 'deny' },
      { max: 1.5, policy: 'deny' },
      { max: 1, policy: 'kick' },
      { max: 1 },
      { max: '1', policy: 'deny' },
    ];
    for (const sessionLimit of bad) {
      const res = await b.patchInfo({ sessionLimit });
      assertProblem(res, 'validation-failed', JSON.stringify(sessionLimit));
      assert.ok(
        res.problem?.fieldErrors &&
          Object.keys(res.problem.fieldErrors).some((k) => k.startsWith('sessionLimit')),
      );
    }
    assert.equal((await h.user('admin')).sessionLimit, null);
    for (const sessionLimit of [{ max: 500, policy: 'deny' }, { max: 1, policy: 'log-out' }, null]) {
      assertStatus(await b.patchInfo({ sessionLimit }), 200, JSON.stringify(sessionLimit));
      assert.deepEqual((await h.user('admin')).sessionLimit, sessionLimit);
    }
  });

  it('50 parallel logins at limit 1 (deny) → exactly one winner', async () => {
    const h = await setup();
    await setLimit(h, { max: 1, policy: 'deny' });
    const browsers = Array.from({ length: 50 }, () => h.browser());
    const results = await Promise.all(browsers.map((b) => b.loginRaw('admin')));
    const statuses = results.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 200).length, 1, `statuses: ${statuses.join(',')}`);
    assert.equal(statuses.filter((s) => s === 409).length, 49);
    const live = h.store.data.sessions.filter((s) => s.userId === 'u-admin' && s.status === 'active');
    assert.equal(live.length, 1);
  });

  it('50 parallel logins at limit 1 (log-out) → one session left standing', async () => {
    const h = await setup();
    await setLimit(h, { max: 1, policy: 'log-out' });
    const browsers = Array.from({ length: 50 }, () => h.browser());
    const results = await Promise.all(browsers.map((b) => b.loginRaw('admin')));
    assert.ok(results.every((r) => r.status === 200));
    const alive = await Promise.all(browsers.map((b) => b.info()));
    assert.equal(alive.filter((r) => r.status === 200).length, 1);
    assert.equal(alive.filter((r) => r.problem?.code === 'session-replaced').length, 49);
  });
});
