import { css, html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { asciiDigits } from './phone.js';

export interface CodeInputOptions {
  /** The input's id, for a `<label for>` in the same shadow root. */
  id: string;
  value: string;
  /** Number of digits (the server's `codeLength`, 6). */
  length: number;
  invalid?: boolean;
  /** Read-only while the code is being checked (keeps focus, unlike `disabled`). */
  readonly?: boolean;
  /** Ids of the hint / error / destination text, space separated. */
  describedBy?: string;
  /** Called with the digits only, at most `length` of them, on every change. */
  onValue: (value: string) => void;
}

/** Digits only, whatever the keyboard, IME or clipboard produced (`١٢٣ ٤٥٦`, `123-456`, `１２３４５６`). */
export const codeDigits = (text: string, length: number): string =>
  asciiDigits(text).replace(/\D/g, '').slice(0, length);

/**
 * A one-time-code field drawn as boxes. It is ONE real `<input>` laid over the boxes, so
 * `autocomplete="one-time-code"` autofill, paste of the whole code, the numeric keyboard
 * (`inputmode="numeric"`), undo and screen readers all work as for any text field; the boxes are
 * decoration (`aria-hidden`). Digits always run left to right (`dir="ltr"`), also in RTL pages.
 * The last digit does not submit anything: the user confirms with the form's OK (Enter in the
 * field submits the enclosing form, as in any text field).
 *
 * Part: `code-input` (the digit boxes inside are not public).
 */
export function renderCodeInput(o: CodeInputOptions): TemplateResult {
  const value = codeDigits(o.value, o.length);
  const accept = (next: string) => {
    const digits = codeDigits(next, o.length);
    o.onValue(digits);
    return digits;
  };
  const onInput = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const digits = accept(input.value);
    if (input.value !== digits) input.value = digits;
  };
  const onPaste = (event: ClipboardEvent) => {
    const input = event.target as HTMLInputElement;
    const pasted = codeDigits(event.clipboardData?.getData('text') ?? '', o.length);
    event.preventDefault();
    if (!pasted || input.readOnly) return;
    // A whole code replaces what was there; a part goes in at the caret.
    if (pasted.length === o.length) input.value = pasted;
    else
      input.setRangeText(pasted, input.selectionStart ?? 0, input.selectionEnd ?? input.value.length, 'end');
    input.value = accept(input.value);
    input.setSelectionRange(input.value.length, input.value.length);
  };
  // The boxes do not map to caret positions: a click puts the caret after the last digit.
  const onPointerUp = (event: Event) => {
    const input = event.target as HTMLInputElement;
    if (input.selectionStart === input.selectionEnd)
      input.setSelectionRange(input.value.length, input.value.length);
  };
  const active = Math.min(value.length, o.length - 1);
  const boxes = Array.from({ length: o.length }, (_, i) => {
    return html`<span class="code__box" ?data-active=${i === active}
      >${value[i] ?? ''}${i === active && i >= value.length ? html`<span class="code__caret"></span>` : ''}</span
    >`;
  });
  // No style attribute (a strict CSP without 'unsafe-inline' refuses it): the boxes lay themselves out.
  return html`<div class="code" part="code-input" dir="ltr">
    <input
      id=${o.id}
      class="code__input"
      type="text"
      inputmode="numeric"
      autocomplete="one-time-code"
      pattern="[0-9]*"
      enterkeyhint="done"
      spellcheck="false"
      autocapitalize="off"
      autocorrect="off"
      .value=${live(value)}
      ?readonly=${o.readonly ?? false}
      aria-invalid=${o.invalid ? 'true' : 'false'}
      aria-describedby=${ifDefined(o.describedBy)}
      @input=${onInput}
      @paste=${onPaste}
      @pointerup=${onPointerUp}
    />
    <div class="code__boxes" aria-hidden="true">${boxes}</div>
  </div>`;
}

export const codeInputStyles = css`
  .code {
    position: relative;
    display: inline-grid;
    align-self: flex-start; /* at the start of the line (the right in RTL), digits still left to right */
    max-inline-size: 100%;
  }
  .code__boxes {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(2rem, 3rem);
    gap: 0.5rem;
  }
  .code__box {
    display: grid;
    place-items: center;
    block-size: 3.25rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    font-size: 1.5rem;
    font-variant-numeric: tabular-nums;
    transition: border-color 120ms;
  }
  .code__input {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    padding: 0;
    border: 0;
    margin: 0;
    opacity: 0;
    font-size: 16px; /* no zoom-on-focus on iOS */
    letter-spacing: 2.5rem;
    cursor: text;
  }
  /* The hidden input has focus; the box the next digit goes into shows the focus ring. */
  .code__input:focus + .code__boxes .code__box[data-active] {
    border-color: var(--_accent);
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .code__input[aria-invalid='true'] + .code__boxes .code__box {
    border-color: var(--_danger);
  }
  .code__input[readonly] + .code__boxes .code__box {
    color: var(--_muted);
  }
  .code__caret {
    display: none;
    inline-size: 1px;
    block-size: 1.5rem;
    background: var(--_fg);
  }
  .code__input:focus + .code__boxes .code__caret {
    display: block;
    animation: code-caret 1s steps(1) infinite;
  }
  @keyframes code-caret {
    50% {
      opacity: 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .code__input:focus + .code__boxes .code__caret {
      animation: none;
    }
  }
  @media (forced-colors: active) {
    .code__input:focus + .code__boxes .code__box[data-active] {
      outline-color: Highlight;
    }
    .code__caret {
      background: CanvasText;
    }
  }
`;
