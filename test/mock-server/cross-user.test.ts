/**
 * Issue #6 hardening, SPEC §5 "Codes" (bound to user + session), "Step-up" (bound to the session),
 * "Sessions": every route tried with another user's session — and with another session of the same
 * user — against the victim's challenge ids, step-up tokens and session ids. Each attempt is refused
 * with the documented problem, reads nothing of the victim's, changes nothing, and the victim's
 * challenge / token / session still works afterwards (nothing was consumed or counted).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProblemCode } from '../../components/api/contract/index.js';
import type { DbData } from '../../mock-server/db.js';
import {
  API,
  assertProblem,
  assertStatus,
  type Browser,
  type Harness,
  newEmail,
  type Res,
  SEED,
  setup,
} from './helpers.js';

/** Everything the victims own: two admin sessions with a pending email change, and SSO's step-up code. */
interface Scene {
  h: Harness;
  admin: Browser;
  /** The same user in another session (another tab or device). */
  admin2: Browser;
  operator: Browser;
  sso: Browser;
  adminStepUp: string;
  adminChange: { id: string; to: string; code: string };
  adminSessionIds: string[];
  operatorStepUp: string;
  operatorVerify: { id: string; code: string };
  ssoStepUp: { id: string; code: string };
  /** Strings of the admin's that no other user may ever see. */
  adminSecrets: string[];
}

async function scene(): Promise<Scene> {
  const h = await setup();
  const admin = await h.signedIn('admin');
  const admin2 = await h.signedIn('admin');
  const operator = await h.signedIn('operator');
  const sso = await h.signedIn('sso.user');
  const to = newEmail('victim');
  const { challenge, stepUpToken: adminStepUp } = await admin.startChange('email', to);
  await admin.patchInfo({ welcomeMessage: 'Admin’s private welcome' });
  const operatorStepUp = await operator.stepUp();
  const verify = await operator.challenge('mobile', { purpose: 'verify' });
  assertStatus(verify, 201);
  const ssoChallenge = await sso.challenge('email', { purpose: 'step-up' });
  assertStatus(ssoChallenge, 201);
  const sessions = await admin.sessions();
  assertStatus(sessions, 200);
  const masked = (await admin.personalInfo()).email.pending?.masked;
  assert.ok(masked);
  return {
    h,
    admin,
    admin2,
    operator,
    sso,
    adminStepUp,
    adminChange: { id: challenge.id, to, code: await h.latestCode(to) },
    adminSessionIds: sessions.body.sessions.map((s) => s.id),
    operatorStepUp,
    operatorVerify: { id: verify.body.id, code: await h.latestCode(SEED.operator.mobile) },
    ssoStepUp: { id: ssoChallenge.body.id, code: await h.latestCode(SEED.sso.email) },
    adminSecrets: [
      SEED.admin.mobile,
      SEED.admin.mobileMasked,
      SEED.admin.email,
      SEED.admin.emailMasked,
      to,
      masked,
      'Administrator',
      'Admin’s private welcome',
      ...sessions.body.sessions.map((s) => s.id),
    ],
  };
}

/** The db minus session activity times (every authenticated request is activity, by design). */
function state(data: DbData): string {
  return JSON.stringify({ ...data, sessions: data.sessions.map(({ lastActiveAt: _l, ...s }) => s) });
}

interface Attempt {
  name: string;
  expect: ProblemCode;
  run: (s: Scene) => Promise<Res>;
  /** Afterwards the victim's resource still works (nothing consumed, nothing counted). */
  victimStillWorks?: (s: Scene) => Promise<void>;
}

const adminVerifies = async (s: Scene) => {
  const res = await s.admin.verify('email', s.adminChange.id, {
    code: s.adminChange.code,
    stepUpToken: s.adminStepUp,
  });
  assertStatus(res, 200, 'the admin verifies their own change with the right code');
  assert.equal((await s.h.user('admin')).email.value, s.adminChange.to);
};

const adminCodeIntact = (s: Scene) => {
  const c = s.h.store.data.challenges.find((x) => x.id === s.adminChange.id);
  assert.equal(c?.state, 'open');
  assert.equal(c?.attempts, 0, 'no wrong try was counted against the victim’s code');
};

/** The admin's pending change, verified by `b` with the right code and the admin's step-up token. */
const verifyAdminChange = (b: Browser, s: Scene) =>
  b.verify('email', s.adminChange.id, { code: s.adminChange.code, stepUpToken: s.adminStepUp });

