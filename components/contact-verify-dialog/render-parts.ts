import { html, nothing, svg, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { ContactKind, PersonalInfo } from '../api/contract/index.js';
import { joinSentences } from '../shared/localize.js';
import { unbreakable } from '../shared/text.js';
import { type CountdownController, formatClock, spokenClock } from '../shared/countdown-controller.js';
import type { RegionOption } from '../shared/phone.js';
import type { Translate } from '../shared/localize.js';
import { describeProblem, type ProblemDescription } from '../shared/problem-messages.js';
import type { ContactFlowController } from './contact-flow.js';
import type { ContactVerifyHideSource, ContactVerifyMode } from './contact-verify-dialog.events.js';
import type { Field } from './flow-host.js';
import type { RegionPickerController } from './region-picker.js';

/*
 * The contact-verify dialog's template parts: the view it renders from, and the pieces every step
 * shares (fields, errors, buttons, alerts, the progress, the submit row).
 */

/** What every template reads, before the personal info is known (configuration, loading, errors). */
export interface BaseView {
  t: Translate;
  lang: string;
  kind: ContactKind;
  close: (source: ContactVerifyHideSource) => void;
}

/** Everything the step templates read; built by the element on each render. */
export interface View extends BaseView {
  mode: ContactVerifyMode;
  flow: ContactFlowController;
  info: PersonalInfo;
  picker: RegionPickerController;
  regions: () => readonly RegionOption[];
  passwordVisible: boolean;
  togglePassword: () => void;
}

export type Content = TemplateResult | typeof nothing;
export type CodeField = 'step-up-code' | 'code';

/**
 * Masked values and numbers keep their own (left-to-right) order inside translated sentences, and
 * stay one piece (`+86 138****5678` never breaks across lines).
 */
export const isolate = (text: string): string => `\u2068${unbreakable(text)}\u2069`;
export const describedBy = (...ids: (string | false | null | undefined)[]) =>
  ids.filter(Boolean).join(' ') || undefined;
export const icon = (paths: TemplateResult, cls = '') =>
  html`<svg class=${cls} viewBox="0 0 16 16" aria-hidden="true">${paths}</svg>`;
export const spinner = html`<span class="spinner" aria-hidden="true"></span>`;
export const contactName = (v: BaseView) => ({ contact: v.t(`contact.${v.kind}`) });

/**
 * A failed request in words: the shared problem words; `null` in the moment before they arrive (the
 * dialog renders again then); the dialog's own "something went wrong, check your connection" if they
 * cannot be fetched.
 */
function describe(v: BaseView, error: unknown): ProblemDescription | null {
  const d = describeProblem(error, v.t, v);
  return d === 'failed'
    ? { key: 'network', message: v.t('contact-verify.problem-words-failed'), next: '', retry: true }
    : d;
}

/**
 * What a focus request of the flow means in the rendered step: an input by its id, or `primary` — the
 * step's first input (`data-autofocus`), else its code field, else its main button.
 */
export function focusable(root: ParentNode, target: Field | 'primary'): HTMLElement | null {
  const find = (selector: string) => root.querySelector<HTMLElement>(selector);
  return target === 'primary'
    ? (find('[data-autofocus]') ?? find('#step-up-code, #code') ?? find('[data-primary]'))
    : find(`#${target}`);
}

/** The error under one input: a client-side check, or a problem the server tied to it. */
export function fieldError(v: View, field: Field): string | null {
  const { inputError, problem } = v.flow.problems;
  if (inputError?.field === field) {
    const values = { ...inputError.values };
    // Regions travel as ISO codes; say them by name.
    if (typeof values.region === 'string') {
      values.region = v.regions().find((o) => o.code === values.region)?.name ?? values.region;
    }
    return v.t(inputError.id, values);
  }
  const d = problem?.field === field && describe(v, problem.error);
  return d ? joinSentences(d.message, d.next) : null;
}

export function renderError(v: View, field: Field): Content {
  const message = fieldError(v, field);
  return message
    ? html`<p id="${field}-error" class="field__error" role="alert">
        ${icon(svg`<path d="M8 1.5 15 14H1L8 1.5Zm0 4.5v4m0 2v.01" />`)}<span>${message}</span>
      </p>`
    : nothing;
}

/** A label + control group; `content` is the control and what goes under it. */
export const field = (label: string, id: string, content: unknown) =>
  html`<div class="field">
    <label class="field__label" part="label" for=${id}>${label}</label>${content}
  </div>`;

export const hint = (text: string, id?: string, ok = false) =>
  html`<p id=${ifDefined(id)} class="field__hint ${ok ? 'field__hint--ok' : ''}">${text}</p>`;

export const link = (label: string, click: () => void) =>
  html`<button type="button" class="link" @click=${click}>${label}</button>`;

export const button = (label: unknown, click: () => void, primary = false) =>
  html`<button type="button" class="button" part="button ${primary ? 'button--primary' : ''}" ?data-primary=${primary} @click=${click}>
    ${label}
  </button>`;

/** The step's content, then its button row (a plain container: the dialog adds no landmarks). */
export const page = (body: unknown, ...buttons: TemplateResult[]) =>
  html`<div class="body" part="body">${body}</div>
    <div class="footer" part="footer">${buttons}</div>`;

export const cancel = (v: BaseView) => button(v.t('contact-verify.action.cancel'), () => v.close('cancel-button'));

/** What happened, what to do next and, maybe, a way to do it. */
export function alert(message: string, next?: string, action: Content = nothing, tone = 'alert'): TemplateResult {
  return html`<div class="alert" part="alert" role=${tone} data-tone=${tone}>
    ${icon(svg`<circle cx="8" cy="8" r="6.5" /><path d="M8 4.5v4m0 2.5v.01" />`, 'alert__icon')}
    <div class="alert__text">
      <p class="alert__message">${message}</p>
      ${next ? html`<p class="alert__next">${next}</p>` : nothing} ${action}
    </div>
  </div>`;
}

/** Busy text with a spinner, in a live region. */
export const renderLoading = (text: string) =>
  html`<p class="text text--muted" role="status">${spinner}${text}</p>`;

/**
 * A message with no way forward in a step (configuration, no method, session gone, load failed):
 * a Close button, or Cancel and Try again when `retry` is given.
 */
export function renderBlocked(
  v: BaseView,
  message: string,
  next: string,
  tone = 'alert',
  retry?: () => void,
): TemplateResult {
  return retry
    ? page(alert(message, next), cancel(v), button(v.t('contact-verify.action.retry'), retry, true))
    : page(
        alert(message, next, nothing, tone),
        button(v.t('contact-verify.close'), () => v.close('cancel-button'), true),
      );
}

/** A failed request that ends what the dialog can do (load failed, session gone). */
export function renderProblem(v: BaseView, error: unknown, retry?: () => void): TemplateResult {
  const d = describe(v, error);
  return d ? renderBlocked(v, d.message, d.next, 'alert', retry) : renderLoading(v.t('contact-verify.loading'));
}

/** The step's banner: a problem not tied to one input, with what to do next and a way to do it. */
export function renderBanner(v: View): Content {
  const { problem, sessionEnded } = v.flow.problems;
  const d = problem && !problem.field && describe(v, problem.error);
  if (!d) return nothing;
  return alert(
    d.message,
    d.next,
    d.retry && !sessionEnded ? link(v.t('contact-verify.action.retry'), () => v.flow.problems.retry()) : nothing,
  );
}

/**
 * Edit only: where the user is in the three steps. A plain group, not a landmark; a completed step
 * says so to screen readers. In a narrow dialog the steps' labels hide and the count names the
 * current step instead ("Step 2 of 3: New number"), so no label ever breaks inside a word.
 */
export function renderSteps(v: View): Content {
  if (v.mode !== 'edit') return nothing;
  const { t } = v;
  const steps = ['identity', 'value', 'code'] as const;
  const current = steps.indexOf(v.flow.step as (typeof steps)[number]);
  const label = (s: (typeof steps)[number]) => t(`contact-verify.step.${s === 'value' ? `value.${v.kind}` : s}`);
  const count = { current: current + 1, total: steps.length };
  return html`<div class="steps">
    <p class="steps__count">
      <span class="steps__count-wide">${t('contact-verify.step-of', count)}</span>
      <span class="steps__count-narrow">${t('contact-verify.step-of-named', { ...count, name: label(steps[current] ?? 'identity') })}</span>
    </p>
    <ol class="steps__list" aria-label=${t('contact-verify.steps')}>
      ${steps.map(
        (s, i) => html`<li class="steps__item" aria-current=${i === current ? 'step' : nothing} ?data-done=${i < current}>
          <span class="steps__dot" aria-hidden="true">${i < current ? '✓' : i + 1}</span>
          <span class="steps__label" aria-hidden=${i < current ? 'true' : nothing}>${label(s)}</span>${
            i < current
              ? html`<span class="visually-hidden">${t('contact-verify.step.completed', { step: label(s) })}</span>`
              : nothing
          }
        </li>`,
      )}
    </ol>
  </div>`;
}

/** The step's content, then Cancel and the step's primary (submit) button. */
export function submitPage(v: View, body: unknown, primary: Label, waiting: boolean): TemplateResult {
  const busy = v.flow.request.busy;
  const { text, spoken } = typeof primary === 'string' ? { text: primary, spoken: undefined } : primary;
  return page(
    body,
    cancel(v),
    html`<button
      type="submit"
      class="button"
      part="button button--primary"
      data-primary
      aria-disabled=${busy || waiting ? 'true' : 'false'}
      ?data-busy=${!!busy}
    >
      ${busy ? spinner : nothing}${
        busy
          ? v.t(`contact-verify.action.${busy === 'send' ? 'sending' : 'checking'}`)
          : spoken
            ? html`<span aria-hidden="true">${text}</span><span class="visually-hidden">${spoken}</span>`
            : text
      }
    </button>`,
  );
}

/**
 * A button's text, and how it is spoken when that differs (a countdown: “0:42” is read “42 seconds”):
 * the shown text is hidden from assistive technology, the spoken one only from the eye.
 */
export type Label = string | { text: string; spoken: string | undefined };

/** “Send code”, with the time left while a resend is not allowed yet (“Send code (0:42)”, spoken “(42 seconds)”). */
export function sendLabel(v: View, wait: CountdownController): Label {
  const send = v.t('contact-verify.action.send');
  if (!wait.running) return send;
  const time = (clock: string) => v.t('contact-verify.action.send-wait', { action: send, time: clock });
  return { text: time(formatClock(wait.remaining)), spoken: time(spokenClock(wait.remaining, v.lang)) };
}

/** A text input of the flow (password, email, phone number). */
export function input(
  v: View,
  id: Field,
  type: string,
  autocomplete: string,
  maxlength: number,
  value: string,
  set: (value: string) => void,
  hints: (string | false | null)[] = [],
  blur?: () => void,
): TemplateResult {
  const error = fieldError(v, id);
  return html`<input
    id=${id}
    class="input"
    part="input"
    type=${type}
    autocomplete=${autocomplete}
    inputmode=${ifDefined(blur && type)}
    dir=${ifDefined(blur && 'ltr')}
    spellcheck="false"
    autocapitalize="off"
    maxlength=${maxlength}
    data-autofocus
    .value=${live(value)}
    aria-invalid=${error ? 'true' : 'false'}
    aria-describedby=${ifDefined(describedBy(...hints, error && `${id}-error`))}
    @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
    @blur=${blur ? () => queueMicrotask(blur) : nothing}
  />`;
}
