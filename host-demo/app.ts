/**
 * The host console: hash routes, the chrome (header with main menu and user menu, navigation pane,
 * breadcrumbs), the welcome banner, and the session handling an integrator adds around the elements —
 * `session-expired` from any element, a check on every navigation, and a passive poll that notices an
 * idle logout without counting as activity.
 */
import { h, on, replace } from './dom.js';
import { loginPage } from './login.js';
import { type PageContext, ROUTES, type Route, SYSTEM_NAV } from './pages.js';
import {
  checkSession,
  currentUser,
  dismissWelcome,
  forget,
  pendingWelcome,
  type SignInReason,
  type SignedInUser,
  signOut,
  takeNotice,
} from './session.js';

const HOME = '/home';
/** Passive session check: notices an idle logout within this delay, without keeping the session alive. */
const POLL_MS = 15_000;
const THEME_KEY = 'acme-console.theme';
const LOCALE_KEY = 'acme-console.locale';

type Theme = 'auto' | 'light' | 'dark';
const THEMES: readonly Theme[] = ['auto', 'light', 'dark'];
const LOCALES = [
  ['en', 'English'],
  ['zh-CN', '简体中文'],
] as const;

export class ConsoleApp {
  readonly #root: HTMLElement;
  readonly #toasts = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
  #poll: ReturnType<typeof setInterval> | undefined;
  #locale: string = localStorage.getItem(LOCALE_KEY) ?? 'en';
  #theme: Theme = (localStorage.getItem(THEME_KEY) as Theme | null) ?? 'auto';
  #navigation = 0;

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

  /** Leave the console for the login page, saying why. */
  signInAgain(reason: SignInReason): void {
    this.#stopPolling();
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
      const reason = (new URLSearchParams(query).get('reason') ?? 'none') as SignInReason;
      this.#show(loginPage({ reason, signedIn: () => this.go(HOME) }), 'Sign in · Acme Console');
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
    this.#show(this.#shell(user, route), `${route.title} · Acme Console`);
    this.#startPolling();
    const notice = takeNotice();
    if (notice) this.toast(notice);
  }

  #show(view: HTMLElement, title: string): void {
    document.title = title;
    replace(this.#root, view, this.#toasts);
    // Move focus to the new page's heading (or the login form) so keyboard and screen reader users follow.
    const heading = this.#root.querySelector<HTMLElement>('#page-title');
    heading?.focus({ preventScroll: true });
  }

  toast(text: string): void {
    const item = h('p', { class: 'toast' }, text);
    this.#toasts.append(item);
    setTimeout(() => item.remove(), 6000);
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
      locale: this.#locale,
      toast: (text) => this.toast(text),
      sessionEnded: (reason) => this.signInAgain(reason),
      go: (path) => this.go(path),
    };
  }

  #shell(user: SignedInUser, route: Route): HTMLElement {
    const main = h(
      'main',
      { class: 'console__main', id: 'main' },
      this.#breadcrumbs(route),
      this.#welcomeBanner(),
      route.render(this.#context()),
    );
    return h(
      'div',
      { class: `console${route.section === 'system' ? ' console--with-nav' : ''}` },
      h(
        'a',
        { class: 'skip-link', href: '#main', onclick: on((e: Event) => this.#skip(e)) },
        'Skip to content',
      ),
      this.#header(user, route),
      route.section === 'system' ? this.#navPane(route) : null,
      main,
    );
  }

  #skip(event: Event): void {
    event.preventDefault();
    this.#root.querySelector<HTMLElement>('#page-title')?.focus();
  }

  #header(user: SignedInUser, route: Route): HTMLElement {
    const menuItem = (path: string, label: string, section: Route['section']) =>
      h(
        'li',
        {},
        h('a', { href: `#${path}`, 'aria-current': route.section === section ? 'page' : null }, label),
      );
    return h(
      'header',
      { class: 'topbar' },
      h(
        'a',
        { class: 'brand', href: `#${HOME}` },
        h('span', { class: 'brand__mark', 'aria-hidden': 'true' }),
        'Acme Console',
      ),
      h(
        'nav',
        { class: 'mainmenu', 'aria-label': 'Main menu' },
        h(
          'ul',
          {},
          menuItem(HOME, 'Home', 'home'),
          menuItem('/monitor', 'Monitor', 'monitor'),
          menuItem('/system/personal-info', 'System', 'system'),
        ),
      ),
      h('div', { class: 'topbar__tools' }, this.#localeSelect(), this.#themeButton(), this.#userMenu(user)),
    );
  }

  #localeSelect(): HTMLElement {
    const select = h(
      'select',
      {
        id: 'console-locale',
        class: 'select select--small',
        'aria-label': 'Language of the personal settings',
      },
      ...LOCALES.map(([value, label]) => h('option', { value, selected: value === this.#locale }, label)),
    );
    select.addEventListener('change', () => {
      this.#locale = select.value;
      localStorage.setItem(LOCALE_KEY, this.#locale);
      for (const el of document.querySelectorAll('personal-info-form')) el.locale = this.#locale;
    });
    return select;
  }

  #themeButton(): HTMLElement {
    const label = () => `Theme: ${this.#theme}`;
    const button = h(
      'button',
      { type: 'button', class: 'button button--ghost button--small', id: 'console-theme' },
      label(),
    );
    button.addEventListener('click', () => {
      this.#theme = THEMES[(THEMES.indexOf(this.#theme) + 1) % THEMES.length] ?? 'auto';
      localStorage.setItem(THEME_KEY, this.#theme);
      this.#applyTheme();
      button.textContent = label();
    });
    return button;
  }

  #applyTheme(): void {
    if (this.#theme === 'auto') delete document.documentElement.dataset.theme;
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
        h('span', {}, `${user.username} · ${user.type} user`),
        h('span', {}, `Auto-logout after ${user.idleTimeoutMinutes} min without activity`),
      ),
      h('li', {}, h('a', { href: '#/system/personal-info' }, 'Modify Personal Info')),
      h('li', {}, h('a', { href: '#/system/sessions' }, 'Online Sessions')),
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
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
          'Log out',
        ),
      ),
    );
    const toggle = h(
      'button',
      {
        type: 'button',
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
      { class: 'navpane', 'aria-label': 'System Settings' },
      h('h2', { class: 'navpane__title' }, 'System Settings'),
      ...SYSTEM_NAV.map((group) =>
        h(
          'div',
          { class: 'navpane__group' },
          h('h3', { class: 'navpane__group-title' }, group.label),
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
                  item.label,
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
      { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' },
      h(
        'ol',
        {},
        ...route.trail.map((crumb, i) =>
          h('li', {}, i === 0 ? h('a', { href: '#/system/personal-info' }, crumb) : h('span', {}, crumb)),
        ),
        h('li', {}, h('span', { 'aria-current': 'page' }, route.title)),
      ),
    );
  }

  #welcomeBanner(): HTMLElement | null {
    const message = pendingWelcome();
    if (!message) return null;
    const banner = h(
      'section',
      { class: 'banner banner--welcome', id: 'welcome-banner', 'aria-labelledby': 'welcome-banner-title' },
      h('h2', { id: 'welcome-banner-title', class: 'banner__title' }, 'Welcome message'),
      // Plain text, always: the message is user content.
      h('p', { class: 'banner__text', id: 'welcome-banner-text' }, message),
      h(
        'button',
        {
          type: 'button',
          class: 'button button--ghost button--small banner__close',
          onclick: () => {
            dismissWelcome();
            banner.remove();
          },
        },
        'Dismiss',
      ),
    );
    return banner;
  }
}
