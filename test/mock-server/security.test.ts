/**
 * Issue #16, in process: uniform login failure (no user enumeration), session rotation on step-up and
 * on login over an existing cookie, strict If-Match (RFC 9110), the per-account cap on codes sent, the
 * character policy, and the OpenAPI document saying so.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES } from '../../components/api/contract/index.js';
import { domainToUnicode as nodeDomainToUnicode } from 'node:url';
import { domainToUnicode } from '../../mock-server/idna.js';
import { openApiDocument } from '../../mock-server/openapi.js';
import { ifMatchSatisfied } from '../../mock-server/views.js';
import {
  API,
  assertProblem,
  assertStatus,
  type Browser,
  MINUTE,
  PASSWORD,
  type Res,
  setup,
} from './helpers.js';

/** Everything of a failed login a client can observe, minus what differs by nature (`Date`). */
function observable(res: Res): string {
  const headers = [...res.headers].filter(([k]) => k !== 'date');
  return JSON.stringify({ status: res.status, headers, body: res.text });
}

describe('login does not tell whether a username exists', () => {
  it('a wrong password and an unknown username get the same answer, try after try, up to the same lockout', async () => {
    const h = await setup();
    const b = h.browser();
    for (let i = 1; i <= RULES.passwordMaxFailures; i++) {
      const wrong = await b.loginRaw('operator', 'not-the-password');
      const unknown = await b.loginRaw('nobody.here', 'not-the-password');
      const code = i < RULES.passwordMaxFailures ? 'invalid-credentials' : 'account-locked';
      assertProblem(wrong, code, `wrong password, try ${i}`);
      assertProblem(unknown, code, `unknown user, try ${i}`);
      assert.equal(observable(unknown), observable(wrong), `try ${i}: the answers differ`);
    }
    // Both locked now, even with the right password (which an unknown user cannot have anyway).
    const locked = await b.loginRaw('operator', PASSWORD);
    const lockedUnknown = await b.loginRaw('nobody.here', PASSWORD);
    assertProblem(locked, 'account-locked');
    assertProblem(lockedUnknown, 'account-locked');
    assert.equal(observable(lockedUnknown), observable(locked));
    assert.ok(Number(locked.headers.get('Retry-After')) > 0);
    // Each submitted username counts on its own: another unknown one is not locked.
    assertProblem(await b.loginRaw('someone.else', 'x'), 'invalid-credentials');
    h.advance(RULES.lockoutSeconds * 1000);
    assertStatus(await b.loginRaw('operator', PASSWORD), 200, 'the lock ends after its time');
  });

  it('the hint about tries left names no username and is the same for both', async () => {
    const h = await setup();
    const b = h.browser();
    const wrong = assertProblem(await b.loginRaw('admin', 'nope'), 'invalid-credentials');
    const unknown = assertProblem(await b.loginRaw('ghost', 'nope'), 'invalid-credentials');
    assert.equal(wrong.detail, unknown.detail);
    assert.match(wrong.detail ?? '', /username or password is wrong\. 4 more tries/);
    assert.equal(wrong.title, unknown.title);
  });

  it('a password login for an account without a password (SSO) answers as an unknown user does', async () => {
    const h = await setup();
    const b = h.browser();
    const sso = await b.loginRaw('sso.user', 'whatever');
    const unknown = await b.loginRaw('ghost', 'whatever');
    assert.equal(observable(sso), observable(unknown));
    // And it does not lock the SSO sign-in of that account.
    for (let i = 0; i < RULES.passwordMaxFailures; i++) await b.loginRaw('sso.user', 'whatever');
    assertStatus(await b.loginRaw('sso.user', null), 200);
  });

  it('unknown usernames leave nothing in the db', async () => {
    const h = await setup();
    const before = JSON.stringify(h.store.data);
    for (let i = 0; i < 7; i++) await h.browser().loginRaw(`ghost-${i % 2}`, 'x');
    assert.equal(JSON.stringify(h.store.data), before);
  });
});

