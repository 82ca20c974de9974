import { RULES } from '../components/api/contract/index.js';
import type { Clock } from './clock.js';
import type { MockConfig } from './context.js';
import { keyedHash, randomToken } from './crypto.js';
import type { DbData, SessionRecord, UserRecord } from './db.js';
import { ProblemError } from './problem.js';
import type { Store } from './store.js';

export const SESSION_COOKIE = 'psid';

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** `Secure` when configured (behind HTTPS) or when the request itself came over HTTPS. */
const secure = (config: MockConfig, request: Request): string =>
  config.secureCookies || request.url.startsWith('https:') ? '; Secure' : '';

/** The `Set-Cookie` value that hands the browser a session token. */
export function sessionCookie(token: string, config: MockConfig, request: Request): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${RULES.sessionAbsoluteSeconds}${secure(config, request)}`;
}

/** The `Set-Cookie` value that makes the browser forget its session token. */
export function clearSessionCookie(config: MockConfig, request: Request): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure(config, request)}`;
}

/** Why a session is no longer usable, or `null` when it is. Expired sessions never count toward limits. */
export function sessionEndReason(
  session: SessionRecord,
  user: UserRecord,
  now: number,
): 'session-replaced' | 'session-expired' | null {
  if (session.status === 'replaced') return 'session-replaced';
  if (session.status === 'expired') return 'session-expired';
  if (now - session.lastActiveAt > user.autoLogoutMinutes * 60_000) return 'session-expired';
  if (now - session.createdAt > RULES.sessionAbsoluteSeconds * 1000) return 'session-expired';
  return null;
}

/** Remembered token hashes, by token; each with the secret it was made with. */
const tokenHashes = new Map<string, { secret: string; hash: string }>();
const TOKEN_HASH_MEMO = 4096;

/**
 * The stored form of a session token (its keyed hash). Web Crypto's HMAC costs more CPU than the rest
 * of a GET put together, and every request needs it: the last few thousand tokens are remembered, in
 * memory only (where the live tokens pass anyway), never in the db.
 */
export async function sessionTokenHash(secret: string, token: string): Promise<string> {
  let hash = rememberedTokenHash(secret, token);
  if (hash === undefined) {
    hash = await keyedHash(secret, `session:${token}`);
    tokenHashes.delete(token);
    if (tokenHashes.size >= TOKEN_HASH_MEMO) tokenHashes.delete(tokenHashes.keys().next().value ?? '');
    tokenHashes.set(token, { secret, hash });
  }
  return hash;
}

/**
 * The remembered hash, if any: lets `authenticate` skip an await on the common path. Looked up by the
 * token alone (no key string to build per request); a hash made with another secret does not count.
 */
function rememberedTokenHash(secret: string, token: string): string | undefined {
  const remembered = tokenHashes.get(token);
  return remembered?.secret === secret ? remembered.hash : undefined;
}

const TOMBSTONE_MS = 24 * 3600_000;

/** Mark ended sessions as such and forget them a day later, so the db does not grow forever. */
export function pruneSessions(db: DbData, now: number): void {
  const users = new Map(db.users.map((u) => [u.id, u]));
  db.sessions = db.sessions.filter((s) => {
    const user = users.get(s.userId);
    if (!user) return false;
    const reason = sessionEndReason(s, user, now);
    if (reason === 'session-expired') s.status = 'expired';
    return reason === null || now - s.lastActiveAt < TOMBSTONE_MS + user.autoLogoutMinutes * 60_000;
  });
}

/** Remove the sessions that match (and their step-up tokens); whether any was removed. */
export function endSessions(db: DbData, which: (session: SessionRecord) => boolean): boolean {
  const before = db.sessions.length;
  db.sessions = db.sessions.filter((s) => !which(s));
  if (db.sessions.length === before) return false;
  db.stepUps = db.stepUps.filter((s) => db.sessions.some((x) => x.id === s.sessionId));
  return true;
}

/**
 * Give the session a new token (after a privilege change: a successful identity verification) and
 * return the `Set-Cookie` that hands it to the browser; the old token stops working at once. The
 * session keeps its public id, its step-up tokens and its challenges.
 */
