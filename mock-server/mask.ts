import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { domainToUnicode } from './idna.js';

const masked = new Map<string, string>();
const MASK_MEMO = 4096;

/**
 * `+8613812345678` → `+86 138****5678`: the country code, the first three and last four digits.
 * Parsing with the full phone metadata is the costliest step of a GET, so recent results are kept.
 */
export function maskMobile(e164: string): string {
  let result = masked.get(e164);
  if (result === undefined) {
    result = maskMobileUncached(e164);
    if (masked.size >= MASK_MEMO) masked.delete(masked.keys().next().value ?? '');
    masked.set(e164, result);
  }
  return result;
}

function maskMobileUncached(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  const cc = parsed?.countryCallingCode ?? '';
  const national = parsed?.nationalNumber ?? e164.replace(/\D/g, '');
  const head = national.length > 7 ? national.slice(0, 3) : national.slice(0, 1);
  const tail = national.slice(-Math.min(4, Math.max(1, national.length - head.length - 2)));
  return `${cc ? `+${cc} ` : ''}${head}****${tail}`;
}

/**
 * `john@example.com` → `j***n@example.com`: the domain is kept (in its Unicode form:
 * `xn--bcher-kva.example` shows as `bücher.example`), the local part reduced to its ends.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = domainToUnicode(email.slice(at + 1));
  const masked = local.length <= 2 ? `${local.slice(0, 1)}***` : `${local[0]}***${local.at(-1)}`;
  return `${masked}@${domain}`;
}

export const maskContact = (kind: 'mobile' | 'email', value: string): string =>
  kind === 'mobile' ? maskMobile(value) : maskEmail(value);
