import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { LIMITS, RULES } from '../api/contract/constants.js';
import type { ContactKind, PersonalInfo } from '../api/contract/index.js';
import { renderCodeInput } from '../shared/code-input.js';
import { formatClock } from '../shared/countdown-controller.js';
import type { RegionOption } from '../shared/phone.js';
import { describeProblem, formatDuration, type Translate } from '../shared/problem-messages.js';
import type { CodeSlot, ContactFlowController, Field } from './contact-flow.js';
import type { ContactVerifyHideSource, ContactVerifyMode } from './contact-verify-dialog.events.js';
import type { RegionPickerController } from './region-picker.js';

/** Everything the step templates read; built by the element on each render. */
export interface View {
  t: Translate;
  lang: string;
  kind: ContactKind;
  mode: ContactVerifyMode;
  flow: ContactFlowController;
  info: PersonalInfo;
  picker: RegionPickerController;
  regions: () => readonly RegionOption[];
  passwordVisible: boolean;
  togglePassword: () => void;
  close: (source: ContactVerifyHideSource) => void;
}

const fieldId = (field: Field) => field;
/** Masked values and numbers keep their own (left-to-right) order inside translated sentences. */
export const isolate = (text: string): string => `\u2068${text}\u2069`;
const errorId = (field: Field) => `${field}-error`;

/** The error under one input: a client-side check, or a problem the server tied to it. */
function fieldError(v: View, field: Field): string | null {
  const { inputError, problem } = v.flow;
  if (inputError?.field === field) {
    const values = { ...inputError.values };
    // Regions travel as ISO codes; say them by name.
    if (typeof values.region === 'string') {
      values.region = v.regions().find((o) => o.code === values.region)?.name ?? values.region;
    }
    return v.t(inputError.id, values);
  }
  if (problem?.field === field) {
    const d = describeProblem(problem.error, v.t, { lang: v.lang, kind: v.kind });
    return `${d.message} ${d.next}`;
  }
  return null;
}

function renderError(v: View, field: Field): TemplateResult | typeof nothing {
  const message = fieldError(v, field);
  return message
    ? html`<p id=${errorId(field)} class="field__error" part="field__error" role="alert">
        <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M8 1.5 15 14H1L8 1.5Zm0 4.5v4m0 2v.01" /></svg
        ><span>${message}</span>
      </p>`
    : nothing;
}

const describedBy = (...ids: (string | false | null | undefined)[]) =>
  ids.filter(Boolean).join(' ') || undefined;

/** The step's banner: a problem not tied to one input, with what to do next and a way to do it. */
export function renderBanner(v: View): TemplateResult | typeof nothing {
  const { problem } = v.flow;
  if (!problem || problem.field) return nothing;
  const d = describeProblem(problem.error, v.t, { lang: v.lang, kind: v.kind });
  const retry = d.action === 'retry' && !v.flow.sessionEnded;
  return html`<div class="alert" part="alert" role="alert">
    <svg class="alert__icon" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="6.5" /><path d="M8 4.5v4m0 2.5v.01" /></svg>
    <div class="alert__text">
      <p class="alert__message">${d.message}</p>
      <p class="alert__next">${d.next}</p>
      ${
        retry
          ? html`<button type="button" class="link" part="alert__action" @click=${() => v.flow.retry()}>
            ${v.t('contact-verify.action.retry')}
          </button>`
          : nothing
      }
    </div>
  </div>`;
}

/** A message with no way forward here (configuration, no method, session gone) and a Close button. */
export function renderBlocked(
  v: Pick<View, 't' | 'close'>,
  message: string,
  next: string,
  tone = 'alert',
): TemplateResult {
  return html`<div class="body" part="body">
      <div class="alert" part="alert" role=${tone === 'alert' ? 'alert' : 'status'} data-tone=${tone}>
        <svg class="alert__icon" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="6.5" /><path d="M8 4.5v4m0 2.5v.01" /></svg>
        <div class="alert__text">
          <p class="alert__message">${message}</p>
          <p class="alert__next">${next}</p>
        </div>
      </div>
    </div>
    <footer class="footer" part="footer">
      <button type="button" class="button" part="button primary-button" data-primary @click=${() => v.close('cancel-button')}>
        ${v.t('contact-verify.close')}
      </button>
    </footer>`;
}