/** The admin's code was neither consumed nor counted, and the admin can still use it. */
const adminChangeStillWorks = async (s: Scene) => {
  adminCodeIntact(s);
  await adminVerifies(s);
};

/** The admin's code resent by `b`, after the cooldown (so only the ownership check can refuse it). */
const resendAdminCode = (b: Browser, s: Scene) => {
  s.h.advance(61_000);
  return b.resend('email', s.adminChange.id);
};

const ATTEMPTS: Attempt[] = [
  {
    name: 'another user verifies the victim’s challenge with the right code and the victim’s step-up token',
    expect: 'not-found',
    run: (s) => verifyAdminChange(s.operator, s),
    victimStillWorks: adminChangeStillWorks,
  },
  {
    name: 'another user verifies the victim’s challenge with a wrong code',
    expect: 'not-found',
    run: (s) =>
      s.operator.verify('email', s.adminChange.id, { code: '000000', stepUpToken: s.operatorStepUp }),
    victimStillWorks: async (s) => {
      adminCodeIntact(s);
      assert.equal(s.h.store.data.users.find((u) => u.username === 'admin')?.codeFailures.length, 0);
      await adminVerifies(s);
    },
  },
  {
    name: 'another user resends the victim’s code (after the cooldown)',
    expect: 'not-found',
    run: (s) => resendAdminCode(s.operator, s),
    victimStillWorks: async (s) => {
      assert.equal((await s.h.messagesTo(s.adminChange.to)).length, 1, 'no second code went out');
      await adminVerifies(s);
    },
  },
  {
    name: 'another user starts a contact change with the victim’s step-up token',
    expect: 'step-up-required',
    run: (s) => s.operator.changeChallenge('email', newEmail(), s.adminStepUp),
    victimStillWorks: async (s) => {
      const res = await s.admin.changeChallenge('mobile', '07400 123456', s.adminStepUp, 'GB');
      assertStatus(res, 201, 'the token still works for its own session');
    },
  },
  {
    name: 'another user verifies their own change challenge with the victim’s step-up token',
    expect: 'step-up-required',
    run: async (s) => {
      const to = newEmail('attacker');
      const own = await s.operator.changeChallenge('email', to, s.operatorStepUp);
      assertStatus(own, 201);
      return s.operator.verify('email', own.body.id, {
        code: await s.h.latestCode(to),
        stepUpToken: s.adminStepUp,
      });
    },
  },
  {
    name: 'another user (with a password) turns the victim’s step-up code into a step-up token',
    expect: 'not-found',
    run: (s) => s.operator.stepUpRaw({ method: 'code', challengeId: s.ssoStepUp.id, code: s.ssoStepUp.code }),
    victimStillWorks: async (s) => {
      const res = await s.sso.stepUpRaw({
        method: 'code',
        challengeId: s.ssoStepUp.id,
        code: s.ssoStepUp.code,
      });
      assertStatus(res, 201, 'the victim’s step-up code still works');
    },
  },
  {
    name: 'a third-party user turns another user’s verify code into a step-up token',
    expect: 'not-found',
    run: (s) =>
      s.sso.stepUpRaw({ method: 'code', challengeId: s.operatorVerify.id, code: s.operatorVerify.code }),
  },
  {
    name: 'a third-party user verifies another user’s mobile with the right code',
    expect: 'not-found',
    run: (s) => s.sso.verify('mobile', s.operatorVerify.id, { code: s.operatorVerify.code }),
    victimStillWorks: async (s) => {
      assertStatus(
        await s.operator.verify('mobile', s.operatorVerify.id, { code: s.operatorVerify.code }),
        200,
      );
      assert.equal((await s.h.user('operator')).mobile.verified, true);
    },
  },
  {
    name: 'another user ends the victim’s session',
    expect: 'not-found',
    run: (s) => s.operator.del(`${API}/me/sessions/${s.adminSessionIds[0]}`),
    victimStillWorks: async (s) => {
      assertStatus(await s.admin.info(), 200);
      assertStatus(await s.admin2.info(), 200);
    },
  },
  {
    name: 'another session of the same user verifies the first session’s challenge',
    expect: 'not-found',
    run: (s) => verifyAdminChange(s.admin2, s),
    victimStillWorks: adminChangeStillWorks,
  },
  {
    name: 'another session of the same user resends the first session’s code',
    expect: 'not-found',
    run: (s) => resendAdminCode(s.admin2, s),
  },
  {
    name: 'another session of the same user uses the first session’s step-up token',
    expect: 'step-up-required',
    run: (s) => s.admin2.changeChallenge('email', newEmail(), s.adminStepUp),
  },
  {
    name: 'no session at all, with the victim’s challenge id and token',
    expect: 'unauthenticated',
    run: (s) => verifyAdminChange(s.h.browser(), s),
    victimStillWorks: adminVerifies,
  },
];

