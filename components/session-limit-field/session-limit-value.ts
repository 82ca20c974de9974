import { LIMITS, logOutAllowed } from '../api/contract/constants.js';
import type { SessionLimit, SessionLimitPolicy } from '../api/contract/index.js';

export const SESSION_LIMIT_MIN: number = LIMITS.sessionLimitMin;
export const SESSION_LIMIT_MAX: number = LIMITS.sessionLimitMax;

/** The form value of an unlimited field. */
export const UNLIMITED = 'unlimited';

/**
 * The one `FormData` entry `<session-limit-field name="x">` submits, and the `default-value`
 * attribute's syntax:
 *
 * | value | form entry |
 * | --- | --- |
 * | `null` (unlimited) | `x=unlimited` |
 * | `{ max: 3, policy: 'deny' }` | `x=3;deny` |
 * | `{ max: 1, policy: 'log-out' }` | `x=1;log-out` |
 *
 * `parseSessionLimit()` reads it back (a server decoding a plain form post can use it).
 */
export function formatSessionLimit(value: SessionLimit | null): string {
  return value === null ? UNLIMITED : `${value.max};${value.policy}`;
}

/**
 * Parse the form syntax (`unlimited`, `3`, `3;deny`, `1;log-out`). Returns `undefined` for anything
 * that is not a valid session limit (out of range, not an integer, `log-out` above 1, unknown text).
 */
export function parseSessionLimit(text: string): SessionLimit | null | undefined {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === UNLIMITED) return null;
  const match = /^(\d+)(?:;(deny|log-out))?$/.exec(trimmed);
  if (!match) return undefined;
  const max = Number(match[1]);
  const policy = (match[2] ?? 'deny') as SessionLimitPolicy;
  if (!isValidMax(max) || (policy === 'log-out' && !logOutAllowed(max))) return undefined;
  return { max, policy };
}

export function isValidMax(max: number): boolean {
  return Number.isInteger(max) && max >= SESSION_LIMIT_MIN && max <= SESSION_LIMIT_MAX;
}

export function sameSessionLimit(a: SessionLimit | null, b: SessionLimit | null): boolean {
  if (a === null || b === null) return a === b;
  return a.max === b.max && a.policy === b.policy;
}

/** What the field's controls hold. */
export interface SessionLimitControls {
  /** The checkbox is on. */
  enabled: boolean;
  /** The number as typed. */
  maxText: string;
  /** The number input holds text that is not a number. */
  badInput: boolean;
  /** The field is `required` (a limit must be set). */
  required: boolean;
}

/** Why the controls do not hold a valid session limit (names follow the catalog's message ids). */
export type SessionLimitProblem =
  | 'required'
  | 'value-missing'
  | 'bad-input'
  | 'range-underflow'
  | 'range-overflow'
  | 'step-mismatch';

/** The `ValidityState` flag of each problem. */
export const PROBLEM_FLAGS: Readonly<Record<SessionLimitProblem, keyof ValidityStateFlags>> = {
  required: 'valueMissing',
  'value-missing': 'valueMissing',
  'bad-input': 'badInput',
  'range-underflow': 'rangeUnderflow',
  'range-overflow': 'rangeOverflow',
  'step-mismatch': 'stepMismatch',
};

/** The typed maximum as a number, `NaN` when empty or not a number. */
export function typedMax(controls: Pick<SessionLimitControls, 'maxText' | 'badInput'>): number {
  return controls.badInput || controls.maxText.trim() === '' ? Number.NaN : Number(controls.maxText);
}

/** The first problem of the controls' state (as a native number input orders them), `null` when valid. */
export function sessionLimitProblem(controls: SessionLimitControls): SessionLimitProblem | null {
  if (!controls.enabled) return controls.required ? 'required' : null;
  if (controls.badInput) return 'bad-input';
  if (controls.maxText.trim() === '') return 'value-missing';
  const max = typedMax(controls);
  if (!Number.isFinite(max)) return 'bad-input';
  if (max < SESSION_LIMIT_MIN) return 'range-underflow';
  if (max > SESSION_LIMIT_MAX) return 'range-overflow';
  if (!Number.isInteger(max)) return 'step-mismatch';
  return null;
}

/** The `default-value` attribute ⇄ property: the form syntax above; no attribute is `undefined`. */
export const sessionLimitConverter = {
  fromAttribute(value: string | null): SessionLimit | null | undefined {
    return value === null ? undefined : parseSessionLimit(value);
  },
  toAttribute(value: SessionLimit | null | undefined): string | null {
    return value === undefined ? null : formatSessionLimit(value);
  },
};