/** Edit only: where the user is in the three steps. */
export function renderSteps(v: View): TemplateResult | typeof nothing {
  if (v.mode !== 'edit' || v.flow.step === 'done') return nothing;
  const steps = ['identity', 'value', 'code'] as const;
  const current = steps.indexOf(v.flow.step as (typeof steps)[number]);
  const label = (s: (typeof steps)[number]) =>
    v.t(s === 'value' ? `contact-verify.step.value.${v.kind}` : `contact-verify.step.${s}`);
  return html`<nav class="steps" part="steps" aria-label=${v.t('contact-verify.steps')}>
    <p class="steps__count">${v.t('contact-verify.step-of', { current: current + 1, total: steps.length })}</p>
    <ol class="steps__list">
      ${steps.map(
        (
          s,
          i,
        ) => html`<li class="steps__item" part="step" aria-current=${i === current ? 'step' : nothing} ?data-done=${i < current}>
          <span class="steps__dot" aria-hidden="true">${i < current ? '✓' : i + 1}</span>
          <span class="steps__label">${label(s)}</span>
        </li>`,
      )}
    </ol>
  </nav>`;
}

function busyLabel(v: View, idle: string): string {
  const busy = v.flow.request.busy;
  if (busy === 'send') return v.t('contact-verify.action.sending');
  if (busy === 'verify' || busy === 'identity') return v.t('contact-verify.action.checking');
  return idle;
}

/** Cancel + the step's primary (submit) button. */
function renderFooter(v: View, primary: string, waiting = false): TemplateResult {
  const busy = v.flow.request.busy !== null;
  return html`<footer class="footer" part="footer">
    <button type="button" class="button" part="button" data-variant="secondary" @click=${() => v.close('cancel-button')}>
      ${v.t('contact-verify.action.cancel')}
    </button>
    <button
      type="submit"
      class="button"
      part="button primary-button"
      data-primary
     
      aria-disabled=${busy || waiting ? 'true' : 'false'}
      ?data-busy=${busy}
    >
      ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${busyLabel(v, primary)}
    </button>
  </footer>`;
}

/** The code field of a slot, with the resend button and its countdown. */
function renderCodeField(
  v: View,
  field: 'step-up-code' | 'code',
  slot: CodeSlot,
  sentId: string,
): TemplateResult {
  const challenge = slot.challenge!;
  const error = fieldError(v, field);
  const wait = field === 'code' ? v.flow.targetWait : v.flow.identityWait;
  const which = field === 'code' ? 'target' : 'identity';
  const busy = v.flow.request.busy !== null;
  const waiting = wait.running;
  return html`<div class="field" part="field">
    <label class="field__label" part="field__label" for=${fieldId(field)}>${v.t('contact-verify.code.label')}</label>
    ${renderCodeInput({
      id: fieldId(field),
      value: slot.code,
      length: challenge.codeLength,
      invalid: error !== null,
      readonly: busy || slot.dead,
      describedBy: describedBy(sentId, error && errorId(field), slot.dead && `${field}-dead`),
      onValue: (value) => v.flow.setCode(field, value),
      onComplete: () => v.flow.submit(),
    })}
    ${renderError(v, field)}
    ${
      slot.dead
        ? html`<p id="${field}-dead" class="field__hint" part="field__hint">${v.t('contact-verify.code.dead')}</p>`
        : nothing
    }
    <p class="resend">
      <button
        type="button"
        class="link"
        part="resend-button"
        aria-disabled=${waiting || busy ? 'true' : 'false'}
        @click=${() => void v.flow.send(which, true)}
      >
        ${
          waiting
            ? html`<span class="countdown" part="countdown"
              >${v.t('contact-verify.action.resend-in', { time: isolate(formatClock(wait.remaining)) })}</span
            >`
            : v.t('contact-verify.action.resend')
        }
      </button>
    </p>
  </div>`;
}

