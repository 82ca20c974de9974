import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { formatNumber } from './format.js';

/**
 * Counts whole seconds down to a moment and re-renders its host once per second (aligned to the
 * second boundary, so the shown number never skips). Driven by `Date.now()` and `setTimeout`, so
 * fake timers move it. Stops on disconnect.
 */
export class CountdownController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #onEnd: (() => void) | undefined;
  #until = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost, options: { onEnd?: () => void } = {}) {
    this.#host = host;
    this.#onEnd = options.onEnd;
    host.addController(this);
  }

  /** Count down to `until` (epoch milliseconds). A moment in the past just stops. */
  startUntil(until: number): void {
    this.#until = until;
    this.#schedule();
    this.#host.requestUpdate();
  }

  /** Count down `seconds` from now. */
  start(seconds: number): void {
    this.startUntil(Date.now() + Math.max(0, seconds) * 1000);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#until = 0;
    this.#host.requestUpdate();
  }

  /** Whole seconds left, rounded up (0 when not running). */
  get remaining(): number {
    return Math.max(0, Math.ceil((this.#until - Date.now()) / 1000));
  }

  get running(): boolean {
    return this.remaining > 0;
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  hostConnected(): void {
    if (this.#until > Date.now()) this.#schedule();
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    const left = this.#until - Date.now();
    if (left <= 0) {
      this.#timer = undefined;
      return;
    }
    // Wake up just after the next whole-second boundary of the remaining time.
    const delay = left % 1000 || 1000;
    this.#timer = setTimeout(() => {
      this.#host.requestUpdate();
      if (this.#until - Date.now() <= 0) {
        this.#timer = undefined;
        this.#onEnd?.();
      } else {
        this.#schedule();
      }
    }, delay + 5);
  }
}

/** `m:ss` for a countdown (`0:42`, `14:59`); digits are Latin so they read the same in RTL. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const lists = new Map<string, Intl.ListFormat>();

/**
 * A countdown as it is spoken (“59 seconds”, “14 minutes, 59 seconds”, “1分钟5秒”): what a screen
 * reader says instead of `formatClock()`'s `m:ss`.
 */
export function spokenClock(seconds: number, lang: string): string {
  const s = Math.max(0, Math.ceil(seconds));
  const minutes = Math.floor(s / 60);
  const rest = s % 60;
  const unit = (value: number, unit: 'minute' | 'second') =>
    formatNumber(value, lang, { style: 'unit', unit, unitDisplay: 'long' });
  if (!minutes) return unit(rest, 'second');
  if (!rest) return unit(minutes, 'minute');
  let list = lists.get(lang);
  if (!list) {
    list = new Intl.ListFormat(lang, { type: 'unit', style: 'long' });
    lists.set(lang, list);
  }
  return list.format([unit(minutes, 'minute'), unit(rest, 'second')]);
}
