import type {
  ChallengePurpose,
  ContactKind,
  SessionLimit,
  UserType,
} from '../components/api/contract/index.js';

/** The stored shapes. Full contact values live only here (and in the dev outbox), never in API responses. */
export interface ContactRecord {
  /** E.164 for mobile, the address for email; `null` when none. */
  value: string | null;
  verified: boolean;
  pending: { value: string; challengeId: string; expiresAt: number } | null;
}

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  type: UserType;
  passwordHash: string | null;
  mobile: ContactRecord;
  email: ContactRecord;
  autoLogoutMinutes: number;
  sessionLimit: SessionLimit | null;
  welcomeMessage: string;
  version: number;
  /** Consecutive wrong passwords (login and step-up share it) and the lock that follows. */
  passwordFailures: number;
  lockedUntil: number;
  /** Times of wrong codes in the last hour: the account-level cap. */
  codeFailures: number[];
}

export interface SessionRecord {
  /** Public id (listed, deletable); the cookie token is stored only as `tokenHash`. */
  id: string;
  tokenHash: string;
  userId: string;
  createdAt: number;
  lastActiveAt: number;
  userAgent: string;
  /**
   * `replaced` (ended by a newer login under the log-out policy) and `expired` (idle or absolute
   * timeout) are kept for a day so the tab that held them learns why it was signed out.
   */
  status: 'active' | 'replaced' | 'expired';
}

export interface ChallengeRecord {
  id: string;
  userId: string;
  sessionId: string;
  kind: ContactKind;
  purpose: ChallengePurpose;
  destination: string;
  codeHash: string;
  expiresAt: number;
  lastSentAt: number;
  attempts: number;
  state: 'open' | 'used' | 'superseded';
}

export interface StepUpRecord {
  tokenHash: string;
  userId: string;
  sessionId: string;
  expiresAt: number;
}

export interface OutboxMessage {
  id: string;
  channel: ContactKind;
  to: string;
  subject: string;
  text: string;
  code: string | null;
  sentAt: string;
}

export interface DbData {
  schemaVersion: 1;
  /** HMAC key for codes and tokens. A real deployment keeps it in a secret store, not beside the hashes. */
  secret: string;
  users: UserRecord[];
  sessions: SessionRecord[];
  challenges: ChallengeRecord[];
  stepUps: StepUpRecord[];
  sendLog: { userId: string; destination: string; at: number }[];
}

/** Shape check on load: a file that parses as JSON but is not a db is as corrupt as a torn one. */
export function assertDbShape(value: unknown): asserts value is DbData {
  const v = value as Partial<DbData> | null;
  const ok =
    typeof v === 'object' &&
    v !== null &&
    v.schemaVersion === 1 &&
    typeof v.secret === 'string' &&
    ['users', 'sessions', 'challenges', 'stepUps', 'sendLog'].every((k) =>
      Array.isArray((v as Record<string, unknown>)[k]),
    );
  if (!ok) throw new Error('not a personal-settings mock database (schemaVersion 1)');
}
