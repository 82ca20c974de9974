import type {
  ChallengePurpose,
  Challenge,
  ChallengeRequest,
  StepUpMethod,
  StepUpToken,
} from '../api/contract/index.js';
import { CountdownController } from '../shared/countdown-controller.js';
import { RequestController } from '../shared/request-controller.js';
import { CodeSlot } from './code-slot.js';
import { ContactValue } from './contact-value.js';
import {
  ContactVerifyConfirmEvent,
  ContactVerifySendEvent,
  ContactVerifySentEvent,
  type ContactVerifyStep,
} from './contact-verify-dialog.events.js';
import type { Field, FlowHost, FlowServices, FlowState } from './flow-host.js';
import { FlowProblems } from './flow-problems.js';

/** What is typed and learned in one run of the dialog, besides the codes, the new value and the problems: fresh on every `reset()`. */
const fresh = () => ({
  step: 'identity' as ContactVerifyStep,
  methodIndex: 0,
  password: '',
  stepUp: null,
  notice: null,
  focusTarget: null as Field | 'primary' | null,
  resumeStep: null,
  afterStepUp: null,
  resumed: false,
});

/**
 * The edit / verify flow of one contact, without any markup: steps, what was typed, the requests
 * (one at a time, aborted on hide and disconnect). The codes (`CodeSlot`), the new value
 * (`ContactValue`) and what went wrong (`FlowProblems`) are its parts. The element renders it.
 *
 * Edit: identity (password, or a step-up code) → value (new number or address) → code, confirmed with OK.
 * Verify: code (send to the current value, type it), confirmed with OK.
 * Typing the last digit submits nothing; OK (or Enter in the code field) does. Once the server
 * accepts the code the host is told (`confirmed`) and closes the dialog: there is no extra "Done" screen.
 */
export class ContactFlowController implements FlowState {
  readonly #host: FlowHost;
  readonly services: FlowServices;
  readonly request: RequestController;
  readonly problems: FlowProblems;
  /** The identity step's code (a step-up method of type `code`). */
  readonly identity: CodeSlot;
  /** The new number or address (edit). */
  readonly value: ContactValue;
  /** The code sent to the new / current contact. */
  readonly target: CodeSlot;
  /** Password tries locked (`account-locked`). */
  readonly lockWait: CountdownController;
  step!: ContactVerifyStep;
  methodIndex!: number;
  password!: string;
  stepUp!: StepUpToken | null;
  /** A short message for the live region (“a new code was sent”). */
  notice!: { id: string; values?: Record<string, string | number> } | null;
  /** The input or control to focus after the next render. */
  focusTarget!: Field | 'primary' | null;
  /** The step to come back to once identity is verified again (step-up expired mid-way). */
  resumeStep!: ContactVerifyStep | null;
  /** What the user asked for when identity had to be verified again: done once it is. */
  afterStepUp!: (() => void) | null;
  /** Opened at the code of a change sent earlier (`resume`): its new value is known only masked. */
  resumed!: boolean;
  /** The step-up token of a change left unfinished when the dialog closed, for resuming that change. */
  #kept: { challengeId: string; token: StepUpToken } | null = null;

  constructor(host: FlowHost, services: FlowServices) {
    this.#host = host;
    this.services = services;
    Object.assign(this, fresh());
    this.request = new RequestController(host);
    const problems = new FlowProblems(host, this);
    this.problems = problems;
    const onEnd = () => problems.waitEnded();
    // The end of a resend countdown is said once, in the live region (the countdown itself is not).
    const resendReady = (slot: () => CodeSlot) => () => {
      onEnd();
      // Not while the code is being checked: its result (the form's "updated") is what is said next.
      if (this.request.busy === 'verify') return;
      const shown = this.step === 'identity' ? this.identity : this.step === 'code' ? this.target : null;
      if (slot() === shown && shown.challenge) this.notice = { id: 'contact-verify.code.resend-ready' };
    };
    this.identity = new CodeSlot(host, resendReady(() => this.identity));
    this.target = new CodeSlot(host, resendReady(() => this.target));
    this.lockWait = new CountdownController(host, { onEnd });
    this.value = new ContactValue(host, this);
  }

  /** Back to the first step with nothing typed (every `show()`). */
  reset(): void {
    this.#kept = null;
    this.request.abort();
    this.identity.forget(true);
    this.target.forget(true);
    this.lockWait.stop();
    this.problems.reset();
    this.value.reset();
    Object.assign(this, fresh(), {
      step: this.#host.mode === 'verify' ? 'code' : 'identity',
      focusTarget: 'primary',
    });
    this.#host.requestUpdate();
  }

