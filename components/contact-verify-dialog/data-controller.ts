import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import { ApiClient } from '../api/client.js';
import { apiClientContext } from '../api/context.js';
import type { ContactKind, PersonalInfo, VerifyResponse } from '../api/contract/index.js';
import { checkEndpoint } from '../api/endpoint.js';
import { type ProblemKey, problemKey } from '../shared/problem-messages.js';

/** Why the dialog has no client: nothing configured, or an endpoint it refuses. */
export interface ConfigProblem {
  reason: 'missing' | 'invalid' | 'insecure';
  url: string;
}

/** The element's properties the data comes from. */
export interface DataHost extends ReactiveControllerHost, HTMLElement {
  readonly kind: ContactKind;
  readonly client?: ApiClient;
  readonly endpoint?: string;
  readonly fetch?: typeof globalThis.fetch;
  readonly personalInfo?: PersonalInfo | null;
  /** Report a failed load (`contact-verify-error`, and `session-expired` when it ends the session). */
  flowError(error: unknown, key: ProblemKey, step: 'load'): void;
}

/**
 * Where the dialog's data comes from. The API client: the `client` property, else the one an
 * enclosing `<personal-info-form>` provides (`@lit/context`), else one built from `endpoint`
 * (HTTPS, same-origin or loopback; kept while it resolves to the same URL) — without any, `config`
 * says why. The personal info: the `personalInfo` property, else loaded when the dialog opens and
 * kept current when a contact is saved.
 */
export class DataController {
  readonly #host: DataHost;
  readonly #context: ContextConsumer<typeof apiClientContext, DataHost>;
  readonly #load: Task<readonly [ApiClient | null], PersonalInfo | null>;
  #built: { url: string; client: ApiClient } | null = null;
  #loaded: PersonalInfo | null = null;

  constructor(host: DataHost) {
    this.#host = host;
    this.#context = new ContextConsumer(host, { context: apiClientContext, subscribe: true });
    this.#load = new Task(host, {
      task: async ([client], { signal }) => (client ? (await client.call('getPersonalInfo', { signal })).data : null),
      args: () => [this.resolve().client] as const,
      autoRun: false,
      onComplete: (info) => {
        this.#loaded = info;
      },
      onError: (error) => host.flowError(error, problemKey(error), 'load'),
    });
  }

  /** The client to use, or `null` and why. */
  resolve(): { client: ApiClient; config?: undefined } | { client: null; config: ConfigProblem } {
    const host = this.#host;
    const client = host.client ?? this.#context.value;
    if (client) return { client };
    const check = host.endpoint
      ? checkEndpoint(host.endpoint)
      : ({ ok: false, reason: 'missing', url: '' } as const);
    if (!check.ok) return { client: null, config: check };
    if (this.#built?.url !== check.url) {
      const fetch = host.fetch;
      this.#built = { url: check.url, client: new ApiClient({ baseUrl: check.url, ...(fetch && { fetch }) }) };
    }
    return { client: this.#built.client };
  }

  /** The host's personal info, else the loaded one (`null` until it is). */
  get info(): PersonalInfo | null {
    return this.#host.personalInfo ?? this.#loaded;
  }

  /** Why the last load failed, if it did. */
  get loadError(): unknown {
    return this.#load.error;
  }

  /** The dialog opens: load the personal info, unless the host gave it or no client is configured. */
  load(): void {
    if (!this.#host.personalInfo && this.resolve().client) {
      this.#loaded = null;
      this.reload();
    }
  }

  /** Load again (after a failure). */
  reload(): void {
    void this.#load.run();
  }

  abort(): void {
    this.#load.abort();
  }

  /** A contact was saved: the loaded copy shows it. */
  saved({ contact, version }: VerifyResponse): void {
    if (!this.#host.personalInfo && this.#loaded) {
      this.#loaded = { ...this.#loaded, [this.#host.kind]: contact, version };
    }
  }
}