export function renderIdentity(v: View): TemplateResult {
  const { flow, t } = v;
  const methods = flow.methods;
  if (methods.length === 0) {
    return renderBlocked(
      v,
      t('contact-verify.identity.none', { contact: t(`contact.${v.kind}`) }),
      t('contact-verify.identity.none.next', { contact: t(`contact.${v.kind}`) }),
    );
  }
  const method = flow.method!;
  const choice =
    methods.length > 1
      ? html`<fieldset class="choices" part="field">
          <legend class="field__label" part="field__label">${t('contact-verify.identity.methods')}</legend>
          ${methods.map(
            (m, i) => html`<label class="choice">
              <input
                type="radio"
                name="method"
                .checked=${live(i === flow.methodIndex)}
                @change=${() => flow.chooseMethod(i)}
              />
              <span>
                ${
                  m.type === 'password'
                    ? t('contact-verify.identity.method.password')
                    : t('contact-verify.identity.method.code', {
                        channel: t(`channel.${m.channel}`),
                        destination: isolate(m.destination),
                      })
                }
              </span>
            </label>`,
          )}
        </fieldset>`
      : nothing;
  let body: TemplateResult;
  let primary: string;
  let waiting = false;
  if (method.type === 'password') {
    const error = fieldError(v, 'password');
    waiting = flow.lockWait.running;
    primary = t('contact-verify.action.next');
    body = html`<input type="text" hidden autocomplete="username" .value=${v.info.user.username} />
      <div class="field" part="field">
        <label class="field__label" part="field__label" for="password">${t('contact-verify.identity.password')}</label>
        <div class="input-row">
          <input
            id="password"
            class="input"
            part="field__input"
            type=${v.passwordVisible ? 'text' : 'password'}
            autocomplete="current-password"
            spellcheck="false"
            maxlength=${LIMITS.passwordMax}
            data-focus="password"
            data-autofocus
            .value=${live(flow.password)}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${ifDefined(describedBy(error && errorId('password')))}
            @input=${(e: Event) => flow.setPassword((e.target as HTMLInputElement).value)}
          />
          <button
            type="button"
            class="icon-button"
            part="password-toggle"
            aria-pressed=${v.passwordVisible ? 'true' : 'false'}
            aria-label=${t('contact-verify.action.show-password')}
            title=${t(v.passwordVisible ? 'contact-verify.action.hide-password' : 'contact-verify.action.show-password')}
            @click=${v.togglePassword}
          >
            <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M1 8s2.5-5 7-5 7 5 7 5-2.5 5-7 5-7-5-7-5Z" /><circle cx="8" cy="8" r="2" />${v.passwordVisible ? nothing : html`<path d="M2 14 14 2" />`}</svg>
          </button>
        </div>
        ${renderError(v, 'password')}
      </div>`;
  } else {
    const slot = flow.identity;
    const intro = t('contact-verify.identity.code.intro', {
      channel: t(`channel.${method.channel}`),
      destination: isolate(method.destination),
    });
    if (!slot.challenge) {
      waiting = flow.identityWait.running;
      primary = waiting
        ? `${t('contact-verify.action.send')} (${formatClock(flow.identityWait.remaining)})`
        : t('contact-verify.action.send');
      body = html`<p class="text">${intro}</p>`;
    } else {
      primary = slot.dead ? t('contact-verify.action.send-new') : t('contact-verify.action.next');
      waiting = slot.dead && flow.identityWait.running;
      body = html`<p id="step-up-code-sent" class="text">
          ${t('contact-verify.code.sent', { length: slot.challenge.codeLength, destination: isolate(slot.challenge.destination) })}
        </p>
        ${renderCodeField(v, 'step-up-code', slot, 'step-up-code-sent')}`;
    }
  }
  return html`<div class="body" part="body">
      <p class="text">${t('contact-verify.identity.intro', { contact: t(`contact.${v.kind}`) })}</p>
      ${renderBanner(v)} ${choice} ${body}
    </div>
    ${renderFooter(v, primary, waiting)}`;
}

function renderCurrent(v: View): TemplateResult | typeof nothing {
  const masked = v.info[v.kind].masked;
  return masked
    ? html`<p class="text text--muted">${v.t('contact-verify.value.current', { masked: isolate(masked) })}</p>`
    : nothing;
}

