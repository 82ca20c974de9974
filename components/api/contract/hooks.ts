/**
 * The test hooks: an OPTIONAL part of the contract that a backend may expose in a test build, so the
 * contract suite (and the elements' own tests, Storybook and the demo) can see what a user would see
 * outside the browser — the codes "sent" by SMS or email — and control what they cannot wait for:
 * the clock, a notification channel that is not configured, a failing store, a clean slate.
 *
 * The hooks live under their own base URL (the mock serves them at `/__dev`, beside `/api/v1`, never
 * under it) and are never part of the public API or its OpenAPI document. The mock's dev routes
 * (`mock-server/routes/dev.ts`) implement exactly this table, and the typed dev client
 * (`mock-server/dev-client.ts`) is built from it. A backend without hooks: the contract suite skips
 * the tests that need them, each with the reason.
 * @module
 */
import * as z from 'zod/mini';
import { SessionLimit, Timestamp } from './schemas.js';

/** Where the mock serves the hooks, relative to the server root. */
export const HOOKS_PATH = '/__dev';

const Channel = z.enum(['mobile', 'email']);

/** One SMS or email "sent". `to` is the full value (E.164 for mobile); `code` is `null` for notices. */
export const HookMessage = z.looseObject({
  id: z.string(),
  channel: Channel,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  code: z.nullable(z.string()),
  sentAt: Timestamp,
});
export type HookMessage = z.infer<typeof HookMessage>;

/** `GET /outbox`: every message sent since the last reset, oldest first. */
export const HookOutbox = z.object({ messages: z.array(HookMessage) });
export type HookOutbox = z.infer<typeof HookOutbox>;

/** `GET /clock`, `POST /clock`: the server's notion of now. */
export const HookClock = z.object({ now: Timestamp });
export type HookClock = z.infer<typeof HookClock>;

/** `POST /clock`: move the server's clock forward (codes, tokens, lockouts and sessions all follow it). */
export const HookClockAdvance = z.strictObject({
  advanceSeconds: z.number().check(z.gte(0), z.lte(366 * 24 * 3600)),
});
export type HookClockAdvance = z.infer<typeof HookClockAdvance>;

export const HookChannelState = z.object({ enabled: z.boolean(), delayMs: z.int().check(z.gte(0)) });

/** `GET` / `PUT /notifications`: each channel's switch. */
export const HookChannels = z.object({ mobile: HookChannelState, email: HookChannelState });
export type HookChannels = z.infer<typeof HookChannels>;

/**
 * `PUT /notifications`: switch a channel off (code sends answer 503 `notification-not-configured`
 * with that channel) or on; `delayMs` makes the provider slow (a fault switch).
 */
export const HookChannelSwitch = z.strictObject({
  channel: Channel,
  enabled: z.boolean(),
  delayMs: z.optional(z.int().check(z.gte(0), z.lte(60_000))),
});
export type HookChannelSwitch = z.infer<typeof HookChannelSwitch>;

/** `GET` / `PUT /faults`: fault switches. `failWrites`: every write fails (503 `storage-unavailable`). */
export const HookFaults = z.strictObject({ failWrites: z.boolean() });
export type HookFaults = z.infer<typeof HookFaults>;

/** A contact as stored: the full value, never masked. */
export const HookContact = z.looseObject({
  value: z.nullable(z.string()),
  verified: z.boolean(),
  /** A change waiting for its code: the full new value. */
  pending: z.nullable(z.looseObject({ value: z.string() })),
});

/**
 * `GET /users/{username}`: what reached the backend's store for a user, with full values. A backend
 * may send more members (they are kept); these are the ones the suite reads.
 */
export const HookUser = z.looseObject({
  username: z.string(),
  mobile: HookContact,
  email: HookContact,
  autoLogoutMinutes: z.int(),
  sessionLimit: z.nullable(SessionLimit),
  welcomeMessage: z.string(),
});
export type HookUser = z.infer<typeof HookUser>;

export const HookUserParams = z.strictObject({ username: z.string().check(z.minLength(1)) });

const NoParams = z.strictObject({});

/** One hook: like a route of the contract, relative to the hooks base URL. */
export interface HookDef {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  readonly summary: string;
  readonly params: z.ZodMiniType;
  readonly body: z.ZodMiniType | null;
  /** Success status; `response: null` means an empty body (204). */
  readonly status: 200 | 204;
  readonly response: z.ZodMiniType | null;
  /** The contract suite needs this hook for its hook-dependent tests; the others are extras. */
  readonly usedBySuite: boolean;
}

/** THE hooks table. Every backend that offers hooks offers at least the `usedBySuite` ones. */
export const hooks = {
  reset: {
    method: 'POST',
    path: '/reset',
    summary:
      'Back to the seed data: sessions, challenges, lockouts and outbox cleared, clock offset 0, channels on, faults off',
    params: NoParams,
    body: null,
    status: 204,
    response: null,
    usedBySuite: true,
  },
  outbox: {
    method: 'GET',
    path: '/outbox',
    summary: 'Every SMS and email sent, oldest first, with its code (the only place codes appear)',
    params: NoParams,
    body: null,
    status: 200,
    response: HookOutbox,
    usedBySuite: true,
  },
  clock: {
    method: 'GET',
    path: '/clock',
    summary: "The server's notion of now",
    params: NoParams,
    body: null,
    status: 200,
    response: HookClock,
    usedBySuite: true,
  },
  advanceClock: {
    method: 'POST',
    path: '/clock',
    summary: "Move the server's clock forward",
    params: NoParams,
    body: HookClockAdvance,
    status: 200,
    response: HookClock,
    usedBySuite: true,
  },
  channels: {
    method: 'GET',
    path: '/notifications',
    summary: 'Which notification channels are on, and their delivery delay',
    params: NoParams,
    body: null,
    status: 200,
    response: HookChannels,
    usedBySuite: false,
  },
  setChannel: {
    method: 'PUT',
    path: '/notifications',
    summary: 'Switch a channel off ("not configured") or on, optionally slow',
    params: NoParams,
    body: HookChannelSwitch,
    status: 200,
    response: HookChannels,
    usedBySuite: true,
  },
  faults: {
    method: 'GET',
    path: '/faults',
    summary: 'The fault switches',
    params: NoParams,
    body: null,
    status: 200,
    response: HookFaults,
    usedBySuite: false,
  },
  setFaults: {
    method: 'PUT',
    path: '/faults',
    summary: 'Turn fault switches on or off (failing writes)',
    params: NoParams,
    body: HookFaults,
    status: 200,
    response: HookFaults,
    usedBySuite: false,
  },
  user: {
    method: 'GET',
    path: '/users/:username',
    summary: 'The stored record of a user, with full contact values',
    params: HookUserParams,
    body: null,
    status: 200,
    response: HookUser,
    usedBySuite: true,
  },
} as const satisfies Record<string, HookDef>;

export type Hooks = typeof hooks;
export type HookName = keyof Hooks;

/** What a hook takes and answers (`undefined` where it has no body). */
export type HookParams<N extends HookName> = z.input<Hooks[N]['params']>;
export type HookBody<N extends HookName> = Hooks[N]['body'] extends z.ZodMiniType
  ? z.input<Hooks[N]['body']>
  : undefined;
export type HookResponse<N extends HookName> = Hooks[N]['response'] extends z.ZodMiniType
  ? z.output<Hooks[N]['response']>
  : undefined;
