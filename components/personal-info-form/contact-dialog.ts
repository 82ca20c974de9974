import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Challenge, ContactKind } from '../api/contract/index.js';
import type { PersonalInfoController } from '../api/personal-info-controller.js';
import type { ContactVerifyDialog } from '../contact-verify-dialog/contact-verify-dialog.js';
import type {
  ContactVerifyAfterHideEvent,
  ContactVerifyConfirmedEvent,
  ContactVerifySentEvent,
} from '../contact-verify-dialog/contact-verify-dialog.events.js';
import type { LocalizeController } from '../shared/localize.js';
import { PersonalInfoSavedEvent } from './personal-info-form.events.js';
import type { ContactMode } from './render/contacts.js';

/** The form the dialog belongs to. */
export interface ContactDialogHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly strings: Partial<Record<string, string>> | null;
}

/** The `<contact-verify-dialog>` of the contact rows (see {@link contactDialog}). */
export interface ContactDialog {
  /** Open the dialog for `kind` in `mode`, or at the code step of `challenge` (Enter code). */
  open(kind: ContactKind, mode: ContactMode, challenge?: Challenge): Promise<void>;
  /** The dialog element, once a row opened it. */
  render(): TemplateResult | typeof nothing;
  /** The contact whose dialog could not be loaded (offline, or the chunk is gone): its row says so. */
  readonly failed: ContactKind | null;
}

/**
 * How a page without `<contact-verify-dialog>` gets it on first use: `personal-info-form/define.ts`
 * sets a lazy `import()` of the dialog's define. Entries that define the dialog up front (`all.ts`,
 * `react.ts`, a host registering the classes itself) set none. Not in the form's own code: a bundler
 * gives an `import()` target a file of its own, even on a page that also imports it statically.
 */
let loadDialog: (() => Promise<unknown>) | undefined;

/** Let the form import `<contact-verify-dialog>` on first use (see {@link loadDialog}). */
export const lazyContactDialog = (load: () => Promise<unknown>): void => {
  loadDialog = load;
};

/** The dialog's parts, exported as the form's `contact-verify-*` parts. */
const PARTS = 'dialog base title close-button body alert label input code-input footer button button--primary'
  .split(' ')
  .map((p) => `${p}:contact-verify-${p}`)
  .join();

/**
 * The `<contact-verify-dialog>` of the contact rows: loaded with the first Edit / Verify / Add / Enter
 * code and opened for that contact — at the code step of its pending change for Enter code. Then what
 * the dialog does means for the form: a confirmed contact is said once and `personal-info-saved`
 * fires; focus goes back to the row; a code sent for a change left unfinished reloads the personal
 * info, so the row shows the change pending with Enter code; and the form renders again when a
 * pending change's code expires on this clock, so the row stops offering it at that moment.
 * (Closures rather than private fields: this is eager code, and minified locals are shorter.)
 */
export function contactDialog(
  host: ContactDialogHost,
  data: PersonalInfoController,
  localize: LocalizeController,
  announce: (text: string) => void,
): ContactDialog {
  /** The dialog's contact and mode; `null` until the first open (no dialog element before). */
  let shown: { kind: ContactKind; mode: ContactMode } | null = null;
  /** A code went out for a change since the dialog opened. */
  let changeSent = false;
  let failed: ContactKind | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  host.addController({
    hostUpdated() {
      clearTimeout(timer);
      const info = data.info;
      const left = [info?.mobile.pending, info?.email.pending]
        .map((p) => (p ? Date.parse(p.expiresAt) - Date.now() : 0))
        .filter((ms) => ms > 0);
      // Just after the earliest expiry (a browser keeps timers up to about 24.8 days).
      if (left.length) timer = setTimeout(() => host.requestUpdate(), Math.min(...left, 2 ** 31 - 99) + 50);
    },
    hostDisconnected: () => clearTimeout(timer),
  });
  const onSent = (event: ContactVerifySentEvent) => {
    if (event.detail.purpose === 'change') changeSent = true;
  };
  /** Focus went back to the opener; a Verify / Enter code button is gone once verified (after this update): then to Edit. */
  const onClosed = async (event: ContactVerifyAfterHideEvent) => {
    const { kind, confirmed } = event.detail;
    if (changeSent && !confirmed) void data.load();
    changeSent = false;
    await host.updateComplete;
    const active = (host.renderRoot as ShadowRoot).activeElement;
    if (active && active.localName !== 'contact-verify-dialog') return;
    host.renderRoot.querySelector<HTMLElement>(`#${kind}-edit`)?.focus();
  };
  const onConfirmed = (event: ContactVerifyConfirmedEvent) => {
    // The dialog saved it in the personal info it shares with the form (personalInfoContext).
    const info = data.info;
    const { kind } = event.detail;
    if (!info) return;
    const t = localize.t.bind(localize);
    announce(t('personal-info.contact.updated', { label: t(`personal-info.${kind}.label`) }));
    host.dispatchEvent(new PersonalInfoSavedEvent({ personalInfo: info, changed: [kind] }));
  };
  return {
    get failed() {
      return failed;
    },
    async open(kind, mode, challenge) {
      const before = shown;
      shown = { kind, mode };
      failed = null;
      host.requestUpdate();
      try {
        // Lazy: the dialog (and, through it, the phone metadata) loads on the first Edit / Verify / Add.
        if (!customElements.get('contact-verify-dialog')) {
          // A host registering the classes itself registers the dialog too: the console says so.
          if (!loadDialog) throw Error('not defined; register ContactVerifyDialog under this tag');
          await loadDialog();
        }
      } catch (error) {
        // Offline, or a deploy replaced the chunk: say so on the row. The browser keeps a failed
        // module import for the page's life, so the message asks for a reload.
        console.warn('personal-settings: could not load <contact-verify-dialog>', error);
        shown = before;
        failed = kind;
        host.requestUpdate(); // the row's message is a role="alert": said once, where it belongs
        return;
      }
      await host.updateComplete;
      const dialog = host.renderRoot.querySelector<ContactVerifyDialog>('contact-verify-dialog');
      changeSent = false;
      await (challenge ? dialog?.resume(challenge) : dialog?.show());
    },
    render: () =>
      shown
        ? html`<contact-verify-dialog
            exportparts=${PARTS}
            kind=${shown.kind}
            mode=${shown.mode}
            .locale=${localize.locale}
            .strings=${host.strings}
            @contact-verify-sent=${onSent}
            @contact-verify-confirmed=${onConfirmed}
            @contact-verify-after-hide=${onClosed}
          ></contact-verify-dialog>`
        : nothing,
  };
}
