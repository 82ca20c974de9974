import type { ContactKind, ContactView, PersonalInfo, SessionLimit } from '../api/contract/index.js';
import { sameSessionLimit } from '../session-limit-field/session-limit-value.js';

export type Translate = (id: string, values?: Readonly<Record<string, string | number>>) => string;

/** Intl formatters are costly to build: one per locale and options, kept for the page's life. */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * What `Intl.NumberFormat`'s long `minute` / `hour` units say in the locales we ship ([one, other]),
 * for whole numbers below 1000 (no grouping separator). The first unit formatter of a page loads
 * ICU's unit data — 50–90 ms on a small machine, more than the rest of the form's first render —
 * and the auto-logout select shows 8 durations at once. Other locales and numbers go to Intl; a
 * test checks these words against Intl.
 */
const UNIT_WORDS: Readonly<Record<string, Readonly<Record<'minute' | 'hour', readonly [string, string]>>>> = {
  en: { minute: [' minute', ' minutes'], hour: [' hour', ' hours'] },
  'zh-CN': { minute: ['分钟', '分钟'], hour: ['小时', '小时'] },
};

/** `30 minutes`, `2 hours`, `30分钟`: whole hours read as hours. */
export function formatDuration(minutes: number, lang: string): string {
  const hours = minutes % 60 === 0 && minutes >= 60;
  const unit = hours ? 'hour' : 'minute';
  const value = hours ? minutes / 60 : minutes;
  const words = UNIT_WORDS[lang]?.[unit];
  if (words && Number.isInteger(value) && value >= 0 && value < 1000) {
    return `${value}${value === 1 ? words[0] : words[1]}`;
  }
  return cached(
    `duration ${unit} ${lang}`,
    () => new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }),
  ).format(value);
}

export function formatTime(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return cached(
    `time ${lang}`,
    () => new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }),
  ).format(date);
}

export function describeSessionLimit(limit: SessionLimit | null, t: Translate): string {
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
export function describeChanges(from: PersonalInfo, to: PersonalInfo, t: Translate, lang: string): string[] {
  const out = [
    ...contactChanges('mobile', from.mobile, to.mobile, t),
    ...contactChanges('email', from.email, to.email, t),
  ];
  if (from.autoLogout.minutes !== to.autoLogout.minutes) {
    out.push(
      t('personal-info.change.auto-logout', {
        from: formatDuration(from.autoLogout.minutes, lang),
        to: formatDuration(to.autoLogout.minutes, lang),
      }),
    );
  }
  if (!sameSessionLimit(from.sessionLimit, to.sessionLimit)) {
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
