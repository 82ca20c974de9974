import { LIMITS } from '../api/contract/constants.js';
import { isEmail } from '../api/contract/email.js';
import {
  checkMobile,
  initialRegion,
  loadPhoneLib,
  type PhoneLib,
  regionOfInternational,
} from '../shared/phone.js';
import type { FlowHost, FlowState } from './flow-host.js';

/**
 * The new value typed in the edit flow's second step: an email address, or a mobile number with
 * its country/region (libphonenumber is loaded only when that step opens). Checks what is typed,
 * shows a valid number in its region's format, and turns it into what the `change` request carries.
 */
export class ContactValue {
  readonly #host: FlowHost;
  readonly #flow: FlowState;
  email!: string;
  phone!: string;
  region!: string | null;
  phoneLib: PhoneLib | null = null;
  phoneLibFailed = false;

  constructor(host: FlowHost, flow: FlowState) {
    this.#host = host;
    this.#flow = flow;
    this.reset();
  }

  /** Nothing typed (every `show()`); the phone library stays loaded. */
  reset(): void {
    this.email = '';
    this.phone = '';
    this.region = null;
  }

  setEmail(value: string): void {
    this.email = value;
    this.#flow.problems.clear('value');
  }

  /** On blur: say what is wrong with a typed address (an empty one is only refused on submit). */
  checkEmail(): void {
    if (this.#flow.step !== 'value' || !this.email.trim()) return;
    this.body();
    this.#flow.focusTarget = null;
  }

  /** A typed or pasted number; `+44…` selects the region it belongs to. */
  setPhone(value: string): void {
    this.phone = value;
    if (this.phoneLib && this.region) {
      const region = regionOfInternational(this.phoneLib, value, this.region);
      if (region && region !== this.region) this.region = region;
    }
    this.#changed();
  }

  setRegion(region: string): void {
    this.region = region;
    this.#changed();
  }

  /** On blur: show a valid number in its region's format, or say what is wrong with it. */
  formatPhone(): void {
    if (this.#flow.step !== 'value' || !this.phoneLib || !this.region || !this.phone.trim()) return;
    const check = checkMobile(this.phoneLib, this.phone, this.region);
    if (!check.ok) {
      this.#flow.problems.inputError = {
        field: 'value',
        id: `contact-verify.error.mobile.${check.problem}`,
        values: { region: this.region },
      };
    } else {
      this.phone =
        this.phone.trim().startsWith('+') || check.region !== this.region
          ? check.international
          : check.national;
      this.region = check.region;
    }
    this.#host.requestUpdate();
  }

  /** The number as it will be saved, when what is typed is valid. */
  get phonePreview(): string | null {
    if (!this.phoneLib || !this.region || !this.phone.trim()) return null;
    const check = checkMobile(this.phoneLib, this.phone, this.region);
    return check.ok ? check.international : null;
  }

  /**
   * Load libphonenumber (only now, when the new-number step opens) and start on a region: the
   * current number's, else the browser's. Every time the step opens, not only the first (a reopened
   * dialog starts with no region).
   */
  async loadPhone(): Promise<void> {
    const host = this.#host;
    if (this.phoneLib) {
      this.region ??= this.#initialRegion(this.phoneLib);
      host.requestUpdate();
      return;
    }
    this.phoneLibFailed = false;
    host.requestUpdate();
    try {
      const lib = await loadPhoneLib();
      this.phoneLib = lib;
      this.region ??= this.#initialRegion(lib);
    } catch {
      this.phoneLibFailed = true;
    }
    host.requestUpdate();
  }

  /** The new value as the `change` request carries it, or `null` (with an input error) when invalid. */
  body(): { value: string; region?: string } | null {
    if (this.#host.kind === 'email') {
      const email = this.email.trim();
      if (!email) return this.#invalid('contact-verify.error.email.empty');
      if (email.length > LIMITS.emailMax) {
        return this.#invalid('contact-verify.error.email.long', { max: LIMITS.emailMax });
      }
      if (!isEmail(email)) return this.#invalid('contact-verify.error.email.invalid');
      return { value: email };
    }
    // Never a silent stop: a step that cannot go on says why.
    if (!this.phoneLib) {
      return this.#invalid(this.phoneLibFailed ? 'contact-verify.value.load-failed' : 'contact-verify.value.loading');
    }
    if (!this.region) return this.#invalid('contact-verify.error.mobile.region');
    const check = checkMobile(this.phoneLib, this.phone, this.region);
    if (!check.ok)
      return this.#invalid(`contact-verify.error.mobile.${check.problem}`, { region: this.region });
    return { value: check.e164, region: check.region };
  }

  #initialRegion(lib: PhoneLib): string | null {
    return initialRegion(lib, {
      masked: this.#flow.services.info()?.mobile.masked ?? null,
      locales: [globalThis.navigator?.language],
    });
  }

  #changed(): void {
    this.#flow.problems.clear('value');
    this.#host.requestUpdate();
  }

  #invalid(id: string, values?: Record<string, string | number>): null {
    this.#flow.problems.invalid('value', id, values);
    return null;
  }
}
