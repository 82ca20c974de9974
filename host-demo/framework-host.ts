/**
 * What the React and Vue host pages (`react/`, `vue/`) share: the API client they hand to the form,
 * the texts of their event logs and the choices of their host controls. Framework-free on purpose:
 * each page shows only how its framework passes properties and listens to events.
 */
import {
  type ContactVerifyConfirmedEvent,
  PERSONAL_INFO_SECTIONS,
  type PersonalInfoChangeEvent,
  type PersonalInfoErrorEvent,
  type PersonalInfoSavedEvent,
  type PersonalInfoSection,
  type SessionExpiredEvent,
} from 'personal-settings-elements';
import { ApiClient } from 'personal-settings-elements/api';

export type HostFramework = 'react' | 'vue';

/** The console's sign-in page, coming back to this page afterwards. */
const signInHref = (framework: HostFramework): string => `../#/login?next=/${framework}/`;

/** The other pages of the demo, for the host pages' top bar. */
const HOST_LINKS: readonly { href: string; label: string; framework?: HostFramework }[] = [
  { href: '../#/home', label: 'Console' },
  { href: '../react/', label: 'React host', framework: 'react' },
  { href: '../vue/', label: 'Vue host', framework: 'vue' },
];

/** The theme picked in the console (light / dark; otherwise the system's). */
export function applyConsoleTheme(): void {
  const theme = localStorage.getItem('acme-console.theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
}

/** The request header every call of a host's client carries (a stand-in for a bearer token or CSRF header). */
export const HOST_HEADER = 'X-Host-Framework';

/**
 * The host's own client, set as the form's `client` property: same-origin `/api/v1` (the page's
 * server proxies it to the mock) plus a header on every request, which an `endpoint` attribute
 * alone cannot add.
 */
function createHostClient(framework: HostFramework): ApiClient {
  return new ApiClient({ baseUrl: '/api/v1', headers: () => ({ [HOST_HEADER]: framework }) });
}

/** Labels of the host's section checkboxes (the form's own labels are localized; these are the host's). */
const SECTION_LABELS: Readonly<Record<PersonalInfoSection, string>> = {
  contacts: 'Mobile number and email',
  'auto-logout': 'Auto-logout',
  'session-limit': 'Max. online sessions',
  'welcome-message': 'Welcome message',
};

const LOCALES: readonly { value: string; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'zh-CN', label: '简体中文' },
];

/** A string override the host sets through the `strings` property (shown under the auto-logout select). */
function hostStrings(framework: HostFramework): Partial<Record<string, string>> {
  const name = framework === 'react' ? 'React' : 'Vue';
  return {
    'personal-info.auto-logout.help': `Set by the ${name} host: sign out after this long without activity.`,
  };
}

/**
 * What the host page of `framework` takes from here, bound to that framework once. Call it once per
 * page, outside any component: a new client would make the form load again.
 */
export function hostPage(framework: HostFramework) {
  return {
    client: createHostClient(framework),
    strings: hostStrings(framework),
    signInHref: signInHref(framework),
    /** The top bar's links, this page's marked `current`. */
    links: HOST_LINKS.map((link) => ({ ...link, current: link.framework === framework })),
    sectionLabels: SECTION_LABELS,
    locales: LOCALES,
    /** The sections after the host's checkbox for `section` was set to `shown`, in the form's order. */
    toggled: (current: readonly PersonalInfoSection[], section: PersonalInfoSection, shown: boolean) =>
      PERSONAL_INFO_SECTIONS.filter((s) => (s === section ? shown : current.includes(s))),
  };
}

export interface LogEntry {
  readonly id: number;
  readonly text: string;
}

let nextId = 1;

/** A log entry (newest last), keeping the last `keep` entries. */
export function appendEntry(entries: readonly LogEntry[], text: string, keep = 20): LogEntry[] {
  return [...entries.slice(-(keep - 1)), { id: nextId++, text }];
}

/** One line of the event log per event: its name and the part of its detail a host would act on. */
export const describe = {
  saved: (event: PersonalInfoSavedEvent) => `personal-info-saved: ${event.detail.changed.join(', ')}`,
  change: ({ detail }: PersonalInfoChangeEvent) =>
    `personal-info-change: ${detail.dirty ? `unsaved ${detail.sections.join(', ')}` : 'nothing unsaved'}`,
  error: ({ detail }: PersonalInfoErrorEvent) =>
    `personal-info-error: ${detail.operation} ${detail.error.code ?? detail.error.kind}`,
  expired: (event: SessionExpiredEvent) => `session-expired: ${event.detail.reason}`,
  confirmed: ({ detail }: ContactVerifyConfirmedEvent) =>
    `contact-verify-confirmed: ${detail.kind} ${detail.contact.masked ?? ''} verified`,
};