export function renderValue(v: View): TemplateResult {
  const { flow, t } = v;
  const error = fieldError(v, 'value');
  const waiting = flow.targetWait.running;
  const primary = waiting
    ? `${t('contact-verify.action.send')} (${formatClock(flow.targetWait.remaining)})`
    : t('contact-verify.action.send');
  let field: TemplateResult;
  if (v.kind === 'email') {
    field = html`<div class="field" part="field">
      <label class="field__label" part="field__label" for="value">${t('contact-verify.value.email')}</label>
      <input
        id="value"
        class="input"
        part="field__input"
        type="email"
        autocomplete="email"
        inputmode="email"
        spellcheck="false"
        autocapitalize="off"
        dir="ltr"
        maxlength=${LIMITS.emailMax}
        data-focus="value"
        data-autofocus
        .value=${live(flow.email)}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy('value-hint', error && errorId('value')))}
        @input=${(e: Event) => flow.setEmail((e.target as HTMLInputElement).value)}
        @blur=${() => queueMicrotask(() => flow.checkEmail())}
      />
      <p id="value-hint" class="field__hint" part="field__hint">${t('contact-verify.value.email.hint')}</p>
      ${renderError(v, 'value')}
    </div>`;
  } else if (!flow.phoneLib) {
    field = flow.phoneLibFailed
      ? html`<div class="alert" part="alert" role="alert">
          <div class="alert__text">
            <p class="alert__message">${t('contact-verify.value.load-failed')}</p>
            <button type="button" class="link" @click=${() => void flow.loadPhone()}>${t('contact-verify.action.retry')}</button>
          </div>
        </div>`
      : html`<p class="text text--muted" role="status"><span class="spinner" aria-hidden="true"></span>${t('contact-verify.value.loading')}</p>`;
  } else {
    const current = v.regions().find((o) => o.code === flow.region);
    const preview = flow.phonePreview;
    field = html`<div class="field" part="field">
      <label class="field__label" part="field__label" for="value">${t('contact-verify.value.mobile')}</label>
      <div class="phone" part="phone">
        ${v.picker.renderButton(t, current)}
        <input
          id="value"
          class="input phone__number"
          part="field__input"
          type="tel"
          autocomplete="tel"
          inputmode="tel"
          dir="ltr"
          maxlength="32"
          data-focus="value"
          data-autofocus
          .value=${live(flow.phone)}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${ifDefined(describedBy('value-hint', preview && 'value-preview', error && errorId('value')))}
          @input=${(e: Event) => flow.setPhone((e.target as HTMLInputElement).value)}
          @blur=${() => queueMicrotask(() => flow.formatPhone())}
        />
      </div>
      ${v.picker.renderPopup(t)}
      <p id="value-hint" class="field__hint" part="field__hint">${t('contact-verify.value.mobile.hint')}</p>
      ${
        preview
          ? html`<p id="value-preview" class="field__hint field__hint--ok" part="field__hint">
            ${t('contact-verify.value.mobile.preview', { number: isolate(preview) })}
          </p>`
          : nothing
      }
      ${renderError(v, 'value')}
    </div>`;
  }
  return html`<div class="body" part="body">${renderCurrent(v)} ${renderBanner(v)} ${field}</div>
    ${renderFooter(v, primary, waiting)}`;
}

export function renderCode(v: View): TemplateResult {
  const { flow, t } = v;
  const contact = v.info[v.kind];
  const slot = flow.target;
  const contactName = t(`contact.${v.kind}`);
  if (v.mode === 'verify' && !slot.challenge) {
    if (!contact.masked)
      return renderBlocked(
        v,
        t('problem.no-contact', { contact: contactName }),
        t('problem.no-contact.next'),
        'status',
      );
    if (contact.verified && !flow.problem) {
      return renderBlocked(
        v,
        t('problem.already-verified', { contact: contactName }),
        t('problem.already-verified.next'),
        'status',
      );
    }
  }
  let body: TemplateResult;
  let primary: string;
  let waiting = false;
  if (!slot.challenge) {
    waiting = flow.targetWait.running;
    primary = waiting
      ? `${t('contact-verify.action.send')} (${formatClock(flow.targetWait.remaining)})`
      : t('contact-verify.action.send');
    body = html`<p class="text">
      ${t('contact-verify.verify.intro', { length: LIMITS.codeLength, destination: isolate(contact.masked ?? '') })}
    </p>`;
  } else {
    primary = slot.dead ? t('contact-verify.action.send-new') : t('contact-verify.action.ok');
    waiting = slot.dead && flow.targetWait.running;
    body = html`<p id="code-sent" class="text">
        ${t('contact-verify.code.sent', { length: slot.challenge.codeLength, destination: isolate(slot.challenge.destination) })}
        ${
          v.mode === 'edit'
            ? html`<span class="wrong">
              ${t(`contact-verify.code.wrong.${v.kind}`)}
              <button type="button" class="link" part="edit-value-button" @click=${() => flow.editValue()}>
                ${t('contact-verify.action.edit-value')}
              </button>
            </span>`
            : nothing
        }
      </p>
      ${renderCodeField(v, 'code', slot, 'code-sent')}
      <p class="field__hint" part="field__hint">
        ${t('contact-verify.code.expires', { lifetime: formatDuration(RULES.codeLifetimeSeconds, v.lang) })}
      </p>`;
  }
  return html`<div class="body" part="body">${renderBanner(v)} ${body}</div>
    ${renderFooter(v, primary, waiting)}`;
}

export function renderDone(v: View): TemplateResult {
  const { flow, t } = v;
  const masked = flow.result?.contact.masked ?? '';
  return html`<div class="body" part="body">
      <div class="success" part="success" role="status">
        <svg class="success__icon" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="10" /><path d="m7.5 12.5 3 3 6-6.5" /></svg>
        <p>${t(`contact-verify.done.${v.mode}`, { contact: t(`contact.${v.kind}`), masked: isolate(masked) })}</p>
      </div>
    </div>
    <footer class="footer" part="footer">
      <button type="button" class="button" part="button primary-button" data-primary @click=${() => v.close('done')}>
        ${t('contact-verify.action.done')}
      </button>
    </footer>`;
}
