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

/**
 * Every value `personalInfoView` reads, as a flat list: a contact's pending change only while it is
 * visible at `now`, the session limit by identity and by its fields. Equal lists make equal views.
 * Keep it in step with `personalInfoView` (test/mock-server/personal-info.test.ts changes each one).
 */
function personalInfoInputs(user: UserRecord, now: number, config: MockConfig): unknown[] {
  const { mobile, email, sessionLimit } = user;
  const mobilePending = mobile.pending && mobile.pending.expiresAt > now ? mobile.pending : null;
  const emailPending = email.pending && email.pending.expiresAt > now ? email.pending : null;
  return [
    user.version,
    user.username,
    user.displayName,
    user.type,
    user.passwordHash === null,
    mobile.value,
    mobile.verified,
    mobilePending?.value,
    mobilePending?.expiresAt,
    email.value,
    email.verified,
    emailPending?.value,
    emailPending?.expiresAt,
    user.autoLogoutMinutes,
    sessionLimit,
    sessionLimit?.max,
    sessionLimit?.policy,
    user.welcomeMessage,
    config.autoLogoutOptions,
    ...config.autoLogoutOptions,
  ];
}

const personalInfoMemo = new WeakMap<UserRecord, { inputs: unknown[]; json: string }>();

/**
 * `personalInfoView` serialized. A GET mostly asks again for a view that has not changed: the last
 * body of each user record is kept beside the inputs it came from and reused while they are all equal
 * (a record replaced by a reset or a rollback is another key).
 */
export function personalInfoJson(user: UserRecord, now: number, config: MockConfig): string {
  const inputs = personalInfoInputs(user, now, config);
  const memo = personalInfoMemo.get(user);
  if (memo && memo.inputs.length === inputs.length && memo.inputs.every((v, i) => v === inputs[i]))
    return memo.json;
  const json = JSON.stringify(personalInfoView(user, now, config));
  personalInfoMemo.set(user, { inputs, json });
  return json;
}
