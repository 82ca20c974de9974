import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { delay, HttpResponse, http } from 'msw';
import { expect } from 'storybook/test';
import type { ContactVerifyDialog, PersonalInfoForm, SessionExpiredEvent } from 'personal-settings-elements';
import { componentDocs, eventNames } from './.storybook/custom-elements.js';
import { API_BASE, type MockApiParameters } from './.storybook/mock-api.js';
import { click, element, seeText, shadow } from './.storybook/play.js';

interface Args {
  endpoint: string;
  /** Space-separated subset of `contacts auto-logout session-limit welcome-message`. */
  sections: string;
  locale: string;
}

const form = (args: Args) =>
  html`<personal-info-form
    endpoint=${args.endpoint}
    sections=${args.sections || nothing}
    locale=${args.locale || nothing}
  ></personal-info-form>`;

const mockApi = (parameters: MockApiParameters) => ({ mockApi: parameters });

/** Stories of `<personal-info-form>`; the docs page shows the class's JSDoc from custom-elements.json. */
const NOTE =
  "**In these stories** the data is the mock server's seeded users (`admin`, `operator`, `sso.user`), changed through the API where a story needs another state; saving, the dialogs and the errors all run the mock's real rules.";

const meta: Meta<Args> = {
  title: 'Elements/personal-info-form',
  component: 'personal-info-form',
  render: form,
  args: { endpoint: API_BASE, sections: '', locale: '' },
  argTypes: {
    endpoint: { control: 'text' },
    sections: { control: 'text' },
    locale: { control: 'select', options: ['', 'en', 'zh-CN'] },
  },
  parameters: {
    actions: { handles: [...eventNames('personal-info-form'), ...eventNames('contact-verify-dialog')] },
    docs: { ...componentDocs('personal-info-form', NOTE), story: { iframeHeight: 640 } },
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Click the form's `button` (partial name) and return the `<contact-verify-dialog>` it opens. */
async function openDialogWith(canvasElement: HTMLElement, button: string): Promise<ContactVerifyDialog> {
  const el = await element<PersonalInfoForm>(canvasElement, 'personal-info-form');
  await click(shadow(el), button, true);
  return element<ContactVerifyDialog>(shadow(el), 'contact-verify-dialog');
}

/** Waiting for `GET /me/personal-info` (the mock never answers in this story). */
export const Loading: Story = {
  parameters: {
    msw: [
      http.get(`${API_BASE}/me/personal-info`, async () => {
        await delay('infinite');
      }),
    ],
  },
};

/** `admin`, a local user: verified mobile number and email address, every setting editable. */
export const LoadedAdmin: Story = {
  async play({ canvasElement }) {
    const el = await element<PersonalInfoForm>(canvasElement, 'personal-info-form');
    await seeText(shadow(el), '+86 138****5678');
  },
};

/** Settings already made (through the API): auto-logout 60 minutes, one session with log-out, a welcome message. */
export const WithSettings: Story = {
  parameters: mockApi({
    setup: (api) =>
      api.patch({
        autoLogoutMinutes: 60,
        sessionLimit: { max: 1, policy: 'log-out' },
        welcomeMessage: 'Welcome back.\nMaintenance window: Sundays 02:00–04:00.',
      }),
  }),
  async play({ canvasElement }) {
    const el = await element<PersonalInfoForm>(canvasElement, 'personal-info-form');
    await seeText(shadow(el), 'Maintenance window');
  },
};

/**
 * The host already has the data (its own `GET /me/personal-info`, or server-rendered) and sets
 * `personalInfo`: the form shows it in its first render, with no loading state and no request of its
 * own; saving still goes through `endpoint`.
 */
export const DataFromTheHost: Story = {
  loaders: [
    async () => ({
      personalInfo: await (await fetch(`${API_BASE}/me/personal-info`, { credentials: 'include' })).json(),
    }),
  ],
  render: (args, { loaded }) =>
    html`<personal-info-form
      endpoint=${args.endpoint}
      sections=${args.sections || nothing}
      .personalInfo=${loaded.personalInfo}
    ></personal-info-form>`,
  async play({ canvasElement }) {
    const el = await element<PersonalInfoForm>(canvasElement, 'personal-info-form');
    await expect(el.matches(':state(loading)')).toBe(false);
    await seeText(shadow(el), '+86 138****5678');
  },
};

/** `operator`, a remote user: an unverified mobile number (Verify) and no email address (Add). */
export const OperatorUnverifiedNoEmail: Story = {
  parameters: mockApi({ user: 'operator' }),
  async play({ canvasElement }) {
    const el = await element<PersonalInfoForm>(canvasElement, 'personal-info-form');
    await seeText(shadow(el), 'Not verified');
  },
};

/** `sso.user`, a third-party user: auto-logout fixed at 30 minutes, shown disabled with the reason. */
export const ThirdPartyUser: Story = {
  parameters: mockApi({ user: 'sso.user' }),
  async play({ canvasElement }) {
    const el = await element<PersonalInfoForm>(canvasElement, 'personal-info-form');
    await seeText(shadow(el), 'third-party users');
  },
};

/**
 * A change of the email address waiting for its code: the old value stays until the code is verified,
 * and the row offers Enter code (in the session that sent the code, while the code lives).
 */
export const PendingContact: Story = {
  parameters: mockApi({ setup: (api) => api.startChange('email', 'new.admin@example.com') }),
  async play({ canvasElement }) {
    const el = await element<PersonalInfoForm>(canvasElement, 'personal-info-form');
    await seeText(shadow(el), 'a***n@example.com');
    await seeText(shadow(el), 'Change pending');
    await seeText(shadow(el), 'Enter code');
  },
};

/** Enter code on a pending change: the dialog opens at its code step, the code's countdown running. */
export const PendingContactEnterCode: Story = {
  parameters: mockApi({ setup: (api) => api.startChange('email', 'new.admin@example.com') }),
  async play({ canvasElement }) {
    const dialog = await openDialogWith(canvasElement, 'Enter code');
    await seeText(shadow(dialog), 'We sent a 6-digit code to');
    await seeText(shadow(dialog), 'Step 3 of 3');
  },
};

/**
 * The SMS gateway is not configured: Verify → Send code answers 503 `notification-not-configured`
 * and the dialog says what to do.
 */
export const NotificationNotConfigured: Story = {
  parameters: mockApi({ user: 'operator', setup: (api) => api.setNotifications('mobile', false) }),
  async play({ canvasElement }) {
    const dialog = await openDialogWith(canvasElement, 'Verify');
    await click(shadow(dialog), 'Send code');
    await seeText(shadow(dialog), 'administrator');
  },
};

/**
 * Loading failed (the network dropped the request): the message and Retry. The failure happens once,
 * so Retry loads the screen.
 */
export const LoadErrorRetry: Story = {
  parameters: {
    msw: [http.get(`${API_BASE}/me/personal-info`, () => HttpResponse.error(), { once: true })],
  },
  async play({ canvasElement }) {
    const el = await element<PersonalInfoForm>(canvasElement, 'personal-info-form');
    await seeText(shadow(el), 'Retry');
  },
};

/**
 * The session ended while the user was away (idle longer than auto-logout: the mock's clock moved
 * 31 minutes): the screen says so and fires `session-expired`; the host would show its login page.
 */
export const SessionExpired: Story = {
  parameters: mockApi({ setup: (api) => api.advanceClock(31 * 60) }),
  render: (args) => {
    const onExpired = (event: SessionExpiredEvent) => {
      const log = (event.currentTarget as HTMLElement).querySelector('output');
      if (log) log.value = `session-expired (${event.detail.reason}): the host would go to its login page.`;
    };
    return html`<div @session-expired=${onExpired}>
      ${form(args)}
      <p>Host: <output aria-live="polite"></output></p>
    </div>`;
  },
  async play({ canvasElement }) {
    await element<PersonalInfoForm>(canvasElement, 'personal-info-form');
    await seeText(canvasElement, 'session-expired (session-expired)');
  },
};

/** Only some sections: `sections="auto-logout session-limit"`. */
export const SectionsSubset: Story = { args: { sections: 'auto-logout session-limit' } };

/** Simplified Chinese (the toolbar's locale, i.e. `lang` on the page). */
export const Chinese: Story = { globals: { locale: 'zh-CN' } };

/** Dark: `color-scheme: dark` on the page. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** Right to left: `dir="rtl"` on the page. */
export const RightToLeft: Story = { globals: { direction: 'rtl' } };

/** An endpoint that is not HTTPS, not same-origin and not loopback is refused, visibly. */
export const InsecureEndpoint: Story = {
  args: { endpoint: 'http://console.example.com/api/v1' },
  async play({ canvasElement }) {
    const el = await element<PersonalInfoForm>(canvasElement, 'personal-info-form');
    await seeText(shadow(el), 'Configuration error');
    await expect(el.personalInfo).toBeNull();
  },
};

/**
 * Host CSS reaching inside the form: its own parts (`row`) and the nested `<session-limit-field>`'s,
 * which the form re-exports as `session-limit-*` (`exportparts`):
 * `personal-info-form::part(session-limit-input)`.
 */
export const StyledFromTheHost: Story = {
  parameters: mockApi({ setup: (api) => api.patch({ sessionLimit: { max: 3, policy: 'deny' } }) }),
  render: (args) =>
    html`<style>
        .host-themed personal-info-form::part(row) {
          border-inline-start: 4px solid #0b7a55;
          padding-inline-start: 0.75rem;
        }
        .host-themed personal-info-form::part(session-limit-input) {
          inline-size: 6em;
          font-weight: 700;
        }
        .host-themed personal-info-form::part(session-limit-hint) {
          font-style: italic;
        }
      </style>
      <div class="host-themed">${form(args)}</div>`,
  async play({ canvasElement }) {
    const el = await element<PersonalInfoForm>(canvasElement, 'personal-info-form');
    await seeText(shadow(el), 'a***n@example.com');
    const field = shadow(el).querySelector('session-limit-field');
    const input = field?.shadowRoot?.querySelector('[part~="input"]');
    await expect(input && getComputedStyle(input).fontWeight).toBe('700');
  },
};
