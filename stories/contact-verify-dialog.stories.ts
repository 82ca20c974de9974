import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { HttpResponse, http } from 'msw';
import { userEvent, waitFor } from 'storybook/test';
import type { ContactVerifyDialog } from 'personal-settings-elements';
import type { PersonalInfo } from 'personal-settings-elements/contract';
import { componentDocs, eventNames } from './.storybook/custom-elements.js';
import {
  API_BASE,
  type MockApi,
  type MockApiParameters,
  mockApi,
  SEEDED_PASSWORD,
} from './.storybook/mock-api.js';
import { click, element, input, seeText, shadow, typeInto } from './.storybook/play.js';

interface Args {
  kind: 'mobile' | 'email';
  mode: 'edit' | 'verify';
  endpoint: string;
  locale: string;
}

const NEW_EMAIL = 'new.person@example.com';
/** A Chinese mobile number (the region picker starts on China for `admin`, whose number is +86). */
const NEW_MOBILE = '13912345678';
const NEW_MOBILE_E164 = '+8613912345678';
/** `operator`'s seeded, unverified mobile number. */
const OPERATOR_MOBILE = '+8613900001111';

const dialog = (args: Args, personalInfo?: PersonalInfo) => {
  const open = (event: Event) => {
    const host = (event.currentTarget as HTMLElement).parentElement;
    void host?.querySelector<ContactVerifyDialog>('contact-verify-dialog')?.show();
  };
  return html`<div>
    <button type="button" @click=${open}>Open the dialog</button>
    <contact-verify-dialog
      kind=${args.kind}
      mode=${args.mode}
      endpoint=${args.endpoint}
      locale=${args.locale || nothing}
      .personalInfo=${personalInfo}
    ></contact-verify-dialog>
  </div>`;
};

/** Stories of `<contact-verify-dialog>`; the docs page shows the class's JSDoc from custom-elements.json. */
const NOTE =
  "**In these stories** every step runs the mock server's rules (in the page, through msw); the `play` functions open the dialog, type like a user and read the codes from the mock's outbox, as a user reads an SMS.";

const meta: Meta<Args> = {
  title: 'Elements/contact-verify-dialog',
  component: 'contact-verify-dialog',
  render: (args) => dialog(args),
  args: { kind: 'mobile', mode: 'edit', endpoint: API_BASE, locale: '' },
  argTypes: {
    kind: { control: 'inline-radio', options: ['mobile', 'email'] },
    mode: { control: 'inline-radio', options: ['edit', 'verify'] },
    endpoint: { control: 'text' },
    locale: { control: 'select', options: ['', 'en', 'zh-CN'] },
  },
  parameters: {
    actions: { handles: eventNames('contact-verify-dialog') },
    docs: { ...componentDocs('contact-verify-dialog', NOTE), story: { iframeHeight: 620 } },
  },
};
export default meta;

type Story = StoryObj<Args>;
type Play = NonNullable<Story['play']>;

// ---- steps (each `play` builds on the previous ones) ------------------------------------------

/** Open the dialog like a user (its opener gets focus back when it closes); returns its shadow root. */
async function open(canvasElement: HTMLElement): Promise<ShadowRoot> {
  const el = await element<ContactVerifyDialog>(canvasElement, 'contact-verify-dialog');
  await userEvent.click(canvasElement.querySelector('button')!);
  const root = shadow(el);
  // Open, loaded, and showing a step (every step, and every dead end, ends with the button row).
  await waitFor(
    () => {
      if (!el.open || !root.querySelector('[part~="footer"]')) throw new Error('waiting for the dialog');
    },
    { timeout: 10_000 },
  );
  return root;
}

async function passwordStep(root: ShadowRoot, password = SEEDED_PASSWORD): Promise<void> {
  await typeInto(root, 'Password', password);
  await click(root, 'Next');
}

async function valueStep(root: ShadowRoot, kind: Args['kind']): Promise<void> {
  const label = kind === 'mobile' ? 'New mobile number' : 'New email address';
  await typeInto(root, label, kind === 'mobile' ? NEW_MOBILE : NEW_EMAIL);
  await click(root, 'Send code');
  await seeText(root, 'We sent a 6-digit code');
}

/** Type a code into the code field (the last digit submits nothing), then confirm it with OK. */
async function enterCode(root: ShadowRoot, code: string): Promise<void> {
  await typeInto(root, 'Verification code', code);
  await click(root, 'OK');
}

