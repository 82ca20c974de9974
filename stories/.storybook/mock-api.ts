/**
 * The stories' handle on the mock backend. Storybook runs the real mock server (the Hono app from
 * `mock-server/`, in memory) behind msw (see `preview.ts`); before each story the mock is reset, the
 * story's user signs in and the story's `setup` puts the data in the state it shows — through the
 * same REST API the elements use, plus the mock's `/__dev/*` routes (clock, channels, faults).
 *
 * ```ts
 * export const PendingEmail: Story = {
 *   parameters: { mockApi: { user: 'admin', setup: (api) => api.startChange('email', 'new@example.com') } },
 * };
 * ```
 */
import { ApiClient } from 'personal-settings-elements/api';
import type {
  Challenge,
  ContactKind,
  HookMessage,
  PersonalInfo,
  PersonalInfoPatch,
} from 'personal-settings-elements/contract';
import { DevClient } from '../../mock-server/dev-client.js';

export const API_BASE = '/api/v1';
export const SEEDED_PASSWORD = 'Passw0rd!';

/** The seeded users: `admin` (local), `operator` (remote), `sso.user` (third-party, no password). */
export type SeededUser = 'admin' | 'operator' | 'sso.user';
export type Channel = 'mobile' | 'email';

export type OutboxMessage = HookMessage;

/** The mock's test hooks (`/__dev/*`): the one typed dev client. */
const hooks = new DevClient();

const client = new ApiClient({ baseUrl: API_BASE });

/** What a story's `setup` can do to the mock before the story renders (and `play` afterwards). */
export const mockApi = {
  client,
  /** Back to the seed data: sessions and outbox cleared, clock offset 0, channels on, faults off. */
  reset: () => hooks.reset(),
  /** Sign in as a seeded user (`sso.user` through the simulated single sign-on). */
  async login(user: SeededUser): Promise<void> {
    const body =
      user === 'sso.user'
        ? { username: user, provider: 'sso' as const }
        : { username: user, password: SEEDED_PASSWORD };
    await client.call('login', { body });
  },
  async logout(): Promise<void> {
    await client.call('logout', {});
  },
  /** Move the server's clock forward (code expiry, cooldowns, idle logout). */
  advanceClock: async (seconds: number) => ({ now: await hooks.advanceClock(seconds) }),
  /** Turn a notification channel off ("not configured") or on, optionally slow. */
  async setNotifications(channel: Channel, enabled: boolean, delayMs?: number): Promise<void> {
    await hooks.setChannel(channel, enabled, delayMs);
  },
  /** Make every write fail (storage down) or work again. */
  async setFailWrites(failWrites: boolean): Promise<void> {
    await hooks.setFailWrites(failWrites);
  },
  outbox: (): Promise<OutboxMessage[]> => hooks.outbox(),
  /** The code of the latest message carrying one (to `to`, when given). */
  latestCode: (to?: string): Promise<string> => hooks.latestCode(to),
  async personalInfo(): Promise<PersonalInfo> {
    return (await client.call('getPersonalInfo', {})).data;
  },
  /** Change settings as the signed-in user (reads the version first, as the form does). */
  async patch(patch: PersonalInfoPatch): Promise<PersonalInfo> {
    const { etag, data } = await client.call('getPersonalInfo', {});
    return (await client.call('updatePersonalInfo', { body: patch, ifMatch: etag ?? data.version })).data;
  },
  /** Step-up with the seeded password; returns the token. */
  async stepUp(password = SEEDED_PASSWORD): Promise<string> {
    const { data } = await client.call('verifyIdentity', { body: { method: 'password', password } });
    return data.stepUpToken;
  },
  /** Start changing a contact (step-up + code sent to the new value): the contact is then *pending*. */
  async startChange(kind: ContactKind, value: string, region?: string): Promise<Challenge> {
    const stepUpToken = await mockApi.stepUp();
    const body = { purpose: 'change' as const, value, stepUpToken, ...(region ? { region } : {}) };
    return (await client.call('createChallenge', { params: { kind }, body })).data;
  },
  /** Send a code to the current (unverified) value. */
  async sendVerifyCode(kind: ContactKind): Promise<Challenge> {
    return (await client.call('createChallenge', { params: { kind }, body: { purpose: 'verify' } })).data;
  },
};

export type MockApi = typeof mockApi;

/** `parameters.mockApi` of a story. */
export interface MockApiParameters {
  /** Who is signed in when the story renders; `null` for nobody. Default `admin`. */
  user?: SeededUser | null;
  /** Put the mock in the state the story shows (runs after reset and sign-in). */
  setup?: (api: MockApi) => Promise<unknown>;
}

/** Reset the mock, sign the story's user in and run its setup (a `beforeEach` in `preview.ts`). */
export async function prepareMockApi(parameters: MockApiParameters = {}): Promise<void> {
  await mockApi.reset();
  const user = parameters.user === undefined ? 'admin' : parameters.user;
  if (user) await mockApi.login(user);
  await parameters.setup?.(mockApi);
}
