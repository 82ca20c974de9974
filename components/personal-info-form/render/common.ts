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
    @click=${onClick}
  >
    ${options.label}
  </button>`;
}

/** The error under a section's controls, announced when it appears. */
export function sectionError(id: string, message: string | null): TemplateResult | typeof nothing {
  return message ? html`<p class="error" id=${id} part="error" role="alert">${message}</p>` : nothing;
}

/** "Saved." beside the button after a section saved (the live region announces it). */
export function savedNote(saved: boolean, t: Translate): TemplateResult | typeof nothing {
  return saved ? html`<span class="saved">${t('personal-info.saved')}</span>` : nothing;
}
