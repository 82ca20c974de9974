import { RULES } from '../components/api/contract/index.js';
import { hashPassword, randomToken } from './crypto.js';
import type { DbData, UserRecord } from './db.js';

export const SEED_PASSWORD = 'Passw0rd!';

/** The seeded logins, as printed by `npm start` and the README. */
export const SEEDED_LOGINS = [
  { username: 'admin', password: SEED_PASSWORD, type: 'local', note: 'verified mobile and email' },
  { username: 'operator', password: SEED_PASSWORD, type: 'remote', note: 'unverified mobile, no email' },
  {
    username: 'sso.user',
    password: null,
    type: 'third-party',
    note: 'single sign-on, verified email, auto-logout fixed at 30',
  },
] as const;

let passwordHash: Promise<string> | undefined;

const contact = (value: string | null, verified: boolean) => ({ value, verified, pending: null });

function user(
  partial: Pick<UserRecord, 'id' | 'username' | 'displayName' | 'type' | 'passwordHash' | 'mobile' | 'email'>,
): UserRecord {
  return {
    autoLogoutMinutes: RULES.defaultAutoLogoutMinutes,
    sessionLimit: null,
    welcomeMessage: '',
    version: 1,
    passwordFailures: 0,
    lockedUntil: 0,
    codeFailures: [],
    ...partial,
  };
}

export async function seedData(options: { secret?: string; extraUsers?: number } = {}): Promise<DbData> {
  passwordHash ??= hashPassword(SEED_PASSWORD);
  const hash = await passwordHash;
  const users: UserRecord[] = [
    user({
      id: 'u-admin',
      username: 'admin',
      displayName: 'Administrator',
      type: 'local',
      passwordHash: hash,
      mobile: contact('+8613812345678', true),
      email: contact('admin@example.com', true),
    }),
    user({
      id: 'u-operator',
      username: 'operator',
      displayName: 'Operator',
      type: 'remote',
      passwordHash: hash,
      mobile: contact('+8613900001111', false),
      email: contact(null, false),
    }),
    user({
      id: 'u-sso',
      username: 'sso.user',
      displayName: 'SSO User',
      type: 'third-party',
      passwordHash: null,
      mobile: contact(null, false),
      email: contact('sso.user@example.com', true),
    }),
  ];
  // Bulk users for load benchmarks (a 10 000-user db).
  for (let i = 0; i < (options.extraUsers ?? 0); i++) {
    users.push(
      user({
        id: `u-bulk-${i}`,
        username: `user${i}`,
        displayName: `User ${i}`,
        type: 'local',
        passwordHash: hash,
        mobile: contact(`+86139${String(i).padStart(8, '0')}`, true),
        email: contact(`user${i}@example.com`, true),
      }),
    );
  }
  return {
    schemaVersion: 1,
    secret: options.secret ?? randomToken(256),
    users,
    sessions: [],
    challenges: [],
    stepUps: [],
    sendLog: [],
  };
}
