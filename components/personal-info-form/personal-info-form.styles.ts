import { css } from 'lit';

/** Layout and look of `<personal-info-form>`; colours come from the shared tokens (light and dark). */
export const styles = css`
  :host {
    display: block;
  }

  .base {
    --_label-width: var(--personal-info-label-width, 16rem);
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    color: var(--_fg);
    background: var(--_bg);
    line-height: 1.5;
  }

  /* One layout for every row: the label, then the field column — a line with the value (or control)
     and the row's buttons, then help and errors under it. Label and field side by side; the row wraps
     (stacks, the label then full width) when the field would get under 19rem. Wrapping flex rows
     rather than container queries: no size containment, so no extra style and layout pass per form. */
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem var(--_gap);
    align-items: flex-start;
    padding-block-end: var(--_gap);
    border-block-end: 1px solid var(--_border);
  }
  .row:last-of-type {
    border-block-end: none;
  }

  .label {
    flex: 1 0 var(--_label-width);
    font-weight: 600;
  }
  .label,
  .value,
  .welcome {
    padding-block: 0.375rem;
  }

  .field {
    flex: 999 1 19rem;
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    min-width: 0;
  }

  /* The value column takes the same width in every row (up to --_value-width), so every row's
     buttons start at the same place; when the value and the buttons do not fit side by side, the
     buttons wrap under the value. */
  .line,
  .main,
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 0.5rem 0.75rem;
  }
  .main {
    flex: 1 1 16rem;
    max-inline-size: 30rem;
    min-inline-size: 0;
    align-items: center;
  }
  .main > :not(.value, .badge, select) {
    flex: 1 1 100%;
  }
  .actions {
    flex: none;
    gap: 0.5rem;
  }

  /* A masked value is one piece: “+86 138****5678” never breaks across lines. */
  .value {
    unicode-bidi: isolate;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .value--empty {
    color: var(--_muted);
    font-style: italic;
  }

  .badge {
    display: inline-flex;
    align-items: center;
    padding: 0.125rem 0.5rem;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: 0.875em;
  }
  .badge[data-state='verified'] {
    color: var(--_success);
  }
  .badge[data-state='unverified'],
  .badge[data-state='pending'] {
    color: var(--_warning);
  }
  .badge[data-state='pending'] {
    border-style: dashed;
  }

  .button,
  .control {
    min-block-size: 2.25rem;
    padding: 0.375rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
  }
  .button {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    padding-inline: 0.875rem;
    background: var(--_surface);
    cursor: pointer;
  }
  .button--primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-contrast);
  }
  /* Unavailable: grey, primary or not (not faded with opacity, which would fade the focus ring too;
     and not a pale accent, which the accent-coloured ring could not be told from). */
  .button[aria-disabled='true'] {
    border-color: var(--_border);
    background: var(--_surface);
    color: var(--_muted);
    cursor: not-allowed;
  }
  .button[aria-busy='true'] {
    cursor: progress;
  }
  .button[aria-busy='true']::before {
    content: '';
    box-sizing: border-box;
    inline-size: 0.875em;
    block-size: 0.875em;
  }

  select.control {
    min-inline-size: 12rem;
  }
  select.control:disabled {
    opacity: 0.7;
  }
  textarea.control {
    inline-size: 100%;
    min-block-size: 6rem;
    resize: vertical;
  }
  textarea.control[aria-invalid='true'] {
    border-color: var(--_danger);
  }

  .welcome {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  .meta {
    display: flex;
    justify-content: space-between;
    gap: var(--_gap);
  }
  .counter {
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }

  .help,
  .saved,
  .error {
    margin: 0;
    font-size: 0.875em;
  }
  .help {
    color: var(--_muted);
  }
  .saved {
    color: var(--_success);
  }
  .error {
    color: var(--_danger);
  }

  .state,
  .banner {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    padding: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .state--error {
    border-color: var(--_danger);
  }
  .state__message {
    margin: 0;
    flex: 1 1 16rem;
  }
  .spinner {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    color: var(--_accent);
  }
  .spinner,
  .button[aria-busy='true']::before {
    border: 2px solid;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  .skeleton {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }
  .skeleton__row {
    block-size: 2.25rem;
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .banner {
    align-items: flex-start;
    justify-content: space-between;
    padding-block: 0.75rem;
    border-color: var(--_warning);
    border-inline-start-width: 4px;
  }
  .banner p,
  .banner ul {
    margin: 0;
  }
  .banner ul {
    padding-inline-start: 1.25rem;
  }

  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner,
    .button[aria-busy='true']::before {
      animation: none;
    }
  }
  @media (forced-colors: active) {
    .button[aria-disabled='true'] {
      color: GrayText;
    }
  }
`;
