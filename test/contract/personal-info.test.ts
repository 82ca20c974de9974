/** GET /me/personal-info: everything the form shows, masked, with a version; personal-data headers. */
import assert from 'node:assert/strict';
import { RULES } from '../../components/api/contract/index.js';
import { apiTest, contactOf, describe, etagValue, expectOk, expectProblem, user } from './harness.js';

describe('GET /me/personal-info', () => {
  apiTest('needs a session: 401 unauthenticated as problem+json', async (s) => {
    expectProblem(await s.browser().call('getPersonalInfo'), 'unauthenticated');
  });

  apiTest(
    'a local user: masked verified mobile and email, password step-up, editable defaults',
    async (s) => {
      const { info } = await (await s.login('admin')).personalInfo();

      assert.equal(info.user.username, user('admin').username);
      assert.equal(info.user.type, 'local');

      assert.equal(info.mobile.kind, 'mobile');
      assert.ok(info.mobile.masked, 'admin has a mobile number');
      assert.match(info.mobile.masked, /\*/, 'the mobile number is masked');
      assert.match(
        info.mobile.masked,
        new RegExp(`${contactOf('admin', 'mobile').slice(-4)}$`),
        'the masked mobile keeps the last digits',
      );
      assert.equal(info.mobile.verified, true);
      assert.equal(info.mobile.pending, null);

      assert.equal(info.email.kind, 'email');
      assert.ok(info.email.masked, 'admin has an email address');
      assert.match(info.email.masked, /\*/, 'the email address is masked');
      assert.match(info.email.masked, /@example\.com$/, 'the masked email keeps the domain');
      assert.notEqual(info.email.masked, contactOf('admin', 'email'));
      assert.equal(info.email.verified, true);
      assert.equal(info.email.pending, null);

      assert.ok(
        info.stepUpMethods.some((m) => m.type === 'password'),
        'a local user steps up with the password',
      );

      assert.equal(info.autoLogout.minutes, RULES.defaultAutoLogoutMinutes);
      assert.ok(
        info.autoLogout.options.includes(info.autoLogout.minutes),
        'the current value is one of the options',
      );
      assert.equal(info.autoLogout.editable, true);
      assert.equal(info.autoLogout.lockedReason, null);
      assert.equal(info.sessionLimit, null, 'unlimited sessions by default');
      assert.equal(info.welcomeMessage, '');
    },
  );

  apiTest(
    'the version is also the ETag; headers keep personal data out of caches and sniffers',
    async (s) => {
      const b = await s.login('admin');
      const { reply, info } = await b.personalInfo();
      const etag = reply.headers.get('ETag');
      assert.ok(etag, 'an ETag header');
      assert.equal(etagValue(etag), info.version, 'ETag carries the body version');
      assert.match(reply.headers.get('Cache-Control') ?? '', /no-store/);
      assert.equal(reply.headers.get('X-Content-Type-Options'), 'nosniff');

      const again = expectOk(await b.call('getPersonalInfo'), 'getPersonalInfo');
      assert.equal(again.version, info.version, 'a GET does not change the version');
    },
  );

  apiTest('a remote user: unverified mobile, no email, password step-up', async (s) => {
    const info = (await (await s.login('operator')).info()).data;
    assert.equal(info.user.type, 'remote');
    assert.ok(info.mobile.masked);
    assert.match(info.mobile.masked, /\*/);
    assert.match(info.mobile.masked, new RegExp(`${contactOf('operator', 'mobile').slice(-4)}$`));
    assert.equal(info.mobile.verified, false);
    assert.deepEqual(info.email, { kind: 'email', masked: null, verified: false, pending: null });
    assert.ok(info.stepUpMethods.some((m) => m.type === 'password'));
    assert.equal(info.autoLogout.editable, true);
  });

  apiTest(
    'a third-party user: auto-logout fixed at 30 and locked, code step-up via the verified email',
    async (s) => {
      const info = (await (await s.login('sso.user')).info()).data;
      assert.equal(info.user.type, 'third-party');
      assert.deepEqual(info.mobile, { kind: 'mobile', masked: null, verified: false, pending: null });
      assert.ok(info.email.masked);
      assert.match(info.email.masked, /@example\.com$/);
      assert.equal(info.email.verified, true);
      assert.equal(info.autoLogout.minutes, RULES.thirdPartyAutoLogoutMinutes);
      assert.equal(info.autoLogout.editable, false);
      assert.equal(info.autoLogout.lockedReason, 'third-party');
      assert.ok(!info.stepUpMethods.some((m) => m.type === 'password'), 'no password to step up with');
      const code = info.stepUpMethods.find((m) => m.type === 'code');
      assert.ok(code && code.type === 'code', 'a code step-up method');
      assert.equal(code.channel, 'email');
      assert.notEqual(code.destination, contactOf('sso.user', 'email'), 'the step-up destination is masked');
    },
  );

  apiTest('users see only their own data', async (s) => {
    const admin = (await (await s.login('admin')).info()).data;
    const operator = (await (await s.login('operator')).info()).data;
    assert.equal(admin.user.username, user('admin').username);
    assert.equal(operator.user.username, user('operator').username);
    assert.notEqual(admin.mobile.masked, operator.mobile.masked);
  });
});
