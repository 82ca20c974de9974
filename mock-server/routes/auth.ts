import { RULES } from '../../components/api/contract/index.js';
import { iso } from '../clock.js';
import type { RouteHandlers } from '../context.js';
import { randomToken, verifyPassword } from '../crypto.js';
import type { UserRecord } from '../db.js';
import { ProblemError } from '../problem.js';
import {
  activeSessions,
  clearSessionCookie,
  pruneSessions,
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
  sessionTokenHash,
} from '../sessions.js';
import type { Deps } from '../context.js';

/** Lockout shared by login and step-up: 5 wrong passwords → 15 minutes of 429. */
export function assertNotLocked(user: UserRecord, now: number): void {
  if (user.lockedUntil > now) {
    throw new ProblemError('account-locked', {
      retryAfterSeconds: Math.ceil((user.lockedUntil - now) / 1000),
    });
  }
}

/** Count a wrong password; commit; throw 401, or 429 when this one reached the limit. */
export async function failPassword(deps: Deps, user: UserRecord): Promise<never> {
  const now = deps.clock.now();
  user.passwordFailures += 1;
  const locked = user.passwordFailures >= RULES.passwordMaxFailures;
  if (locked) {
    user.passwordFailures = 0;
    user.lockedUntil = now + RULES.lockoutSeconds * 1000;
  }
  await deps.store.commit();
  if (locked) throw new ProblemError('account-locked', { retryAfterSeconds: RULES.lockoutSeconds });
  throw new ProblemError('invalid-credentials', {
    detail: `Wrong password. ${RULES.passwordMaxFailures - user.passwordFailures} more tries before the account is locked for ${RULES.lockoutSeconds / 60} minutes.`,
  });
}

export const authHandlers: Pick<RouteHandlers, 'login' | 'logout'> = {
  async login({ body, request, deps }) {
    const { store, clock, config } = deps;
    const found = store.data.users.find((u) => u.username === body.username);
    const sso = 'provider' in body;
    // Verify before any decision so timing does not tell which usernames exist.
    const passwordOk = sso ? false : await verifyPassword(body.password, found?.passwordHash ?? null);
    const token = randomToken(128);
    const tokenHash = await sessionTokenHash(store.data.secret, token);
    const user = store.data.users.find((u) => u.username === body.username);
    if (!user) throw new ProblemError('invalid-credentials');
    const now = clock.now();
    assertNotLocked(user, now);
    if (sso ? user.type !== 'third-party' : user.passwordHash === null)
      throw new ProblemError('invalid-credentials');
    if (!sso && !passwordOk) return failPassword(deps, user);

    // From here to the commit nothing awaits: parallel logins are decided one at a time.
    pruneSessions(store.data, now);
    const active = activeSessions(store.data, user, now);
    let replaced = 0;
    if (user.sessionLimit && active.length >= user.sessionLimit.max) {
      if (user.sessionLimit.policy === 'deny') {
        throw new ProblemError('session-limit-reached', {
          detail: `This account already has ${active.length} online session(s), the maximum allowed.`,
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
    user.passwordFailures = 0;
    await store.commit();
    return {
      cookies: [sessionCookie(token, config, request)],
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
      const before = deps.store.data.sessions.length;
      deps.store.data.sessions = deps.store.data.sessions.filter((s) => s.tokenHash !== hash);
      deps.store.data.stepUps = deps.store.data.stepUps.filter((s) =>
        deps.store.data.sessions.some((x) => x.id === s.sessionId),
      );
      if (deps.store.data.sessions.length !== before) await deps.store.commit();
    }
    return { cookies: [clearSessionCookie(deps.config, request)] };
  },
};