  /** Cancel whatever is in flight (hide, disconnect). */
  abort(): void {
    this.request.abort();
  }

  /**
   * The dialog closes. A change left at its code keeps its step-up token (in memory, for the rest of
   * its life) so that resuming that change needs no new identity check; anything else forgets it.
   */
  closed(confirmed: boolean): void {
    const c = this.target.challenge;
    const keep = !confirmed && this.stepUp && c?.purpose === 'change' && !this.target.dead;
    this.#kept = keep && this.stepUp && c ? { challengeId: c.id, token: this.stepUp } : null;
  }

  /**
   * Open at the code step of a code sent earlier (`change` or `verify`), its countdown from the
   * challenge's `resendAvailableAt`; an expired one only offers a new code. A change reuses the
   * step-up token kept for it when still valid; otherwise OK or a new code verifies identity first.
   */
  resume(challenge: Challenge): void {
    const kept = this.#kept;
    this.reset();
    this.resumed = true;
    this.step = 'code';
    this.focusTarget = 'code';
    this.target.sent(challenge);
    const now = Date.now();
    if (Date.parse(challenge.expiresAt) <= now) this.target.expire();
    if (kept?.challengeId === challenge.id && Date.parse(kept.token.expiresAt) > now)
      this.stepUp = kept.token;
  }

  get methods(): readonly StepUpMethod[] {
    return this.services.info()?.stepUpMethods ?? [];
  }

  get method(): StepUpMethod | null {
    return this.methods[this.methodIndex] ?? this.methods[0] ?? null;
  }

  // ---- input (the new value's are on `value`) ----------------------------------------------

  chooseMethod(index: number): void {
    if (index === this.methodIndex) return;
    this.methodIndex = index;
    this.identity.forget(true);
    this.problems.clear();
    this.#host.requestUpdate();
  }

  setPassword(value: string): void {
    this.password = value;
    this.problems.clear('password');
  }

  setCode(field: 'step-up-code' | 'code', value: string): void {
    (field === 'code' ? this.target : this.identity).code = value;
    this.problems.clear(field);
    this.#host.requestUpdate();
  }

  // ---- actions ----------------------------------------------------------------------------