export async function rotateSession(
  session: SessionRecord,
  secret: string,
  config: MockConfig,
  request: Request,
): Promise<string> {
  const token = randomToken(128);
  session.tokenHash = await sessionTokenHash(secret, token);
  return sessionCookie(token, config, request);
}

export function activeSessions(db: DbData, user: UserRecord, now: number): SessionRecord[] {
  return db.sessions.filter((s) => s.userId === user.id && sessionEndReason(s, user, now) === null);
}

interface Positions {
  /** The list's length when the positions were taken. */
  length: number;
  at: Map<string, number>;
}

const sessionsByTokenHash = new WeakMap<SessionRecord[], Positions>();
const usersById = new WeakMap<UserRecord[], Positions>();

/**
 * `list.find((item) => key(item) === value)`, without the scan on every request: with 10 000 users,
 * finding one near the end of `users` took longer than the rest of a GET. The position of each key
 * is remembered per list (a filtered or reloaded list is a new one). A remembered position is used
 * only if it still holds that key. Otherwise the positions are taken again when the list changed (or
 * a remembered one no longer held), and an unknown key in an unchanged list is looked for by a scan.
 * The keys (ids, token hashes) are unique and never change once stored.
 */
function findBy<T>(
  positions: WeakMap<T[], Positions>,
  list: T[],
  key: (item: T) => string,
  value: string,
): T | undefined {
  let known = positions.get(list);
  const at = known?.at.get(value);
  if (at !== undefined) {
    const item = list[at];
    if (item !== undefined && key(item) === value) return item;
  }
  if (known === undefined || known.length !== list.length || at !== undefined) {
    known = { length: list.length, at: new Map() };
    for (const [i, item] of list.entries()) if (!known.at.has(key(item))) known.at.set(key(item), i);
    positions.set(list, known);
    // Just taken from the list itself: no need to scan it a second time.
    const fresh = known.at.get(value);
    return fresh === undefined ? undefined : list[fresh];
  }
  // A key stored in place of another (a rotated session token): found by a scan once, then remembered.
  const index = list.findIndex((item) => key(item) === value);
  if (index < 0) return undefined;
  known.at.set(value, index);
  return list[index];
}

/**
 * Resolve the request's session. Every request except passive ones (`X-Activity: passive`,
 * i.e. polling) counts as activity and moves `lastActiveAt`; the write rides along with the next
 * commit, so reads stay cheap.
 */
export interface AuthenticateOptions {
  store: Store;
  clock: Clock;
  /** The request's `Cookie` header. */
  cookieHeader: string | null;
  /** `X-Activity: passive`: the request does not count as activity. */
  passive: boolean;
}

export async function authenticate(
  options: AuthenticateOptions,
): Promise<{ session: SessionRecord; user: UserRecord }> {
  const { store, clock, cookieHeader, passive } = options;
  const token = readCookie(cookieHeader, SESSION_COOKIE);
  if (!token || token.length > 64) throw new ProblemError('unauthenticated');
  const secret = store.data.secret;
  const tokenHash = rememberedTokenHash(secret, token) ?? (await sessionTokenHash(secret, token));
  // Read after the await: a dev reset may have replaced the db meanwhile.
  const data = store.data;
  const session = findBy(sessionsByTokenHash, data.sessions, (s) => s.tokenHash, tokenHash);
  const user = session && findBy(usersById, data.users, (u) => u.id, session.userId);
  if (!session || !user) throw new ProblemError('unauthenticated');
  const now = clock.now();
  const reason = sessionEndReason(session, user, now);
  if (reason === 'session-expired') {
    session.status = 'expired';
    throw new ProblemError('session-expired', {
      detail:
        'You were signed out after a period without activity, or the session reached its maximum lifetime.',
    });
  }
  if (reason === 'session-replaced') {
    throw new ProblemError('session-replaced', {
      detail: 'A newer login to this account ended this session.',
    });
  }
  if (!passive) session.lastActiveAt = now;
  return { session, user };
}
