import { css } from 'lit';
import { codeInputStyles } from '../shared/code-input.js';
import { tokens } from '../shared/tokens.js';

const own = css`
  :host {
    display: contents;
  }

  .dialog {
    inline-size: min(calc(100vw - 2rem), var(--contact-verify-width, 30rem));
    max-inline-size: none;
    max-block-size: calc(100dvh - 2rem);
    padding: 0;
    border: 0;
    background: transparent;
    color: var(--_fg);
    overflow: visible;
  }
  .dialog::backdrop {
    background: var(--contact-verify-backdrop, rgb(10 14 20 / 0.5));
  }
  /* Only the backdrop fades in: the panel is usable (and clickable where it is drawn) at once. */
  .dialog[open]::backdrop {
    animation: backdrop-in 160ms ease-out;
  }
  @keyframes backdrop-in {
    from {
      opacity: 0;
    }
  }
  /* The panel is the container the narrow rules measure (the dialog's own width, not the page's). */
  .base {
    container: contact-verify / inline-size;
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    max-block-size: calc(100dvh - 2rem);
    overflow: auto;
    padding: 1.25rem 1.5rem 1.5rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 2);
    background: var(--_bg);
    box-shadow: 0 1.25rem 3rem rgb(0 0 0 / 0.25);
    line-height: 1.45;
  }

  .header {
    display: flex;
    align-items: flex-start;
    gap: 0.75rem;
  }
  .title {
    flex: 1;
    margin: 0;
    font-size: 1.15rem;
    font-weight: 600;
    line-height: 1.3;
  }
  .close,
  .icon-button {
    display: inline-grid;
    place-items: center;
    inline-size: 2.25rem;
    block-size: 2.25rem;
    flex: none;
    padding: 0;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_muted);
    cursor: pointer;
  }
  .close {
    margin-block: -0.4rem;
    margin-inline-end: -0.6rem;
  }
  .close:hover,
  .icon-button:hover {
    background: var(--_surface);
    color: var(--_fg);
  }
  svg {
    inline-size: 1rem;
    block-size: 1rem;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.6;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  .steps__count {
    margin: 0 0 0.5rem;
    color: var(--_muted);
    font-size: 0.85rem;
  }
  .steps__list {
    display: flex;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .steps__item {
    display: flex;
    flex: 1;
    align-items: center;
    gap: 0.4rem;
    min-inline-size: 0;
    padding-block-start: 0.5rem;
    border-block-start: 3px solid var(--_border);
    color: var(--_muted);
    font-size: 0.85rem;
  }
  .steps__item[data-done],
  .steps__item[aria-current] {
    border-block-start-color: var(--_accent);
    color: var(--_fg);
  }
  .steps__item[aria-current] {
    font-weight: 600;
  }
  .steps__dot {
    display: inline-grid;
    place-items: center;
    inline-size: 1.4rem;
    block-size: 1.4rem;
    flex: none;
    border: 1px solid currentColor;
    border-radius: 50%;
    font-size: 0.75rem;
  }
  .steps__item[aria-current] .steps__dot,
  .steps__item[data-done] .steps__dot {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_accent-contrast);
  }
  /* A step's label breaks only between words (never inside one, in Chinese neither); where three
     labels cannot fit, they hide and the count names the current step instead. */
  .steps__label {
    min-inline-size: 0;
    overflow-wrap: normal;
    word-break: keep-all;
    hyphens: manual;
    line-height: 1.2;
  }
  .steps__count-narrow {
    display: none;
  }
  @container contact-verify (max-width: 25rem) {
    .steps__label,
    .steps__count-wide {
      display: none;
    }
    .steps__count-narrow {
      display: inline;
    }
  }

  .form {
    display: contents;
  }
  .body {
    display: flex;
    flex-direction: column;
    gap: 1rem;
  }
  p {
    margin: 0;
  }
  .text--muted {
    color: var(--_muted);
  }

  .field {
    display: flex;
    flex-direction: column;
    gap: 0.4rem;
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .field__label {
    padding: 0;
    font-weight: 600;
  }
  .field__hint {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .field__hint--ok {
    color: var(--_success);
  }
  .field__error {
    display: flex;
    align-items: flex-start;
    gap: 0.4rem;
    color: var(--_danger);
    font-size: 0.875rem;
  }
  .field__error svg {
    flex: none;
    margin-block-start: 0.15rem;
  }

  .input,
  .region-popup__search {
    min-block-size: 2.5rem;
    padding: 0.5rem 0.75rem;
  }
  .input {
    inline-size: 100%;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .input:focus-visible {
    border-color: var(--_accent);
  }
  .input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .input-row {
    display: flex;
    gap: 0.5rem;
  }
  .input-row .icon-button {
    block-size: auto;
    border-color: var(--_border);
  }
  .icon-button[aria-pressed='true'] {
    color: var(--_accent);
  }

  .choices {
    gap: 0.5rem;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 0.6rem;
    padding: 0.6rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .choice:has(input:checked) {
    border-color: var(--_accent);
    background: var(--_surface);
  }
  .choice input {
    margin: 0.25rem 0 0;
    accent-color: var(--_accent);
  }

  .phone {
    display: flex;
    gap: 0.5rem;
  }
  .phone .input {
    flex: 1;
    min-inline-size: 0;
  }
  .region__button {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    flex: none;
    min-block-size: 2.5rem;
    padding-inline: 0.65rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
  }
  .region__iso,
  .region-option__iso {
    display: inline-grid;
    place-items: center;
    min-inline-size: 1.9rem;
    padding: 0.05rem 0.25rem;
    border-radius: 3px;
    background: var(--_bg);
    color: var(--_muted);
    font-size: 0.75rem;
    font-weight: 600;
    letter-spacing: 0.04em;
  }
  .region__chevron {
    color: var(--_muted);
  }
  .region__button[aria-expanded='true'] .region__chevron {
    transform: rotate(180deg);
  }
  .region-popup {
    display: flex;
    flex-direction: column;
    overflow: hidden;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    box-shadow: 0 0.5rem 1.5rem rgb(0 0 0 / 0.12);
  }
  .region-popup__search {
    border: 0;
    border-block-end: 1px solid var(--_border);
    background: transparent;
  }
  /* Inside the popup (which clips): the ring is drawn within the search field. */
  .region-popup__search:focus-visible {
    outline-offset: -4px;
  }
  .region-popup__list {
    max-block-size: 14rem;
    margin: 0;
    padding: 0.25rem;
    overflow: auto;
    list-style: none;
    overscroll-behavior: contain;
  }
  .region-option {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    padding: 0.45rem 0.5rem;
    border-radius: calc(var(--_radius) - 2px);
    cursor: pointer;
  }
  .region-option:hover {
    background: var(--_surface);
  }
  .region-option[data-active] {
    background: var(--_accent);
    color: var(--_accent-contrast);
  }
  .region-option[data-active] .region-option__iso {
    background: var(--_accent-contrast);
    color: var(--_accent);
  }
  .region-option[aria-selected='true'] {
    font-weight: 600;
  }
  .region__dial,
  .region-option__dial,
  .countdown {
    font-variant-numeric: tabular-nums;
  }
  .region-option__name {
    flex: 1;
  }
  .region-popup__none {
    padding: 0.75rem;
    color: var(--_muted);
  }

  .wrong {
    white-space: nowrap;
  }
  .link {
    display: inline;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
  }
  .link[aria-disabled='true'] {
    color: var(--_muted);
    text-decoration: none;
    cursor: default;
  }

  .alert {
    display: flex;
    gap: 0.6rem;
    padding: 0.75rem 0.9rem;
    border: 1px solid color-mix(in srgb, var(--_danger) 40%, transparent);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_danger) 7%, var(--_bg));
  }
  .alert[data-tone='status'] {
    border-color: color-mix(in srgb, var(--_accent) 40%, transparent);
    background: color-mix(in srgb, var(--_accent) 6%, var(--_bg));
  }
  .alert__icon {
    flex: none;
    margin-block-start: 0.2rem;
    color: var(--_danger);
  }
  .alert[data-tone='status'] .alert__icon {
    color: var(--_accent);
  }
  .alert__text {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.25rem;
  }
  .alert__message {
    font-weight: 600;
  }

  .success {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.75rem;
    padding-block: 0.5rem;
    text-align: center;
  }
  .success__icon {
    inline-size: 3rem;
    block-size: 3rem;
    color: var(--_success);
    stroke-width: 1.5;
  }

  .footer {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.75rem;
    padding-block-start: 0.25rem;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-block-size: 2.5rem;
    min-inline-size: 6rem;
    padding: 0.5rem 1.1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    font-weight: 600;
    cursor: pointer;
  }
  .button:hover {
    background: var(--_surface);
  }
  .button[data-primary] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_accent-contrast);
  }
  .button[data-primary]:hover {
    background: color-mix(in srgb, var(--_accent) 88%, var(--_fg));
  }
  /* Unavailable: grey, primary or not (not faded with opacity, which would fade the focus ring too;
     and not a pale accent, which the accent-coloured ring could not be told from). */
  .button[aria-disabled='true'],
  .button[data-primary][aria-disabled='true'] {
    border-color: var(--_border);
    background: var(--_surface);
    color: var(--_muted);
    cursor: not-allowed;
  }
  .button[data-busy] {
    cursor: progress;
  }

  .spinner {
    display: inline-block;
    inline-size: 1em;
    block-size: 1em;
    margin-inline-end: 0.4rem;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    vertical-align: -0.15em;
    animation: spin 0.8s linear infinite;
  }
  .button .spinner {
    margin: 0;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .dialog[open]::backdrop {
      animation: none;
    }
    .spinner {
      animation-duration: 2.4s;
    }
  }
  /* A modal sits in the viewport: on a phone-sized one it takes more of the width. */
  @media (max-width: 30rem) {
    .dialog {
      inline-size: calc(100vw - 1rem);
    }
    .base {
      padding: 1rem;
    }
  }
  @media (forced-colors: active) {
    .button[data-primary],
    .region-option[data-active] {
      border: 2px solid Highlight;
    }
  }
`;

export const styles = [tokens, codeInputStyles, own];