  /** The primary button of the current step. */
  submit(): void {
    if (this.problems.sessionEnded) return;
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
    }
  }

  async submitPassword(): Promise<void> {
    if (this.request.busy || this.lockWait.running) return;
    if (!this.password) return this.problems.invalid('password', 'contact-verify.error.password.empty');
    const client = this.services.client();
    if (!client) return;
    const password = this.password;
    const outcome = await this.request.run('identity', (signal) =>
      client.call('verifyIdentity', { body: { method: 'password', password }, signal }),
    );
    if (!outcome) return;
    if (!outcome.ok) return this.problems.fail(outcome.error, 'password', () => void this.submitPassword());
    this.password = '';
    this.#identityVerified(outcome.value.data);
  }

  async submitStepUpCode(): Promise<void> {
    const challenge = this.identity.challenge;
    if (this.request.busy || !challenge) return;
    const code = this.identity.code;
    if (code.length !== challenge.codeLength)
      return this.problems.invalidCode('step-up-code', code, challenge.codeLength);
    const client = this.services.client();
    if (!client) return;
    const outcome = await this.request.run('identity', (signal) =>
      client.call('verifyIdentity', { body: { method: 'code', challengeId: challenge.id, code }, signal }),
    );
    if (!outcome) return;
    if (!outcome.ok)
      return this.problems.fail(outcome.error, 'step-up-code', () => void this.submitStepUpCode());
    this.identity.forget(true);
    this.#identityVerified(outcome.value.data);
  }

  /** Check the new value, then send its code. */
  async submitValue(): Promise<void> {
    if (this.request.busy) return;
    if (this.value.body() === null) return;
    await this.send('target', false);
  }

  /**
   * Send a code: for the identity check (`step-up`) or for the contact (`change` / `verify`).
   * `resend` asks for a new code for the same request — a fresh request when the old one is dead.
   */
  async send(which: 'identity' | 'target', resend: boolean): Promise<void> {
    const slot = which === 'identity' ? this.identity : this.target;
    if (this.request.busy || slot.wait.running || this.problems.sessionEnded) return;
    const client = this.services.client();
    if (!client) return;
    const method = this.method;
    const channel = which === 'identity' && method?.type === 'code' ? method.channel : this.#host.kind;
    const previous = slot.challenge;
    // A resumed change knows its new value only masked: a new code can only be for its challenge
    // while that can be resent (expired, not dead from wrong codes); else the value is typed again.
    const resumed = which === 'target' && this.resumed;
    const reuse = resend && previous !== null && (!slot.dead || (resumed && slot.expired));
    if (resumed && !reuse) return this.editValue();
    const purpose: ChallengePurpose =
      which === 'identity' ? 'step-up' : this.#host.mode === 'verify' ? 'verify' : 'change';
    // A code for a new contact value needs a valid identity check, a resend too.
    const stepUpToken = this.stepUp?.stepUpToken;
    let body: ChallengeRequest | null = purpose === 'change' ? null : { purpose };
    if (purpose === 'change') {
      if (!stepUpToken) return this.needStepUp(() => void this.send(which, resend));
      const value = reuse ? null : this.value.body();
      if (value) body = { purpose, ...value, stepUpToken };
      else if (!reuse) return;
    }
    const detail = { ...this.services.detail(), channel, purpose, resend };
    if (!this.#host.dispatchEvent(new ContactVerifySendEvent(detail))) return;
    const outcome = await this.request.run('send', async (signal): Promise<Challenge> => {
      const resendBody = purpose === 'change' ? { stepUpToken } : {};
      const { data } =
        reuse || !body
          ? await client.call('resendChallenge', { params: { kind: channel, id: previous!.id }, body: resendBody, signal })
          : await client.call('createChallenge', { params: { kind: channel }, body, signal });
      return data;
    });
    if (!outcome) return;
    if (!outcome.ok) return this.problems.fail(outcome.error, null, () => void this.send(which, resend));
    const challenge = outcome.value;
    slot.sent(challenge);
    this.problems.clear();
    this.notice = resend
      ? { id: 'contact-verify.code.resent', values: { destination: challenge.destination } }
      : null;
    if (which === 'target') this.step = 'code';
    this.focusTarget = which === 'identity' ? 'step-up-code' : 'code';
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
    if (code.length !== challenge.codeLength) return this.problems.invalidCode('code', code, challenge.codeLength);
    const client = this.services.client();
    if (!client) return;
    if (this.#host.mode === 'edit' && !this.stepUp) return this.needStepUp(() => void this.submitCode());
    if (!this.#host.dispatchEvent(new ContactVerifyConfirmEvent(this.services.detail()))) return;
    const stepUpToken = this.#host.mode === 'edit' ? this.stepUp?.stepUpToken : undefined;
    const outcome = await this.request.run('verify', (signal) =>
      client.call('verifyChallenge', {
        params: { kind: this.#host.kind, id: challenge.id },
        body: stepUpToken ? { code, stepUpToken } : { code },
        signal,
      }),
    );
    if (!outcome) return;
    if (!outcome.ok) return this.problems.fail(outcome.error, 'code', () => void this.submitCode());
    this.problems.problem = null;
    this.target.wait.stop();
    this.services.confirmed(outcome.value.data);
    this.#host.requestUpdate();
  }

  /** “Wrong number? Edit”: back to the new-value step with what was typed. */
  editValue(): void {
    if (this.#host.mode !== 'edit') return;
    this.request.abort();
    this.resumed = false;
    // The cooldown is per destination: a corrected number may get its code at once (the server
    // answers `cooldown` if it is the same one, and the countdown starts again from its answer).
    this.target.forget(true);
    this.problems.clear();
    this.step = 'value';
    this.focusTarget = 'value';
    if (this.#host.kind === 'mobile') void this.value.loadPhone();
    this.#host.requestUpdate();
  }

  /**
   * Identity must be verified again (no step-up token, or it expired): back to the first step,
   * keeping what was typed since and coming back to this step afterwards — doing `then` (what the
   * user asked for: OK, a new code) once it is verified.
   */
  needStepUp(then: (() => void) | null = null): void {
    this.afterStepUp = then;
    this.resumeStep = this.step === 'identity' ? this.resumeStep : this.step;
    this.stepUp = null;
    this.password = '';
    this.identity.forget();
    this.step = 'identity';
    this.focusTarget = 'primary';
    this.#host.requestUpdate();
  }

  #identityVerified(token: StepUpToken): void {
    this.stepUp = token;
    this.problems.clear();
    const resume = this.resumeStep;
    const then = this.afterStepUp;
    this.resumeStep = null;
    this.afterStepUp = null;
    this.notice = resume && !then ? { id: 'contact-verify.identity.again' } : null;
    this.step = resume && resume !== 'identity' ? resume : 'value';
    this.focusTarget = this.step === 'code' ? 'code' : 'value';
    if (this.step === 'value' && this.#host.kind === 'mobile') void this.value.loadPhone();
    this.#host.requestUpdate();
    then?.();
  }
}
