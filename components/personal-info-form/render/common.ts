import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Translate } from '../../shared/localize.js';

/** What every section renderer gets from the element. */
export interface SectionContext {
  readonly t: Translate;
  readonly lang: string;
  /** The element's locale, passed on to the elements it renders. */
  readonly locale: string;
  /** The host's string overrides (`strings`), passed on to the elements the form renders. */
  readonly strings: Partial<Record<string, string>> | null;
  /** A save or a reload is in flight: no other action starts (no double submit). */
  readonly busy: boolean;
}

export interface ActionOptions {
  label: string;
  /**
   * Appended to the label in the button's accessible name (`aria-label`), so three "Edit" buttons
   * have distinct names ("Edit mobile number"). The visible text stays the start of the name.
   */
  context?: string | undefined;
  primary?: boolean;
  /** Unavailable: `aria-disabled` (the button keeps focus, so a keyboard user is not thrown to the page). */
  unavailable?: boolean;
  busy?: boolean;
  id?: string;
  /** Ids of text that says why the button is unavailable (`aria-describedby`). */
  describedBy?: string | undefined;
  onClick?: (event: MouseEvent) => void;
}

/**
 * A button of the screen. Unavailable buttons use `aria-disabled` rather than `disabled`: pressing
 * Save must not move focus to the page when the button becomes unavailable while saving.
 */
export function action(options: ActionOptions): TemplateResult {
  const unavailable = options.unavailable === true;
  const onClick = (event: MouseEvent) => {
    if (unavailable) {
      event.preventDefault();
      return;
    }
    options.onClick?.(event);
  };
  return html`<button
    part="button${options.primary ? ' button--primary' : ''}"
    class="button ${options.primary ? 'button--primary' : ''}"
    id=${ifDefined(options.id)}
    type="button"
    aria-label=${options.context ? `${options.label} ${options.context}` : nothing}
    aria-disabled=${unavailable ? 'true' : 'false'}
    aria-busy=${options.busy ? 'true' : nothing}
    aria-describedby=${ifDefined(options.describedBy)}
    @click=${onClick}
  >
    ${options.label}
  </button>`;
}

export interface RowOptions {
  section: string;
  /** The row's label: a `<label for>` (one control) or a `<span id>` naming the row's group. */
  label: TemplateResult;
  /** The id of the `<span>` label: the row is then a group named by it. */
  groupLabel?: string;
  /** The value or control(s). */
  main: unknown;
  /** The row's buttons (Edit, Save, OK…): always right after the value, in the same column in every row. */
  actions: unknown;
  /** What goes under the value line: help, "Saved.", the section's error. */
  below?: unknown;
}

/**
 * One layout for every row: the label, then a line with the value (or control) and the row's
 * buttons, then help and errors under it. The value column has one width in every row, so the
 * buttons line up; where the line has no room the buttons wrap under the value.
 */
export function row(o: RowOptions): TemplateResult {
  return html`<div
    class="row"
    part="row"
    role=${o.groupLabel ? 'group' : nothing}
    aria-labelledby=${ifDefined(o.groupLabel)}
    data-section=${o.section}
  >
    ${o.label}
    <div class="field">
      <div class="line"><div class="main">${o.main}</div><div class="actions">${o.actions}</div></div>
      ${o.below ?? nothing}
    </div>
  </div>`;
}

/** The error under a section's controls, announced when it appears. */
export function sectionError(id: string, message: string | null): TemplateResult | typeof nothing {
  return message ? html`<p class="error" id=${id} part="error" role="alert">${message}</p>` : nothing;
}

/** "Saved." under the row's line after a section saved (the live region announces it). */
export function savedNote(saved: boolean, t: Translate): TemplateResult | typeof nothing {
  return saved ? html`<p class="saved">${t('personal-info.saved')}</p>` : nothing;
}
