/**
 * The host console's own sign-in state — what an integrator writes around the elements. The session
 * itself is the mock's HttpOnly cookie; the tab only remembers who signed in (for the header) and the
 * welcome message to show once.
 */
import { ApiClient, type ApiError, isApiError } from 'personal-settings-elements/api';
import type { LoginRequest, LoginResponse } from 'personal-settings-elements/contract';
import { locale, plural, t } from './i18n.js';

/** The endpoint the console and its elements talk to (proxied to the mock server). */
export const ENDPOINT = '/api/v1';

export const client = new ApiClient({ baseUrl: ENDPOINT });

export interface SignedInUser {
  username: string;
  displayName: string;
  type: string;
  idleTimeoutMinutes: number;
}

/** Why the login page is shown. */
export type SignInReason =
  | 'session-expired'
  | 'session-replaced'
  | 'unauthenticated'
  | 'signed-out'
  | 'reset'
  | 'none';

const USER_KEY = 'acme-console.user';
const WELCOME_KEY = 'acme-console.welcome';
const REPLACED_KEY = 'acme-console.replaced-sessions';

function read<T>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

export function currentUser(): SignedInUser | null {
  return read<SignedInUser>(USER_KEY);
}

/** The welcome message of the last login, until the banner is dismissed. */
export function pendingWelcome(): string {
  return read<string>(WELCOME_KEY) ?? '';
}

export function dismissWelcome(): void {
  sessionStorage.removeItem(WELCOME_KEY);
}

/** How many other sessions the last login logged out, once (the first page after login says so). */
export function takeReplacedCount(): number {
  const count = read<number>(REPLACED_KEY) ?? 0;
  sessionStorage.removeItem(REPLACED_KEY);
  return count;
}

export async function signIn(request: LoginRequest): Promise<LoginResponse> {
  const { data } = await client.call('login', { body: request });
  const user: SignedInUser = {
    username: data.user.username,
    displayName: data.user.displayName,
    type: data.user.type,
    idleTimeoutMinutes: data.session.idleTimeoutMinutes,
  };
  sessionStorage.setItem(USER_KEY, JSON.stringify(user));
  sessionStorage.setItem(WELCOME_KEY, JSON.stringify(data.welcomeMessage));
  if (data.replacedSessions > 0) sessionStorage.setItem(REPLACED_KEY, JSON.stringify(data.replacedSessions));
  return data;
}

/** Forget the user in this tab (the server session is already gone, or is ended by `signOut`). */
export function forget(): void {
  sessionStorage.removeItem(USER_KEY);
  sessionStorage.removeItem(WELCOME_KEY);
  sessionStorage.removeItem(REPLACED_KEY);
}

export async function signOut(): Promise<void> {
  try {
    await client.call('logout', {});
  } finally {
    forget();
  }
}

/** The session-ending reason of a failed call, or `null` when the session is fine. */
export function endReason(error: unknown): SignInReason | null {
  if (!isApiError(error)) return null;
  const code = error.code;
  return code === 'session-expired' || code === 'session-replaced' || code === 'unauthenticated'
    ? code
    : null;
}

/**
 * Ask the server whether the session still exists. An ordinary request counts as activity (the user
 * navigated); `passive` polling does not, so it never keeps an idle session alive.
 */
export async function checkSession(passive: boolean): Promise<SignInReason | null> {
  try {
    await client.call('listSessions', { passive });
    return null;
  } catch (error) {
    return endReason(error);
  }
}

/**
 * Words for a failed login, from the problem the mock answered with. The server's own words (its
 * `detail`, in English) are used only when the console is in English.
 */
export function loginErrorText(error: unknown): string {
  if (!isApiError(error)) return t('login.failed');
  const e: ApiError = error;
  const detail = locale() === 'en' ? e.problem?.detail : undefined;
  switch (e.code) {
    case 'session-limit-reached':
      return sessionLimitText(detail);
    case 'invalid-credentials':
      return detail ?? t('login.wrong');
    case 'account-locked':
      return plural('login.locked', Math.ceil((e.problem?.retryAfterSeconds ?? 900) / 60));
    default:
      if (e.kind === 'network') return t('login.unreachable');
      return detail ?? (locale() === 'en' ? (e.problem?.title ?? e.message) : t('login.failed'));
  }
}

/** Why the login page is shown, in words. */
export function reasonText(reason: Exclude<SignInReason, 'none'>): string {
  return t(`reason.${reason}`);
}

/**
 * The refused login in one sentence. The server's detail says how many sessions are open
 * ("This account already has 1 online session, the maximum allowed."); without one, the general case.
 */
export function sessionLimitText(detail: string | undefined): string {
  const said = detail?.trim().replace(/[.。]$/, '');
  return t('login.limit', {
    reason: said ? said.charAt(0).toLowerCase() + said.slice(1) : t('login.limit.general'),
  });
}
