/**
 * Registers `<session-limit-field>` (safe to import twice: the first definition wins). Importing it
 * also types the tag and, on the element itself, its `input` and `change` events with their `detail`
 * (`field.addEventListener('change', (e) => e.detail.value)`).
 */
import { defineElement } from '../shared/define.js';
import { SessionLimitField } from './session-limit-field.js';
import type { SessionLimitFieldEventMap } from './session-limit-field.events.js';

defineElement('session-limit-field', SessionLimitField);

declare global {
  interface HTMLElementTagNameMap {
    'session-limit-field': SessionLimitField;
  }
}

type FieldListener<E extends Event> =
  | ((this: SessionLimitField, event: E) => unknown)
  | { handleEvent(event: E): unknown };

declare module './session-limit-field.js' {
  // `input` / `change` are plain `Event`s in HTMLElementEventMap; the field's own overloads come
  // first, then the usual ones.
  interface SessionLimitField {
    addEventListener<K extends keyof SessionLimitFieldEventMap>(
      type: K,
      listener: FieldListener<SessionLimitFieldEventMap[K]>,
      options?: boolean | AddEventListenerOptions,
    ): void;
    addEventListener<K extends keyof HTMLElementEventMap>(
      type: K,
      listener: FieldListener<HTMLElementEventMap[K]>,
      options?: boolean | AddEventListenerOptions,
    ): void;
    addEventListener(
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | AddEventListenerOptions,
    ): void;
    removeEventListener<K extends keyof SessionLimitFieldEventMap>(
      type: K,
      listener: FieldListener<SessionLimitFieldEventMap[K]>,
      options?: boolean | EventListenerOptions,
    ): void;
    removeEventListener<K extends keyof HTMLElementEventMap>(
      type: K,
      listener: FieldListener<HTMLElementEventMap[K]>,
      options?: boolean | EventListenerOptions,
    ): void;
    removeEventListener(
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | EventListenerOptions,
    ): void;
  }
}

export { SessionLimitField };
export type { SessionLimitFieldEventMap };
