import type { ReactiveControllerHost } from 'lit';
import { RULES } from '../api/contract/constants.js';
import type { Challenge } from '../api/contract/index.js';
import { CountdownController } from '../shared/countdown-controller.js';

/**
 * One code the flow asks for — the identity check's (`step-up`) or the contact's (`change` /
 * `verify`): the challenge the server made, what was typed for it, whether it can still be used,
 * and the countdown until another one may be sent.
 */
export class CodeSlot {
  /** Until a code can be (re)sent. */
  readonly wait: CountdownController;
  challenge!: Challenge | null;
  code!: string;
  /** The code can no longer be used (expired, too many tries, gone): only a new one helps. */
  dead!: boolean;
  /** Dead only because it expired: the same challenge may still get a new code. */
  expired!: boolean;

  constructor(host: ReactiveControllerHost, onWaitEnd: () => void) {
    this.wait = new CountdownController(host, { onEnd: onWaitEnd });
    this.forget();
  }

  /**
   * Forget the challenge and what was typed. The countdown keeps running unless `stopWait`: the
   * server's cooldown for the destination does too.
   */
  forget(stopWait = false): void {
    this.challenge = null;
    this.code = '';
    this.dead = false;
    this.expired = false;
    if (stopWait) this.wait.stop();
  }

  /** The code expired (its lifetime is over, so is the resend cooldown). */
  expire(): void {
    this.code = '';
    this.dead = true;
    this.expired = true;
    this.wait.stop();
  }

  /** A code was sent: take its challenge, and count down to when another may be asked for. */
  sent(challenge: Challenge): void {
    this.forget();
    this.challenge = challenge;
    const cooldown = Date.parse(challenge.resendAvailableAt) - Date.now();
    this.wait.startUntil(Date.now() + Math.min(Math.max(cooldown, 0), RULES.resendCooldownSeconds * 1000));
  }
}
