import {
  type Challenge,
  type ChallengePurpose,
  type ContactKind,
  LIMITS,
  RULES,
} from '../components/api/contract/index.js';
import { iso } from './clock.js';
import type { Deps } from './context.js';
import { constantTimeEqual, keyedHash, randomCode, randomToken } from './crypto.js';
import type { ChallengeRecord, SessionRecord, UserRecord } from './db.js';
import { maskContact } from './mask.js';
import { ProblemError } from './problem.js';

const HOUR = 3600_000;

export function challengeView(c: ChallengeRecord): Challenge {
  return {
    id: c.id,
    kind: c.kind,
    purpose: c.purpose,
    destination: maskContact(c.kind, c.destination),
    expiresAt: iso(c.expiresAt),
    resendAvailableAt: iso(c.lastSentAt + RULES.resendCooldownSeconds * 1000),
    attemptsRemaining: Math.max(0, RULES.codeMaxAttempts - c.attempts),
    codeLength: LIMITS.codeLength,
  };
}

const MESSAGES: Record<ChallengePurpose, (code: string) => { subject: string; text: string }> = {
  verify: (code) => ({
    subject: 'Verify your contact',
    text: `Your verification code is ${code}. It expires in 5 minutes. Do not share it with anyone.`,
  }),
  change: (code) => ({
    subject: 'Confirm your new contact',
    text: `Your code to confirm this new contact is ${code}. It expires in 5 minutes. Do not share it with anyone.`,
  }),
  'step-up': (code) => ({
    subject: 'Confirm it is you',
    text: `Your identity verification code is ${code}. It expires in 5 minutes. Do not share it with anyone.`,
  }),
};

/** Channel configured, cooldown over, under the hourly caps (per destination, per account): else the matching problem. */
function assertCanSend(
  deps: Deps,
  user: UserRecord,
  kind: ContactKind,
  destination: string,
  now: number,
): void {
  if (!deps.notifier.channels[kind].enabled) {
    throw new ProblemError('notification-not-configured', {
      channel: kind,
      detail:
        kind === 'mobile'
          ? 'The SMS gateway is not configured, so no code can be sent. Ask your administrator to configure remote notification.'
          : 'The mail server is not configured, so no code can be sent. Ask your administrator to configure remote notification.',
    });
  }
  const log = deps.store.data.sendLog;
  const recent = log.filter((s) => s.destination === destination && now - s.at < HOUR);
  const last = recent.filter((s) => s.userId === user.id).at(-1);
  if (last && now - last.at < RULES.resendCooldownSeconds * 1000) {
    throw new ProblemError('cooldown', {
      retryAfterSeconds: Math.ceil((last.at + RULES.resendCooldownSeconds * 1000 - now) / 1000),
    });
  }
  if (recent.length >= RULES.sendsPerDestinationPerHour) {
    const oldest = Math.min(...recent.map((s) => s.at));
    throw new ProblemError('rate-limited', {
      retryAfterSeconds: Math.ceil((oldest + HOUR - now) / 1000),
      detail: `At most ${RULES.sendsPerDestinationPerHour} codes per hour can be sent to one destination.`,
    });
  }
  const mine = log.filter((s) => s.userId === user.id && now - s.at < HOUR);
  if (mine.length >= RULES.sendsPerAccountPerHour) {
    const oldest = Math.min(...mine.map((s) => s.at));
    throw new ProblemError('rate-limited', {
      retryAfterSeconds: Math.ceil((oldest + HOUR - now) / 1000),
      detail: `At most ${RULES.sendsPerAccountPerHour} codes per hour can be sent for one account, to all destinations together.`,
    });
  }
}

/** Send with a bounded wait: a slow provider answers 503 instead of hanging the dialog. */
async function deliver(deps: Deps, kind: ContactKind, to: string, purpose: ChallengePurpose, code: string) {
  const { subject, text } = MESSAGES[purpose](code);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), deps.config.notifyTimeoutMs);
  });
  try {
    await Promise.race([deps.notifier.send({ channel: kind, to, subject, text, code }), timeout]);
  } catch {
    throw new ProblemError('notification-failed', {
      channel: kind,
      detail: 'The code could not be sent right now. Try again in a moment.',
    });
  } finally {
    clearTimeout(timer);
  }
}

/** Record the send (cooldown + hourly cap) and store the code only as a keyed hash. */
async function sendCode(deps: Deps, user: UserRecord, kind: ContactKind, destination: string) {
  const now = deps.clock.now();
  assertCanSend(deps, user, kind, destination, now);
  const code = randomCode(LIMITS.codeLength);
  const id = randomToken(96);
  const codeHash = await keyedHash(deps.store.data.secret, `code:${id}:${code}`);
  // Re-check after the await: a parallel request may have sent meanwhile.
  assertCanSend(deps, user, kind, destination, now);
  deps.store.data.sendLog.push({ userId: user.id, destination, at: now });
  // The send is on disk before anything leaves: the hourly cap holds even through a storage outage.
  await deps.store.commit();
  return { id, code, codeHash, now };
}

export async function createChallenge(
  deps: Deps,
  user: UserRecord,
  session: SessionRecord,
  kind: ContactKind,
  purpose: ChallengePurpose,
  destination: string,
): Promise<ChallengeRecord> {
  const { id, code, codeHash, now } = await sendCode(deps, user, kind, destination);
  try {
    await deliver(deps, kind, destination, purpose, code);
  } catch (e) {
    const data = deps.store.data;
    data.sendLog = data.sendLog.filter(
      (s) => !(s.userId === user.id && s.at === now && s.destination === destination),
    );
    throw e;
  }
  const data = deps.store.data;
  // Latest only: an earlier open challenge of this user, kind and purpose is dead now.
  for (const c of data.challenges) {
    if (c.userId === user.id && c.kind === kind && c.purpose === purpose && c.state === 'open')
      c.state = 'superseded';
  }
  const record: ChallengeRecord = {
    id,
    userId: user.id,
    sessionId: session.id,
    kind,
    purpose,
    destination,
    codeHash,
    expiresAt: now + RULES.codeLifetimeSeconds * 1000,
    lastSentAt: now,
    attempts: 0,
    state: 'open',
  };
  data.challenges = data.challenges.filter((c) => c.state === 'open' || now - c.lastSentAt < HOUR);
  data.challenges.push(record);
  return record;
}

