/**
 * The users the contract suite may use: the mock's seed users by default, or a JSON file given with
 * `--fixtures` (a backend with its own test accounts). One user of each kind plays a role in the tests:
 *
 * | role       | kind          | must have                                                   |
 * | ---------- | ------------- | ----------------------------------------------------------- |
 * | `admin`    | `local`       | a password; a verified mobile (with its region) and email   |
 * | `operator` | `remote`      | a password; an unverified mobile (with its region), no email |
 * | `sso.user` | `third-party` | no password (signs in with `provider: "sso"`); a verified email, no mobile |
 */
import * as z from 'zod/mini';

export type Role = 'admin' | 'operator' | 'sso.user';

const Contact = z.strictObject({
  /** The full value: E.164 for a mobile (`+8613812345678`), the address for an email. */
  value: z.string().check(z.minLength(3), z.maxLength(254)),
  verified: z.boolean(),
  /** Mobile only: the ISO 3166-1 region of the number (`CN`), used when the suite types it nationally. */
  region: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/))),
  /** Mobile only: the national form of the number (`13812345678`); also never to be echoed back. */
  national: z.optional(z.string().check(z.regex(/^\d{4,15}$/))),
});

export const FixtureUser = z.strictObject({
  username: z.string().check(z.minLength(1)),
  /** Absent for a third-party user (single sign-on). */
  password: z.optional(z.string().check(z.minLength(1))),
  kind: z.enum(['local', 'remote', 'third-party']),
  contacts: z.strictObject({ mobile: z.optional(Contact), email: z.optional(Contact) }),
});
export type FixtureUser = z.infer<typeof FixtureUser>;

export const Fixtures = z.strictObject({ users: z.array(FixtureUser).check(z.minLength(1)) });
export type Fixtures = z.infer<typeof Fixtures>;

/** The mock's seed users (`mock-server/seed.ts`). */
export const DEFAULT_FIXTURES: Fixtures = {
  users: [
    {
      username: 'admin',
      password: 'Passw0rd!',
      kind: 'local',
      contacts: {
        mobile: { value: '+8613812345678', verified: true, region: 'CN', national: '13812345678' },
        email: { value: 'admin@example.com', verified: true },
      },
    },
    {
      username: 'operator',
      password: 'Passw0rd!',
      kind: 'remote',
      contacts: {
        mobile: { value: '+8613900001111', verified: false, region: 'CN', national: '13900001111' },
      },
    },
    {
      username: 'sso.user',
      kind: 'third-party',
      contacts: { email: { value: 'sso.user@example.com', verified: true } },
    },
  ],
};

const ROLE_OF_KIND = { local: 'admin', remote: 'operator', 'third-party': 'sso.user' } as const;

/** The role a user plays (by its kind). */
export function roleOf(user: FixtureUser): Role {
  return ROLE_OF_KIND[user.kind];
}

/** A fixtures file that cannot be used: the message names the cause (the runner exits 2 with it). */
export class FixturesError extends Error {}

function requirement(u: FixtureUser): string | null {
  const { mobile, email } = u.contacts;
  switch (u.kind) {
    case 'local':
      if (!u.password) return 'a local user needs a password';
      if (!mobile?.verified || !mobile.region)
        return 'the local user needs a verified mobile with its region';
      if (!email?.verified) return 'the local user needs a verified email';
      return null;
    case 'remote':
      if (!u.password) return 'a remote user needs a password';
      if (!mobile || mobile.verified || !mobile.region)
        return 'the remote user needs an unverified mobile with its region';
      if (email) return 'the remote user must have no email';
      return null;
    case 'third-party':
      if (u.password) return 'a third-party user signs in with single sign-on: no password';
      if (!email?.verified) return 'the third-party user needs a verified email';
      if (mobile) return 'the third-party user must have no mobile';
      return null;
  }
}

/** Check a parsed fixtures document; `source` names it in errors. */
export function checkFixtures(data: unknown, source: string): Fixtures {
  const parsed = Fixtures.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the document';
    throw new FixturesError(`fixtures file ${source}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  for (const kind of ['local', 'remote', 'third-party'] as const) {
    const u = parsed.data.users.find((x) => x.kind === kind);
    if (!u) throw new FixturesError(`fixtures file ${source}: no ${kind} user (one of each kind is needed)`);
    const missing = requirement(u);
    if (missing) throw new FixturesError(`fixtures file ${source}: user "${u.username}": ${missing}`);
  }
  return parsed.data;
}

/** Parse the text of a fixtures file. */
export function parseFixtures(text: string, source: string): Fixtures {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new FixturesError(
      `fixtures file ${source} is not valid JSON (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  return checkFixtures(data, source);
}
