/** The console's pages. Only Modify Personal Info and Online Sessions do anything; the rest is scenery. */
import type { PersonalInfoSavedEvent } from 'personal-settings-elements';
import type { SessionView } from 'personal-settings-elements/contract';
import { button, h, replace } from './dom.js';
import { list, locale, type MessageKey, plural, t } from './i18n.js';
import { client, ENDPOINT, endReason, type SignInReason } from './session.js';

export interface ToastOptions {
  /**
   * Announce it to screen readers (default true). False when an element already announced the same
   * result (the form says "Saved" itself): the toast is then for the eyes only.
   */
  announce?: boolean;
}

export interface PageContext {
  toast: (text: string, options?: ToastOptions) => void;
  /** The server said the session is gone. */
  sessionEnded: (reason: SignInReason) => void;
  go: (path: string) => void;
}

type Content = (Node | string)[];

export interface Route {
  path: string;
  title: MessageKey;
  /** Breadcrumb trail above the title (the title is the last crumb). */
  trail: MessageKey[];
  section: 'home' | 'monitor' | 'system';
  /** The line under the title (built again in the new language when the language changes). */
  intro?: () => Content;
  /** The page's content under its header. */
  render: (ctx: PageContext) => HTMLElement;
  /**
   * Keep the content when the language changes (only the chrome is built again): the form keeps
   * unsaved edits and follows its `locale` property.
   */
  keepOnLanguageChange?: boolean;
}

const link = (path: string, text: string) => h('a', { href: `#${path}` }, text);

const SAVED_FIELDS: Record<string, MessageKey> = {
  mobile: 'field.mobile',
  email: 'field.email',
  autoLogoutMinutes: 'field.autoLogoutMinutes',
  sessionLimit: 'field.sessionLimit',
  welcomeMessage: 'field.welcomeMessage',
};

function personalInfoPage(ctx: PageContext): HTMLElement {
  const form = h('personal-info-form', { endpoint: ENDPOINT, locale: locale(), id: 'personal-info' });
  form.addEventListener('personal-info-saved', (event: PersonalInfoSavedEvent) => {
    const changed = event.detail.changed.map((field) => {
      const key = SAVED_FIELDS[field];
      return key ? t(key) : field;
    });
    // The form announces the save itself: the toast only shows it.
    ctx.toast(changed.length ? t('saved.fields', { fields: list(changed) }) : t('saved'), {
      announce: false,
    });
  });
  return h('section', { class: 'card', 'aria-labelledby': 'page-title' }, form);
}

function sessionsPage(ctx: PageContext): HTMLElement {
  const body = h('tbody', {}, h('tr', {}, h('td', { colspan: '4' }, t('sessions.loading'))));
  const status = h('p', { class: 'page__intro', role: 'status' });
  const load = async () => {
    try {
      const { data } = await client.call('listSessions', {});
      replace(body, data.sessions.map(row));
      status.textContent = plural('sessions.count', data.sessions.length);
    } catch (error) {
      const reason = endReason(error);
      if (reason) ctx.sessionEnded(reason);
      else status.textContent = t('sessions.failed');
    }
  };
  const end = async (session: SessionView) => {
    try {
      await client.call('endSession', { params: { id: session.id } });
      ctx.toast(t('sessions.ended'));
      await load();
    } catch (error) {
      const reason = endReason(error);
      if (reason) ctx.sessionEnded(reason);
      else ctx.toast(t('sessions.end-failed'));
    }
  };
  const when = (iso: string) =>
    new Date(iso).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' });
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
          ? h('span', { class: 'tag tag--current' }, t('sessions.current'))
          : button({ class: 'button button--small', onclick: () => void end(s) }, t('sessions.end')),
      ),
    );
  void load();
  const headers: MessageKey[] = ['sessions.browser', 'sessions.signed-in', 'sessions.last-active'];
  return h(
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
          ...headers.map((key) => h('th', { scope: 'col' }, t(key))),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('sessions.actions'))),
        ),
      ),
      body,
    ),
  );
}

function browserName(ua: string): string {
  const match = /(HeadlessChrome|Chromium|Edg|Chrome|Firefox|Safari)\/([\d.]+)/.exec(ua);
  return match ? `${match[1]} ${match[2]?.split('.')[0]}` : ua.slice(0, 60);
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
    {},
    h(
      'div',
      { class: 'tiles' },
      tile(t('home.devices'), '128', t('home.devices.note')),
      tile(t('home.alarms'), '2', t('home.alarms.note')),
      tile(t('home.backups'), t('home.backups.value'), t('home.backups.note')),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('home.try')),
      h(
        'ul',
        { class: 'list' },
        h('li', {}, link('/system/personal-info', t('title.personal-info')), t('home.try.form')),
        h('li', {}, t('home.try.panel.1'), h('strong', {}, t('dev-panel')), t('home.try.panel.2')),
        h('li', {}, t('home.try.limit.1'), h('em', {}, t('intro.sessions.link')), t('home.try.limit.2')),
      ),
      h(
        'p',
        {},
        button(
          { class: 'button button--primary', onclick: () => ctx.go('/system/personal-info') },
          t('home.open'),
        ),
      ),
    ),
  );
}

/** A page that is only scenery: its intro says what would be there. */
const scenery = (): HTMLElement => h('div', {});

const SYSTEM: MessageKey[] = ['nav.system', 'nav.system-settings'];
const PERSONAL: MessageKey[] = [...SYSTEM, 'nav.personal-settings'];

export const ROUTES: readonly Route[] = [
  { path: '/home', title: 'title.home', trail: [], section: 'home', render: homePage },
  {
    path: '/monitor',
    title: 'title.monitor',
    trail: [],
    section: 'monitor',
    intro: () => [t('intro.monitor')],
    render: scenery,
  },
  {
    path: '/system/personal-info',
    title: 'title.personal-info',
    trail: PERSONAL,
    section: 'system',
    intro: () => [
      t('intro.personal-info.1'),
      link('/system/notification', t('intro.personal-info.link')),
      t('intro.personal-info.2'),
    ],
    render: personalInfoPage,
    keepOnLanguageChange: true,
  },
  {
    path: '/system/sessions',
    title: 'title.sessions',
    trail: PERSONAL,
    section: 'system',
    intro: () => [
      t('intro.sessions.1'),
      link('/system/personal-info', t('intro.sessions.link')),
      t('intro.sessions.2'),
    ],
    render: sessionsPage,
  },
  {
    path: '/system/security',
    title: 'title.security',
    trail: SYSTEM,
    section: 'system',
    intro: () => [t('intro.security')],
    render: scenery,
  },
  {
    path: '/system/notification',
    title: 'title.notification',
    trail: SYSTEM,
    section: 'system',
    intro: () => [t('intro.notification.1'), h('strong', {}, t('dev-panel')), t('intro.notification.2')],
    render: scenery,
  },
];

/** The navigation pane of System. */
export const SYSTEM_NAV: readonly { label: MessageKey; items: { path: string; label: MessageKey }[] }[] = [
  {
    label: 'nav.personal-settings',
    items: [
      { path: '/system/personal-info', label: 'title.personal-info' },
      { path: '/system/sessions', label: 'title.sessions' },
    ],
  },
  { label: 'nav.security', items: [{ path: '/system/security', label: 'title.security' }] },
  { label: 'nav.notification', items: [{ path: '/system/notification', label: 'title.notification' }] },
];
