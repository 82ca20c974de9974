/** The console's pages. Only Modify Personal Info and Online Sessions do anything; the rest is scenery. */
import type { PersonalInfoSavedEvent } from 'personal-settings-elements';
import type { SessionView } from 'personal-settings-elements/contract';
import { h, replace } from './dom.js';
import { client, ENDPOINT, endReason, type SignInReason } from './session.js';

export interface PageContext {
  locale: string;
  toast: (text: string) => void;
  /** The server said the session is gone. */
  sessionEnded: (reason: SignInReason) => void;
  go: (path: string) => void;
}

export interface Route {
  path: string;
  title: string;
  /** Breadcrumb trail above the title (the title is the last crumb). */
  trail: string[];
  section: 'home' | 'monitor' | 'system';
  render: (ctx: PageContext) => HTMLElement;
}

const link = (path: string, text: string) => h('a', { href: `#${path}` }, text);

function pageHeader(title: string, intro?: (Node | string)[]): HTMLElement {
  return h(
    'header',
    { class: 'page__header' },
    h('h1', { id: 'page-title', tabindex: '-1' }, title),
    intro ? h('p', { class: 'page__intro' }, ...intro) : null,
  );
}

const FIELD_NAMES: Record<string, string> = {
  mobile: 'mobile number',
  email: 'email address',
  autoLogoutMinutes: 'auto-logout',
  sessionLimit: 'max. online sessions',
  welcomeMessage: 'welcome message',
};

function personalInfoPage(ctx: PageContext): HTMLElement {
  const form = h('personal-info-form', { endpoint: ENDPOINT, locale: ctx.locale, id: 'personal-info' });
  form.addEventListener('personal-info-saved', (event: PersonalInfoSavedEvent) => {
    const changed = event.detail.changed.map((field) => FIELD_NAMES[field] ?? field);
    ctx.toast(changed.length ? `Saved: ${changed.join(', ')}.` : 'Saved.');
  });
  return h(
    'div',
    { class: 'page' },
    pageHeader('Modify Personal Info', [
      'Mobile numbers and email addresses are anonymized on this page and only travel over HTTPS. ',
      'If SMS or email codes cannot be obtained, make sure ',
      link('/system/notification', 'remote notification'),
      ' is configured.',
    ]),
    h('section', { class: 'card', 'aria-labelledby': 'page-title' }, form),
  );
}

function sessionsPage(ctx: PageContext): HTMLElement {
  const body = h('tbody', {}, h('tr', {}, h('td', { colspan: '4' }, 'Loading…')));
  const status = h('p', { class: 'page__intro', role: 'status' });
  const load = async () => {
    try {
      const { data } = await client.call('listSessions', {});
      replace(body, data.sessions.map(row));
      status.textContent = `${data.sessions.length} online session${data.sessions.length === 1 ? '' : 's'}.`;
    } catch (error) {
      const reason = endReason(error);
      if (reason) ctx.sessionEnded(reason);
      else status.textContent = 'The sessions could not be loaded.';
    }
  };
  const end = async (session: SessionView) => {
    try {
      await client.call('endSession', { params: { id: session.id } });
      ctx.toast('The session was ended.');
      await load();
    } catch (error) {
      const reason = endReason(error);
      if (reason) ctx.sessionEnded(reason);
      else ctx.toast('The session could not be ended.');
    }
  };
  const when = (iso: string) =>
    new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const row = (s: SessionView) =>
    h(
      'tr',
      {},
      h('td', {}, h('span', { class: 'ua' }, browserName(s.userAgent))),
      h('td', {}, when(s.createdAt)),
      h('td', {}, when(s.lastActiveAt)),
      h(
        'td',
        {},
        s.current
          ? h('span', { class: 'tag tag--current' }, 'This session')
          : h(
              'button',
              { type: 'button', class: 'button button--small', onclick: () => void end(s) },
              'End session',
            ),
      ),
    );
  void load();
  return h(
    'div',
    { class: 'page' },
    pageHeader('Online Sessions', [
      'Where your account is signed in. ',
      link('/system/personal-info', 'Max. Online Sessions'),
      ' limits how many there can be.',
    ]),
    h(
      'section',
      { class: 'card' },
      status,
      h(
        'table',
        { class: 'table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Browser', 'Signed in', 'Last active', ''].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        body,
      ),
    ),
  );
}

