import type { ReactiveControllerHost } from 'lit';
import { type ApiClient, isApiError } from '../api/client.js';
import { isEmail, LIMITS, RULES } from '../api/contract/constants.js';
import type {
  Challenge,
  ChallengeRequest,
  ContactKind,
  PersonalInfo,
  StepUpMethod,
  StepUpToken,
  VerifyResponse,
} from '../api/contract/index.js';
import { CountdownController } from '../shared/countdown-controller.js';
import {
  checkMobile,
  initialRegion,
  loadPhoneLib,
  type PhoneLib,
  regionOfInternational,
} from '../shared/phone.js';
import { type ProblemKey, problemKey } from '../shared/problem-messages.js';
import { RequestController } from '../shared/request-controller.js';
import { sessionEndReason } from '../shared/session-expired-event.js';
import {
  type ContactVerifyDetail,
  ContactVerifyConfirmEvent,
  type ContactVerifyMode,
  ContactVerifySendEvent,
  ContactVerifySentEvent,
  type ContactVerifyStep,
} from './contact-verify-dialog.events.js';

/** The inputs of the flow; `focusTarget` and errors refer to them. */
export type Field = 'password' | 'step-up-code' | 'value' | 'code';

/** A code request and what was typed for it. */
export interface CodeSlot {
  challenge: Challenge | null;
  code: string;
  /** The code can no longer be used (expired, too many tries, gone): only a new one helps. */
  dead: boolean;
}

export interface FlowProblem {
  error: unknown;
  key: ProblemKey;
  /** The input the problem is about (shown under it), or `null` for the step's banner. */
  field: Field | null;
}

/** A client-side validation message: catalog id and values, translated at render time. */
export interface InputError {
  field: Field;
  id: string;
  values?: Record<string, string | number>;
}

/** What the flow needs from the element that hosts it (it also fires the send / confirm events on it). */
export interface FlowHost extends ReactiveControllerHost, EventTarget {
  readonly kind: ContactKind;
  readonly mode: ContactVerifyMode;
  /** The API client, or `null` when none is configured (the element shows why). */
  flowClient(): ApiClient | null;
  flowInfo(): PersonalInfo | null;
  /** `kind` and `mode`, which every event's detail starts with. */
  flowDetail(): ContactVerifyDetail;
  /** Saved and verified: fire `contact-verify-confirmed`. */
  flowConfirmed(result: VerifyResponse): void;
  /** Report a failed request (`contact-verify-error`, and `session-expired` when it ends the session). */
  flowError(error: unknown, key: ProblemKey, step: ContactVerifyStep): void;
}

const emptySlot = (): CodeSlot => ({ challenge: null, code: '', dead: false });

/** What is typed and learned in one run of the dialog: fresh on every `reset()`. */
const fresh = () => ({
  step: 'identity' as ContactVerifyStep,
  methodIndex: 0,
  password: '',
  identity: emptySlot(),
  stepUp: null,
  email: '',
  phone: '',
  region: null,
  target: emptySlot(),
  result: null,
  problem: null,
  inputError: null,
  sessionEnded: false,
  notice: null,
  focusTarget: null as Field | 'primary' | null,
  resumeStep: null,
});

/**
 * The edit / verify flow of one contact, without any markup: steps, what was typed, the requests
 * (one at a time, aborted on hide and disconnect), the problems and the countdowns. The element
 * renders it.
 *
 * Edit: identity (password, or a step-up code) → value (new number or address) → code → done.
 * Verify: code (send to the current value, type it) → done.
 */
export class ContactFlowController {
  readonly #host: FlowHost;
  readonly request: RequestController;
  /** Until the identity step's code can be resent. */
  readonly identityWait: CountdownController;
  /** Until the new / current contact's code can be (re)sent. */
  readonly targetWait: CountdownController;
  /** Password tries locked (`account-locked`). */
  readonly lockWait: CountdownController;
  step!: ContactVerifyStep;
  methodIndex!: number;
  password!: string;
  identity!: CodeSlot;
  stepUp!: StepUpToken | null;
  email!: string;
  phone!: string;
  region!: string | null;
  target!: CodeSlot;
  result!: VerifyResponse | null;
  problem!: FlowProblem | null;
  inputError!: InputError | null;
  /** The session is gone: nothing more can be done in this dialog. */
  sessionEnded!: boolean;
  /** A short message for the live region (“a new code was sent”). */
  notice!: { id: string; values?: Record<string, string | number> } | null;
  /** The input or control to focus after the next render. */
  focusTarget!: Field | 'primary' | null;
  /** The step to come back to once identity is verified again (step-up expired mid-way). */
  resumeStep!: ContactVerifyStep | null;
  phoneLib: PhoneLib | null = null;
  phoneLibFailed = false;
  #retry: (() => void) | null = null;

