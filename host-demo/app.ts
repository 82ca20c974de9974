/**
 * The host console: hash routes, the chrome (header with main menu and user menu, navigation pane,
 * breadcrumbs), the welcome banner, and the session handling an integrator adds around the elements —
 * `session-expired` from any element, a check on every navigation, and a passive poll that notices an
 * idle logout without counting as activity.
 */
import { button, h, on, replace } from './dom.js';
import { LOCALES, locale, type MessageKey, plural, setLocale, t } from './i18n.js';
import { loginPage } from './login.js';
import { type PageContext, ROUTES, type Route, SYSTEM_NAV, type ToastOptions } from './pages.js';
import {
  checkSession,
  currentUser,
  dismissWelcome,
  forget,
  pendingWelcome,
  type SignInReason,
  type SignedInUser,
  signOut,
  takeReplacedCount,
} from './session.js';

const HOME = '/home';
/** Passive session check: notices an idle logout within this delay, without keeping the session alive. */
const POLL_MS = 15_000;
const TOAST_MS = 6000;
const THEME_KEY = 'acme-console.theme';

type Theme = 'light' | 'dark' | 'system';
const THEMES: readonly [Theme, MessageKey][] = [
  ['light', 'theme.light'],
  ['dark', 'theme.dark'],
  ['system', 'theme.system'],
];