function browserName(ua: string): string {
  const match = /(HeadlessChrome|Chromium|Edg|Chrome|Firefox|Safari)\/([\d.]+)/.exec(ua);
  return match ? `${match[1]} ${match[2]?.split('.')[0]}` : ua.slice(0, 60);
}

function placeholder(title: string, text: (Node | string)[]): (ctx: PageContext) => HTMLElement {
  return () =>
    h('div', { class: 'page' }, pageHeader(title), h('section', { class: 'card' }, h('p', {}, ...text)));
}

function homePage(ctx: PageContext): HTMLElement {
  const tile = (label: string, value: string, note: string) =>
    h(
      'div',
      { class: 'tile' },
      h('span', { class: 'tile__label' }, label),
      h('strong', { class: 'tile__value' }, value),
      h('span', { class: 'tile__note' }, note),
    );
  return h(
    'div',
    { class: 'page' },
    pageHeader('Home'),
    h(
      'div',
      { class: 'tiles' },
      tile('Managed devices', '128', '3 offline'),
      tile('Active alarms', '2', 'minor'),
      tile('Backups', 'OK', 'last run 02:00'),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Try the personal settings'),
      h(
        'ul',
        { class: 'list' },
        h(
          'li',
          {},
          link('/system/personal-info', 'Modify Personal Info'),
          ': change your mobile number or email with a code, auto-logout, the session limit and your welcome message.',
        ),
        h(
          'li',
          {},
          'Open the ',
          h('strong', {}, 'Developer panel'),
          ' (bottom right) to read the codes, skip the clock ahead or switch off the SMS gateway.',
        ),
        h(
          'li',
          {},
          'Set ',
          h('em', {}, 'Max. Online Sessions'),
          ' to 1, then sign in from a private window.',
        ),
      ),
      h(
        'p',
        {},
        h(
          'button',
          { type: 'button', class: 'button button--primary', onclick: () => ctx.go('/system/personal-info') },
          'Open Modify Personal Info',
        ),
      ),
    ),
  );
}

const SYSTEM = ['System', 'System Settings'];
const PERSONAL = [...SYSTEM, 'Personal Settings'];

export const ROUTES: readonly Route[] = [
  { path: '/home', title: 'Home', trail: [], section: 'home', render: homePage },
  {
    path: '/monitor',
    title: 'Monitor',
    trail: [],
    section: 'monitor',
    render: placeholder('Monitor', [
      'Dashboards of the host console would live here; they are not part of this demo.',
    ]),
  },
  {
    path: '/system/personal-info',
    title: 'Modify Personal Info',
    trail: PERSONAL,
    section: 'system',
    render: personalInfoPage,
  },
  {
    path: '/system/sessions',
    title: 'Online Sessions',
    trail: PERSONAL,
    section: 'system',
    render: sessionsPage,
  },
  {
    path: '/system/security',
    title: 'Security Policies',
    trail: SYSTEM,
    section: 'system',
    render: placeholder('Security Policies', [
      'Password and account policies of the host console (not part of this demo).',
    ]),
  },
  {
    path: '/system/notification',
    title: 'Remote Notification',
    trail: SYSTEM,
    section: 'system',
    render: placeholder('Remote Notification', [
      'The SMS gateway and the mail server that deliver verification codes. In this demo, switch them off and on in the ',
      h('strong', {}, 'Developer panel'),
      ' to see what users are told when a code cannot be sent.',
    ]),
  },
];

/** The navigation pane of System. */
export const SYSTEM_NAV = [
  {
    label: 'Personal Settings',
    items: [
      { path: '/system/personal-info', label: 'Modify Personal Info' },
      { path: '/system/sessions', label: 'Online Sessions' },
    ],
  },
  { label: 'Security', items: [{ path: '/system/security', label: 'Security Policies' }] },
  { label: 'Notification', items: [{ path: '/system/notification', label: 'Remote Notification' }] },
] as const;
