import { isApiError } from '../api/client.js';
import { RULES } from '../api/contract/constants.js';
import { type ProblemKey, problemKey } from '../shared/problem-messages.js';
import { sessionEndReason } from '../shared/session-expired-event.js';
import type { Field, FlowHost, FlowState, InputError, InputProblems } from './flow-host.js';

export interface FlowProblem {
  error: unknown;
  key: ProblemKey;
  /** The input the problem is about (shown under it), or `null` for the step's banner. */
  field: Field | null;
}

/** Problems that only say “wait”: once the countdown runs out, they are over. */
const WAIT_KEYS = new Set<ProblemKey>(['cooldown', 'rate-limited', 'account-locked', 'too-many-attempts']);

/**
 * What is wrong in the flow, and what a failed request does to it: where the problem is shown
 * (under an input, or the step's banner), what it changes (a code that is dead, a countdown, the
 * password cleared, identity to verify again with what was typed kept, the session gone), and how
 * to try again. Client-side checks land here too, under their input.
 */
export class FlowProblems implements InputProblems {
  readonly #host: FlowHost;
  readonly #flow: FlowState;
  /** The last failed request. */
  problem!: FlowProblem | null;
  /** The last failed client-side check. */
  inputError!: InputError | null;
  /** The session is gone: nothing more can be done in this dialog. */
  sessionEnded!: boolean;
  #retry!: (() => void) | null;

  constructor(host: FlowHost, flow: FlowState) {
    this.#host = host;
    this.#flow = flow;
    this.reset();
  }

  /** Nothing wrong (every `show()`). */
  reset(): void {
    this.problem = null;
    this.inputError = null;
    this.sessionEnded = false;
    this.#retry = null;
  }

  /** Forget the problems about `field` (the user changed it), or all of them. */
  clear(field?: Field): void {
    const before = [this.inputError, this.problem];
    if (!field || this.inputError?.field === field) this.inputError = null;
    if (this.problem && (!field || this.problem.field === field)) this.problem = null;
    if (before[0] !== this.inputError || before[1] !== this.problem) this.#host.requestUpdate();
  }

  /** A client-side check failed: say so under `field` and focus it. */
  invalid(field: Field, id: string, values?: Record<string, string | number>): void {
    this.inputError = { field, id, values };
    this.problem = null;
    this.#flow.focusTarget = field;
    this.#host.requestUpdate();
  }

  /** The typed code is empty or too short. */
  invalidCode(field: 'step-up-code' | 'code', code: string, length: number): void {
    this.invalid(field, code ? 'contact-verify.error.code.incomplete' : 'contact-verify.error.code.empty', {
      length,
    });
  }

  /** A countdown ran out: a problem that only said “wait” is over. */
  waitEnded(): void {
    if (this.problem && WAIT_KEYS.has(this.problem.key)) this.problem = null;
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

  /**
   * A request of the current step failed: report it, then show it where it belongs and apply what
   * it means. `field` is the input the request was about; `retry` repeats it.
   */
  fail(error: unknown, field: Field | null, retry: () => void): void {
    const key = problemKey(error);
    if (key === 'aborted') return;
    const flow = this.#flow;
    const step = flow.step;
    flow.services.error(error, key, step);
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
    const slot = step === 'identity' ? flow.identity : flow.target;
    const codeField = step === 'identity' ? 'step-up-code' : 'code';
    const wait = slot.wait;
    let at: Field | null = null;
    switch (key) {
      case 'step-up-required':
      case 'step-up-expired':
        flow.needStepUp();
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
        if (key === 'code-expired') slot.expire();
        if (retryAfter && retryAfter > wait.remaining) wait.start(retryAfter);
        break;
      case 'cooldown':
      case 'rate-limited':
        wait.start(retryAfter ?? RULES.resendCooldownSeconds);
        break;
      case 'account-locked':
        flow.password = '';
        flow.lockWait.start(retryAfter ?? RULES.lockoutSeconds);
        break;
      case 'invalid-credentials':
        flow.password = '';
        at = 'password';
        break;
      case 'same-value':
      case 'payload-too-large':
        at = step === 'value' ? 'value' : null;
        break;
      case 'validation-failed':
        at = fieldOf(error, codeField) ?? field;
        break;
      default:
        break;
    }
    this.problem = { error, key, field: at };
    if (at) flow.focusTarget = at;
    this.#host.requestUpdate();
  }
}

/** The input a `validation-failed` problem names in its `fieldErrors`. */
function fieldOf(error: unknown, codeField: Field): Field | null {
  const paths = Object.keys((isApiError(error) && error.problem?.fieldErrors) || {});
  if (paths.some((p) => p === 'value' || p === 'region')) return 'value';
  if (paths.some((p) => p === 'password')) return 'password';
  if (paths.some((p) => p === 'code')) return codeField;
  return null;
}
