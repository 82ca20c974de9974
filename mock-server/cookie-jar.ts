/**
 * One cookie jar, over any `fetch`: the real one (the contract suite, e2e tests), Hono's
 * `app.request` (the in-process mock tests) or `app.fetch` behind msw (the browser tests, Storybook).
 * It plays the browser's part for a test client: remembers `Set-Cookie`, forgets expired or cleared
 * cookies, and sends the rest back as `Cookie`. `Domain`, `Path` and `Secure` are ignored on purpose
 * (one client talks to one server; a plain-HTTP test deployment still works).
 *
 * Web-standard only (no Node APIs, nothing of the mock server), so the contract suite can ship it.
 */

/** A `fetch`-shaped function: `globalThis.fetch`, `app.request`, `app.fetch`… */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response> | Response;

export class CookieJar {
  readonly #cookies = new Map<string, string>();
  readonly #now: () => number;
  /** The `Set-Cookie` lines of the last response that set any. */
  lastSetCookie: string[] = [];

  /** `now` decides when an `Expires` date has passed (a test may pass the mock's clock). */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get size(): number {
    return this.#cookies.size;
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  /** Set (or with `null`, remove) a cookie by hand: a forged or replayed token in a test. */
  set(name: string, value: string | null): void {
    if (value === null) this.#cookies.delete(name);
    else this.#cookies.set(name, value);
  }

  clear(): void {
    this.#cookies.clear();
  }

  entries(): IterableIterator<[string, string]> {
    return this.#cookies.entries();
  }

  /** A copy holding the same cookies (replaying a session after it ended, for example). */
  clone(): CookieJar {
    const copy = new CookieJar(this.#now);
    for (const [name, value] of this.#cookies) copy.set(name, value);
    return copy;
  }

  /** The `Cookie` request header, or `null` when the jar is empty. */
  header(): string | null {
    if (this.#cookies.size === 0) return null;
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Take in `Set-Cookie` lines (as `Headers.getSetCookie()` returns them). */
  store(setCookies: readonly string[]): void {
    if (setCookies.length > 0) this.lastSetCookie = [...setCookies];
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((attribute) => {
        const eqAt = attribute.indexOf('=');
        const key = (eqAt < 0 ? attribute : attribute.slice(0, eqAt)).trim().toLowerCase();
        const raw = eqAt < 0 ? '' : attribute.slice(eqAt + 1).trim();
        if (key === 'max-age') return Number(raw) <= 0;
        if (key === 'expires') return Date.parse(raw) <= this.#now();
        return false;
      });
      if (expired || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  /** Take in the `Set-Cookie` headers of a response. */
  storeFrom(response: { headers: Headers }): void {
    this.store(response.headers.getSetCookie());
  }

  /**
   * `fetchFn` with this jar: each request carries the jar's cookies (unless it sets `Cookie` itself)
   * and each response's `Set-Cookie` lands in the jar.
   */
  wrap(
    fetchFn: FetchLike = (input, init) => fetch(input, init),
  ): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
    return async (input, init) => {
      const cookie = this.header();
      let request = init;
      if (cookie !== null) {
        const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
        if (!headers.has('Cookie')) headers.set('Cookie', cookie);
        request = { ...init, headers };
      }
      const response = await fetchFn(input, request);
      this.storeFrom(response);
      return response;
    };
  }
}
