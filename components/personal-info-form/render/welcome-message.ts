import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { LIMITS } from '../../api/contract/constants.js';
import { action, row, type SectionContext, savedNote, sectionError } from './common.js';

export interface WelcomeMessageContext extends SectionContext {
  /** The saved message. */
  readonly message: string;
  /** The text being edited, `null` when not editing. */
  readonly draft: string | null;
  readonly saving: boolean;
  readonly saved: boolean;
  readonly error: string | null;
  /** The draft itself is wrong (control characters): shown on the textarea. */
  readonly invalid: boolean;
  readonly edit: () => void;
  readonly input: (value: string) => void;
  readonly ok: () => void;
  readonly cancel: () => void;
}

function renderView(ctx: WelcomeMessageContext): TemplateResult {
  const { t } = ctx;
  // Always a text binding: the message is user content and is never parsed as HTML.
  return row({
    section: 'welcome-message',
    groupLabel: 'welcome-label',
    label: html`<span class="label" part="label" id="welcome-label">${t('personal-info.welcome.label')}</span>`,
    main: html`<p class="welcome ${ctx.message ? '' : 'value--empty'}" part="welcome-message">${ctx.message || t('personal-info.welcome.empty')}</p>`,
    actions: action({
      label: t('personal-info.edit'),
      context: t('personal-info.welcome.label'),
      unavailable: ctx.busy,
      id: 'welcome-edit',
      onClick: ctx.edit,
    }),
    below: [savedNote(ctx.saved, t), sectionError('welcome-error', ctx.error)],
  });
}

function renderEditor(ctx: WelcomeMessageContext, draft: string): TemplateResult {
  const { t } = ctx;
  const max = LIMITS.welcomeMessageMax;
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !ctx.saving) {
      event.stopPropagation();
      ctx.cancel();
    }
  };
  return row({
    section: 'welcome-message',
    label: html`<label class="label" part="label" for="welcome">${t('personal-info.welcome.label')}</label>`,
    main: html`<textarea
        id="welcome"
        class="control"
        part="control textarea"
        rows="4"
        maxlength=${max}
        .value=${live(draft)}
        ?readonly=${ctx.saving}
        aria-invalid=${ctx.invalid ? 'true' : 'false'}
        aria-describedby="welcome-help welcome-count welcome-error"
        @input=${(event: InputEvent) => ctx.input((event.target as HTMLTextAreaElement).value)}
        @keydown=${onKeydown}
      ></textarea>
      <div class="meta">
        <p class="help" id="welcome-help">${t('personal-info.welcome.help')}</p>
        <span class="counter" part="counter" aria-hidden="true"
          >${t('personal-info.welcome.counter', { count: draft.length, max })}</span
        >
        <span class="visually-hidden" id="welcome-count"
          >${t('personal-info.welcome.counter-label', { count: draft.length, max })}</span
        >
      </div>
      ${sectionError('welcome-error', ctx.error)}`,
    actions: html`${action({
      label: t(ctx.saving ? 'personal-info.saving' : 'personal-info.ok'),
      primary: true,
      busy: ctx.saving,
      unavailable: ctx.busy,
      id: 'welcome-ok',
      onClick: ctx.ok,
    })}${action({
      label: t('personal-info.cancel'),
      unavailable: ctx.saving,
      id: 'welcome-cancel',
      onClick: ctx.cancel,
    })}`,
  });
}

/** Welcome Message: plain text; Edit → textarea with a live counter → OK / Cancel. */
export function renderWelcomeMessage(ctx: WelcomeMessageContext): TemplateResult {
  return ctx.draft === null ? renderView(ctx) : renderEditor(ctx, ctx.draft);
}
