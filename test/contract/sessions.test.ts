/** GET /me/sessions, DELETE /me/sessions/{id}; the session limit at login; idle and absolute timeouts. */
import assert from 'node:assert/strict';
import { RULES, type SessionLimit } from '../../components/api/contract/index.js';
import {
  apiTest,
  type Browser,
  credentials,
  describe,
  dev,
  devTest,
  expectOk,
  expectProblem,
  type Scope,
} from './harness.js';

const ENDED = ['unauthenticated', 'session-expired', 'session-replaced'] as const;

async function sessions(b: Browser, passive = false) {
  return expectOk(await b.call('listSessions', { passive }), 'listSessions').sessions;
}

async function currentId(b: Browser): Promise<string> {
  const current = (await sessions(b)).filter((x) => x.current);
  assert.equal(current.length, 1, 'exactly one session is the current one');
  return current[0]?.id ?? '';
}

describe('GET /me/sessions and DELETE /me/sessions/{id}', () => {
  apiTest("lists the user's own sessions, the current one marked", async (s) => {
    const a = await s.login('admin', 'a');
    const b = await s.login('admin', 'b');
    const op = await s.login('operator');
    const reply = await a.call('listSessions');
    const list = expectOk(reply, 'listSessions').sessions;
    assert.match(reply.headers.get('Cache-Control') ?? '', /no-store/);
    assert.ok(list.length >= 2, 'both admin sessions are listed');
    const aId = await currentId(a);
    const bId = await currentId(b);
    assert.notEqual(aId, bId);
    assert.ok(list.some((x) => x.id === aId && x.current));
    assert.ok(list.some((x) => x.id === bId && !x.current));
    const opId = await currentId(op);
    assert.ok(!list.some((x) => x.id === opId), "another user's session is not listed");
    for (const x of list) assert.ok(Date.parse(x.lastActiveAt) >= Date.parse(x.createdAt));
  });

  apiTest('ending another session of mine: 204, it is gone and its cookie stops working', async (s) => {
    const a = await s.login('admin', 'a');
    const b = await s.login('admin', 'b');
    const bId = await currentId(b);
    expectOk(await a.call('endSession', { params: { id: bId } }), 'endSession');
    expectProblem(await b.call('getPersonalInfo'), ENDED);
    assert.ok(!(await sessions(a)).some((x) => x.id === bId));
    expectOk(await a.call('getPersonalInfo'), 'getPersonalInfo');
  });

  apiTest('ending the current session signs this browser out', async (s) => {
    const a = await s.login('admin');
    expectOk(await a.call('endSession', { params: { id: await currentId(a) } }), 'endSession');
    expectProblem(await a.call('getPersonalInfo'), ENDED);
  });

  apiTest("an unknown session, or another user's, is 404 not-found (and stays open)", async (s) => {
    const a = await s.login('admin');
    const op = await s.login('operator');
    expectProblem(await a.call('endSession', { params: { id: 'no-such-session' } }), 'not-found');
    expectProblem(await a.call('endSession', { params: { id: await currentId(op) } }), 'not-found');
    expectOk(await op.call('getPersonalInfo'), 'getPersonalInfo');
  });

  apiTest('needs a session: 401 unauthenticated', async (s) => {
    expectProblem(await s.browser().call('listSessions'), 'unauthenticated');
    expectProblem(await s.browser().call('endSession', { params: { id: 'x' } }), 'unauthenticated');
  });
});

/** The admin signed in (browser `label`) with `limit` just set; put back after the test. */
async function adminWithLimit(s: Scope, limit: SessionLimit, label?: string): Promise<Browser> {
  s.restore('admin');
  const a = await s.login('admin', label);
  await a.patch({ sessionLimit: limit });
  return a;
}

/** Another admin login, in a new browser, is refused at the limit. */
async function loginRefused(s: Scope, label: string): Promise<Browser> {
  const b = s.browser(label);
  expectProblem(await b.call('login', { body: credentials('admin') }), 'session-limit-reached');
  return b;
}

