import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent } from 'storybook/test';
import type { SessionLimitField } from 'personal-settings-elements';
import { isApiError } from 'personal-settings-elements/api';
import { componentDocs, eventNames } from './.storybook/custom-elements.js';
import { mockApi } from './.storybook/mock-api.js';
import { element, input, seeText, shadow } from './.storybook/play.js';

interface Args {
  name: string;
  /** `default-value`: `unlimited`, `3`, `3;deny`, `1;log-out`. */
  defaultValue: string;
  disabled: boolean;
  required: boolean;
  /** `error`: a refusal from the server shown on the field. */
  error: string;
  locale: string;
}

const field = (args: Args) =>
  html`<session-limit-field
    name=${args.name}
    default-value=${ifDefined(args.defaultValue || undefined)}
    ?disabled=${args.disabled}
    ?required=${args.required}
    error=${args.error || nothing}
    locale=${args.locale || nothing}
  ></session-limit-field>`;

/** Stories of `<session-limit-field>`; the docs page shows the class's JSDoc from custom-elements.json. */
const NOTE =
  '**In these stories** the field stands alone (it talks to no API); *In a plain form* shows the `FormData` it submits and what Reset brings back.';

const meta: Meta<Args> = {
  title: 'Elements/session-limit-field',
  component: 'session-limit-field',
  render: field,
  args: {
    name: 'sessionLimit',
    defaultValue: 'unlimited',
    disabled: false,
    required: false,
    error: '',
    locale: '',
  },
  argTypes: {
    name: { control: 'text' },
    defaultValue: { control: 'text', name: 'default-value' },
    error: { control: 'text', name: 'error' },
    locale: { control: 'select', options: ['', 'en', 'zh-CN'] },
  },
  parameters: {
    docs: componentDocs('session-limit-field', NOTE),
    actions: { handles: eventNames('session-limit-field') },
    // The field talks to no API on its own.
    mockApi: { user: null },
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Off by default: no limit on the number of online sessions. */
export const Unlimited: Story = {};

/** One session; a new login is refused while it is in use. */
export const OneSessionDeny: Story = { args: { defaultValue: '1;deny' } };

/** One session; a new login ends the existing session (the least recently active one). */
export const OneSessionLogOut: Story = { args: { defaultValue: '1;log-out' } };

/** 2–500 sessions: only "Not allowed" is possible, shown disabled with the reason. */
export const SeveralSessions: Story = { args: { defaultValue: '20;deny' } };

/** The user typed a number out of range: the error is shown once the change is committed. */
export const Invalid: Story = {
  args: { defaultValue: '1;deny' },
  async play({ canvasElement }) {
    const el = await element<SessionLimitField>(canvasElement, 'session-limit-field');
    const max = await input(shadow(el), 'Maximum sessions');
    await userEvent.tripleClick(max);
    await userEvent.keyboard('501');
    // Leaving the input commits the number: the browser fires `change` (user-event does not inside a
    // shadow root, so the story does what the browser would).
    max.blur();
    max.dispatchEvent(new Event('change', { bubbles: true }));
    await seeText(shadow(el), 'Enter a number no larger than 500.');
    await expect(el.validity.rangeOverflow).toBe(true);
  },
};

/** Disabled (also by a disabled `<fieldset>`): not editable, not submitted, not validated. */
export const Disabled: Story = { args: { defaultValue: '3;deny', disabled: true } };

/**
 * A refusal from the server on the field: the message of the mock's `400 validation-failed` when a
 * form saves a maximum of 3 with "Log out of the session", passed in `error`.
 */
export const ServerError: Story = {
  args: { defaultValue: '3;deny' },
  parameters: { mockApi: { user: 'admin' } },
  loaders: [
    async () => {
      try {
        await mockApi.patch({ sessionLimit: { max: 3, policy: 'log-out' } });
        return { serverError: 'The server accepted the value.' };
      } catch (error) {
        const problem = isApiError(error) ? error.problem : null;
        const messages = Object.values(problem?.fieldErrors ?? {}).flat();
        return { serverError: messages[0] ?? problem?.detail ?? String(error) };
      }
    },
  ],
  render: (args, { loaded }) => field({ ...args, error: String(loaded.serverError ?? '') }),
};

/** Simplified Chinese strings. */
export const Chinese: Story = { args: { defaultValue: '1;log-out', locale: 'zh-CN' } };

/**
 * In a plain `<form>`, with no framework: Submit shows the `FormData` the browser would post, Reset
 * brings back `default-value`. The field takes part in validation like a native control.
 */
export const InAPlainForm: Story = {
  args: { defaultValue: '1;deny' },
  render: (args) => {
    const onSubmit = (event: SubmitEvent) => {
      event.preventDefault();
      const form = event.currentTarget as HTMLFormElement;
      const output = form.querySelector('output');
      if (output) output.value = new URLSearchParams(new FormData(form) as never).toString();
    };
    return html`<form @submit=${onSubmit} style="display: grid; gap: 1rem; max-width: 40rem">
      <label>Account <input name="account" value="operator" /></label>
      ${field(args)}
      <div style="display: flex; gap: 0.5rem">
        <button type="submit">Submit</button>
        <button type="reset">Reset</button>
      </div>
      <p>Submitted: <output aria-live="polite"></output></p>
    </form>`;
  },
  async play({ canvasElement }) {
    const form = canvasElement.querySelector('form')!;
    await element<SessionLimitField>(canvasElement, 'session-limit-field');
    await userEvent.click([...form.querySelectorAll('button')].find((b) => b.textContent === 'Submit')!);
    await expect(form.querySelector('output')?.value).toBe('account=operator&sessionLimit=1%3Bdeny');
  },
};