/** A code that is surely not the one sent. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

const editUntil =
  (kind: Args['kind'], step: 'identity' | 'value' | 'code' | 'typed'): Play =>
  async ({ canvasElement }) => {
    const root = await open(canvasElement);
    await seeText(root, 'Password');
    if (step === 'identity') return;
    await passwordStep(root);
    await seeText(root, kind === 'mobile' ? 'New mobile number' : 'New email address');
    if (step === 'value') return;
    await valueStep(root, kind);
    if (step === 'code') return;
    // Typed, waiting for OK: nothing is sent until the user confirms (OK saves and closes the dialog).
    await typeInto(
      root,
      'Verification code',
      await mockApi.latestCode(kind === 'mobile' ? NEW_MOBILE_E164 : NEW_EMAIL),
    );
  };

/** `operator` verifies the seeded mobile number: Send code, then (optionally) the code. */
const verifyUntil =
  (step: 'send' | 'code' | 'typed'): Play =>
  async ({ canvasElement }) => {
    const root = await open(canvasElement);
    if (step === 'send') return;
    await click(root, 'Send code');
    await seeText(root, 'We sent a 6-digit code');
    if (step === 'code') return;
    await typeInto(root, 'Verification code', await mockApi.latestCode(OPERATOR_MOBILE));
  };

const asOperator = (setup?: (api: MockApi) => Promise<unknown>): { mockApi: MockApiParameters } => ({
  mockApi: setup ? { user: 'operator', setup } : { user: 'operator' },
});
const verifyMobile = { kind: 'mobile', mode: 'verify' } as const;

/** Verify (`operator`'s number) up to the code step, then `then` with the code that was sent. */
const afterCodeSent = (then: (root: ShadowRoot, code: string) => Promise<void>): Story => ({
  args: verifyMobile,
  parameters: asOperator(),
  async play(context) {
    await verifyUntil('code')(context);
    const root = shadow(context.canvasElement.querySelector('contact-verify-dialog'));
    await then(root, await mockApi.latestCode(OPERATOR_MOBILE));
  },
});

/** A story (its args and parameters) that opens the dialog, clicks Send code and then shows `message`. */
const sendCodeShows = (story: Pick<Story, 'args' | 'parameters'>, message: string): Story => ({
  ...story,
  async play({ canvasElement }) {
    const root = await open(canvasElement);
    await click(root, 'Send code');
    await waitIdle(root);
    await seeText(root, message);
  },
});

/** Verify (`operator`'s number) with the mock put in a state by `setup`: Send code is refused with `message`. */
const sendCodeRefused = (setup: (api: MockApi) => Promise<unknown>, message: string): Story =>
  sendCodeShows({ args: verifyMobile, parameters: asOperator(setup) }, message);

// ---- edit mobile ------------------------------------------------------------------------------

/** Edit mobile, step 1: confirm it is you with your password. */
export const EditMobileIdentity: Story = { play: editUntil('mobile', 'identity') };

/** Edit mobile, step 2: the new number, with its country or region (validated and formatted). */
export const EditMobileNewNumber: Story = { play: editUntil('mobile', 'value') };

/** Edit mobile, step 3: the code sent to the **new** number, with the resend countdown. */
export const EditMobileCode: Story = { play: editUntil('mobile', 'code') };

/** Edit mobile, step 3 with the code typed: the last digit submits nothing — OK confirms, saves and closes. */
export const EditMobileCodeTyped: Story = { play: editUntil('mobile', 'typed') };

// ---- edit email -------------------------------------------------------------------------------

export const EditEmailIdentity: Story = { args: { kind: 'email' }, play: editUntil('email', 'identity') };
export const EditEmailNewAddress: Story = { args: { kind: 'email' }, play: editUntil('email', 'value') };
export const EditEmailCode: Story = { args: { kind: 'email' }, play: editUntil('email', 'code') };
export const EditEmailCodeTyped: Story = { args: { kind: 'email' }, play: editUntil('email', 'typed') };

// ---- verify -----------------------------------------------------------------------------------

/** Verify (`operator`'s unverified number): send a code to the current value. */
export const VerifySend: Story = { args: verifyMobile, parameters: asOperator(), play: verifyUntil('send') };
/** Verify: the code was sent. */
export const VerifyCode: Story = { args: verifyMobile, parameters: asOperator(), play: verifyUntil('code') };
/** Verify: the code typed, waiting for OK (which verifies it and closes the dialog). */
export const VerifyCodeTyped: Story = {
  args: verifyMobile,
  parameters: asOperator(),
  play: verifyUntil('typed'),
};

// ---- errors -----------------------------------------------------------------------------------

/** A wrong code: the tries left are shown under the field. */
export const WrongCode: Story = afterCodeSent(async (root, code) => {
  await enterCode(root, wrong(code));
  await seeText(root, 'That code is not correct.');
});

/**
 * The code expired (the mock's clock moved 5 minutes on): one message in one place, no lifetime hint,
 * and one way on — Send a new code.
 */
export const CodeExpired: Story = afterCodeSent(async (root, code) => {
  await mockApi.advanceClock(5 * 60 + 1);
  await enterCode(root, code);
  await seeText(root, 'This code has expired');
});

