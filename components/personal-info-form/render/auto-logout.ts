import { html, nothing, type TemplateResult } from 'lit';
import type { PersonalInfo } from '../../api/contract/index.js';
import { formatDurationSeconds } from '../../shared/format.js';
import { action, row, type SectionContext, savedNote, sectionError } from './common.js';
import { selectOptions } from './select-options.js';

export interface AutoLogoutContext extends SectionContext {
  readonly autoLogout: PersonalInfo['autoLogout'];
  /** The selected value (the user's unsaved choice, or the saved one). */
  readonly value: number;
  readonly dirty: boolean;
  readonly saving: boolean;
  readonly saved: boolean;
  readonly error: string | null;
  readonly change: (minutes: number) => void;
  readonly save: () => void;
}

/** Auto-Logout If No Activity Within: a select of the server's options and Save (fixed for third-party users). */
export function renderAutoLogout(ctx: AutoLogoutContext): TemplateResult {
  const { t, lang, autoLogout } = ctx;
  const options = autoLogout.options.includes(ctx.value)
    ? autoLogout.options
    : [...autoLogout.options, ctx.value].sort((a, b) => a - b);
  const locked = !autoLogout.editable;
  const help = locked
    ? t('personal-info.auto-logout.third-party', {
        duration: formatDurationSeconds(autoLogout.minutes * 60, lang),
      })
    : t('personal-info.auto-logout.help');
  const onChange = (event: Event) => ctx.change(Number((event.target as HTMLSelectElement).value));
  return row({
    section: 'auto-logout',
    label: html`<label class="label" part="label" for="auto-logout">${t('personal-info.auto-logout.label')}</label>`,
    main: html`<select
      id="auto-logout"
      class="control"
      part="control"
      ${selectOptions(
        options.map((minutes) => ({
          value: String(minutes),
          label: formatDurationSeconds(minutes * 60, lang),
        })),
        String(ctx.value),
      )}
      ?disabled=${locked || ctx.saving}
      aria-describedby="auto-logout-help auto-logout-error"
      @change=${onChange}
    ></select>`,
    actions: locked
      ? nothing
      : action({
          label: t(ctx.saving ? 'personal-info.saving' : 'personal-info.save'),
          context: t('personal-info.auto-logout.label'),
          primary: true,
          busy: ctx.saving,
          unavailable: ctx.busy || !ctx.dirty,
          id: 'auto-logout-save',
          onClick: ctx.save,
        }),
    below: html`<p class="help" id="auto-logout-help">${help}</p>
      ${savedNote(ctx.saved, t)}${sectionError('auto-logout-error', ctx.error)}`,
  });
}
