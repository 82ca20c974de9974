import { html, nothing, svg, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { LIMITS, RULES } from '../api/contract/constants.js';
import type { ContactKind, PersonalInfo } from '../api/contract/index.js';
import { renderCodeInput } from '../shared/code-input.js';
import { formatClock, spokenClock } from '../shared/countdown-controller.js';
import { formatDurationSeconds, formatTime } from '../shared/format.js';
import { sentenceGap } from '../shared/localize.js';
import { sessionEndReason } from '../shared/session-expired-event.js';
import type { CodeSlot } from './code-slot.js';
import type { DataController } from './data-controller.js';
import {
  alert,
  type BaseView,
  type CodeField,
  type Content,
  contactName,
  describedBy,
  field,
  fieldError,
  hint,
  icon,
  input,
  isolate,
  type Label,
  link,
  renderBanner,
  renderBlocked,
  renderError,
  renderLoading,
  renderProblem,
  renderSteps,
  sendLabel,
  submitPage,
  type View,
} from './render-parts.js';

export {
  type BaseView,
  focusable,
  renderBlocked,
  renderLoading,
  renderProblem,
  type View,
} from './render-parts.js';

/**
 * A step that sends a code and then takes it: before the send, `intro` and Send code (with the
 * cooldown); after, where it went, the code field with Resend, and `ok`; once dead, no code field and
 * only "Send a new code".
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
  const sentText = t('contact-verify.code.sent', { length: challenge.codeLength, destination: isolate(challenge.destination) });
  // No template whitespace between sentences: Chinese ones join without a space.
  const sentLine = html`<p id=${sent} class="text">${sentText}${sentExtra === nothing ? nothing : sentenceGap(sentText)}${sentExtra}</p>`;
  if (slot.dead) {
    // A dead code (expired, too many tries): one message in one place — the problem that killed it,
    // else a plain note — no code boxes, no lifetime hint, and one way on: "Send a new code".
    const problem = fieldError(v, id);
    const body = html`${sentLine}${
      problem
        ? alert(problem)
        : flow.problems.problem
          ? nothing
          : html`<p class="text" role="status">${t('contact-verify.code.dead')}</p>`
    }${
      wait.running
        ? html`<p class="resend"><span class="countdown">${t('contact-verify.action.resend-in', { time: isolate(formatClock(wait.remaining)) })}</span></p>`
        : nothing
    }`;
    return [body, t('contact-verify.action.send-new'), wait.running];
  }
  const body = html`${sentLine}
    ${field(
      t('contact-verify.code.label'),
      id,
      html`${renderCodeInput({
        id,
        value: slot.code,
        length: challenge.codeLength,
        invalid: error !== null,
        readonly: busy,
        describedBy: describedBy(sent, error && `${id}-error`),
        onValue: (value) => flow.setCode(id, value),
      })}
      ${renderError(v, id)}
      <p class="resend">
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
      </p>`,
    )}
    ${after}`;
  return [body, ok, false];
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
    // A code sent earlier (resumed) has less than its lifetime left: say until when it is valid.
    flow.resumed && slot.challenge
      ? hint(t('contact-verify.code.expires-at', { time: isolate(formatTime(slot.challenge.expiresAt, v.lang)) }))
      : hint(t('contact-verify.code.expires', { lifetime: formatDurationSeconds(RULES.codeLifetimeSeconds, v.lang) })),
  );
  return submitPage(v, html`${renderBanner(v)} ${body}`, primary, waiting);
}

const STEPS = { identity: renderIdentity, value: renderValue, code: renderCode };

/**
 * The dialog's content once its data is there (`flow`); before, why not: a refused endpoint, loading,
 * or a failed load (with Try again, unless the session ended).
 */
export function renderLoaded(
  v: BaseView,
  data: DataController,
  flow: (info: PersonalInfo) => TemplateResult,
): TemplateResult {
  const { t } = v;
  const { config } = data.resolve();
  if (config) return renderBlocked(v, t(`contact-verify.config.${config.reason}`, { url: config.url }), t('contact-verify.config.next'));
  const info = data.info;
  if (info) return flow(info);
  const error = data.loadError;
  return error
    ? renderProblem(v, error, sessionEndReason(error) ? undefined : () => data.reload())
    : html`<div class="body" part="body">${renderLoading(t('contact-verify.loading'))}</div>`;
}

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
