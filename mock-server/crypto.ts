/**
 * Web Crypto only (runs in Node and inside the browser's msw worker page alike).
 */
const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** `bits` of CSPRNG output, base64url. 128 bits for session tokens. */
export function randomToken(bits = 128): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bits / 8)));
}

/** Uniform integer in [0, max) from the CSPRNG, by rejection sampling (the web equivalent of `crypto.randomInt`). */
export function randomInt(max: number): number {
  const limit = Math.floor(0x1_0000_0000 / max) * max;
  const buf = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buf);
    if (buf[0]! < limit) return buf[0]! % max;
  }
}

/** A verification code of `length` decimal digits, leading zeros allowed. */
export function randomCode(length = 6): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String(randomInt(10));
  return out;
}

export async function sha256(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

const hmacKeys = new Map<string, Promise<CryptoKey>>();

/** Keyed hash (HMAC-SHA-256): codes and tokens are stored only as this. */
export async function keyedHash(secret: string, text: string): Promise<string> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    hmacKeys.set(secret, key);
  }
  return hex(await crypto.subtle.sign('HMAC', await key, encoder.encode(text)));
}

/** Compare two hex digests without an early exit. */
export function constantTimeEqual(a: string, b: string): boolean {
  const len = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < len; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

const PBKDF2_ITERATIONS = 20_000;

/** `pbkdf2$iterations$salt$hash` — slow enough to be honest, fast enough for 50 parallel logins in a test. */
export async function hashPassword(password: string, salt = randomToken(96)): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: encoder.encode(salt), iterations: PBKDF2_ITERATIONS },
    key,
    256,
  );
  return `pbkdf2$${PBKDF2_ITERATIONS}$${salt}$${hex(bits)}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  // Without a stored hash we still do the work, so timing does not reveal which usernames exist.
  const [, , salt = 'no-user-salt', expected = ''] = (stored ?? '').split('$');
  const actual = (await hashPassword(password, salt)).split('$')[3] ?? '';
  return stored !== null && constantTimeEqual(actual, expected);
}