function storedTheme(): Theme {
  const stored = localStorage.getItem(THEME_KEY);
  // 'auto' is what earlier versions of the demo stored for "follow the system".
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

/** What the console shows now: rebuilt around the same page content when the language changes. */
interface Shown {
  user: SignedInUser;
  route: Route;
  content: HTMLElement;
}

export class ConsoleApp {
  readonly #root: HTMLElement;
  /** Toasts: the console's own notices are announced; results an element already announced are not. */
  readonly #announced = h('div', { class: 'toasts__group', role: 'status', 'aria-live': 'polite' });
  readonly #silent = h('div', { class: 'toasts__group' });
  readonly #toasts = h('div', { class: 'toasts', id: 'toasts' }, this.#announced, this.#silent);
  readonly #toastTimers = new Map<HTMLElement, ReturnType<typeof setTimeout>>();
  #poll: ReturnType<typeof setInterval> | undefined;
  #theme: Theme = storedTheme();
  #navigation = 0;
  #shown: Shown | undefined;

  constructor(root: HTMLElement) {
    this.#root = root;
    this.#applyTheme();
  }

  start(): void {
    window.addEventListener('hashchange', () => void this.#route());
    // Any element of the library says so when the server answered 401.
    document.addEventListener('session-expired', (event) => this.signInAgain(event.detail.reason));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && currentUser()) void this.#passiveCheck();
    });
    void this.#route();
  }

  /** Leave the console for the login page, saying why. Nothing of the session stays on screen. */
  signInAgain(reason: SignInReason): void {
    this.#stopPolling();
    this.clearToasts();
    forget();
    this.go(`/login${reason === 'none' ? '' : `?reason=${reason}`}`);
  }

  go(path: string): void {
    if (location.hash === `#${path}`) void this.#route();
    else location.hash = path;
  }

  async #route(): Promise<void> {
    const navigation = ++this.#navigation;
    const [path = '', query = ''] = location.hash.replace(/^#/, '').split('?');
    if (path === '/login') {
      this.#stopPolling();
      this.#shown = undefined;
      const params = new URLSearchParams(query);
      const reason = (params.get('reason') ?? 'none') as SignInReason;
      const next = safeNext(params.get('next'));
      this.#show(
        loginPage({
          reason,
          signedIn: () => (next ? location.assign(next) : this.go(HOME)),
          languageChanged: (value) => {
            setLocale(value);
            void this.#route().then(() => this.#root.querySelector<HTMLElement>('#login-locale')?.focus());
          },
        }),
        t('title.document', { title: t('login.title') }),
      );
      return;
    }
    const user = currentUser();
    if (!user) {
      this.go('/login');
      return;
    }
    const route = ROUTES.find((r) => r.path === path);
    if (!route) {
      this.go(HOME);
      return;
    }
    // Navigating is activity: an ordinary request, which also tells whether the session is still there.
    const ended = await checkSession(false);
    if (navigation !== this.#navigation) return;
    if (ended) {
      this.signInAgain(ended);
      return;
    }
    this.#shown = { user, route, content: route.render(this.#context()) };
    this.#show(this.#shell(this.#shown), t('title.document', { title: t(route.title) }));
    this.#startPolling();
    const replaced = takeReplacedCount();
    if (replaced) this.toast(plural('replaced', replaced));
  }

  #show(view: HTMLElement, title: string, focus: 'heading' | 'none' = 'heading'): void {
    document.title = title;
    replace(this.#root, view, this.#toasts);
    // Move focus to the new page's heading (or the login form) so keyboard and screen reader users follow.
    if (focus === 'heading')
      this.#root.querySelector<HTMLElement>('#page-title')?.focus({ preventScroll: true });
  }

  /**
   * A short notice at the bottom of the page. The same text twice shows once (its time starts again).
   * `announce: false` when an element has already announced the same result.
   */
  toast(text: string, { announce = true }: ToastOptions = {}): void {
    const group = announce ? this.#announced : this.#silent;
    let item = [...this.#toasts.querySelectorAll<HTMLElement>('.toast')].find(
      (el) => el.textContent === text,
    );
    if (item && item.parentElement !== group) {
      this.#removeToast(item);
      item = undefined;
    }
    item ??= group.appendChild(h('p', { class: 'toast' }, text));
    clearTimeout(this.#toastTimers.get(item));
    const shown = item;
    this.#toastTimers.set(
      shown,
      setTimeout(() => this.#removeToast(shown), TOAST_MS),
    );
  }

  clearToasts(): void {
    for (const item of [...this.#toastTimers.keys()]) this.#removeToast(item);
  }

  #removeToast(item: HTMLElement): void {
    clearTimeout(this.#toastTimers.get(item));
    this.#toastTimers.delete(item);
    item.remove();
  }

  #startPolling(): void {
    if (this.#poll !== undefined) return;
    this.#poll = setInterval(() => void this.#passiveCheck(), POLL_MS);
  }

  #stopPolling(): void {
    clearInterval(this.#poll);
    this.#poll = undefined;
  }

  async #passiveCheck(): Promise<void> {
    const ended = await checkSession(true);
    if (ended && currentUser()) this.signInAgain(ended);
  }

  #context(): PageContext {
    return {
      toast: (text, options) => this.toast(text, options),
      sessionEnded: (reason) => this.signInAgain(reason),
      go: (path) => this.go(path),
    };
  }

  /** The language changed: the chrome again in the new language, around the same page content. */
  #changeLanguage(next: string): void {
    setLocale(next);
    const shown = this.#shown;
    if (!shown) return;
    if (!shown.route.keepOnLanguageChange) shown.content = shown.route.render(this.#context());
    for (const el of shown.content.querySelectorAll('personal-info-form')) el.locale = locale();
    this.#show(this.#shell(shown), t('title.document', { title: t(shown.route.title) }), 'none');
    this.#root.querySelector<HTMLElement>('#console-locale')?.focus();
  }

  #shell({ user, route, content }: Shown): HTMLElement {
    const main = h(
      'main',
      { class: 'console__main', id: 'main' },
      this.#breadcrumbs(route),
      this.#welcomeBanner(),
      h(
        'div',
        { class: 'page' },
        h(
          'header',
          { class: 'page__header' },
          h('h1', { id: 'page-title', tabindex: '-1' }, t(route.title)),
          route.intro ? h('p', { class: 'page__intro', id: 'page-intro' }, ...route.intro()) : null,
        ),
        content,
      ),
    );
    return h(
      'div',
      { class: `console${route.section === 'system' ? ' console--with-nav' : ''}` },
      h('a', { class: 'skip-link', href: '#main', onclick: on((e: Event) => this.#skip(e)) }, t('skip-link')),
      this.#header(user, route),
      route.section === 'system' ? this.#navPane(route) : null,
      main,
    );
  }

  #skip(event: Event): void {
    event.preventDefault();
    this.#root.querySelector<HTMLElement>('#page-title')?.focus();
  }

  /**
   * The top bar. Its menu (main navigation, language, theme) is one block: inline on wide screens,
   * behind a Menu button below ~700 px.
   */
  #header(user: SignedInUser, route: Route): HTMLElement {
    const menuItem = (path: string, label: MessageKey, section: Route['section']) =>
      h(
        'li',
        {},
        h('a', { href: `#${path}`, 'aria-current': route.section === section ? 'page' : null }, t(label)),
      );
    const menu = h(
      'div',
      { class: 'topbar__menu', id: 'console-menu' },
      h(
        'nav',
        { class: 'mainmenu', 'aria-label': t('menu.main') },
        h(
          'ul',
          {},
          menuItem(HOME, 'nav.home', 'home'),
          menuItem('/monitor', 'nav.monitor', 'monitor'),
          menuItem('/system/personal-info', 'nav.system', 'system'),
        ),
      ),
      h('div', { class: 'topbar__prefs' }, this.#localeSelect(), this.#themeSwitch()),
    );
    const toggle = button(
      {
        class: 'topbar__menu-button',
        id: 'console-menu-button',
        'aria-expanded': 'false',
        'aria-controls': 'console-menu',
      },
      h('span', { class: 'topbar__menu-icon', 'aria-hidden': 'true' }),
      t('menu.toggle'),
    );
    const setOpen = (open: boolean) => {
      menu.classList.toggle('is-open', open);
      toggle.setAttribute('aria-expanded', String(open));
    };
    toggle.addEventListener('click', () => setOpen(toggle.getAttribute('aria-expanded') !== 'true'));
    const header = h(
      'header',
      { class: 'topbar' },
      h(
        'a',
        { class: 'brand', href: `#${HOME}` },
        h('span', { class: 'brand__mark', 'aria-hidden': 'true' }),
        t('brand'),
      ),
      toggle,
      menu,
      h('div', { class: 'topbar__tools' }, this.#userMenu(user)),
    );
    header.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && menu.classList.contains('is-open')) {
        setOpen(false);
        toggle.focus();
      }
    });
    return header;
  }

  #localeSelect(): HTMLElement {
    const select = h(
      'select',
      { id: 'console-locale', class: 'select select--small', 'aria-label': t('prefs.language') },
      ...LOCALES.map(([value, label]) =>
        h('option', { value, selected: value === locale(), lang: value }, label),
      ),
    );
    select.addEventListener('change', () => this.#changeLanguage(select.value));
    return select;
  }

  /** Light / Dark / System: a radio group (one tab stop, arrow keys move), styled as a segmented switch. */
  #themeSwitch(): HTMLElement {
    return h(
      'fieldset',
      { class: 'theme-switch', id: 'console-theme' },
      h('legend', { class: 'visually-hidden' }, t('prefs.theme')),
      ...THEMES.map(([value, label]) => {
        const input = h('input', {
          type: 'radio',
          name: 'console-theme',
          value,
          id: `console-theme-${value}`,
          checked: value === this.#theme,
        });
        input.addEventListener('change', () => {
          if (!input.checked) return;
          this.#theme = value;
          localStorage.setItem(THEME_KEY, value);
          this.#applyTheme();
        });
        return h('label', { class: 'theme-switch__option' }, input, h('span', {}, t(label)));
      }),
    );
  }

  #applyTheme(): void {
    if (this.#theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = this.#theme;
  }

  #userMenu(user: SignedInUser): HTMLElement {
    const list = h(
      'ul',
      { class: 'usermenu__list', id: 'user-menu', hidden: true },
      h(
        'li',
        { class: 'usermenu__who' },
        h('strong', {}, user.displayName),
        h('span', {}, t(userKind(user.type), { username: user.username })),
        h('span', {}, t('user.idle', { minutes: user.idleTimeoutMinutes })),
      ),
      h('li', {}, h('a', { href: '#/system/personal-info' }, t('title.personal-info'))),
      h('li', {}, h('a', { href: '#/system/sessions' }, t('title.sessions'))),
      h(
        'li',
        {},
        button(
          {
            id: 'logout',
            class: 'usermenu__action',
            onclick: async () => {
              try {
                await signOut();
              } finally {
                this.signInAgain('signed-out');
              }
            },
          },
          t('user.logout'),
        ),
      ),
    );
    const toggle = button(
      {
        class: 'usermenu__button',
        id: 'user-menu-button',
        'aria-expanded': 'false',
        'aria-controls': 'user-menu',
      },
      h('span', { class: 'avatar', 'aria-hidden': 'true' }, user.displayName.slice(0, 1).toUpperCase()),
      h('span', { class: 'usermenu__name' }, user.displayName),
    );
    const setOpen = (open: boolean) => {
      list.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
    };
    toggle.addEventListener('click', () => setOpen(toggle.getAttribute('aria-expanded') !== 'true'));
    const wrapper = h('div', { class: 'usermenu' }, toggle, list);
    wrapper.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !list.hidden) {
        setOpen(false);
        toggle.focus();
      }
    });
    wrapper.addEventListener('focusout', (event) => {
      if (!wrapper.contains(event.relatedTarget as Node | null)) setOpen(false);
    });
    return wrapper;
  }

  #navPane(route: Route): HTMLElement {
    return h(
      'nav',
      { class: 'navpane', 'aria-label': t('nav.system-settings') },
      h('h2', { class: 'navpane__title' }, t('nav.system-settings')),
      ...SYSTEM_NAV.map((group) =>
        h(
          'div',
          { class: 'navpane__group' },
          h('h3', { class: 'navpane__group-title' }, t(group.label)),
          h(
            'ul',
            {},
            ...group.items.map((item) =>
              h(
                'li',
                {},
                h(
                  'a',
                  { href: `#${item.path}`, 'aria-current': item.path === route.path ? 'page' : null },
                  t(item.label),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }

  #breadcrumbs(route: Route): HTMLElement | null {
    if (route.trail.length === 0) return null;
    return h(
      'nav',
      { class: 'breadcrumbs', 'aria-label': t('breadcrumb') },
      h(
        'ol',
        {},
        ...route.trail.map((crumb, i) =>
          h(
            'li',
            {},
            i === 0 ? h('a', { href: '#/system/personal-info' }, t(crumb)) : h('span', {}, t(crumb)),
          ),
        ),
        h('li', {}, h('span', { 'aria-current': 'page' }, t(route.title))),
      ),
    );
  }

  #welcomeBanner(): HTMLElement | null {
    const message = pendingWelcome();
    if (!message) return null;
    const banner = h(
      'section',
      { class: 'banner banner--welcome', id: 'welcome-banner', 'aria-labelledby': 'welcome-banner-title' },
      h('h2', { id: 'welcome-banner-title', class: 'banner__title' }, t('welcome.title')),
      // Plain text, always: the message is user content.
      h('p', { class: 'banner__text', id: 'welcome-banner-text' }, message),
      button(
        {
          class: 'button button--ghost button--small banner__close',
          onclick: () => {
            dismissWelcome();
            banner.remove();
          },
        },
        t('welcome.dismiss'),
      ),
    );
    return banner;
  }
}

function userKind(type: string): MessageKey {
  return type === 'remote'
    ? 'user.kind.remote'
    : type === 'third-party'
      ? 'user.kind.third-party'
      : 'user.kind.local';
}

/** Where to go after signing in: only the demo's own framework pages (never another origin). */
function safeNext(next: string | null): string | null {
  return next === '/react/' || next === '/vue/' ? next : null;
}