  constructor(host: FlowHost) {
    this.#host = host;
    Object.assign(this, fresh());
    this.request = new RequestController(host);
    const onEnd = () => {
      if (this.problem && WAIT_KEYS.has(this.problem.key)) this.problem = null;
      host.requestUpdate();
    };
    this.identityWait = new CountdownController(host, { onEnd });
    this.targetWait = new CountdownController(host, { onEnd });
    this.lockWait = new CountdownController(host, { onEnd });
  }

  /** Back to the first step with nothing typed (every `show()`). */
  reset(): void {
    this.request.abort();
    this.identityWait.stop();
    this.targetWait.stop();
    this.lockWait.stop();
    Object.assign(this, fresh(), {
      step: this.#host.mode === 'verify' ? 'code' : 'identity',
      focusTarget: 'primary',
    });
    this.#retry = null;
    this.#host.requestUpdate();
  }

  /** Cancel whatever is in flight (hide, disconnect). */
  abort(): void {
    this.request.abort();
  }

  get methods(): readonly StepUpMethod[] {
    return this.#host.flowInfo()?.stepUpMethods ?? [];
  }

  get method(): StepUpMethod | null {
    return this.methods[this.methodIndex] ?? this.methods[0] ?? null;
  }

  // ---- input ------------------------------------------------------------------------------

  chooseMethod(index: number): void {
    if (index === this.methodIndex) return;
    this.methodIndex = index;
    this.identity = emptySlot();
    this.identityWait.stop();
    this.#clearErrors();
    this.#host.requestUpdate();
  }

  setPassword(value: string): void {
    this.password = value;
    this.#clearErrors('password');
  }

  setCode(field: 'step-up-code' | 'code', value: string): void {
    (field === 'code' ? this.target : this.identity).code = value;
    this.#clearErrors(field);
    this.#host.requestUpdate();
  }

  /** On blur: say what is wrong with a typed address (an empty one is only refused on submit). */
  checkEmail(): void {
    if (this.step !== 'value' || !this.email.trim()) return;
    this.#valueBody();
    this.focusTarget = null;
  }

  setEmail(value: string): void {
    this.email = value;
    this.#clearErrors('value');
  }

  /** A typed or pasted number; `+44…` selects the region it belongs to. */
  setPhone(value: string): void {
    this.phone = value;
    if (this.phoneLib && this.region) {
      const region = regionOfInternational(this.phoneLib, value, this.region);
      if (region && region !== this.region) this.region = region;
    }
    this.#clearErrors('value');
    this.#host.requestUpdate();
  }

  setRegion(region: string): void {
    this.region = region;
    this.#clearErrors('value');
    this.#host.requestUpdate();
  }

  /** On blur: show a valid number in its region's format, or say what is wrong with it. */
  formatPhone(): void {
    if (this.step !== 'value' || !this.phoneLib || !this.region || !this.phone.trim()) return;
    const check = checkMobile(this.phoneLib, this.phone, this.region);
    if (!check.ok) {
      this.inputError = {
        field: 'value',
        id: `contact-verify.error.mobile.${check.problem}`,
        values: { region: this.region },
      };
      this.#host.requestUpdate();
      return;
    }
    this.phone =
      this.phone.trim().startsWith('+') || check.region !== this.region
        ? check.international
        : check.national;
    this.region = check.region;
    this.#host.requestUpdate();
  }

  /** The number as it will be saved, when what is typed is valid. */
  get phonePreview(): string | null {
    if (!this.phoneLib || !this.region || !this.phone.trim()) return null;
    const check = checkMobile(this.phoneLib, this.phone, this.region);
    return check.ok ? check.international : null;
  }

