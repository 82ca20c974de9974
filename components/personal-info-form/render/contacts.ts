import { html, nothing, type TemplateResult } from 'lit';
import type { Challenge, ContactKind, ContactView } from '../../api/contract/index.js';
import { formatTime } from '../../shared/format.js';
import { unbreakable } from '../../shared/text.js';
import { action, row, type SectionContext, sectionError } from './common.js';

export type ContactMode = 'edit' | 'verify';

export interface ContactsContext extends SectionContext {
  readonly mobile: ContactView;
  readonly email: ContactView;
  /**
   * Open the dialog for `kind` in `mode`, or at the code step of a pending change's `challenge`
   * (it gives focus back to the button when it closes).
   */
  readonly open: (kind: ContactKind, mode: ContactMode, challenge?: Challenge) => void;
  /** The contact whose dialog could not be loaded: its row says why. */
  readonly failed: ContactKind | null;
}

function badge(state: 'verified' | 'unverified' | 'pending', t: SectionContext['t']): TemplateResult {
  return html`<span class="badge" part="badge badge--${state}" data-state=${state}
    >${t(`personal-info.contact.${state}`)}</span
  >`;
}

function contactRow(kind: ContactKind, view: ContactView, ctx: ContactsContext): TemplateResult {
  const { t } = ctx;
  const labelId = `${kind}-label`;
  const name = t(`contact.${kind}`);
  const open = (mode: ContactMode) => () => ctx.open(kind, mode);
  const empty = view.masked === null;
  // Pending while its code lives on this clock too (the form renders again when it expires).
  const pending = view.pending && Date.parse(view.pending.expiresAt) > Date.now() ? view.pending : null;
  const challenge = pending?.challenge;
  return row({
    section: 'contacts',
    groupLabel: labelId,
    label: html`<span class="label" part="label" id=${labelId}>${t(`personal-info.${kind}.label`)}</span>`,
    // The value never wraps inside (“+86 138****5678” stays one piece); the badges follow it.
    main: html`<span class="value ${empty ? 'value--empty' : ''}" dir=${empty ? nothing : 'ltr'}
        >${empty ? t('personal-info.contact.none') : view.masked}</span
      >${empty ? nothing : badge(view.verified ? 'verified' : 'unverified', t)}${pending ? badge('pending', t) : nothing}`,
    actions: [
      action({
        label: t(empty ? 'personal-info.add' : 'personal-info.edit'),
        context: name,
        unavailable: ctx.busy,
        id: `${kind}-edit`,
        onClick: open('edit'),
      }),
      empty || view.verified
        ? nothing
        : action({
            label: t('personal-info.verify'),
            context: name,
            unavailable: ctx.busy,
            id: `${kind}-verify`,
            onClick: open('verify'),
          }),
      // Enter code resumes the pending change at its code (only the session that sent it has it).
      challenge
        ? action({
            label: t('personal-info.contact.enter-code'),
            context: name,
            unavailable: ctx.busy,
            id: `${kind}-enter-code`,
            onClick: () => ctx.open(kind, 'edit', challenge),
          })
        : nothing,
    ],
    below: [
      pending
        ? html`<p class="help">
            ${t('personal-info.contact.pending-detail', {
              masked: unbreakable(pending.masked),
              time: formatTime(pending.expiresAt, ctx.lang),
            })}
          </p>`
        : nothing,
      sectionError(`${kind}-error`, ctx.failed === kind ? t('personal-info.contact.dialog-failed') : null),
    ],
  });
}

/** Associate Mobile Number and Associate Email Address: masked value, badge, Edit / Add and Verify. */
export function renderContacts(ctx: ContactsContext): TemplateResult[] {
  return [contactRow('mobile', ctx.mobile, ctx), contactRow('email', ctx.email, ctx)];
}
