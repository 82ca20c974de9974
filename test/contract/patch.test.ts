/** PATCH /me/personal-info: If-Match, and the rules for auto-logout, session limit and welcome message. */
import assert from 'node:assert/strict';
import { LIMITS } from '../../components/api/contract/index.js';
import {
  apiTest,
  type Browser,
  config,
  describe,
  dev,
  etagValue,
  expectOk,
  expectProblem,
} from './harness.js';

/** PATCH `body` with the current ETag and expect validation-failed; the stored settings must not change. */
async function expectRejected(b: Browser, body: unknown, why: string): Promise<void> {
  const before = await b.info();
  const reply = await b.call('updatePersonalInfo', { body, ifMatch: before.etag });
  const problem = expectProblem(reply, 'validation-failed');
  assert.ok(problem.fieldErrors, `${why}: validation-failed carries fieldErrors`);
  const after = await b.info();
  assert.deepEqual(after.data, before.data, `${why}: nothing may be stored`);
}

describe('PATCH /me/personal-info', () => {
  apiTest('without If-Match: 428 precondition-required, nothing stored', async (s) => {
    const b = await s.login('admin');
    const before = await b.info();
    const reply = await b.call('updatePersonalInfo', { body: { welcomeMessage: 'no if-match' } });
    expectProblem(reply, 'precondition-required');
    assert.deepEqual((await b.info()).data, before.data);
  });

  apiTest('a stale If-Match: 412 version-conflict, the newer value wins', async (s) => {
    s.restore('admin');
    const a = await s.login('admin', 'a');
    const b = await s.login('admin', 'b');
    const stale = (await b.info()).etag;
    await a.patch({ welcomeMessage: 'written by a' });
    const reply = await b.call('updatePersonalInfo', {
      body: { welcomeMessage: 'written by b' },
      ifMatch: stale,
    });
    expectProblem(reply, 'version-conflict');
    assert.equal((await b.info()).data.welcomeMessage, 'written by a');
  });

  apiTest('a valid change is stored, returned, and gets a new version and ETag', async (s) => {
    s.restore('admin');
    const b = await s.login('admin');
    const before = await b.info();
    const minutes = before.data.autoLogout.options.find((m) => m !== before.data.autoLogout.minutes);
    assert.ok(minutes, 'the server offers more than one auto-logout option');
    const body = {
      autoLogoutMinutes: minutes,
      sessionLimit: { max: 3, policy: 'deny' as const },
      welcomeMessage: 'Line one\nLine two',
    };
    const reply = await b.call('updatePersonalInfo', { body, ifMatch: before.etag });
    const updated = expectOk(reply, 'updatePersonalInfo');
    assert.equal(updated.autoLogout.minutes, minutes);
    assert.deepEqual(updated.sessionLimit, { max: 3, policy: 'deny' });
    assert.equal(updated.welcomeMessage, 'Line one\nLine two');
    assert.notEqual(updated.version, before.data.version);
    const etag = reply.headers.get('ETag');
    assert.ok(etag, 'PATCH sends the new ETag');
    assert.equal(etagValue(etag), updated.version);
    assert.match(reply.headers.get('Cache-Control') ?? '', /no-store/);

    const after = await b.info();
    assert.deepEqual(after.data, updated);
    assert.equal(etagValue(after.etag), updated.version);
  });

  apiTest('the returned ETag is accepted as the next If-Match', async (s) => {
    s.restore('admin');
    const b = await s.login('admin');
    const { etag } = await b.info();
    const first = await b.call('updatePersonalInfo', { body: { welcomeMessage: 'one' }, ifMatch: etag });
    expectOk(first, 'updatePersonalInfo');
    const next = first.headers.get('ETag') ?? '';
    const second = await b.call('updatePersonalInfo', { body: { welcomeMessage: 'two' }, ifMatch: next });
    assert.equal(expectOk(second, 'updatePersonalInfo').welcomeMessage, 'two');
  });

  apiTest('unknown fields are rejected (400) and not stored', async (s) => {
    const b = await s.login('admin');
    await expectRejected(b, { welcomeMessage: 'sneaky', isAdmin: true }, 'unknown top-level field');
    await expectRejected(b, { sessionLimit: { max: 1, policy: 'deny', extra: 1 } }, 'unknown nested field');
    await expectRejected(b, { version: 'x' }, 'read-only field');
    await expectRejected(b, { user: { type: 'local' } }, 'read-only object');
    await expectRejected(b, { mobile: { verified: true } }, 'verified status (only the server sets it)');
    await expectRejected(b, { email: { masked: 'x@example.com' } }, 'a contact (only through a code)');
    if (config.devRoutes) {
      const stored = await dev.user('admin');
      assert.ok(!('isAdmin' in stored), 'the unknown field never reached the store');
      assert.equal(stored.welcomeMessage, '');
    }
  });

  apiTest('an empty patch is refused (nothing to change)', async (s) => {
    await expectRejected(await s.login('admin'), {}, 'empty patch');
  });

  apiTest('session limit: 1–500 integers; "log-out" only at 1', async (s) => {
    s.restore('admin');
    const b = await s.login('admin');
    await expectRejected(b, { sessionLimit: { max: 2, policy: 'log-out' } }, 'log-out at 2');
    await expectRejected(b, { sessionLimit: { max: 500, policy: 'log-out' } }, 'log-out at 500');
    await expectRejected(b, { sessionLimit: { max: 0, policy: 'deny' } }, 'max 0');
    await expectRejected(b, { sessionLimit: { max: 501, policy: 'deny' } }, 'max 501');
    await expectRejected(b, { sessionLimit: { max: 1.5, policy: 'deny' } }, 'max 1.5');
    await expectRejected(b, { sessionLimit: { max: -1, policy: 'deny' } }, 'max -1');
    await expectRejected(b, { sessionLimit: { max: '2', policy: 'deny' } }, 'max as a string');
    await expectRejected(b, { sessionLimit: { max: 2, policy: 'kick' } }, 'unknown policy');
    await expectRejected(b, { sessionLimit: { max: 2 } }, 'missing policy');

    assert.deepEqual((await b.patch({ sessionLimit: { max: 1, policy: 'log-out' } })).sessionLimit, {
      max: 1,
      policy: 'log-out',
    });
    assert.deepEqual((await b.patch({ sessionLimit: { max: 1, policy: 'deny' } })).sessionLimit, {
      max: 1,
      policy: 'deny',
    });
    assert.deepEqual((await b.patch({ sessionLimit: { max: 500, policy: 'deny' } })).sessionLimit, {
      max: 500,
      policy: 'deny',
    });
    assert.equal((await b.patch({ sessionLimit: null })).sessionLimit, null, 'null is unlimited');
  });

  apiTest('auto-logout: only a value from the offered options', async (s) => {
    s.restore('admin');
    const b = await s.login('admin');
    const { data } = await b.info();
    const notOffered = [7, 0, -5, 1.5, 100_000].filter((m) => !data.autoLogout.options.includes(m));
    for (const minutes of notOffered) {
      await expectRejected(b, { autoLogoutMinutes: minutes }, `autoLogoutMinutes ${minutes}`);
    }
    await expectRejected(b, { autoLogoutMinutes: null }, 'autoLogoutMinutes null');
    for (const minutes of data.autoLogout.options) {
      assert.equal((await b.patch({ autoLogoutMinutes: minutes })).autoLogout.minutes, minutes);
    }
  });

  apiTest(
    'welcome message: at most 512 characters, no control characters but newline, empty clears',
    async (s) => {
      s.restore('admin');
      const b = await s.login('admin');
      await expectRejected(b, { welcomeMessage: 'x'.repeat(LIMITS.welcomeMessageMax + 1) }, '513 characters');
      for (const c of ['\u0000', '\u0007', '\t', '\r', '\u001b', '\u007f', '\u0085', '\u009f']) {
        const code = c.charCodeAt(0).toString(16).padStart(4, '0');
        await expectRejected(b, { welcomeMessage: `hello${c}world` }, `control character U+${code}`);
      }
      await expectRejected(b, { welcomeMessage: 'lone \ud800 surrogate' }, 'lone surrogate');
      await expectRejected(b, { welcomeMessage: 42 }, 'not a string');

      const max = 'é'.repeat(LIMITS.welcomeMessageMax);
      assert.equal((await b.patch({ welcomeMessage: max })).welcomeMessage, max, '512 characters are fine');
      const text = 'Welcome 👋\n<script>alert(1)</script>\n中文';
      assert.equal(
        (await b.patch({ welcomeMessage: text })).welcomeMessage,
        text,
        'stored as plain text, verbatim',
      );
      assert.equal((await b.patch({ welcomeMessage: '' })).welcomeMessage, '', 'empty clears it');
      const login = await s.browser('next login').login('admin');
      assert.equal(login.welcomeMessage, '', 'a cleared message is not shown at login');
    },
  );

  apiTest('a third-party user cannot change auto-logout: 403 not-editable', async (s) => {
    s.restore('sso.user');
    const b = await s.login('sso.user');
    const before = await b.info();
    const other = before.data.autoLogout.options.find((m) => m !== before.data.autoLogout.minutes) ?? 60;
    const reply = await b.call('updatePersonalInfo', {
      body: { autoLogoutMinutes: other },
      ifMatch: before.etag,
    });
    expectProblem(reply, 'not-editable');
    assert.deepEqual((await b.info()).data, before.data);

    const updated = await b.patch({ welcomeMessage: 'third-party users keep their other settings' });
    assert.equal(updated.welcomeMessage, 'third-party users keep their other settings');
  });

  apiTest('needs a session: 401 unauthenticated', async (s) => {
    const reply = await s
      .browser()
      .call('updatePersonalInfo', { body: { welcomeMessage: 'x' }, ifMatch: '"1"' });
    expectProblem(reply, 'unauthenticated');
  });
});
