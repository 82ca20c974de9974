import { html, nothing, svg, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { LIMITS, RULES } from '../api/contract/constants.js';
import type { ContactKind, PersonalInfo } from '../api/contract/index.js';
import { renderCodeInput } from '../shared/code-input.js';
import { joinSentences, sentenceGap } from '../shared/localize.js';
import { unbreakable } from '../shared/text.js';
import { type CountdownController, formatClock, spokenClock } from '../shared/countdown-controller.js';
import type { RegionOption } from '../shared/phone.js';
import { formatDurationSeconds } from '../shared/format.js';
import type { Translate } from '../shared/localize.js';
import { describeProblem } from '../shared/problem-messages.js';
import type { CodeSlot } from './code-slot.js';
import type { ContactFlowController } from './contact-flow.js';
import type { ContactVerifyHideSource, ContactVerifyMode } from './contact-verify-dialog.events.js';
import type { Field } from './flow-host.js';
import type { RegionPickerController } from './region-picker.js';

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

type Content = TemplateResult | typeof nothing;
type CodeField = 'step-up-code' | 'code';

/**
 * Masked values and numbers keep their own (left-to-right) order inside translated sentences, and
 * stay one piece (`+86 138****5678` never breaks across lines).
 */
const isolate = (text: string): string => `\u2068${unbreakable(text)}\u2069`;
const describedBy = (...ids: (string | false | null | undefined)[]) =>
  ids.filter(Boolean).join(' ') || undefined;
const icon = (paths: TemplateResult, cls = '') =>
  html`<svg class=${cls} viewBox="0 0 16 16" aria-hidden="true">${paths}</svg>`;
const spinner = html`<span class="spinner" aria-hidden="true"></span>`;
const contactName = (v: BaseView) => ({ contact: v.t(`contact.${v.kind}`) });

/** The error under one input: a client-side check, or a problem the server tied to it. */
function fieldError(v: View, field: Field): string | null {
  const { inputError, problem } = v.flow.problems;
  if (inputError?.field === field) {
    const values = { ...inputError.values };
    // Regions travel as ISO codes; say them by name.
    if (typeof values.region === 'string') {
      values.region = v.regions().find((o) => o.code === values.region)?.name ?? values.region;
    }
    return v.t(inputError.id, values);
  }
  if (problem?.field !== field) return null;
  const d = describeProblem(problem.error, v.t, v);
  return joinSentences(d.message, d.next);
}

function renderError(v: View, field: Field): Content {
  const message = fieldError(v, field);
  return message
    ? html`<p id="${field}-error" class="field__error" role="alert">
        ${icon(svg`<path d="M8 1.5 15 14H1L8 1.5Zm0 4.5v4m0 2v.01" />`)}<span>${message}</span>
      </p>`
    : nothing;
}

/** A label + control group; `content` is the control and what goes under it. */
const field = (label: string, id: string, content: unknown) =>
  html`<div class="field">
    <label class="field__label" part="label" for=${id}>${label}</label>${content}
  </div>`;

const hint = (text: string, id?: string, ok = false) =>
  html`<p id=${ifDefined(id)} class="field__hint ${ok ? 'field__hint--ok' : ''}">${text}</p>`;

const link = (label: string, click: () => void) =>
  html`<button type="button" class="link" @click=${click}>${label}</button>`;

const button = (label: unknown, click: () => void, primary = false) =>
  html`<button type="button" class="button" part="button ${primary ? 'button--primary' : ''}" ?data-primary=${primary} @click=${click}>
    ${label}
  </button>`;

/** The step's content, then its button row (a plain container: the dialog adds no landmarks). */
const page = (body: unknown, ...buttons: TemplateResult[]) =>
  html`<div class="body" part="body">${body}</div>
    <div class="footer" part="footer">${buttons}</div>`;

const cancel = (v: BaseView) => button(v.t('contact-verify.action.cancel'), () => v.close('cancel-button'));

/** What happened, what to do next and, maybe, a way to do it. */
function alert(message: string, next?: string, action: Content = nothing, tone = 'alert'): TemplateResult {
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
  const d = describeProblem(error, v.t, v);
  return renderBlocked(v, d.message, d.next, 'alert', retry);
}

/** The step's banner: a problem not tied to one input, with what to do next and a way to do it. */
function renderBanner(v: View): Content {
  const { problem, sessionEnded } = v.flow.problems;
  if (!problem || problem.field) return nothing;
  const d = describeProblem(problem.error, v.t, v);
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
function renderSteps(v: View): Content {
  if (v.mode !== 'edit' || v.flow.step === 'done') return nothing;
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
function submitPage(v: View, body: unknown, primary: Label, waiting: boolean): TemplateResult {
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
type Label = string | { text: string; spoken: string | undefined };

/** “Send code”, with the time left while a resend is not allowed yet (“Send code (0:42)”, spoken “(42 seconds)”). */
function sendLabel(v: View, wait: CountdownController): Label {
  const send = v.t('contact-verify.action.send');
  if (!wait.running) return send;
  const time = (clock: string) => v.t('contact-verify.action.send-wait', { action: send, time: clock });
  return { text: time(formatClock(wait.remaining)), spoken: time(spokenClock(wait.remaining, v.lang)) };
}

/** A text input of the flow (password, email, phone number). */
function input(
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

/**
 * A step that sends a code and then takes it: before the send, `intro` and Send code (with the
 * cooldown); after, where it went, the code field with Resend, and `ok` (Send a new code once dead).
 */
function codeStep(
  v: View,
  id: CodeField,
  slot: CodeSlot,
  intro: unknown,
  ok: string,
  sentExtra: Content = nothing,
  after: Content = nothing,
): [unknown, Label, boolean] {
  const { flow, t } = v;
  const { challenge, wait } = slot;
  if (!challenge) return [intro, sendLabel(v, wait), wait.running];
  const error = fieldError(v, id);
  const busy = flow.request.busy !== null;
  const sent = `${id}-sent`;
  // A dead code (expired, too many tries): one message in one place — the problem that killed it,
  // else a plain note — no lifetime hint, and one way on: the primary "Send a new code".
  const deadNote = slot.dead && !flow.problems.problem;
  const sentText = t('contact-verify.code.sent', { length: challenge.codeLength, destination: isolate(challenge.destination) });
  // No template whitespace between sentences: Chinese ones join without a space.
  const body = html`<p id=${sent} class="text">${sentText}${sentExtra === nothing ? nothing : sentenceGap(sentText)}${sentExtra}</p>
    ${field(
      t('contact-verify.code.label'),
      id,
      html`${renderCodeInput({
        id,
        value: slot.code,
        length: challenge.codeLength,
        invalid: error !== null,
        readonly: busy || slot.dead,
        describedBy: describedBy(sent, error && `${id}-error`, deadNote && `${id}-dead`),
        onValue: (value) => flow.setCode(id, value),
        onComplete: () => flow.submit(),
      })}
      ${renderError(v, id)} ${deadNote ? hint(t('contact-verify.code.dead'), `${id}-dead`) : nothing}
      ${
        slot.dead
          ? wait.running
            ? html`<p class="resend"><span class="countdown">${t('contact-verify.action.resend-in', { time: isolate(formatClock(wait.remaining)) })}</span></p>`
            : nothing
          : html`<p class="resend">
        <button
          type="button"
          class="link"
          aria-disabled=${wait.running || busy ? 'true' : 'false'}
          @click=${() => void flow.send(id === 'code' ? 'target' : 'identity', true)}
        >
          ${
            wait.running
              ? html`<span class="countdown" aria-hidden="true"
                  >${t('contact-verify.action.resend-in', { time: isolate(formatClock(wait.remaining)) })}</span
                ><span class="visually-hidden"
                  >${t('contact-verify.action.resend-in', { time: spokenClock(wait.remaining, v.lang) })}</span
                >`
              : t('contact-verify.action.resend')
          }
        </button>
      </p>`
      }`,
    )}
    ${slot.dead ? nothing : after}`;
  return [body, slot.dead ? t('contact-verify.action.send-new') : ok, slot.dead && wait.running];
}

function renderIdentity(v: View): TemplateResult {
  const { flow, t } = v;
  const methods = flow.methods;
  const contact = contactName(v);
  if (!methods.length) {
    return renderBlocked(
      v,
      t('contact-verify.identity.none', contact),
      t('contact-verify.identity.none.next', contact),
    );
  }
  const method = flow.method!;
  const via = (m: { channel: ContactKind; destination: string }) => ({
    channel: t(`channel.${m.channel}`),
    destination: isolate(m.destination),
  });
  const choice =
    methods.length > 1
      ? html`<fieldset class="choices">
          <legend class="field__label" part="label">${t('contact-verify.identity.methods')}</legend>
          ${methods.map(
            (m, i) => html`<label class="choice">
              <input type="radio" name="method" .checked=${live(i === flow.methodIndex)} @change=${() => flow.chooseMethod(i)} />
              <span>
                ${m.type === 'password' ? t('contact-verify.identity.method.password') : t('contact-verify.identity.method.code', via(m))}
              </span>
            </label>`,
          )}
        </fieldset>`
      : nothing;
  const visible = v.passwordVisible;
  const [body, primary, waiting] =
    method.type === 'password'
      ? [
          html`<input type="text" hidden autocomplete="username" .value=${v.info.user.username} />
            ${field(
              t('contact-verify.identity.password'),
              'password',
              html`<div class="input-row">
                  ${input(v, 'password', visible ? 'text' : 'password', 'current-password', LIMITS.passwordMax, flow.password, (x) => flow.setPassword(x))}
                  <button
                    type="button"
                    class="icon-button"
                    aria-pressed=${visible ? 'true' : 'false'}
                    aria-label=${t('contact-verify.action.show-password')}
                    title=${t(`contact-verify.action.${visible ? 'hide' : 'show'}-password`)}
                    @click=${v.togglePassword}
                  >
                    ${icon(svg`<path d="M1 8s2.5-5 7-5 7 5 7 5-2.5 5-7 5-7-5-7-5Z" /><circle cx="8" cy="8" r="2" />${visible ? nothing : svg`<path d="M2 14 14 2" />`}`)}
                  </button>
                </div>
                ${renderError(v, 'password')}`,
            )}`,
          t('contact-verify.action.next'),
          flow.lockWait.running,
        ]
      : codeStep(
          v,
          'step-up-code',
          flow.identity,
          html`<p class="text">${t('contact-verify.identity.code.intro', via(method))}</p>`,
          t('contact-verify.action.next'),
        );
  return submitPage(
    v,
    html`<p class="text">${t('contact-verify.identity.intro', contact)}</p>
      ${renderBanner(v)} ${choice} ${body}`,
    primary,
    waiting,
  );
}

function renderValue(v: View): TemplateResult {
  const { flow, t } = v;
  const { value } = flow;
  const masked = v.info[v.kind].masked;
  let content: TemplateResult;
  if (v.kind === 'email') {
    content = field(
      t('contact-verify.value.email'),
      'value',
      html`${input(v, 'value', 'email', 'email', LIMITS.emailMax, value.email, (x) => value.setEmail(x), ['value-hint'], () => value.checkEmail())}
        ${hint(t('contact-verify.value.email.hint'), 'value-hint')} ${renderError(v, 'value')}`,
    );
  } else if (!value.phoneLib) {
    content = value.phoneLibFailed
      ? alert(
          t('contact-verify.value.load-failed'),
          undefined,
          link(t('contact-verify.action.retry'), () => void value.loadPhone()),
        )
      : renderLoading(t('contact-verify.value.loading'));
  } else {
    const current = v.regions().find((o) => o.code === value.region);
    const preview = value.phonePreview;
    content = field(
      t('contact-verify.value.mobile'),
      'value',
      html`<div class="phone">
          ${v.picker.renderButton(t, current)}
          ${input(v, 'value', 'tel', 'tel', 32, value.phone, (x) => value.setPhone(x), ['value-hint', preview && 'value-preview'], () => value.formatPhone())}
        </div>
        ${v.picker.renderPopup(t)} ${hint(t('contact-verify.value.mobile.hint'), 'value-hint')}
        ${preview ? hint(t('contact-verify.value.mobile.preview', { number: isolate(preview) }), 'value-preview', true) : nothing}
        ${renderError(v, 'value')}`,
    );
  }
  return submitPage(
    v,
    html`${masked ? html`<p class="text text--muted">${t('contact-verify.value.current', { masked: isolate(masked) })}</p>` : nothing}
    ${renderBanner(v)} ${content}`,
    sendLabel(v, flow.target.wait),
    flow.target.wait.running,
  );
}

function renderCode(v: View): TemplateResult {
  const { flow, t } = v;
  const { masked, verified } = v.info[v.kind];
  const slot = flow.target;
  if (v.mode === 'verify' && !slot.challenge && (!masked || (verified && !flow.problems.problem))) {
    const id = masked ? 'problem.already-verified' : 'problem.no-contact';
    return renderBlocked(v, t(id, contactName(v)), t(`${id}.next`), 'status');
  }
  const wrong = t(`contact-verify.code.wrong.${v.kind}`);
  const [body, primary, waiting] = codeStep(
    v,
    'code',
    slot,
    html`<p class="text">
      ${t('contact-verify.verify.intro', { length: LIMITS.codeLength, destination: isolate(masked ?? '') })}
    </p>`,
    t('contact-verify.action.ok'),
    v.mode === 'edit'
      ? html`<span class="wrong">${wrong}${sentenceGap(wrong)}${link(t('contact-verify.action.edit-value'), () => flow.editValue())}</span>`
      : nothing,
    hint(t('contact-verify.code.expires', { lifetime: formatDurationSeconds(RULES.codeLifetimeSeconds, v.lang) })),
  );
  return submitPage(v, html`${renderBanner(v)} ${body}`, primary, waiting);
}

function renderDone(v: View): TemplateResult {
  const masked = v.flow.result?.contact.masked ?? '';
  return page(
    html`<div class="success" role="status">
      <svg class="success__icon" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="10" /><path d="m7.5 12.5 3 3 6-6.5" /></svg>
      <p>${v.t(`contact-verify.done.${v.mode}`, { ...contactName(v), masked: isolate(masked) })}</p>
    </div>`,
    button(v.t('contact-verify.action.done'), () => v.close('done'), true),
  );
}

const STEPS = { identity: renderIdentity, value: renderValue, code: renderCode, done: renderDone };

/** The progress, then the current step in a form (Enter submits it). */
export function renderFlow(v: View): TemplateResult {
  const { flow } = v;
  const { problem, sessionEnded } = flow.problems;
  return html`${renderSteps(v)}${
    sessionEnded && problem
      ? renderProblem(v, problem.error)
      : html`<form
          class="form"
          novalidate
          @submit=${(e: Event) => {
            e.preventDefault();
            flow.submit();
          }}
        >
          ${STEPS[flow.step](v)}
        </form>`
  }`;
}
