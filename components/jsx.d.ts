/**
 * JSX types for React 19 hosts (type-only; the package does not depend on React).
 *
 * Load them once, e.g. in a `global.d.ts` of the React app:
 *
 * ```ts
 * import type {} from 'personal-settings-elements/jsx';
 * ```
 *
 * Then `<personal-info-form endpoint="/api/v1" onpersonal-info-saved={(e) => e.detail.changed} />`
 * type-checks. React 19 sets a prop as a property when the element has it (objects such as `client`
 * work) and adds `on<event-name>` props as listeners for that exact event name.
 *
 * A hand-written declaration file (it augments `react`, which this package does not install), copied
 * to `dist/types/jsx.d.ts` by the library build.
 * @module
 */
import type { LitElement } from 'lit';
import type { ContactVerifyDialog } from './contact-verify-dialog/contact-verify-dialog.js';
import type { ContactVerifyDialogEventMap } from './contact-verify-dialog/contact-verify-dialog.events.js';
import type { PersonalInfoForm } from './personal-info-form/personal-info-form.js';
import type { PersonalInfoFormEventMap } from './personal-info-form/personal-info-form.events.js';
import type { SessionLimitField } from './session-limit-field/session-limit-field.js';
import type { SessionLimitFieldEventMap } from './session-limit-field/session-limit-field.events.js';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

type IfEquals<X, Y, A, B> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B;

/** Keys that can be assigned (getter-only accessors such as `validity` are left out). */
type WritableKeys<T> = {
  [K in keyof T]-?: IfEquals<{ [Q in K]: T[K] }, { -readonly [Q in K]: T[K] }, K, never>;
}[keyof T];

/**
 * The element's own settable, non-method properties (what every Lit element has is left out), plus
 * `Extra` function-valued properties (e.g. `fetch`).
 */
export type ElementProps<E, Extra extends keyof E = never> = {
  [K in Exclude<WritableKeys<E>, keyof LitElement> as K extends Extra
    ? K
    : E[K] extends (...args: never[]) => unknown
      ? never
      : K]?: E[K];
};

/** `on<event-name>` listener props, as React 19 wires them on custom elements. */
export type EventProps<M> = { [K in keyof M & string as `on${K}`]?: (event: M[K]) => void };

/** Everything a JSX tag of the element accepts: React's HTML attributes, its properties, its events. */
export type CustomElementJsx<E extends HTMLElement, P, M> = Omit<
  DetailedHTMLProps<HTMLAttributes<E>, E>,
  keyof P
> &
  P &
  EventProps<M>;

export interface PersonalSettingsIntrinsicElements {
  'personal-info-form': CustomElementJsx<
    PersonalInfoForm,
    ElementProps<PersonalInfoForm>,
    PersonalInfoFormEventMap
  >;
  'contact-verify-dialog': CustomElementJsx<
    ContactVerifyDialog,
    ElementProps<ContactVerifyDialog, 'fetch'>,
    ContactVerifyDialogEventMap
  >;
  'session-limit-field': CustomElementJsx<
    SessionLimitField,
    ElementProps<SessionLimitField>,
    SessionLimitFieldEventMap
  >;
}

declare module 'react' {
  // React 19 types JSX as the `React.JSX` namespace: merging into it is the only way in.
  namespace JSX {
    interface IntrinsicElements extends PersonalSettingsIntrinsicElements {}
  }
}
