import { HIDDEN_CHARACTER, LIMITS } from './constants.js';

/**
 * Email addresses as the contract accepts and stores them (the character policy is in
 * `constants.ts`). A module of its own so that a page importing the contract's constants (the form)
 * does not download what only the dialog and the server check.
 * @module
 */

/**
 * An email address as the contract accepts it (after trimming): `local@domain.tld`, with no spaces,
 * control characters, quotes, brackets or list separators, and a top-level domain of 2+ characters.
 */
export const EMAIL_PATTERN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  /^[^\s@"<>()[\]\\,;:\u0000-\u001F\u007F-\u009F]+@[^\s@"<>()[\]\\,;:\u0000-\u001F\u007F-\u009F]+\.[^\s@"<>()[\]\\,;:.\u0000-\u001F\u007F-\u009F]{2,}$/;

/** A domain name in ASCII: letter-digit-hyphen labels, a top-level domain of letters (or IDNA). */
const ASCII_DOMAIN =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * An email address in the form it is stored and compared: trimmed, its domain in ASCII (IDNA) lower
 * case; `null` when the contract does not accept it. The domain goes through the URL parser (UTS #46
 * processing, the same in browsers and Node) after hidden characters were refused: the parser would
 * silently drop a soft hyphen or a zero-width joiner.
 */
export function normalizeEmail(value: string): string | null {
  const email = value.trim();
  if (email.length > LIMITS.emailMax || HIDDEN_CHARACTER.test(email) || !EMAIL_PATTERN.test(email))
    return null;
  const at = email.lastIndexOf('@');
  const domain = email.slice(at + 1);
  // Characters the URL parser would read as the end of the host (path, query, fragment, port…).
  if (/[/?#%:\\]/.test(domain)) return null;
  let ascii: string;
  try {
    ascii = new URL(`http://${domain}`).hostname;
  } catch {
    return null;
  }
  const normalized = `${email.slice(0, at)}@${ascii}`;
  return ASCII_DOMAIN.test(ascii) && normalized.length <= LIMITS.emailMax ? normalized : null;
}

/** Whether an email address is one the contract accepts. */
export const isEmail = (value: string): boolean => normalizeEmail(value) !== null;