/**
 * `resume(challenge)`: a change left pending (its code sent earlier in this session) opened at its code
 * step — what a row's Enter code does. The challenge comes from the contact's `pending.challenge`.
 */
export const ResumedPendingChange: Story = {
  args: { kind: 'email' },
  parameters: { mockApi: { user: 'admin', setup: (api: MockApi) => api.startChange('email', NEW_EMAIL) } },
  async play({ canvasElement }) {
    const el = canvasElement.querySelector<ContactVerifyDialog>('contact-verify-dialog');
    const info = (await (await fetch(`${API_BASE}/me/personal-info`)).json()) as PersonalInfo;
    const challenge = info.email.pending?.challenge;
    if (!el || !challenge) throw new Error('no pending change to resume');
    await el.resume(challenge);
    await seeText(shadow(el), 'We sent a 6-digit code to');
  },
};

/** Five wrong tries: that code is dead. One message under the field, and one way on — Send a new code. */
export const TooManyTries: Story = afterCodeSent(async (root, code) => {
  for (let i = 0; i < 5; i++) {
    await enterCode(root, wrong(code));
    await waitIdle(root);
  }
  await seeText(root, 'Too many wrong codes');
});

/** A code was sent less than a minute ago (from another tab): the server's 429 `cooldown`, with the wait. */
export const Cooldown: Story = sendCodeRefused(
  (api) => api.sendVerifyCode('mobile'),
  'A code was sent a moment ago.',
);

/** Five codes went to this number within the hour: 429 `rate-limited`, try again later. */
export const RateLimited: Story = sendCodeRefused(async (api) => {
  for (let i = 0; i < 5; i++) {
    await api.sendVerifyCode('mobile');
    await api.advanceClock(61);
  }
}, 'Too many codes were sent');

/** The SMS gateway is not configured (503 `notification-not-configured`): ask the administrator. */
export const NotificationNotConfigured: Story = sendCodeRefused(
  (api) => api.setNotifications('mobile', false),
  'administrator',
);

/**
 * The identity check expired (more than 5 minutes on the new-value step): the dialog asks for the
 * password again and then continues where the user left off.
 */
export const StepUpExpired: Story = {
  args: { kind: 'email' },
  async play(context) {
    await editUntil('email', 'value')(context);
    const root = shadow(context.canvasElement.querySelector('contact-verify-dialog'));
    await mockApi.advanceClock(5 * 60 + 1);
    await typeInto(root, 'New email address', NEW_EMAIL);
    await click(root, 'Send code');
    await seeText(root, 'Your identity check has expired');
  },
};

/** The network dropped the request: say so, and offer Try again. */
export const NetworkError: Story = sendCodeShows(
  {
    args: verifyMobile,
    parameters: {
      ...asOperator(),
      msw: [http.post(`${API_BASE}/me/contacts/:kind/challenges`, () => HttpResponse.error())],
    },
  },
  'The server could not be reached.',
);

/**
 * A third-party user (`sso.user`, no password) confirms it is them with a code sent to their
 * verified email address before adding a mobile number.
 */
export const ThirdPartyCodeStepUp: Story = sendCodeShows(
  { parameters: { mockApi: { user: 'sso.user' } } },
  'We sent a 6-digit code',
);

/**
 * No way to confirm identity: a user without a password and without a verified contact cannot edit
 * here (the personal info is given by the host, from `sso.user`'s, without the verified email).
 */
export const NoVerifiedContact: Story = {
  parameters: { mockApi: { user: 'sso.user' } },
  loaders: [
    async () => {
      const info = await mockApi.personalInfo();
      const none = { masked: null, verified: false, pending: null };
      return {
        personalInfo: {
          ...info,
          email: { ...info.email, ...none },
          mobile: { ...info.mobile, ...none },
          stepUpMethods: [],
        } satisfies PersonalInfo,
      };
    },
  ],
  render: (args, { loaded }) => dialog(args, loaded.personalInfo as PersonalInfo),
  async play({ canvasElement }) {
    const root = await open(canvasElement);
    await seeText(root, 'cannot be changed here');
  },
};

/** Simplified Chinese, on the new-number step. */
export const Chinese: Story = {
  args: { locale: 'zh-CN' },
  async play({ canvasElement }) {
    const el = await element<ContactVerifyDialog>(canvasElement, 'contact-verify-dialog');
    await userEvent.click(canvasElement.querySelector('button')!);
    const root = shadow(el);
    const password = await input(root, '密码');
    await userEvent.click(password);
    await userEvent.keyboard(SEEDED_PASSWORD);
    await userEvent.keyboard('{Enter}');
    await seeText(root, '新手机号码');
  },
};

/** Until no request is in flight (the primary button is not busy). */
async function waitIdle(root: ShadowRoot): Promise<void> {
  await waitFor(
    () => {
      if (root.querySelector('[data-busy]')) throw new Error('busy');
    },
    { timeout: 10_000 },
  );
}
