import { css } from 'lit';

export const sessionLimitFieldStyles = css`
  :host {
    display: block;
  }

  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
    display: grid;
  }
  [part~='base'] {
    gap: calc(var(--_gap) * 0.5);
  }

  [part~='legend'] {
    padding: 0;
    display: flex;
    align-items: center;
    gap: 0.5em;
  }

  input[type='checkbox'],
  input[type='radio'] {
    inline-size: 1.125em;
    block-size: 1.125em;
    margin: 0;
    accent-color: var(--_accent);
    flex: none;
  }

  .hint,
  [part~='reason'],
  [part~='error'] {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }

  .settings {
    display: grid;
    gap: calc(var(--_gap) * 0.75);
    padding-inline-start: 1.625em;
  }

  .max {
    display: grid;
    justify-items: start;
    gap: 0.375em;
  }
  .max__line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.75em;
  }
  .max__line .hint {
    white-space: nowrap;
  }

  [part~='input'] {
    inline-size: var(--session-limit-field-input-width, 7em);
    padding-block: 0.375em;
    padding-inline: 0.625em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }

  [part~='input'][aria-invalid='true'] {
    border-color: var(--_danger);
  }

  [part~='input']:disabled {
    opacity: 0.6;
  }

  [part~='policy'] {
    gap: 0.375em;
  }

  [part~='policy'] legend {
    padding: 0;
    margin-block-end: 0.375em;
  }

  .option {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 0.5em;
    align-items: start;
  }

  .option input {
    margin-block-start: 0.2em;
  }

  .option .hint {
    grid-column: 2;
  }

  .option input:disabled + label {
    color: var(--_muted);
  }

  [part~='error'] {
    color: var(--_danger);
  }

  [part~='error']:empty {
    display: none;
  }

  :host([disabled]) label,
  :host(:disabled) label {
    color: var(--_muted);
  }
`;
