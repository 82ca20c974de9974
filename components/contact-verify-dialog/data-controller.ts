import { ContextConsumer } from '@lit/context';
import type { ReactiveController } from 'lit';
import type { ApiClient, ApiError } from '../api/client.js';
import { apiClientContext } from '../api/context.js';
import type { ContactKind, PersonalInfo, VerifyResponse } from '../api/contract/index.js';
import {
  type ConfigProblem,
  PersonalInfoController,
  type PersonalInfoHost,
  personalInfoContext,
} from '../api/personal-info-controller.js';
import { type ProblemKey, problemKey } from '../shared/problem-messages.js';

/** The element's properties the data comes from. */
export interface DataHost extends PersonalInfoHost {
  readonly kind: ContactKind;
  readonly personalInfo?: PersonalInfo | null;
}

/**
 * Where the dialog's data comes from. Inside `<personal-info-form>` (and not configured on its own:
 * no `client`, `endpoint` or `personalInfo`), the form's {@link PersonalInfoController}, provided
 * through `personalInfoContext`: the dialog shows that personal info and a verified contact updates
 * it, for the form too. Used alone, a controller of its own: the `client` property, else a client an
 * enclosing element provides (`apiClientContext`), else one built from `endpoint`; the personal info
 * from the `personalInfo` property, else loaded when the dialog opens.
 */
export class DataController implements ReactiveController {
  readonly #host: DataHost;
  readonly #own: PersonalInfoController;
  readonly #shared: ContextConsumer<typeof personalInfoContext, DataHost>;
  #unsubscribe: (() => void) | undefined = undefined;

  /** `loadFailed`: report a failed load (`contact-verify-error`, and `session-expired` when it ends the session). */
  constructor(host: DataHost, loadFailed: (error: ApiError, key: ProblemKey) => void) {
    this.#host = host;
    const clientContext = new ContextConsumer(host, { context: apiClientContext, subscribe: true });
    this.#own = new PersonalInfoController(host, {
      contextClient: () => clientContext.value,
      loadFailed: (error) => loadFailed(error, problemKey(error)),
    });
    this.#shared = new ContextConsumer(host, {
      context: personalInfoContext,
      subscribe: true,
      // Re-render when the form's personal info changes (a reload after a conflict, a save).
      callback: (shared) => {
        this.#unsubscribe?.();
        this.#unsubscribe = shared?.subscribe(() => host.requestUpdate());
      },
    });
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** The form's controller, unless the host configured the dialog itself. */
  get #source(): PersonalInfoController {
    const host = this.#host;
    const shared = this.#shared.value;
    return shared && !host.client && !host.endpoint && !host.personalInfo ? shared : this.#own;
  }

  /** The client to use, or `null` and why. */
  resolve(): { client: ApiClient; config: null } | { client: null; config: ConfigProblem } {
    return this.#source.resolve();
  }

  /** The host's personal info, else the shared or loaded one (`null` until it is). */
  get info(): PersonalInfo | null {
    return this.#host.personalInfo ?? this.#source.info;
  }

  /** Why the last load failed, if it did. */
  get loadError(): ApiError | null {
    return this.#source.loadError;
  }

  /** The dialog opens: load the personal info, unless the host gave it, the form shares it or no client is configured. */
  load(): void {
    if (this.#host.personalInfo || this.#source !== this.#own || !this.resolve().client) return;
    this.#own.info = null;
    this.reload();
  }

  /** Load again (after a failure). */
  reload(): void {
    void this.#source.load();
  }

  /** Stop the dialog's own load (never the form's). */
  abort(): void {
    this.#own.abortLoad();
  }

  /** A contact was saved: the personal info shown (the form's too, when shared) has it. */
  saved(result: VerifyResponse): void {
    if (!this.#host.personalInfo) this.#source.contactSaved(this.#host.kind, result);
  }
}
