import type {
  ContactKind,
  ContactView,
  PersonalInfo,
  StepUpMethod,
} from '../components/api/contract/index.js';
import { RULES } from '../components/api/contract/index.js';
import { iso } from './clock.js';
import type { MockConfig } from './context.js';
import type { UserRecord } from './db.js';
import { maskContact } from './mask.js';

export const versionOf = (user: UserRecord): string => String(user.version);
export const etagOf = (user: UserRecord): string => `"${versionOf(user)}"`;

/** `If-Match` as sent: `"7"`, `W/"7"`, `7` or a list; `*` matches any. */
export function ifMatchSatisfied(header: string, user: UserRecord): boolean {
  const current = versionOf(user);
  return header
    .split(',')
    .map((t) =>
      t
        .trim()
        .replace(/^W\//, '')
        .replace(/^"(.*)"$/, '$1'),
    )
    .some((t) => t === '*' || t === current);
}

export function contactView(user: UserRecord, kind: ContactKind, now: number): ContactView {
  const c = user[kind];
  const pending = c.pending && c.pending.expiresAt > now ? c.pending : null;
  return {
    kind,
    masked: c.value ? maskContact(kind, c.value) : null,
    verified: c.value !== null && c.verified,
    pending: pending ? { masked: maskContact(kind, pending.value), expiresAt: iso(pending.expiresAt) } : null,
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

export function personalInfoView(user: UserRecord, now: number, config: MockConfig): PersonalInfo {
  const thirdParty = user.type === 'third-party';
  return {
    version: versionOf(user),
    user: { username: user.username, displayName: user.displayName, type: user.type },
    mobile: contactView(user, 'mobile', now),
    email: contactView(user, 'email', now),
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