describe('cross-user matrix: another user’s (or session’s) ids and tokens are refused', () => {
  for (const attempt of ATTEMPTS) {
    it(`${attempt.name} → ${attempt.expect}, nothing read or changed`, async () => {
      const s = await scene();
      const before = state(s.h.store.data);
      const outbox = (await s.h.outbox()).length;
      const res = await attempt.run(s);
      assertProblem(res, attempt.expect);
      // `instance` echoes the path the caller sent (which may hold the victim's id they already had).
      const { instance: _sent, ...answer } = res.problem!;
      const shown = JSON.stringify(answer) + [...res.headers].join('\n');
      for (const secret of s.adminSecrets)
        assert.ok(!shown.includes(secret), `the answer shows the victim’s "${secret}": ${shown}`);
      if (attempt.name.startsWith('another user verifies their own')) {
        // The attacker's own challenge was created (and its code sent) on purpose; nothing of the victim moved.
        const victim = s.h.store.data.users.find((u) => u.username === 'admin');
        assert.equal(victim?.email.pending?.value, s.adminChange.to);
      } else {
        assert.equal(state(s.h.store.data), before, 'the db did not change');
        assert.equal((await s.h.outbox()).length, outbox, 'nothing was sent');
      }
      await attempt.victimStillWorks?.(s);
    });
  }

  it('every signed-in read shows only the caller’s own data', async () => {
    const s = await scene();
    const info = await s.operator.personalInfo();
    assert.equal(info.user.username, 'operator');
    const sessions = await s.operator.sessions();
    assertStatus(sessions, 200);
    assert.equal(sessions.body.sessions.length, 1);
    assert.ok(sessions.body.sessions[0]?.current);
    for (const secret of s.adminSecrets) {
      assert.ok(!s.operator.transcript.join('\n').includes(secret), `operator saw "${secret}"`);
      assert.ok(!s.sso.transcript.join('\n').includes(secret), `sso.user saw "${secret}"`);
    }
  });

  it('another user’s PATCH (even with If-Match *) changes only their own settings', async () => {
    const s = await scene();
    const victimBefore = JSON.stringify(s.h.store.data.users.find((u) => u.username === 'admin'));
    const res = await s.operator.patchInfo(
      { welcomeMessage: 'mine', sessionLimit: { max: 1, policy: 'deny' } },
      '*',
    );
    assertStatus(res, 200);
    assert.equal(res.body.user.username, 'operator');
    assert.equal(JSON.stringify(s.h.store.data.users.find((u) => u.username === 'admin')), victimBefore);
    assert.equal((await s.h.user('operator')).welcomeMessage, 'mine');
  });

  it('logout with one user’s cookie ends only that session', async () => {
    const s = await scene();
    assertStatus(await s.operator.logout(), 204);
    assertStatus(await s.admin.info(), 200);
    assertStatus(await s.admin2.info(), 200);
    assertStatus(await s.sso.info(), 200);
    assertProblem(await s.operator.info(), 'unauthenticated');
  });

  it('a step-up renews only the session it was made in; a login over another user’s cookie ends only that one', async () => {
    const s = await scene();
    const admin2Before = s.admin2.cookie;
    const operatorBefore = s.operator.cookie;
    const adminBefore = s.admin.cookie;
    await s.admin.stepUp();
    assert.notEqual(s.admin.cookie, adminBefore);
    assert.equal(s.admin2.cookie, admin2Before);
    for (const b of [s.admin, s.admin2, s.operator, s.sso]) assertStatus(await b.info(), 200);
    // The admin's step-up token from the other session is still bound to that session only.
    const stolen = await s.admin2.challenge('email', {
      purpose: 'change',
      value: newEmail('stolen'),
      stepUpToken: s.adminStepUp,
    });
    assertProblem(stolen, 'step-up-required');
    // The operator's tab signs in as sso.user: the operator session it carried ends, nobody else's.
    await s.operator.login('sso.user');
    assert.notEqual(s.operator.cookie, operatorBefore);
    const replay = s.h.browser();
    replay.cookie = operatorBefore;
    assertProblem(await replay.info(), 'unauthenticated');
    for (const b of [s.admin, s.admin2, s.sso, s.operator]) assertStatus(await b.info(), 200);
  });
});