describe('the session limit at login', () => {
  apiTest(
    'policy deny: a login beyond the limit is 409 session-limit-reached; open sessions keep working',
    async (s) => {
      const a = await adminWithLimit(s, { max: 1, policy: 'deny' }, 'a');
      const b = await loginRefused(s, 'b');
      expectProblem(await b.call('getPersonalInfo'), 'unauthenticated');
      expectOk(await a.call('getPersonalInfo'), 'getPersonalInfo');

      await a.logout();
      await b.login('admin');
    },
  );

  apiTest('a new limit does not end sessions already open; it applies from the next login', async (s) => {
    s.restore('admin');
    const a = await s.login('admin', 'a');
    const c = await s.login('admin', 'c');
    await a.patch({ sessionLimit: { max: 1, policy: 'deny' } });
    expectOk(await a.call('getPersonalInfo'), 'getPersonalInfo');
    expectOk(await c.call('getPersonalInfo'), 'getPersonalInfo');
    await loginRefused(s, 'd');
  });

  apiTest('the limit is per user: another user still signs in', async (s) => {
    await adminWithLimit(s, { max: 1, policy: 'deny' });
    await s.login('operator');
  });

  apiTest('a limit of 2 lets the second login in and denies the third', async (s) => {
    await adminWithLimit(s, { max: 2, policy: 'deny' }, 'a');
    await s.login('admin', 'b');
    await loginRefused(s, 'c');
  });

  apiTest(
    'policy log-out at 1: the new login gets in, the old session gets 401 session-replaced',
    async (s) => {
      const a = await adminWithLimit(s, { max: 1, policy: 'log-out' }, 'a');
      const b = s.browser('b');
      const login = await b.login('admin');
      assert.equal(login.replacedSessions, 1);
      expectProblem(await a.call('getPersonalInfo'), 'session-replaced');
      expectOk(await b.call('getPersonalInfo'), 'getPersonalInfo');
      const list = await sessions(b);
      assert.equal(list.length, 1, 'only the new session is left');
    },
  );

  apiTest(
    'at limit 1 concurrent logins are serialized: 50 parallel logins → exactly one winner',
    async (s) => {
      const a = await adminWithLimit(s, { max: 1, policy: 'deny' });
      await a.logout();
      const browsers = Array.from({ length: 50 }, (_, i) => s.browser(`parallel ${i + 1}`));
      const replies = await Promise.all(browsers.map((b) => b.call('login', { body: credentials('admin') })));
      const winners = replies.filter((r) => r.status === 200);
      assert.equal(winners.length, 1, `exactly one login wins, got ${winners.length}`);
      for (const r of replies) {
        if (r.status !== 200) expectProblem(r, 'session-limit-reached');
      }
    },
    60_000,
  );

  devTest('expired sessions never count toward the limit', async (s) => {
    const a = await s.login('admin', 'a');
    await a.patch({ sessionLimit: { max: 1, policy: 'deny' } });
    await dev.advance(RULES.defaultAutoLogoutMinutes * 60 + 1);
    const b = await s.login('admin', 'b');
    expectProblem(await a.call('getPersonalInfo'), ['session-expired', 'unauthenticated']);
    assert.equal((await sessions(b)).length, 1, 'an expired session is not listed');
  });
});

describe('idle and absolute session timeouts', () => {
  devTest(
    'idle longer than the auto-logout setting: 401 session-expired; passive requests do not count',
    async (s) => {
      const a = await s.login('admin', 'settings');
      const { data } = await a.info();
      const minutes = Math.min(...data.autoLogout.options);
      await a.patch({ autoLogoutMinutes: minutes });
      const idle = minutes * 60;

      const b = s.browser('b');
      assert.equal((await b.login('admin')).session.idleTimeoutMinutes, minutes);
      await dev.advance(idle - 30);
      expectOk(await b.call('getPersonalInfo'), 'getPersonalInfo'); // activity: the idle timer restarts
      await dev.advance(idle - 30);
      expectOk(await b.call('listSessions'), 'listSessions');

      await dev.advance(idle - 30);
      expectOk(await b.call('getPersonalInfo', { passive: true }), 'getPersonalInfo'); // polling: not activity
      await dev.advance(60);
      const expired = await b.call('getPersonalInfo', { passive: true });
      expectProblem(expired, 'session-expired');
      expectProblem(await b.call('getPersonalInfo'), ['session-expired', 'unauthenticated']);

      await b.login('admin');
      expectOk(await b.call('getPersonalInfo'), 'getPersonalInfo');
    },
  );

  devTest('the default idle timeout is 30 minutes', async (s) => {
    const b = await s.login('operator');
    await dev.advance(RULES.defaultAutoLogoutMinutes * 60 - 10);
    expectOk(await b.call('getPersonalInfo'), 'getPersonalInfo');
    await dev.advance(RULES.defaultAutoLogoutMinutes * 60 + 1);
    expectProblem(await b.call('getPersonalInfo'), 'session-expired');
  });

  devTest('a third-party session also expires after its fixed 30 minutes', async (s) => {
    const b = await s.login('sso.user');
    await dev.advance(RULES.thirdPartyAutoLogoutMinutes * 60 + 1);
    expectProblem(await b.call('getPersonalInfo'), 'session-expired');
  });

  devTest(
    'an active session still ends after its absolute lifetime of 12 hours',
    async (s) => {
      const b = await s.login('operator');
      const step = 25 * 60;
      let elapsed = 0;
      while (elapsed + step < RULES.sessionAbsoluteSeconds) {
        await dev.advance(step);
        elapsed += step;
        expectOk(await b.call('getPersonalInfo'), 'getPersonalInfo');
      }
      await dev.advance(RULES.sessionAbsoluteSeconds - elapsed + 1);
      expectProblem(await b.call('getPersonalInfo'), 'session-expired');
    },
    60_000,
  );
});
