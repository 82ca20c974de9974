import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type ApiClient, ApiError } from '../api/client.js';
import type { PersonalInfo, PersonalInfoPatch } from '../api/contract/index.js';
import {
  type PersonalInfoField,
  type PersonalInfoSection,
  PersonalInfoErrorEvent,
  PersonalInfoSaveEvent,
  PersonalInfoSavedEvent,
} from './personal-info-form.events.js';

export interface SaveControllerOptions {
  client(): ApiClient | undefined;
  info(): PersonalInfo | null;
  /** The server accepted the change; `info` is the new personal info. */
  saved(section: PersonalInfoSection, info: PersonalInfo): void;
  /** After `personal-info-saved` was dispatched. */
  afterSaved(section: PersonalInfoSection): void;
  /** The save failed (not when it was cancelled by leaving the page). */
  failed(section: PersonalInfoSection, error: ApiError): void;
}

/**
 * Saves one section at a time with `PATCH` + `If-Match`: no double submit (a second save while one
 * is in flight is ignored), the cancelable `personal-info-save` before, `personal-info-saved` or
 * `personal-info-error` after, and the request aborted when the element leaves the page.
 */
export class SaveController implements ReactiveController {
  /** The section being saved, `null` when idle. */
  saving: PersonalInfoSection | null = null;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: SaveControllerOptions;
  #abort: AbortController | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, options: SaveControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  /** Save `patch` for `section`; resolves `true` when the server accepted it. */
  async save(section: PersonalInfoSection, patch: PersonalInfoPatch): Promise<boolean> {
    const client = this.#options.client();
    const info = this.#options.info();
    if (this.saving !== null || !client || !info) return false;
    if (!this.#host.dispatchEvent(new PersonalInfoSaveEvent({ section, patch }))) return false;

    const abort = new AbortController();
    this.#abort = abort;
    this.saving = section;
    this.#host.requestUpdate();
    try {
      const { data } = await client.call('updatePersonalInfo', {
        body: patch,
        ifMatch: info.version,
        signal: abort.signal,
      });
      this.#options.saved(section, data);
      const changed = Object.keys(patch) as PersonalInfoField[];
      this.#host.dispatchEvent(new PersonalInfoSavedEvent({ personalInfo: data, changed }));
      this.#options.afterSaved(section);
      return true;
    } catch (thrown) {
      const error = ApiError.from(thrown, 'updatePersonalInfo');
      if (error.kind === 'aborted' || abort.signal.aborted) return false;
      this.#options.failed(section, error);
      this.#host.dispatchEvent(new PersonalInfoErrorEvent({ operation: 'save', section, error }));
      return false;
    } finally {
      if (this.#abort === abort) this.#abort = null;
      this.saving = null;
      this.#host.requestUpdate();
    }
  }
}
