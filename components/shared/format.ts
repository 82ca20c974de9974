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
 * Locales we ship whose digits are ASCII: there, a whole number from 0 to 999 is written as its plain
 * digits whatever the options that this code passes (grouping only starts at 1,000). Building the
 * page's first `Intl.NumberFormat` loads ICU's number data — 40–90 ms on a small machine, more than
 * the rest of the form's first render, for the "From 1 to 500" of the session-limit field. A test
 * checks this against Intl.
 */
const ASCII_DIGITS = /^(en|zh)(-[a-z0-9]{2,8})*$/i; // no extension (`-u-nu-…` picks other digits)

/** A number as the locale writes it (`1,000` in English; the locale's own digits where it has them). */
export function formatNumber(value: number, lang: string, options?: Intl.NumberFormatOptions): string {
  if (
    !options?.style &&
    Number.isInteger(value) &&
    value >= 0 &&
    value < 1000 &&
    !Object.is(value, -0) &&
    ASCII_DIGITS.test(lang)
  ) {
    return String(value);
  }
  return cached(`number ${lang} ${options ? JSON.stringify(options) : ''}`, () => {
    try {
      return new Intl.NumberFormat(lang, options);
    } catch {
      return new Intl.NumberFormat('en', options);
    }
  }).format(value);
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

/**
 * A duration in the user's language, from seconds: `45 seconds`, `15 minutes`, `2 hours`, `30分钟`.
 * Under a minute reads as seconds, whole hours as hours, anything else as minutes (rounded up).
 */
export function formatDurationSeconds(seconds: number, lang: string): string {
  const s = Math.max(0, Math.ceil(seconds));
  const unit = s < 60 ? 'second' : s % 3600 === 0 ? 'hour' : 'minute';
  const value = unit === 'second' ? s : unit === 'hour' ? s / 3600 : Math.ceil(s / 60);
  const words = unit === 'second' ? undefined : UNIT_WORDS[lang]?.[unit];
  if (words && value < 1000) return `${value}${value === 1 ? words[0] : words[1]}`;
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
