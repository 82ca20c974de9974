/**
 * Vue 3 template types for the three elements (type-only; the package does not depend on Vue).
 *
 * Load them once, e.g. in `env.d.ts` of the Vue app:
 *
 * ```ts
 * import type {} from 'personal-settings-elements/vue';
 * ```
 *
 * Then, under `vue-tsc` with `strictTemplates`, `<personal-info-form endpoint="/api/v1"
 * @personal-info-saved="(e) => e.detail.changed" />` type-checks, `:endpoint="42"` is an error, and
 * `@session-expired` hands a typed `SessionExpiredEvent`. Vue must also be told that these tags are
 * custom elements, not Vue components — one line in the Vue compiler options (`vite.config.ts`):
 *
 * ```ts
 * vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.includes('-') } } })
 * ```
 *
 * A hand-written declaration file (it augments `vue`, which this package does not install), copied
 * to `dist/types/vue.d.ts` by the library build.
 * @module
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { ContactVerifyDialog } from './contact-verify-dialog/contact-verify-dialog.js';
import type { ContactVerifyDialogEventMap } from './contact-verify-dialog/contact-verify-dialog.events.js';
import type { PersonalInfoForm } from './personal-info-form/personal-info-form.js';
import type { PersonalInfoFormEventMap } from './personal-info-form/personal-info-form.events.js';
import type { SessionLimitField } from './session-limit-field/session-limit-field.js';
import type { SessionLimitFieldEventMap } from './session-limit-field/session-limit-field.events.js';

type IfEquals<X, Y, A, B> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B;

/** The element's own settable, non-method properties (what every HTMLElement has is left out). */
export type VueElementProps<E extends HTMLElement, Extra extends keyof E = never> = {
  [K in Exclude<keyof E, keyof HTMLElement> as IfEquals<
    { [Q in K]: E[K] },
    { -readonly [Q in K]: E[K] },
    K extends Extra ? K : E[K] extends (...args: never[]) => unknown ? never : K,
    never
  >]?: E[K];
};

/**
 * A custom element as Vue's template type-checker sees a component: its properties as props, its
 * events as emits (Vue's own recipe for non-Vue web components). The native `onChange` / `onInput`
 * props are left out where the element fires its own typed `change` / `input`.
 */
export type DefineCustomElement<E extends HTMLElement, Props, Events> = new () => E & {
  /** For template prop types only: not a property of the element. */
  $props: Omit<HTMLAttributes, `on${Capitalize<keyof Events & string>}`> & Props & PublicProps;
  /** For template event types only: not a method of the element. */
  $emit: EmitFn<{ [K in keyof Events]: (event: Events[K]) => void }>;
};

export interface PersonalSettingsVueComponents {
  'personal-info-form': DefineCustomElement<
    PersonalInfoForm,
    VueElementProps<PersonalInfoForm>,
    PersonalInfoFormEventMap
  >;
  'contact-verify-dialog': DefineCustomElement<
    ContactVerifyDialog,
    VueElementProps<ContactVerifyDialog, 'fetch'>,
    ContactVerifyDialogEventMap
  >;
  'session-limit-field': DefineCustomElement<
    SessionLimitField,
    VueElementProps<SessionLimitField>,
    SessionLimitFieldEventMap
  >;
}

declare module 'vue' {
  interface GlobalComponents extends PersonalSettingsVueComponents {}
}