describe('session rotation', () => {
  async function cookieOf(b: Browser): Promise<string> {
    assert.ok(b.cookie, 'signed in');
    return b.cookie;
  }

  it('a successful identity verification issues a new session cookie; the old one answers 401', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const before = await cookieOf(b);
    const old = h.browser();
    old.cookie = before;
    const sessionsBefore = (await b.sessions()).body.sessions;
    const token = await b.stepUp();
    assert.ok(b.lastSetCookie?.includes('HttpOnly'), 'the new cookie is HttpOnly');
    assert.notEqual(await cookieOf(b), before, 'a new session id');
    assertProblem(await old.info(), 'unauthenticated', 'the old cookie');
    // The session itself carries on: same public id, its step-up token works.
    assertStatus(await b.info(), 200);
    assert.deepEqual(
      (await b.sessions()).body.sessions.map((s) => s.id),
      sessionsBefore.map((s) => s.id),
    );
    const change = await b.challenge('email', {
      purpose: 'change',
      value: 'rotated@example.org',
      stepUpToken: token,
    });
    assertStatus(change, 201, 'the step-up token belongs to the rotated session');
  });

  it('a wrong password at step-up does not rotate', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const before = await cookieOf(b);
    assertProblem(await b.stepUpRaw({ method: 'password', password: 'wrong' }), 'invalid-credentials');
    assert.equal(b.cookie, before);
    assertStatus(await b.info(), 200);
  });

  it('a code step-up rotates too', async () => {
    const h = await setup();
    const b = await h.signedIn('sso.user');
    const challenge = await b.challenge('email', { purpose: 'step-up' });
    assertStatus(challenge, 201);
    const before = await cookieOf(b);
    const code = await h.latestCode('sso.user@example.com');
    assertStatus(await b.stepUpRaw({ method: 'code', challengeId: challenge.body.id, code }), 201);
    assert.notEqual(b.cookie, before);
    const old = h.browser();
    old.cookie = before;
    assertProblem(await old.info(), 'unauthenticated');
  });

  it('a login over an existing session cookie ends that session and issues a new one', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const before = await cookieOf(b);
    await b.login('operator');
    assert.notEqual(b.cookie, before);
    const old = h.browser();
    old.cookie = before;
    assertProblem(await old.info(), 'unauthenticated', 'the session the login replaced');
    assert.equal((await b.personalInfo()).user.username, 'operator');
    // A refused login leaves the session it came with alone.
    const again = b.cookie;
    assertProblem(await b.loginRaw('admin', 'wrong'), 'invalid-credentials');
    assert.equal(b.cookie, again);
    assertStatus(await b.info(), 200);
  });

  it('the rotated session is still found quickly and still expires on idle time', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    await b.stepUp();
    for (let i = 0; i < 3; i++) assertStatus(await b.info(), 200);
    h.advance(31 * MINUTE);
    assertProblem(await b.info(), 'session-expired');
  });
});

describe('If-Match per RFC 9110 §13.1.1', () => {
  it('only a bare * is a wildcard; the comparison is strong', () => {
    const cases: [string, boolean][] = [
      ['*', true],
      [' * ', true],
      ['"7"', true],
      ['"1", "7"', true],
      ['"1","7"', true],
      [', "7" ,', true],
      ['"*"', false],
      ['W/"*"', false],
      ['W/"7"', false],
      ['7', false],
      ['"7', false],
      ['"1" "7"', false],
      ['"7" x', false],
      ['*, "7"', false],
      ['"7 "', false],
      ['""', false],
      ['', false],
    ];
    for (const [header, expected] of cases) assert.equal(ifMatchSatisfied(header, '7'), expected, header);
  });

  it('PATCH with a quoted or weak wildcard, a weak tag or a bare version answers 412; * and the ETag succeed', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const { etag, version } = await b.personalInfo();
    for (const header of ['"*"', 'W/"*"', `W/${etag}`, version, `${etag}x`]) {
      const res = await b.patchInfo({ welcomeMessage: 'x' }, header);
      const problem = assertProblem(res, 'version-conflict', header);
      assert.equal(problem.currentVersion, version);
    }
    assert.equal((await b.personalInfo()).welcomeMessage, '', 'nothing was stored');
    assertStatus(await b.patchInfo({ welcomeMessage: 'a' }, '*'), 200);
    assertStatus(await b.patchInfo({ welcomeMessage: 'b' }), 200);
    assertProblem(await b.patchInfo({ welcomeMessage: 'c' }, null), 'precondition-required');
  });
});

describe('codes sent per account', () => {
  it(`at most ${RULES.sendsPerAccountPerHour} codes an hour for one account, across destinations`, async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    let sent = 0;
    let refused: Res | null = null;
    for (let i = 0; i < RULES.sendsPerAccountPerHour + 5 && !refused; i++) {
      const token = await b.stepUp();
      const res = await b.challenge('mobile', {
        purpose: 'change',
        value: `+44 7400 ${String(100000 + i).padStart(6, '0')}`,
        stepUpToken: token,
      });
      if (res.status === 201) sent++;
      else refused = res;
    }
    assert.equal(sent, RULES.sendsPerAccountPerHour);
    assert.ok(refused);
    const problem = assertProblem(refused, 'rate-limited');
    assert.match(
      problem.detail ?? '',
      new RegExp(`At most ${RULES.sendsPerAccountPerHour} codes per hour .* one account`),
    );
    const retry = Number(refused.headers.get('Retry-After'));
    assert.ok(retry > 0 && retry <= 3600, `Retry-After ${retry}`);
    // Another account is not affected; this one may send again after the hour.
    const other = await h.signedIn('operator');
    assertStatus(await other.challenge('mobile', { purpose: 'verify' }), 201);
    h.advance(60 * MINUTE);
    const later = await h.signedIn('admin');
    const token = await later.stepUp();
    assertStatus(
      await later.challenge('email', {
        purpose: 'change',
        value: 'after.the.hour@example.org',
        stepUpToken: token,
      }),
      201,
    );
  });
});

