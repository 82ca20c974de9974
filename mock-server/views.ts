import type {
  ContactKind,
  ContactView,
  PersonalInfo,
  StepUpMethod,
} from '../components/api/contract/index.js';
import { RULES } from '../components/api/contract/index.js';
import { iso } from './clock.js';
import { challengeView, isDead } from './codes.js';
import type { Deps, MockConfig } from './context.js';
import type { ChallengeRecord, SessionRecord, UserRecord } from './db.js';
import { maskContact } from './mask.js';

export const versionOf = (user: UserRecord): string => String(user.version);
export const etagOf = (user: UserRecord): string => `"${versionOf(user)}"`;

/**
 * `If-Match` per RFC 9110 §13.1.1: a bare `*` matches any current version; otherwise the field is a
 * list of entity-tags and one must equal the current ETag by the strong comparison (§8.8.3.2): a weak
 * tag (`W/"7"`) never matches, and neither does a quoted `"*"`. A field that is not a well-formed list
 * of entity-tags (an unquoted `7`) matches nothing.
 */
export function ifMatchSatisfied(header: string, version: string): boolean {
  const field = header.trim();
  if (field === '*') return true;
  let matched = false;
  let i = 0;
  let expectTag = true;
  while (i < field.length) {
    const ch = field.charCodeAt(i);
    if (ch === 0x20 || ch === 0x09) {
      i++;
    } else if (ch === 0x2c) {
      expectTag = true; // empty list elements are allowed (RFC 9110 §5.6.1)
      i++;
    } else {
      if (!expectTag) return false;
      const weak = field.startsWith('W/', i);
      const open = weak ? i + 2 : i;
      if (field.charCodeAt(open) !== 0x22) return false;
      const close = field.indexOf('"', open + 1);
      if (close < 0) return false;
      for (let k = open + 1; k < close; k++) {
        const c = field.charCodeAt(k);
        if (c < 0x21 || c === 0x7f) return false; // etagc: no spaces or controls
      }
      if (!weak && close - open - 1 === version.length && field.startsWith(version, open + 1)) matched = true;
      i = close + 1;
      expectTag = false;
    }
  }
  return matched;
}

/** Who asks (their session) and the challenges: a pending change is resumable only in the session that sent it. */
export interface Viewer {
  readonly sessionId: string;
  readonly challenges: readonly ChallengeRecord[];
}

export const viewerOf = (session: SessionRecord, deps: Deps): Viewer => ({
  sessionId: session.id,
  challenges: deps.store.data.challenges,
});

/**
 * A contact as the API shows it. A change is pending while its code can still be used — its challenge
 * open, not expired, with tries left — and carries that challenge only for the session that sent it
 * (the only one that can verify it); every other session sees the change pending, without it.
 */
export function contactView(user: UserRecord, kind: ContactKind, now: number, viewer: Viewer): ContactView {
  const c = user[kind];
  const p = c.pending;
  const challenge =
    p && p.expiresAt > now ? viewer.challenges.find((x) => x.id === p.challengeId) : undefined;
  const alive =
    challenge !== undefined &&
    challenge.userId === user.id &&
    challenge.state === 'open' &&
    !isDead(challenge);
  return {
    kind,
    masked: c.value ? maskContact(kind, c.value) : null,
    verified: c.value !== null && c.verified,
    pending:
      p && alive
        ? {
            masked: maskContact(kind, p.value),
            expiresAt: iso(p.expiresAt),
            challenge: challenge.sessionId === viewer.sessionId ? challengeView(challenge) : null,
          }
        : null,
  };
}

export function stepUpMethods(user: UserRecord): StepUpMethod[] {
  if (user.passwordHash !== null) return [{ type: 'password' }];
  const methods: StepUpMethod[] = [];
  for (const kind of ['mobile', 'email'] as const) {
    const c = user[kind];
    if (c.value && c.verified)
      methods.push({ type: 'code', channel: kind, destination: maskContact(kind, c.value) });
  }
  return methods;
}

export function personalInfoView(
  user: UserRecord,
  now: number,
  config: MockConfig,
  viewer: Viewer,
): PersonalInfo {
  const thirdParty = user.type === 'third-party';
  return {
    version: versionOf(user),
    user: { username: user.username, displayName: user.displayName, type: user.type },
    mobile: contactView(user, 'mobile', now, viewer),
    email: contactView(user, 'email', now, viewer),
    stepUpMethods: stepUpMethods(user),
    autoLogout: {
      minutes: thirdParty ? RULES.thirdPartyAutoLogoutMinutes : user.autoLogoutMinutes,
      options: config.autoLogoutOptions,
      editable: !thirdParty,
      lockedReason: thirdParty ? 'third-party' : null,
    },
    sessionLimit: user.sessionLimit,
    welcomeMessage: user.welcomeMessage,
  };
}
