/**
 * Phone helpers for the mobile-number step. libphonenumber-js (mobile metadata, ~24 KB gz) is only
 * ever loaded through `loadPhoneLib()` — a dynamic `import()` — so a page that never edits a mobile
 * number never downloads it. Everything here that needs the metadata takes the loaded module.
 */
import { PHONE_TEXT } from '../api/contract/constants.js';
import { formatNumber } from './format.js';

export type PhoneLib = typeof import('libphonenumber-js/mobile');

let pending: Promise<PhoneLib> | null = null;

/** Load libphonenumber-js (mobile metadata) once; a failed load can be retried. */
export function loadPhoneLib(): Promise<PhoneLib> {
  pending ??= import('libphonenumber-js/mobile').catch((error: unknown) => {
    pending = null;
    throw error;
  });
  return pending;
}

/** One entry of the country/region picker. */
export interface RegionOption {
  /** ISO 3166-1 alpha-2, e.g. `GB`. */
  code: string;
  /** Localized name from `Intl.DisplayNames`, e.g. “United Kingdom”, “英国”. */
  name: string;
  /** Calling code with its plus, e.g. `+44`. */
  dialCode: string;
  /** The calling code as shown: its number through `Intl.NumberFormat` for the locale (no grouping). */
  dialLabel: string;
  /** Lower-cased, accent-free text matched by the search box (local and English names, ISO, dial code). */
  search: string;
}

/** The region that owns a shared calling code when the digits typed so far cannot tell. */
const MAIN_REGION: Readonly<Record<string, string>> = {
  '1': 'US',
  '7': 'RU',
  '39': 'IT',
  '44': 'GB',
  '47': 'NO',
  '61': 'AU',
  '212': 'MA',
  '262': 'RE',
  '290': 'SH',
  '358': 'FI',
  '590': 'GP',
  '599': 'CW',
};

const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

const optionCache = new Map<string, RegionOption[]>();

function displayNames(lang: string): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([lang, 'en'], { type: 'region', fallback: 'code' });
  } catch {
    return null;
  }
}

/** Every region libphonenumber knows, named in `lang` and sorted for that language. */
export function regionOptions(lib: PhoneLib, lang: string): RegionOption[] {
  const cached = optionCache.get(lang);
  if (cached) return cached;
  const local = displayNames(lang);
  const english = displayNames('en');
  const options = lib.getCountries().map((code) => {
    const name = local?.of(code) ?? code;
    const englishName = english?.of(code) ?? code;
    const calling = lib.getCountryCallingCode(code);
    const dialCode = `+${calling}`;
    const dialLabel = `+${formatNumber(Number(calling), lang, { useGrouping: false })}`;
    return { code, name, dialCode, dialLabel, search: fold(`${name} ${englishName} ${code} ${dialCode}`) };
  });
  const collator = new Intl.Collator(lang);
  options.sort((a, b) => collator.compare(a.name, b.name));
  optionCache.set(lang, options);
  return options;
}

/** Options matching a search: by name (local or English, accents ignored), ISO code or dial code. */
export function filterRegions(options: readonly RegionOption[], query: string): RegionOption[] {
  const q = fold(query.trim());
  if (!q) return [...options];
  const digits = q.replace(/^\+/, '');
  if (/^\d+$/.test(digits)) return options.filter((o) => o.dialCode.slice(1).startsWith(digits));
  const starts: RegionOption[] = [];
  const contains: RegionOption[] = [];
  for (const o of options) {
    if (o.code.toLowerCase() === q || o.search.startsWith(q) || o.search.includes(` ${q}`)) starts.push(o);
    else if (o.search.includes(q)) contains.push(o);
  }
  return [...starts, ...contains];
}

/** Zero of each decimal-digit script a phone keyboard or IME may produce. */
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x0966, 0x09e6, 0x0e50, 0xff10];