/** A new code for the same challenge; the failure count carries over, the old code stops working. */
export async function resendChallenge(
  deps: Deps,
  user: UserRecord,
  challenge: ChallengeRecord,
): Promise<void> {
  assertResendable(challenge);
  const { code, now } = await sendCode(deps, user, challenge.kind, challenge.destination);
  const codeHash = await keyedHash(deps.store.data.secret, `code:${challenge.id}:${code}`);
  try {
    await deliver(deps, challenge.kind, challenge.destination, challenge.purpose, code);
  } catch (e) {
    const data = deps.store.data;
    data.sendLog = data.sendLog.filter((s) => !(s.userId === user.id && s.at === now));
    throw e;
  }
  challenge.codeHash = codeHash;
  challenge.lastSentAt = now;
  challenge.expiresAt = now + RULES.codeLifetimeSeconds * 1000;
}

/** Dead after too many wrong codes: no code for it is checked or sent again (a new challenge is needed). */
export const isDead = (challenge: ChallengeRecord): boolean => challenge.attempts >= RULES.codeMaxAttempts;

/** A challenge dead after too many wrong codes gets no new code: a new challenge is needed. */
export function assertResendable(challenge: ChallengeRecord): void {
  if (isDead(challenge)) throw tooManyAttempts();
}

const tooManyAttempts = (retryAfterSeconds?: number) =>
  new ProblemError('too-many-attempts', {
    detail: 'Too many wrong codes. Send a new code to try again.',
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });

/** Find an open challenge of this user's session; anything else is simply not found. */
export function findChallenge(
  deps: Deps,
  user: UserRecord,
  session: SessionRecord,
  kind: ContactKind,
  id: string,
): ChallengeRecord {
  const c = deps.store.data.challenges.find((x) => x.id === id);
  if (!c || c.userId !== user.id || c.sessionId !== session.id || c.kind !== kind || c.state !== 'open') {
    throw new ProblemError('not-found', { detail: 'No such code request. Send a new code.' });
  }
  return c;
}

/**
 * Check a code. The hash is computed first; every decision after it is synchronous, so of 20
 * parallel verifies of the right code exactly one consumes it.
 */
export async function checkCode(
  deps: Deps,
  user: UserRecord,
  challenge: ChallengeRecord,
  code: string,
): Promise<void> {
  const hash = await keyedHash(deps.store.data.secret, `code:${challenge.id}:${code}`);
  const now = deps.clock.now();
  if (challenge.state !== 'open')
    throw new ProblemError('not-found', { detail: 'This code was already used.' });
  user.codeFailures = user.codeFailures.filter((t) => now - t < HOUR);
  if (user.codeFailures.length >= RULES.accountCodeFailuresPerHour) {
    const oldest = Math.min(...user.codeFailures);
    throw tooManyAttempts(Math.ceil((oldest + HOUR - now) / 1000));
  }
  if (isDead(challenge)) throw tooManyAttempts();
  if (now >= challenge.expiresAt) {
    throw new ProblemError('code-expired', { detail: 'The code has expired. Send a new one.' });
  }
  if (!constantTimeEqual(hash, challenge.codeHash)) {
    challenge.attempts += 1;
    user.codeFailures.push(now);
    const attemptsRemaining = Math.max(0, RULES.codeMaxAttempts - challenge.attempts);
    await deps.store.commit();
    throw new ProblemError('invalid-code', {
      attemptsRemaining,
      detail:
        attemptsRemaining > 0
          ? `The code is wrong. ${attemptsRemaining} ${attemptsRemaining === 1 ? 'try' : 'tries'} left.`
          : 'The code is wrong and no tries are left. Send a new code.',
    });
  }
  challenge.state = 'used';
}

/** A step-up token of this session, not expired. */
export async function requireStepUp(
  deps: Deps,
  user: UserRecord,
  session: SessionRecord,
  token: string | undefined,
) {
  if (!token)
    throw new ProblemError('step-up-required', { detail: 'Verify your identity before changing a contact.' });
  const hash = await keyedHash(deps.store.data.secret, `step-up:${token}`);
  const record = deps.store.data.stepUps.find((s) => s.tokenHash === hash);
  if (!record || record.userId !== user.id || record.sessionId !== session.id) {
    throw new ProblemError('step-up-required', { detail: 'Verify your identity before changing a contact.' });
  }
  if (deps.clock.now() >= record.expiresAt) {
    throw new ProblemError('step-up-expired', {
      detail: 'The identity verification has expired. Verify again.',
    });
  }
}

export async function issueStepUp(deps: Deps, user: UserRecord, session: SessionRecord) {
  const token = randomToken(128);
  const now = deps.clock.now();
  const expiresAt = now + RULES.stepUpLifetimeSeconds * 1000;
  const tokenHash = await keyedHash(deps.store.data.secret, `step-up:${token}`);
  const data = deps.store.data;
  data.stepUps = data.stepUps.filter((s) => s.expiresAt > now);
  data.stepUps.push({ tokenHash, userId: user.id, sessionId: session.id, expiresAt });
  return { stepUpToken: token, expiresAt: iso(expiresAt) };
}
