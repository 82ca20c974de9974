/**
 * React components for the three elements, made with `@lit/react` — for React 19 client-rendered
 * apps and for server-rendered ones (Next.js app router) alike. Importing this module registers the
 * elements; on the server it touches neither `window` nor `customElements` beyond what Lit's own
 * server build provides, and the element's properties (`client`, `personalInfo`, `endpoint`…) and
 * event listeners are set on the element after hydration, in a layout effect.
 *
 * ```tsx
 * import { PersonalInfoForm } from 'personal-settings-elements/react';
 *
 * <PersonalInfoForm
 *   endpoint="/api/v1"
 *   onPersonalInfoSaved={(event) => console.log(event.detail.changed)}
 *   onSessionExpired={() => router.push('/login')}
 * />
 * ```
 *
 * Event props are `on` + the PascalCase DOM event name (`personal-info-saved` →
 * `onPersonalInfoSaved`, the field's `change` → `onChange`) and receive the typed event class.
 * @module
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { ContactVerifyDialog as ContactVerifyDialogElement } from './contact-verify-dialog/define.js';
import type { ContactVerifyDialogEventMap } from './contact-verify-dialog/contact-verify-dialog.events.js';
// The form registered here, not through its define.js (see all.ts: the dialog is defined above).
import type { PersonalInfoFormEventMap } from './personal-info-form/define.js';
import { PersonalInfoForm as PersonalInfoFormElement } from './personal-info-form/personal-info-form.js';
import { SessionLimitField as SessionLimitFieldElement } from './session-limit-field/define.js';
import type { SessionLimitFieldEventMap } from './session-limit-field/session-limit-field.events.js';
import { defineElement } from './shared/define.js';

defineElement('personal-info-form', PersonalInfoFormElement);

/** `personal-info-saved` → `PersonalInfoSaved`. */
export type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${PascalCase<Tail>}`
  : Capitalize<S>;

/** The `on…` props of an event map: `{ onPersonalInfoSaved: EventName<PersonalInfoSavedEvent>, … }`. */
export type ReactEventNames<M> = {
  [K in keyof M & string as `on${PascalCase<K>}`]: EventName<M[K] & Event>;
};

/**
 * The `events` option of `createComponent` for every event of a map. Takes the names as the keys of
 * an object typed by the map, so a new event cannot be left out of the wrapper.
 */
function eventNames<M>(names: Record<keyof M & string, true>): ReactEventNames<M> {
  const props: Record<string, string> = {};
  for (const name of Object.keys(names)) {
    props[`on${name.replace(/(^|-)([a-z])/g, (_m, _dash, letter: string) => letter.toUpperCase())}`] = name;
  }
  return props as ReactEventNames<M>;
}

/** The React component of an element: every event of its map `M` becomes an `on…` prop. */
function wrap<I extends HTMLElement, M>(
  tagName: string,
  elementClass: new () => I,
  displayName: string,
  events: Record<keyof M & string, true>,
) {
  return createComponent({ react: React, tagName, elementClass, displayName, events: eventNames<M>(events) });
}

/** `<personal-info-form>` as a React component. */
export const PersonalInfoForm = wrap<PersonalInfoFormElement, PersonalInfoFormEventMap>(
  'personal-info-form',
  PersonalInfoFormElement,
  'PersonalInfoForm',
  {
    'personal-info-change': true,
    'personal-info-save': true,
    'personal-info-saved': true,
    'personal-info-error': true,
    'session-expired': true,
  },
);

/** `<contact-verify-dialog>` as a React component. */
export const ContactVerifyDialog = wrap<ContactVerifyDialogElement, ContactVerifyDialogEventMap>(
  'contact-verify-dialog',
  ContactVerifyDialogElement,
  'ContactVerifyDialog',
  {
    'contact-verify-show': true,
    'contact-verify-after-show': true,
    'contact-verify-hide': true,
    'contact-verify-after-hide': true,
    'contact-verify-send': true,
    'contact-verify-sent': true,
    'contact-verify-confirm': true,
    'contact-verify-confirmed': true,
    'contact-verify-error': true,
    'session-expired': true,
  },
);

/** `<session-limit-field>` as a React component (`onChange` / `onInput` get the field's typed events). */
export const SessionLimitField = wrap<SessionLimitFieldElement, SessionLimitFieldEventMap>(
  'session-limit-field',
  SessionLimitFieldElement,
  'SessionLimitField',
  { input: true, change: true },
);

export type PersonalInfoFormProps = React.ComponentProps<typeof PersonalInfoForm>;
export type ContactVerifyDialogProps = React.ComponentProps<typeof ContactVerifyDialog>;
export type SessionLimitFieldProps = React.ComponentProps<typeof SessionLimitField>;