describe('character policy', () => {
  const HIDDEN = [
    ['zero-width space in the domain', 'abcd@exa\u200Bmple.com'],
    ['bidi override in the local part', 'ab\u202Ecd@example.com'],
    ['lone surrogate', 'ab\uD800cd@example.com'],
    ['soft hyphen', 'abcd@exa\u00ADmple.com'],
    ['word joiner', 'ab\u2060cd@example.com'],
    ['BOM', 'ab\uFEFFcd@example.com'],
    ['control character', 'ab\u0007cd@example.com'],
    ['right-to-left mark', 'abcd\u200F@example.com'],
    ['variation selector', 'abcd@example\uFE0F.com'],
  ] as const;

  it('an email with invisible, direction-changing or broken characters is refused with a field error', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    for (const [what, value] of HIDDEN) {
      const token = await b.stepUp();
      const res = await b.challenge('email', { purpose: 'change', value, stepUpToken: token });
      const problem = assertProblem(res, 'validation-failed', what);
      assert.ok(problem.fieldErrors?.value?.length, `${what}: a field error on value`);
    }
    assert.equal((await h.outbox()).length, 0, 'no code was sent');
    assert.equal((await b.personalInfo()).email.pending, null);
  });

  it('an internationalised domain is stored and compared in ASCII and shown masked in Unicode', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const { challenge } = await b.startChange('email', 'Jürgen@Bücher.Example');
    assert.equal(challenge.destination, 'J***n@bücher.example');
    const code = await h.latestCode('Jürgen@xn--bcher-kva.example');
    assertStatus(await b.verify('email', challenge.id, { code, stepUpToken: await b.stepUp() }), 200);
    assert.equal((await h.user('admin')).email.value, 'Jürgen@xn--bcher-kva.example');
    assert.equal((await b.personalInfo()).email.masked, 'J***n@bücher.example');
    // The same address typed in its ASCII form is the same address.
    const token = await b.stepUp();
    const same = await b.challenge('email', {
      purpose: 'change',
      value: 'Jürgen@XN--BCHER-KVA.example',
      stepUpToken: token,
    });
    assertProblem(same, 'same-value');
  });

  it('a username with hidden characters is refused as input, before any account is looked up', async () => {
    const h = await setup();
    const res = await h.browser().loginRaw('ad\u200Bmin', PASSWORD);
    const problem = assertProblem(res, 'validation-failed');
    assert.ok(problem.fieldErrors?.username?.length);
  });

  it('a welcome message keeps emoji, CJK and right-to-left text, and refuses bidi embeddings, overrides and isolates', async () => {
    const h = await setup();
    const b = await h.signedIn('admin');
    const kept = '👋 欢迎！👨‍👩‍👧 שלום\u200F world ❤️';
    assertStatus(await b.patchInfo({ welcomeMessage: kept }), 200);
    assert.equal((await b.personalInfo()).welcomeMessage, kept);
    for (const bidi of [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    ]) {
      const res = await b.patchInfo({ welcomeMessage: `hi ${bidi}evil` });
      const problem = assertProblem(res, 'validation-failed', `U+${bidi.codePointAt(0)!.toString(16)}`);
      assert.match(problem.fieldErrors?.welcomeMessage?.[0] ?? '', /Direction-changing/);
    }
    assert.equal((await b.personalInfo()).welcomeMessage, kept);
  });

  it('the Unicode form of an IDNA domain matches Node’s domainToUnicode', () => {
    for (const domain of [
      'xn--bcher-kva.example',
      'xn--r8jz45g.xn--zckzah',
      'xn--mnchen-3ya.de',
      'xn--ls8h.la',
      'example.com',
      'xn--80ak6aa92e.com',
    ])
      assert.equal(domainToUnicode(domain), nodeDomainToUnicode(domain), domain);
  });
});

describe('the rules are documented in the OpenAPI document', () => {
  it('login, step-up, code sending and the PATCH describe what a backend must honour', () => {
    const doc = openApiDocument(API) as {
      paths: Record<
        string,
        Record<
          string,
          { operationId: string; description?: string; parameters?: { name: string; description?: string }[] }
        >
      >;
    };
    const ops = new Map(
      Object.values(doc.paths).flatMap((methods) =>
        Object.values(methods).map((op) => [op.operationId, op] as const),
      ),
    );
    assert.match(ops.get('login')?.description ?? '', /whether or not the username exists/);
    assert.match(ops.get('login')?.description ?? '', /new session id/);
    assert.match(ops.get('verifyIdentity')?.description ?? '', /new session cookie/);
    assert.match(
      ops.get('createChallenge')?.description ?? '',
      new RegExp(`${RULES.sendsPerAccountPerHour} per account and hour`),
    );
    assert.match(ops.get('createChallenge')?.description ?? '', /invisible or direction-changing/);
    assert.match(ops.get('updatePersonalInfo')?.description ?? '', /RFC 9110/);
    const ifMatch = ops.get('updatePersonalInfo')?.parameters?.find((p) => p.name === 'If-Match');
    assert.match(ifMatch?.description ?? '', /bare `\*`/);
  });
});
