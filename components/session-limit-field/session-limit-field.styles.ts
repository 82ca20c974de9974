import { css } from 'lit';

export const sessionLimitFieldStyles = css`
  :host {
    display: block;
  }

  /* Block flow with margins between siblings, not grid gaps: the field sits inside the form's flex
     rows, and nested grids there made its layout about a fifth slower (bench: relayout of 20 forms).
     A fieldset's rendered legend is not in its content flow, so the margins skip it. */
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  [part~='base'] > :not(legend) + * {
    margin-block-start: calc(var(--_gap) * 0.5);
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
    padding-inline-start: 1.625em;
  }
  .settings > * + * {
    margin-block-start: calc(var(--_gap) * 0.75);
  }

  /* Small text (0.875em) gets the same space in the container's em. */
  .max__line,
  .option + .option {
    margin-block-start: 0.375em;
  }
  .max > [part~='error'],
  [part~='policy'] > [part~='reason'] {
    margin-block-start: calc(0.375em / 0.875);
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

  [part~='policy'] legend {
    padding: 0;
    margin-block-end: 0.375em;
  }

  /* The radio in the gutter, its label and hint beside it (1.125em radio + 0.5em). */
  .option {
    position: relative;
    padding-inline-start: 1.625em;
  }

  .option input {
    position: absolute;
    inset-block-start: 0;
    inset-inline-start: 0;
    margin-block-start: 0.2em;
  }

  .option label,
  .option .hint {
    display: block;
  }
  /* The first line is at least as tall as the radio with its offset. */
  .option label {
    min-block-size: 1.325em;
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