  /** Load libphonenumber (only now, when the new-number step opens). */
  async loadPhone(): Promise<void> {
    if (this.phoneLib) return;
    this.phoneLibFailed = false;
    this.#host.requestUpdate();
    try {
      const lib = await loadPhoneLib();
      this.phoneLib = lib;
      this.region ??= initialRegion(lib, {
        masked: this.#host.flowInfo()?.mobile.masked ?? null,
        locales: [globalThis.navigator?.language],
      });
    } catch {
      this.phoneLibFailed = true;
    }
    this.#host.requestUpdate();
  }

  // ---- actions ----------------------------------------------------------------------------

  /** The primary button of the current step. */
  submit(): void {
    if (this.sessionEnded) return;
    switch (this.step) {
      case 'identity':
        if (this.method?.type === 'password') void this.submitPassword();
        else if (this.identity.challenge && !this.identity.dead) void this.submitStepUpCode();
        else void this.send('identity', this.identity.dead);
        return;
      case 'value':
        void this.submitValue();
        return;
      case 'code':
        if (this.target.challenge && !this.target.dead) void this.submitCode();
        else void this.send('target', this.target.dead);
        return;
      default:
        return;
    }
  }

  async submitPassword(): Promise<void> {
    if (this.request.busy || this.lockWait.running) return;
    if (!this.password) return this.#invalid('password', 'contact-verify.error.password.empty');
    const client = this.#host.flowClient();
    if (!client) return;
    const password = this.password;
    const outcome = await this.request.run('identity', (signal) =>
      client.call('verifyIdentity', { body: { method: 'password', password }, signal }),
    );
    if (!outcome) return;
    if (!outcome.ok) return this.#fail(outcome.error, 'password', () => void this.submitPassword());
    this.password = '';
    this.#identityVerified(outcome.value.data);
  }

  async submitStepUpCode(): Promise<void> {
    const challenge = this.identity.challenge;
    if (this.request.busy || !challenge) return;
    const code = this.identity.code;
    if (code.length !== challenge.codeLength)
      return this.#invalidCode('step-up-code', code, challenge.codeLength);
    const client = this.#host.flowClient();
    if (!client) return;
    const outcome = await this.request.run('identity', (signal) =>
      client.call('verifyIdentity', { body: { method: 'code', challengeId: challenge.id, code }, signal }),
    );
    if (!outcome) return;
    if (!outcome.ok) return this.#fail(outcome.error, 'step-up-code', () => void this.submitStepUpCode());
    this.identity = emptySlot();
    this.identityWait.stop();
    this.#identityVerified(outcome.value.data);
  }

