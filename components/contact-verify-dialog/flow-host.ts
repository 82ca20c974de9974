import type { ReactiveControllerHost } from 'lit';
import type { ApiClient } from '../api/client.js';
import type { ContactKind, PersonalInfo, VerifyResponse } from '../api/contract/index.js';
import type { CountdownController } from '../shared/countdown-controller.js';
import type { ProblemKey } from '../shared/problem-messages.js';
import type { CodeSlot } from './code-slot.js';
import type { ContactVerifyDetail, ContactVerifyMode, ContactVerifyStep } from './contact-verify-dialog.events.js';

/** The inputs of the flow; `focusTarget` and errors refer to them. */
export type Field = 'password' | 'step-up-code' | 'value' | 'code';

/** A client-side validation message: catalog id and values, translated at render time. */
export interface InputError {
  field: Field;
  id: string;
  values?: Record<string, string | number>;
}

/** The element hosting the flow: it renders it, and the flow fires the send / confirm events on it. */
export interface FlowHost extends ReactiveControllerHost, EventTarget {
  readonly kind: ContactKind;
  readonly mode: ContactVerifyMode;
}

/** What the flow needs from its element besides its properties, handed over at construction (no public methods). */
export interface FlowServices {
  /** The API client, or `null` when none is configured (the element shows why). */
  client(): ApiClient | null;
  info(): PersonalInfo | null;
  /** `kind` and `mode`, which every event's detail starts with. */
  detail(): ContactVerifyDetail;
  /** Saved and verified: keep it and fire `contact-verify-confirmed`. */
  confirmed(result: VerifyResponse): void;
  /** Report a failed request (`contact-verify-error`, and `session-expired` when it ends the session). */
  error(error: unknown, key: ProblemKey, step: ContactVerifyStep): void;
}

/** The input checks the flow's parts report through. */
export interface InputProblems {
  inputError: InputError | null;
  clear(field?: Field): void;
  invalid(field: Field, id: string, values?: Record<string, string | number>): void;
}

/**
 * The flow as its parts (the new value, the problems) see it: its state and services, so they need
 * not import the flow controller (no import circle).
 */
export interface FlowState {
  readonly services: FlowServices;
  readonly problems: InputProblems;
  readonly identity: CodeSlot;
  readonly target: CodeSlot;
  readonly lockWait: CountdownController;
  step: ContactVerifyStep;
  password: string;
  focusTarget: Field | 'primary' | null;
  needStepUp(then?: (() => void) | null): void;
}
