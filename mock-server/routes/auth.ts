import { RULES } from '../../components/api/contract/index.js';
import { iso } from '../clock.js';
import type { Deps, RouteHandlers } from '../context.js';
import { randomToken, verifyPassword } from '../crypto.js';
import type { DbData } from '../db.js';
import { ProblemError } from '../problem.js';
import {
  activeSessions,
  clearSessionCookie,
  endSessions,
  pruneSessions,
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
  sessionTokenHash,
} from '../sessions.js';

/** What a wrong password counts against: a user record, or a submitted username with no password account. */
export interface FailureCounter {
  passwordFailures: number;
  lockedUntil: number;
}

const unknownCounters = new WeakMap<DbData, Map<string, FailureCounter>>();
/** Enough for any real attack on a mock; bounded so that made-up usernames cannot fill the memory. */
const UNKNOWN_COUNTERS_MAX = 100_000;

/**
 * The failure counter of a submitted username that has no password account (unknown, or a third-party
 * user who signs in through SSO): kept in memory beside the db (a new db after a reset starts afresh),
 * so that made-up usernames lock out exactly like real ones without being written into the db.
 */
function unknownCounter(data: DbData, username: string): FailureCounter {
  let counters = unknownCounters.get(data);
  if (!counters) {
    counters = new Map();
    unknownCounters.set(data, counters);
  }
  let counter = counters.get(username);
  if (!counter) {
    if (counters.size >= UNKNOWN_COUNTERS_MAX) counters.delete(counters.keys().next().value ?? '');
    counter = { passwordFailures: 0, lockedUntil: 0 };
    counters.set(username, counter);
  }
  return counter;
}

/** Lockout shared by login and step-up: 5 wrong passwords → 15 minutes of 429. */
export function assertNotLocked(counter: FailureCounter, now: number): void {
  if (counter.lockedUntil > now) {
    throw new ProblemError('account-locked', {
      retryAfterSeconds: Math.ceil((counter.lockedUntil - now) / 1000),
    });
  }
}

/**
 * Count a wrong password; commit (also when the counter is not in the db, so both take the same
 * time); throw 401 with `wrong` and the tries left, or 429 when this one reached the limit.
 */
export async function failPassword(deps: Deps, counter: FailureCounter, wrong: string): Promise<never> {
  const now = deps.clock.now();
  counter.passwordFailures += 1;
  const locked = counter.passwordFailures >= RULES.passwordMaxFailures;
  if (locked) {
    counter.passwordFailures = 0;
    counter.lockedUntil = now + RULES.lockoutSeconds * 1000;
  }
  await deps.store.commit();
  if (locked) throw new ProblemError('account-locked', { retryAfterSeconds: RULES.lockoutSeconds });
  const left = RULES.passwordMaxFailures - counter.passwordFailures;
  throw new ProblemError('invalid-credentials', {
    detail: `${wrong} ${left} more ${left === 1 ? 'try' : 'tries'} before the account is locked for ${RULES.lockoutSeconds / 60} minutes.`,
  });
}

/** The one answer to a failed password login, whether or not the username exists. */
const WRONG_LOGIN = 'The username or password is wrong.';

export const authHandlers: Pick<RouteHandlers, 'login' | 'logout'> = {
  /**
   * A failed password login answers the same for an unknown username as for a wrong password (status,
   * code, detail, headers, lockout after 5 tries), after the same work (a PBKDF2 verification against
   * a dummy hash, a commit). A session cookie sent along is ended when the login succeeds: the
   * browser gets a new session id, never the one it came with.
   */
  async login({ body, request, deps }) {
    const { store, clock } = deps;
    const found = store.data.users.find((u) => u.username === body.username);
    const sso = 'provider' in body;
    // Verify before any decision so timing does not tell which usernames exist.
    const passwordOk = sso ? false : await verifyPassword(body.password, found?.passwordHash ?? null);
    const token = randomToken(128);
    const tokenHash = await sessionTokenHash(store.data.secret, token);
    const previousToken = readCookie(request.headers.get('Cookie'), SESSION_COOKIE);
    const previousHash =
      previousToken && previousToken.length <= 64
        ? await sessionTokenHash(store.data.secret, previousToken)
        : null;
    const user = store.data.users.find((u) => u.username === body.username);
    const now = clock.now();
    if (sso) {
      if (user?.type !== 'third-party') throw new ProblemError('invalid-credentials');
      assertNotLocked(user, now);
    } else {
      const counter = user && user.passwordHash !== null ? user : unknownCounter(store.data, body.username);
      assertNotLocked(counter, now);
      if (!passwordOk || !user) return failPassword(deps, counter, WRONG_LOGIN);
    }

    // From here to the commit nothing awaits: parallel logins are decided one at a time.
    pruneSessions(store.data, now);
    const active = activeSessions(store.data, user, now);
    let replaced = 0;
    if (user.sessionLimit && active.length >= user.sessionLimit.max) {
      if (user.sessionLimit.policy === 'deny') {
        throw new ProblemError('session-limit-reached', {
          detail: `This account already has ${active.length} online session${active.length === 1 ? '' : 's'}, the maximum allowed.`,
        });
      }
      const toEnd = active
        .sort((a, b) => a.lastActiveAt - b.lastActiveAt)
        .slice(0, active.length - user.sessionLimit.max + 1);
      for (const s of toEnd) s.status = 'replaced';
      replaced = toEnd.length;
    }
    const session = {
      id: randomToken(96),
      tokenHash,
      userId: user.id,
      createdAt: now,
      lastActiveAt: now,
      userAgent: (request.headers.get('User-Agent') ?? 'unknown').slice(0, 200),
      status: 'active' as const,
    };
    store.data.sessions.push(session);
    if (previousHash !== null) endSessions(store.data, (s) => s.tokenHash === previousHash);
    user.passwordFailures = 0;
    await store.commit();
    return {
      cookies: [sessionCookie(token, deps.config, request)],
      body: {
        user: { username: user.username, displayName: user.displayName, type: user.type },
        welcomeMessage: user.welcomeMessage,
        session: {
          id: session.id,
          expiresAt: iso(now + RULES.sessionAbsoluteSeconds * 1000),
          idleTimeoutMinutes: user.autoLogoutMinutes,
        },
        replacedSessions: replaced,
      },
    };
  },

  async logout({ request, deps }) {
    const token = readCookie(request.headers.get('Cookie'), SESSION_COOKIE);
    if (token && token.length <= 64) {
      const hash = await sessionTokenHash(deps.store.data.secret, token);
      if (endSessions(deps.store.data, (s) => s.tokenHash === hash)) await deps.store.commit();
    }
    return { cookies: [clearSessionCookie(deps.config, request)] };
  },
};
