import { createContext } from '@lit/context';
import { initialState, Task, TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RequestController } from '../shared/request-controller.js';
import { ApiClient, ApiError } from './client.js';
import type { ContactKind, PersonalInfo, PersonalInfoPatch, VerifyResponse } from './contract/index.js';
import { checkEndpoint } from './endpoint.js';

/** Why an element has no client: nothing configured, or an endpoint it refuses. */
export interface ConfigProblem {
  reason: 'missing' | 'invalid' | 'insecure';
  url: string;
}

/** The element properties a client comes from. */
export interface PersonalInfoHost extends ReactiveControllerHost, HTMLElement {
  readonly client?: ApiClient | undefined;
  readonly endpoint?: string | undefined;
  readonly fetch?: typeof globalThis.fetch | undefined;
}

export interface PersonalInfoControllerOptions {
  /** A client provided by an enclosing element (`apiClientContext`), used when the host sets none. */
  contextClient?: () => ApiClient | undefined;
  /** A load finished (not when it was aborted). */
  loaded?: (info: PersonalInfo) => void;
  /** A load failed (not when it was aborted). */
  loadFailed?: (error: ApiError) => void;
}

/**
 * `@lit/context` key: `<personal-info-form>` provides its personal info (one owner of it), and a
 * `<contact-verify-dialog>` inside it shows and updates that copy instead of loading its own.
 */
export const personalInfoContext = createContext<PersonalInfoController | undefined>(
  Symbol.for('personal-settings.personal-info'),
);

/**
 * The one owner of the signed-in user's personal info in an element: which API client to use (the
 * host's `client`, else a provided one, else one built from `endpoint` once `checkEndpoint()` accepts
 * it — `config` says why there is none), loading it through `@lit/task` (a stale load aborted), saving
 * a change one request at a time with `If-Match` (through `RequestController`: no double submit,
 * aborted on disconnect), and a contact the dialog verified. Other elements showing the same info
 * (the dialog inside the form) `subscribe()` to re-render when it changes.
 */
export class PersonalInfoController implements ReactiveController {
  readonly #host: PersonalInfoHost;
  readonly #options: PersonalInfoControllerOptions;
  readonly #task: Task<readonly [ApiClient | null], PersonalInfo>;
  readonly #saver: RequestController;
  readonly #listeners = new Set<() => void>();
  #built: { url: string; client: ApiClient } | null = null;
  #info: PersonalInfo | null = null;

  constructor(host: PersonalInfoHost, options: PersonalInfoControllerOptions = {}) {
    this.#host = host;
    this.#options = options;
    this.#saver = new RequestController(host);
    this.#task = new Task(host, {
      task: async ([client], { signal }) => {
        if (!client) return initialState;
        return (await client.call('getPersonalInfo', { signal })).data;
      },
      args: () => [this.resolve().client] as const,
      onComplete: (info) => {
        this.info = info;
        options.loaded?.(info);
      },
      onError: (error) => {
        const apiError = ApiError.from(error, 'getPersonalInfo');
        if (apiError.kind !== 'aborted') options.loadFailed?.(apiError);
      },
      // Run by the element (first connection, a new client, Retry), not on every update.
      autoRun: false,
    });
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#task.abort();
  }

  /** The client to use, or `null` and why not. */
  resolve(): { client: ApiClient; config: null } | { client: null; config: ConfigProblem } {
    const host = this.#host;
    const client = host.client ?? this.#options.contextClient?.();
    if (client) return { client, config: null };
    const check = host.endpoint
      ? checkEndpoint(host.endpoint)
      : ({ ok: false, reason: 'missing', url: '' } as const);
    if (!check.ok) return { client: null, config: { reason: check.reason, url: check.url } };
    // Kept while the endpoint resolves to the same URL, so nothing reloads for nothing.
    if (this.#built?.url !== check.url) {
      const fetch = host.fetch;
      this.#built = {
        url: check.url,
        client: new ApiClient({ baseUrl: check.url, ...(fetch && { fetch }) }),
      };
    }
    return { client: this.#built.client, config: null };
  }

  /** The personal info as last loaded, saved or set; `null` until then. */
  get info(): PersonalInfo | null {
    return this.#info;
  }

  set info(info: PersonalInfo | null) {
    if (info === this.#info) return;
    this.#info = info;
    this.#host.requestUpdate();
    for (const listener of this.#listeners) listener();
  }

  /** Call `listener` whenever `info` changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A load is in flight. */
  get loading(): boolean {
    return this.#task.status === TaskStatus.PENDING;
  }

  /** Why the last load failed (`null` when it did not, or it was aborted). */
  get loadError(): ApiError | null {
    if (this.#task.status !== TaskStatus.ERROR) return null;
    const error = ApiError.from(this.#task.error, 'getPersonalInfo');
    return error.kind === 'aborted' ? null : error;
  }

  /** Load (again) with the current client. */
  load(): Promise<void> {
    return this.#task.run();
  }

  abortLoad(): void {
    this.#task.abort();
  }

  /** The name given to the save in flight, `null` when none is. */
  get saving(): string | null {
    return this.#saver.busy;
  }

  /**
   * Save `patch` with `If-Match` on the version shown: one at a time (`null` when another save is in
   * flight, there is nothing to save against, or it was aborted). The new personal info is kept.
   */
  async save(
    name: string,
    patch: PersonalInfoPatch,
  ): Promise<{ ok: true; info: PersonalInfo } | { ok: false; error: ApiError } | null> {
    const client = this.resolve().client;
    const version = this.#info?.version;
    if (!client || version === undefined || this.saving !== null) return null;
    const outcome = await this.#saver.run(name, async (signal) => {
      const { data } = await client.call('updatePersonalInfo', { body: patch, ifMatch: version, signal });
      return data;
    });
    if (!outcome) return null;
    if (!outcome.ok) {
      const error = ApiError.from(outcome.error, 'updatePersonalInfo');
      return error.kind === 'aborted' ? null : { ok: false, error };
    }
    this.info = outcome.value;
    return { ok: true, info: outcome.value };
  }

  /** A contact was verified (and saved) in the dialog: show it, with the new version. */
  contactSaved(kind: ContactKind, { contact, version }: VerifyResponse): void {
    if (this.#info) this.info = { ...this.#info, [kind]: contact, version };
  }
}
