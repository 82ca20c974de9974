import { html, nothing, type TemplateResult } from 'lit';
import type { SessionLimit } from '../../api/contract/index.js';
import type {
  SessionLimitChangeEvent,
  SessionLimitInputEvent,
} from '../../session-limit-field/session-limit-field.events.js';
import { action, row, type SectionContext, savedNote, sectionError } from './common.js';

export interface SessionLimitContext extends SectionContext {
  readonly value: SessionLimit | null;
  readonly dirty: boolean;
  /** The field's value is invalid (a number out of range…): Save is unavailable, and says why. */
  readonly invalid: boolean;
  readonly saving: boolean;
  readonly saved: boolean;
  /** The server's refusal of the field's value (`fieldErrors` under `sessionLimit*`), shown on the field. */
  readonly fieldError: string | null;
  /** Any other failure of the save. */
  readonly error: string | null;
  readonly change: (value: SessionLimit | null, valid: boolean) => void;
  readonly save: () => void;
}

let lastStrings: {
  label: string;
  host: SectionContext['strings'];
  strings: Partial<Record<string, string>>;
} | null = null;

/**
 * The field's `strings`: its checkbox label, then the host's overrides. The same object while neither
 * changes, so a form re-rendering for something else (a keystroke in the welcome message) does not
 * hand the field a new object and re-render it too.
 */
function fieldStrings(label: string, host: SectionContext['strings']): Partial<Record<string, string>> {
  if (lastStrings?.label !== label || lastStrings.host !== host) {
    lastStrings = { label, host, strings: { 'session-limit.label': label, ...host } };
  }
  return lastStrings.strings;
}

/** Max. Online Sessions: `<session-limit-field>` and Save. */
export function renderSessionLimit(ctx: SessionLimitContext): TemplateResult {
  const { t } = ctx;
  const onChange = (event: SessionLimitInputEvent | SessionLimitChangeEvent) => {
    if (event.detail) ctx.change(event.detail.value, event.detail.valid);
  };
  // The row is labelled "Max. Online Sessions"; the field's checkbox then says what it does.
  const strings = fieldStrings(t('personal-info.session-limit.enable'), ctx.strings);
  const blocked = ctx.invalid && !ctx.saving;
  return row({
    section: 'session-limit',
    groupLabel: 'session-limit-label',
    label: html`<span class="label" part="label" id="session-limit-label">${t('personal-info.session-limit.label')}</span>`,
    main: html`<session-limit-field
      id="session-limit"
      exportparts="base:session-limit-base,legend:session-limit-legend,checkbox:session-limit-checkbox,label:session-limit-label,hint:session-limit-hint,input:session-limit-input,policy:session-limit-policy,radio:session-limit-radio,reason:session-limit-reason,error:session-limit-error"
      .value=${ctx.value}
      .strings=${strings}
      .locale=${ctx.locale}
      .error=${ctx.fieldError ?? ''}
      ?disabled=${ctx.saving}
      @input=${onChange}
      @change=${onChange}
    ></session-limit-field>`,
    actions: action({
      label: t(ctx.saving ? 'personal-info.saving' : 'personal-info.save'),
      context: t('personal-info.session-limit.label'),
      primary: true,
      busy: ctx.saving,
      unavailable: ctx.busy || !ctx.dirty || blocked,
      describedBy: blocked ? 'session-limit-blocked' : undefined,
      id: 'session-limit-save',
      onClick: ctx.save,
    }),
    // Why Save is unavailable, for the button's description (the field's own message, in its
    // shadow root, cannot be referenced from here).
    below: [
      blocked
        ? html`<p class="visually-hidden" id="session-limit-blocked">${t('personal-info.session-limit.blocked')}</p>`
        : nothing,
      savedNote(ctx.saved, t),
      sectionError('session-limit-error', ctx.error),
    ],
  });
}
