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
