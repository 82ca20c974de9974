import { css } from 'lit';

export const sessionLimitFieldStyles = css`
  :host {
    display: block;
  }

  /* Block flow with margins between siblings, not grid gaps: the field sits inside the form's flex
     rows, and nested grids there made its layout about a fifth slower (bench: relayout of 20 forms).
     A fieldset's rendered legend is not in its content flow, so the margins skip it. */
  fieldset,
  legend {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  [part~='base'] > :not(legend) + * {
    margin-block-start: calc(var(--_gap) * 0.5);
  }

  [part~='legend'] {
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

  /* Small text (0.875em); the reason and the error keep 0.375em of the container's em above them. */
  .hint,
  [part~='reason'],
  [part~='error'] {
    margin: calc(0.375em / 0.875) 0 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .hint {
    margin: 0;
  }

  /* The settings under the checkbox's label; each option's label and hint beside its radio, which
     sits in the gutter (1.125em + 0.5em). */
  .settings,
  .option {
    padding-inline-start: 1.625em;
  }
  .settings > * + * {
    margin-block-start: calc(var(--_gap) * 0.75);
  }

  .max__line,
  .option {
    margin-block-start: 0.375em;
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

  .option {
    position: relative;
  }
  .option > * {
    display: block;
  }
  .option input {
    position: absolute;
    inset-block-start: 0.2em;
    inset-inline-start: 0;
  }
  /* The first line is at least as tall as the radio with its offset. */
  .option label {
    min-block-size: 1.325em;
  }

  [part~='error'] {
    color: var(--_danger);
  }

  [part~='error']:empty {
    display: none;
  }

  /* A form-associated element matches :disabled for its own attribute and a disabled fieldset alike. */
  .option input:disabled + label,
  :host(:disabled) label {
    color: var(--_muted);
  }
`;
