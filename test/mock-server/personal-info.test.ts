/**
 * SPEC §2 "Welcome message", §3 `PATCH /me/personal-info` (If-Match, 412) and §5 "Input": the welcome
 * message rules, optimistic concurrency, unknown fields rejected and never stored.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMockApp } from '../../mock-server/app.js';
import { ManualClock } from '../../mock-server/clock.js';
import { DEFAULT_CONFIG } from '../../mock-server/context.js';
import type { UserRecord } from '../../mock-server/db.js';
import { seedData } from '../../mock-server/seed.js';
import { Store, type TextAdapter } from '../../mock-server/store.js';
import { personalInfoView } from '../../mock-server/views.js';
import { API, assertProblem, assertStatus, Harness, MINUTE, newEmail, setup } from './helpers.js';

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

// GET personal-info is never stale: every value it shows is read afresh, including changes that leave
// the version as it was (a pending contact) and a version number reused after a rolled-back write.
describe('GET personal-info, asked again', () => {
  it('shows any change to what it reads, even one that leaves the version as it was', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const user = h.store.data.users.find((u) => u.username === 'admin') as UserRecord;
    // A change is shown pending while its challenge is open (here one of another session: not resumable).
    const session = h.store.data.sessions.find((x) => x.userId === user.id && x.status === 'active');
    const viewer = { sessionId: session?.id ?? '', challenges: h.store.data.challenges };
    const current = () => JSON.stringify(personalInfoView(user, h.now(), DEFAULT_CONFIG, viewer));
    const mobilePending = { value: '+8613987654321', challengeId: 'c1', expiresAt: h.now() + MINUTE };
    const emailPending = { value: 'later@example.org', challengeId: 'c2', expiresAt: h.now() + MINUTE };
    for (const [id, kind, destination] of [
      ['c1', 'mobile', mobilePending.value],
      ['c2', 'email', emailPending.value],
    ] as const) {
      h.store.data.challenges.push({
        ...{ id, userId: user.id, sessionId: 'another-session', kind, purpose: 'change', destination },
        ...{
          codeHash: '',
          expiresAt: h.now() + 10 * MINUTE,
          lastSentAt: h.now(),
          attempts: 0,
          state: 'open',
        },
      });
    }
    const limit: NonNullable<UserRecord['sessionLimit']> = { max: 3, policy: 'deny' };
    const changes: [string, () => unknown][] = [
      ['username', () => Object.assign(user, { username: 'admin2' })],
      ['displayName', () => Object.assign(user, { displayName: 'Admin Two' })],
      ['type', () => Object.assign(user, { type: 'remote' })],
      ['no password', () => Object.assign(user, { passwordHash: null })],
      ['mobile value', () => Object.assign(user.mobile, { value: '+8613912345678' })],
      ['mobile verified', () => Object.assign(user.mobile, { verified: false })],
      ['mobile pending', () => Object.assign(user.mobile, { pending: mobilePending })],
      ['mobile pending value, in place', () => Object.assign(mobilePending, { value: '+8613911112222' })],
      ['email value', () => Object.assign(user.email, { value: 'admin.two@example.org' })],
      ['email verified', () => Object.assign(user.email, { verified: false })],
      ['email pending', () => Object.assign(user.email, { pending: emailPending })],
      [
        'email pending expiry, in place',
        () => Object.assign(emailPending, { expiresAt: emailPending.expiresAt + MINUTE }),
      ],
      ['the mobile change expires', () => h.advance(MINUTE)],
      ['autoLogoutMinutes', () => Object.assign(user, { autoLogoutMinutes: 60 })],
      ['sessionLimit', () => Object.assign(user, { sessionLimit: limit })],
      ['sessionLimit max, in place', () => Object.assign(limit, { max: 1 })],
      ['sessionLimit policy, in place', () => Object.assign(limit, { policy: 'log-out' })],
      ['type third-party', () => Object.assign(user, { type: 'third-party' })],
      ['welcomeMessage', () => Object.assign(user, { welcomeMessage: 'Hello' })],
      ['version', () => Object.assign(user, { version: user.version + 1 })],
    ];
    let before = (await b.info()).text;
    assert.equal(before, current());
    for (const [what, change] of changes) {
      change();
      const res = await b.info();
      assertStatus(res, 200, what);
      assert.equal(res.text, current(), what);
      assert.notEqual(res.text, before, `${what}: the body changed`);
      assert.equal((await b.info()).text, res.text, `${what}: asked again`);
      before = res.text;
    }
  });

  it('after a write that failed, the next change with the same version number is what it shows', async () => {
    // A write can be held, then failed: a GET runs while the PATCH waits for its write.
    let holdWrites = false;
    let held: () => void = () => undefined;
    let release: (fail: boolean) => void = () => undefined;
    let text: string | null = null;
    const adapter: TextAdapter = {
      read: async () => text,
      write: async (next) => {
        if (holdWrites) {
          const fail = await new Promise<boolean>((r) => {
            release = r;
            held();
          });
          if (fail) throw new Error('disk gone');
        }
        text = next;
      },
    };
    const store = await Store.open(adapter, () => seedData());
    const clock = new ManualClock();
    const h = new Harness({ app: createMockApp({ store, clock }), store, clock });
    const b = await h.signedIn('admin');
    const { version } = await b.personalInfo();

    holdWrites = true;
    const writing = new Promise<void>((r) => (held = r));
    const lost = b.patchInfo({ welcomeMessage: 'lost' }, `"${version}"`);
    await writing;
    const during = await b.personalInfo();
    assert.equal(during.welcomeMessage, 'lost', 'a read sees the change while it is being written');
    holdWrites = false;
    release(true);
    assertProblem(await lost, 'storage-unavailable');
    assert.equal((await b.personalInfo()).welcomeMessage, '', 'rolled back');

    assertStatus(await b.patchInfo({ welcomeMessage: 'kept' }, `"${version}"`), 200);
    const after = await b.personalInfo();
    assert.equal(after.version, during.version, 'the same version number as the lost write');
    assert.equal(after.welcomeMessage, 'kept');
  });
});