  /** Check the new value, then send its code. */
  async submitValue(): Promise<void> {
    if (this.request.busy) return;
    if (this.#valueBody() === null) return;
    await this.send('target', false);
  }

  /**
   * Send a code: for the identity check (`step-up`) or for the contact (`change` / `verify`).
   * `resend` asks for a new code for the same request — a fresh request when the old one is dead.
   */
  async send(which: 'identity' | 'target', resend: boolean): Promise<void> {
    const wait = which === 'identity' ? this.identityWait : this.targetWait;
    if (this.request.busy || wait.running || this.sessionEnded) return;
    const client = this.#host.flowClient();
    if (!client) return;
    const slot = which === 'identity' ? this.identity : this.target;
    const method = this.method;
    const channel = which === 'identity' && method?.type === 'code' ? method.channel : this.#host.kind;
    let body: ChallengeRequest;
    if (which === 'identity') body = { purpose: 'step-up' };
    else if (this.#host.mode === 'verify') body = { purpose: 'verify' };
    else {
      const value = this.#valueBody();
      if (!value || !this.stepUp) {
        if (!this.stepUp) this.#needStepUp();
        return;
      }
      body = { purpose: 'change', ...value, stepUpToken: this.stepUp.stepUpToken };
    }
    const previous = slot.challenge;
    const reuse = resend && previous !== null && !slot.dead;
    const detail = { ...this.#host.flowDetail(), channel, purpose: body.purpose, resend };
    if (!this.#host.dispatchEvent(new ContactVerifySendEvent(detail))) return;
    const outcome = await this.request.run('send', async (signal): Promise<Challenge> => {
      const { data } = reuse
        ? await client.call('resendChallenge', { params: { kind: channel, id: previous.id }, signal })
        : await client.call('createChallenge', { params: { kind: channel }, body, signal });
      return data;
    });
    if (!outcome) return;
    const field = which === 'identity' ? 'step-up-code' : 'code';
    if (!outcome.ok) return this.#fail(outcome.error, null, () => void this.send(which, resend));
    const challenge = outcome.value;
    const fresh: CodeSlot = { challenge, code: '', dead: false };
    if (which === 'identity') this.identity = fresh;
    else this.target = fresh;
    const cooldown = Date.parse(challenge.resendAvailableAt) - Date.now();
    wait.startUntil(Date.now() + Math.min(Math.max(cooldown, 0), RULES.resendCooldownSeconds * 1000));
    this.problem = null;
    this.inputError = null;
    this.notice = resend
      ? { id: 'contact-verify.code.resent', values: { destination: challenge.destination } }
      : null;
    if (which === 'target') this.step = 'code';
    this.focusTarget = field;
    const { destination, expiresAt, resendAvailableAt } = challenge;
    this.#host.dispatchEvent(
      new ContactVerifySentEvent({ ...detail, purpose: challenge.purpose, destination, expiresAt, resendAvailableAt }),
    );
    this.#host.requestUpdate();
  }

  /** Check the code; on success the contact is saved (edit) or verified. */
  async submitCode(): Promise<void> {
    const challenge = this.target.challenge;
    if (this.request.busy || !challenge || this.target.dead) return;
    const code = this.target.code;
    if (code.length !== challenge.codeLength) return this.#invalidCode('code', code, challenge.codeLength);
    const client = this.#host.flowClient();
    if (!client) return;
    if (this.#host.mode === 'edit' && !this.stepUp) return this.#needStepUp();
    if (!this.#host.dispatchEvent(new ContactVerifyConfirmEvent(this.#host.flowDetail()))) return;
    const stepUpToken = this.#host.mode === 'edit' ? this.stepUp?.stepUpToken : undefined;
    const outcome = await this.request.run('verify', (signal) =>
      client.call('verifyChallenge', {
        params: { kind: this.#host.kind, id: challenge.id },
        body: stepUpToken ? { code, stepUpToken } : { code },
        signal,
      }),
    );
    if (!outcome) return;
    if (!outcome.ok) return this.#fail(outcome.error, 'code', () => void this.submitCode());
    this.result = outcome.value.data;
    this.problem = null;
    this.targetWait.stop();
    this.step = 'done';
    this.focusTarget = 'primary';
    this.#host.flowConfirmed(outcome.value.data);
    this.#host.requestUpdate();
  }

  /** “Wrong number? Edit”: back to the new-value step with what was typed. */
  editValue(): void {
    if (this.#host.mode !== 'edit') return;
    this.request.abort();
    this.target = emptySlot();
    // The cooldown is per destination: a corrected number may get its code at once (the server
    // answers `cooldown` if it is the same one, and the countdown starts again from its answer).
    this.targetWait.stop();
    this.problem = null;
    this.inputError = null;
    this.step = 'value';
    this.focusTarget = 'value';
    if (this.#host.kind === 'mobile') void this.loadPhone();
    this.#host.requestUpdate();
  }

  /** The banner's action: repeat the failed request. */
  retry(): void {
    const retry = this.#retry;
    this.#retry = null;
    this.problem = null;
    this.#host.requestUpdate();
    retry?.();
  }

  // ---- internals --------------------------------------------------------------------------

  /** The new value as the `change` request carries it, or `null` (with an input error) when invalid. */
  #valueBody(): { value: string; region?: string } | null {
    if (this.#host.kind === 'email') {
      const email = this.email.trim();
      if (!email) return this.#invalidValue('contact-verify.error.email.empty');
      if (email.length > LIMITS.emailMax) {
        return this.#invalidValue('contact-verify.error.email.long', { max: LIMITS.emailMax });
      }
      if (!isEmail(email)) return this.#invalidValue('contact-verify.error.email.invalid');
      return { value: email };
    }
    if (!this.phoneLib || !this.region) return null;
    const check = checkMobile(this.phoneLib, this.phone, this.region);
    if (!check.ok)
      return this.#invalidValue(`contact-verify.error.mobile.${check.problem}`, { region: this.region });
    return { value: check.e164, region: check.region };
  }

  #identityVerified(token: StepUpToken): void {
    this.stepUp = token;
    this.problem = null;
    this.inputError = null;
    const resume = this.resumeStep;
    this.resumeStep = null;
    this.notice = resume ? { id: 'contact-verify.identity.again' } : null;
    this.step = resume && resume !== 'identity' ? resume : 'value';
    this.focusTarget = this.step === 'code' ? 'code' : 'value';
    if (this.step === 'value' && this.#host.kind === 'mobile') void this.loadPhone();
    this.#host.requestUpdate();
  }

  #needStepUp(): void {
    this.resumeStep = this.step === 'identity' ? this.resumeStep : this.step;
    this.stepUp = null;
    this.password = '';
    this.identity = emptySlot();
    this.step = 'identity';
    this.focusTarget = 'primary';
    this.#host.requestUpdate();
  }

  #invalid(field: Field, id: string, values?: Record<string, string | number>): void {
    this.inputError = { field, id, values };
    this.problem = null;
    this.focusTarget = field;
    this.#host.requestUpdate();
  }

  #invalidValue(id: string, values?: Record<string, string | number>): null {
    this.#invalid('value', id, values);
    return null;
  }

  #invalidCode(field: 'step-up-code' | 'code', code: string, length: number): void {
    this.#invalid(field, code ? 'contact-verify.error.code.incomplete' : 'contact-verify.error.code.empty', {
      length,
    });
  }

  #clearErrors(field?: Field): void {
    const before = [this.inputError, this.problem];
    if (!field || this.inputError?.field === field) this.inputError = null;
    if (this.problem && (!field || this.problem.field === field)) this.problem = null;
    if (before[0] !== this.inputError || before[1] !== this.problem) this.#host.requestUpdate();
  }

