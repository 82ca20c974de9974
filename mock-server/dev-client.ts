/**
 * The one typed client for the test hooks (`components/api/contract/hooks.ts`): the demo's dev panel,
 * the browser tests, Storybook, the in-process mock tests, the e2e tests and the contract suite all
 * read codes, move the clock and flip switches through it. Every answer is checked against the
 * hooks' schemas, so a hook that drifts from the contract fails loudly where it is used.
 *
 * ```ts
 * const dev = new DevClient();                                              // a page served with the mock: /__dev
 * const dev = new DevClient({ baseUrl: 'http://127.0.0.1:8787/__dev' });    // Node, a running mock
 * const dev = new DevClient({ baseUrl: 'http://localhost/__dev', fetch: app.request }); // in process
 * await dev.reset();
 * const code = await dev.latestCode('+8613812345678');
 * ```
 *
 * Web-standard only (no Node APIs, nothing of the mock server), so the contract suite can ship it.
 */
import {
  buildPath,
  type HookBody,
  type HookDef,
  type HookMessage,
  type HookName,
  type HookResponse,
  HOOKS_PATH,
  type HookUser,
  hooks,
} from '../components/api/contract/index.js';
import type { FetchLike } from './cookie-jar.js';

export interface DevClientOptions {
  /** The hooks' base URL: absolute, or relative to the page. Default `/__dev`. */
  baseUrl?: string;
  /** The `fetch` to use: `globalThis.fetch` by default, or `app.request`, a cookie jar's `wrap()`… */
  fetch?: FetchLike;
  /** Headers sent with every hook request. */
  headers?: Record<string, string>;
}

/** A hook answered with an unexpected status, or with a body that does not match the hooks contract. */
export class DevHookError extends Error {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly body: string;

  constructor(message: string, init: { method: string; url: string; status: number; body: string }) {
    super(message);
    this.name = 'DevHookError';
    this.method = init.method;
    this.url = init.url;
    this.status = init.status;
    this.body = init.body;
  }
}

type CallArgs<N extends HookName> = {
  params?: Record<string, string>;
} & (HookBody<N> extends undefined ? { body?: undefined } : { body: HookBody<N> });

export class DevClient {
  readonly baseUrl: string;
  readonly #fetch: FetchLike;
  readonly #headers: Record<string, string>;

  constructor(options: DevClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? HOOKS_PATH).replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#headers = options.headers ?? {};
  }

  /** Call a hook by name; the answer is checked against its schema. */
  async call<N extends HookName>(name: N, args: CallArgs<N> = {} as CallArgs<N>): Promise<HookResponse<N>> {
    const hook: HookDef = hooks[name];
    const url = this.baseUrl + buildPath(hook.path, args.params);
    const headers: Record<string, string> = { Accept: 'application/json', ...this.#headers };
    let body: string | undefined;
    if (args.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(args.body);
    }
    const response = await this.#fetch(url, {
      method: hook.method,
      headers,
      body,
      credentials: 'same-origin',
    });
    const text = await response.text();
    const fail = (why: string) =>
      new DevHookError(`${hook.method} ${url}: ${why}`, {
        method: hook.method,
        url,
        status: response.status,
        body: text,
      });
    if (response.status !== hook.status && !(response.ok && hook.response === null)) {
      throw fail(`HTTP ${response.status}${text ? ` ${text.slice(0, 300)}` : ''}`);
    }
    if (hook.response === null) return undefined as HookResponse<N>;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw fail(`the answer is not JSON: ${text.slice(0, 200)}`);
    }
    const parsed = hook.response.safeParse(json);
    if (!parsed.success) throw fail(`the answer does not match the hooks contract: ${parsed.error.message}`);
    return parsed.data as HookResponse<N>;
  }

  /** Back to the seed data: sessions, challenges, lockouts and outbox cleared, clock offset 0, switches off. */
  async reset(): Promise<void> {
    await this.call('reset');
  }

  /** Every SMS and email sent since the last reset, oldest first. */
  async outbox(): Promise<HookMessage[]> {
    return (await this.call('outbox')).messages;
  }

  /** Messages sent to `to` (a full value: E.164 or the address), oldest first. */
  async messagesTo(to: string): Promise<HookMessage[]> {
    return (await this.outbox()).filter((m) => m.to === to);
  }

  /** The code of the latest message carrying one (to `to`, when given); throws when there is none. */
  async latestCode(to?: string): Promise<string> {
    const messages = to === undefined ? await this.outbox() : await this.messagesTo(to);
    const code = messages.filter((m) => m.code !== null).at(-1)?.code;
    if (!code) throw new Error(`No code in the outbox${to === undefined ? '' : ` for ${to}`}`);
    return code;
  }

  /** The server's now (ISO 8601). */
  async now(): Promise<string> {
    return (await this.call('clock')).now;
  }

  /** Move the server's clock forward; returns the new now (ISO 8601). */
  async advanceClock(seconds: number): Promise<string> {
    return (await this.call('advanceClock', { body: { advanceSeconds: seconds } })).now;
  }

  async channels(): Promise<HookResponse<'channels'>> {
    return this.call('channels');
  }

  /** Switch a notification channel off ("not configured") or on, optionally with a delivery delay. */
  async setChannel(
    channel: 'mobile' | 'email',
    enabled: boolean,
    delayMs?: number,
  ): Promise<HookResponse<'setChannel'>> {
    return this.call('setChannel', {
      body: delayMs === undefined ? { channel, enabled } : { channel, enabled, delayMs },
    });
  }

  async faults(): Promise<HookResponse<'faults'>> {
    return this.call('faults');
  }

  /** Make every write fail (storage unavailable) or work again. */
  async setFailWrites(failWrites: boolean): Promise<void> {
    await this.call('setFaults', { body: { failWrites } });
  }

  /** What reached the store for a user, with full values. */
  async user(username: string): Promise<HookUser> {
    return this.call('user', { params: { username } });
  }
}
