/**
 * The host console's own sign-in state — what an integrator writes around the elements. The session
 * itself is the mock's HttpOnly cookie; the tab only remembers who signed in (for the header) and the
 * welcome message to show once.
 */
import { ApiClient, type ApiError, isApiError } from 'personal-settings-elements/api';
import type { LoginRequest, LoginResponse } from 'personal-settings-elements/contract';

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

/** Words for a failed login, from the problem the mock answered with. */
export function loginErrorText(error: unknown): string {
  if (!isApiError(error)) return 'Sign-in failed. Try again.';
  const e: ApiError = error;
  switch (e.code) {
    case 'session-limit-reached':
      return sessionLimitText(e.problem?.detail);
    case 'invalid-credentials':
      return e.problem?.detail ?? 'Wrong username or password.';
    case 'account-locked': {
      const minutes = Math.ceil((e.problem?.retryAfterSeconds ?? 900) / 60);
      return `Too many wrong passwords: the account is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}.`;
    }
    default:
      if (e.kind === 'network') return 'The server could not be reached. Is the mock server running?';
      return e.problem?.detail ?? e.problem?.title ?? e.message;
  }
}

export const REASON_TEXT: Record<Exclude<SignInReason, 'none'>, string> = {
  'session-expired':
    'You were signed out after a period without activity (or the session reached its maximum lifetime). Sign in again to continue.',
  'session-replaced':
    'You were signed out because your account signed in elsewhere (maximum online sessions: log out of the session).',
  unauthenticated: 'Your session has ended. Sign in again to continue.',
  'signed-out': 'You have signed out.',
  reset: 'The demo data was reset to the seed. Sign in again.',
};

/**
 * The refused login in one sentence. The server's detail says how many sessions are open
 * ("This account already has 1 online session, the maximum allowed."); without one, the general case.
 */
export function sessionLimitText(detail: string | undefined): string {
  const reason = detail?.trim().replace(/[.。]$/, '');
  const said = reason
    ? reason.charAt(0).toLowerCase() + reason.slice(1)
    : 'this account already has its maximum number of online sessions';
  return `Login not allowed: ${said}; end a session elsewhere or wait for one to expire.`;
}