  #fail(error: unknown, field: Field | null, retry: () => void): void {
    const key = problemKey(error);
    if (key === 'aborted') return;
    const step = this.step;
    this.#host.flowError(error, key, step);
    this.inputError = null;
    if (sessionEndReason(error)) {
      this.sessionEnded = true;
      this.problem = { error, key, field: null };
      this.#host.requestUpdate();
      return;
    }
    this.#retry = retry;
    const problem = isApiError(error) ? error.problem : null;
    const retryAfter = problem?.retryAfterSeconds;
    const slot = step === 'identity' ? this.identity : this.target;
    const codeField = step === 'identity' ? 'step-up-code' : 'code';
    const wait = step === 'identity' ? this.identityWait : this.targetWait;
    let at: Field | null = null;
    switch (key) {
      case 'step-up-required':
      case 'step-up-expired':
        this.#needStepUp();
        break;
      case 'invalid-code':
        slot.code = '';
        if (problem?.attemptsRemaining === 0) slot.dead = true;
        at = codeField;
        break;
      case 'code-expired':
      case 'too-many-attempts':
      case 'not-found':
        slot.code = '';
        slot.dead = true;
        // The code outlived its lifetime on the server's clock, so the (shorter) resend cooldown is over.
        if (key === 'code-expired') wait.stop();
        if (retryAfter && retryAfter > wait.remaining) wait.start(retryAfter);
        break;
      case 'cooldown':
      case 'rate-limited':
        wait.start(retryAfter ?? RULES.resendCooldownSeconds);
        break;
      case 'account-locked':
        this.password = '';
        this.lockWait.start(retryAfter ?? RULES.lockoutSeconds);
        break;
      case 'invalid-credentials':
        this.password = '';
        at = 'password';
        break;
      case 'same-value':
      case 'payload-too-large':
        at = step === 'value' ? 'value' : null;
        break;
      case 'validation-failed':
        at = this.#fieldOf(error) ?? field;
        break;
      default:
        break;
    }
    this.problem = { error, key, field: at };
    if (at) this.focusTarget = at;
    this.#host.requestUpdate();
  }

  #fieldOf(error: unknown): Field | null {
    const paths = Object.keys((isApiError(error) && error.problem?.fieldErrors) || {});
    if (paths.some((p) => p === 'value' || p === 'region')) return 'value';
    if (paths.some((p) => p === 'password')) return 'password';
    if (paths.some((p) => p === 'code')) return this.step === 'identity' ? 'step-up-code' : 'code';
    return null;
  }
}

const WAIT_KEYS = new Set<ProblemKey>(['cooldown', 'rate-limited', 'account-locked', 'too-many-attempts']);
