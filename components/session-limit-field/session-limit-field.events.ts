import type { SessionLimit } from '../api/contract/index.js';
import { DetailEvent } from '../shared/detail-event.js';

export interface SessionLimitEventDetail {
  /** The field's value after the change (the last valid one while the number typed is invalid). */
  readonly value: SessionLimit | null;
  /** Whether the field is valid after the change (`validity.valid`). */
  readonly valid: boolean;
}

/**
 * Native-named `input`: the user changed the field (checkbox, each keystroke in the number, a
 * policy). Bubbles, composed, not cancelable; never fired for programmatic changes.
 */
export class SessionLimitInputEvent extends DetailEvent<SessionLimitEventDetail> {
  static override readonly eventName = 'input';
}

/**
 * Native-named `change`: the user committed a change (checkbox or policy chosen, number committed
 * by leaving the input, Enter or the arrow keys). Bubbles, composed; never fired for programmatic
 * changes.
 */
export class SessionLimitChangeEvent extends DetailEvent<SessionLimitEventDetail> {
  static override readonly eventName = 'change';
}

/**
 * The events `<session-limit-field>` fires: the native `input` and `change` names, with a typed
 * `detail`. They cannot go into `HTMLElementEventMap` (every element's `input` is a plain `Event`
 * there), so `personal-settings-elements/session-limit-field` types them on the element's own
 * `addEventListener`: `field.addEventListener('change', (e) => e.detail.value)`.
 */
export interface SessionLimitFieldEventMap {
  input: SessionLimitInputEvent;
  change: SessionLimitChangeEvent;
}
