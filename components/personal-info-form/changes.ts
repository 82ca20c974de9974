import type { ContactKind, ContactView, PersonalInfo, SessionLimit } from '../api/contract/index.js';
import type { Translate } from '../shared/localize.js';

// The summary of a version conflict: imported on the first 412 only (not part of the form's page). It
// imports no runtime module the page has: what it needs comes in as `ChangeFormat` (a module shared with
// the page would be split into a chunk of its own, one more file on the page).

export { default as strings } from './locales/en-changes.js';

/** The page's formatters, passed in. */
export interface ChangeFormat {
  t: Translate;
  /** `30 minutes`, `2 hours`. */
  duration(minutes: number): string;
  sameLimit(a: SessionLimit | null, b: SessionLimit | null): boolean;
}

function describeSessionLimit(limit: SessionLimit | null, t: Translate): string {
  if (limit === null) return t('personal-info.session-limit.unlimited');
  return t(
    limit.policy === 'log-out' ? 'personal-info.session-limit.log-out' : 'personal-info.session-limit.deny',
    {
      max: limit.max,
    },
  );
}

function contactChanges(kind: ContactKind, from: ContactView, to: ContactView, t: Translate): string[] {
  const name = t(`contact.${kind}`);
  const none = t('personal-info.contact.none');
  const out: string[] = [];
  if (from.masked !== to.masked) {
    out.push(t('personal-info.change.contact', { name, from: from.masked ?? none, to: to.masked ?? none }));
  } else if (from.verified !== to.verified) {
    out.push(
      t(to.verified ? 'personal-info.change.contact-verified' : 'personal-info.change.contact-unverified', {
        name,
      }),
    );
  }
  if (to.pending && to.pending.masked !== from.pending?.masked) {
    out.push(t('personal-info.change.contact-pending', { name }));
  }
  return out;
}

/** What changed between two versions of the personal info, as sentences a user can read. */
export function describeChanges(from: PersonalInfo, to: PersonalInfo, format: ChangeFormat): string[] {
  const { t } = format;
  const out = [
    ...contactChanges('mobile', from.mobile, to.mobile, t),
    ...contactChanges('email', from.email, to.email, t),
  ];
  if (from.autoLogout.minutes !== to.autoLogout.minutes) {
    out.push(
      t('personal-info.change.auto-logout', {
        from: format.duration(from.autoLogout.minutes),
        to: format.duration(to.autoLogout.minutes),
      }),
    );
  }
  if (!format.sameLimit(from.sessionLimit, to.sessionLimit)) {
    out.push(
      t('personal-info.change.session-limit', {
        from: describeSessionLimit(from.sessionLimit, t),
        to: describeSessionLimit(to.sessionLimit, t),
      }),
    );
  }
  if (from.welcomeMessage !== to.welcomeMessage) out.push(t('personal-info.change.welcome'));
  return out;
}