/** Full-width, Arabic-Indic and other common Unicode digits and plus signs as ASCII (IMEs, RTL keyboards). */
export function asciiDigits(text: string): string {
  return text
    .replace(/\p{Nd}/gu, (d) => {
      const code = d.codePointAt(0)!;
      const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9);
      return zero === undefined ? d : String(code - zero);
    })
    .replace(/[\uff0b\ufe62]/g, '+');
}

/**
 * The region an international number (`+44 7400…`) belongs to, as far as the digits typed so far
 * tell; keeps `current` when it shares the calling code. `null` for national input.
 */
export function regionOfInternational(lib: PhoneLib, input: string, current: string): string | null {
  const text = asciiDigits(input).trim();
  if (!text.startsWith('+')) return null;
  const typer = new lib.AsYouType();
  typer.input(text);
  const country = typer.getCountry();
  if (country) return country;
  const callingCode = typer.getCallingCode();
  if (!callingCode) return null;
  if (lib.isSupportedCountry(current) && lib.getCountryCallingCode(current) === callingCode) return current;
  const main = MAIN_REGION[callingCode];
  if (main) return main;
  return lib.getCountries().find((c) => lib.getCountryCallingCode(c) === callingCode) ?? null;
}

export type MobileProblem = 'empty' | 'not-a-number' | 'too-short' | 'too-long' | 'invalid';

export type MobileCheck =
  | { ok: true; e164: string; region: string; national: string; international: string }
  | { ok: false; problem: MobileProblem };

/** Validate a mobile number for a region (national or `+` international input). */
export function checkMobile(lib: PhoneLib, input: string, region: string): MobileCheck {
  const text = asciiDigits(input).trim();
  if (!text) return { ok: false, problem: 'empty' };
  if (!PHONE_TEXT.test(text)) return { ok: false, problem: 'not-a-number' };
  if (!lib.isSupportedCountry(region)) return { ok: false, problem: 'invalid' };
  const length = lib.validatePhoneNumberLength(text, region);
  if (length === 'TOO_SHORT') return { ok: false, problem: 'too-short' };
  if (length === 'TOO_LONG') return { ok: false, problem: 'too-long' };
  const parsed = lib.parsePhoneNumberFromString(text, region);
  if (!parsed?.isValid()) return { ok: false, problem: 'invalid' };
  return {
    ok: true,
    e164: parsed.number,
    region: parsed.country ?? region,
    national: parsed.formatNational(),
    international: parsed.formatInternational(),
  };
}

/** The calling code at the start of a masked value (`+86 138****5678` → `86`), if it shows one. */
function callingCodeOfMasked(masked: string | null | undefined): string | null {
  const match = masked ? /^\+(\d{1,3})[\s\u00a0]/.exec(masked) : null;
  return match?.[1] ?? null;
}

/** The region part of a locale (`en-GB` → `GB`, `zh-CN` → `CN`), if it has one. */
function regionOfLocale(locale: string | undefined): string | null {
  if (!locale) return null;
  try {
    return new Intl.Locale(locale).maximize().region ?? null;
  } catch {
    return null;
  }
}

/** Resolve the starting region once the library is loaded. */
export function initialRegion(
  lib: PhoneLib,
  hints: { masked?: string | null; locales?: readonly (string | undefined)[] },
): string {
  const callingCode = callingCodeOfMasked(hints.masked);
  const fromLocales = (hints.locales ?? []).map(regionOfLocale).filter((r): r is string => !!r);
  if (callingCode) {
    const sameCode = fromLocales.find(
      (r) => lib.isSupportedCountry(r) && lib.getCountryCallingCode(r) === callingCode,
    );
    if (sameCode) return sameCode;
    const main =
      MAIN_REGION[callingCode] ??
      lib.getCountries().find((c) => lib.getCountryCallingCode(c) === callingCode);
    if (main) return main;
  }
  return fromLocales.find((r) => lib.isSupportedCountry(r)) ?? 'US';
}
