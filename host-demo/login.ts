/** The console's login page: password sign-in, simulated single sign-on, and why you are here. */
import type { LoginRequest } from 'personal-settings-elements/contract';
import { button, h, on } from './dom.js';
import { LOCALES, locale, t } from './i18n.js';
import { loginErrorText, reasonText, type SignInReason, signIn } from './session.js';

export interface LoginPageOptions {
  reason: SignInReason;
  /** Called after a successful login. */
  signedIn: () => void;
  /** The language was switched on this page: show it again. */
  languageChanged: (locale: string) => void;
}

export function loginPage({ reason, signedIn, languageChanged }: LoginPageOptions): HTMLElement {
  const username = h('input', {
    id: 'login-username',
    name: 'username',
    autocomplete: 'username',
    required: true,
    spellcheck: 'false',
    autocapitalize: 'off',
  });
  const password = h('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
  });
  const error = h('p', { id: 'login-error', class: 'alert alert--error', role: 'alert', hidden: true });
  const submit = h(
    'button',
    { type: 'submit', class: 'button button--primary button--block' },
    t('login.submit'),
  );
  const sso = button({ class: 'button button--block', id: 'login-sso' }, t('login.sso'));

  let busy = false;
  const attempt = async (request: LoginRequest) => {
    if (busy) return;
    busy = true;
    submit.disabled = true;
    sso.disabled = true;
    error.hidden = true;
    try {
      await signIn(request);
      signedIn();
    } catch (e) {
      error.textContent = loginErrorText(e);
      error.hidden = false;
      password.value = '';
      (request.username ? password : username).focus();
    } finally {
      busy = false;
      submit.disabled = false;
      sso.disabled = false;
    }
  };

  const form = h(
    'form',
    {
      class: 'login__form',
      'aria-describedby': 'login-error',
      novalidate: true,
      onsubmit: on((event: SubmitEvent) => {
        event.preventDefault();
        const name = username.value.trim();
        if (!name) {
          error.textContent = t('login.enter-username');
          error.hidden = false;
          username.focus();
          return;
        }
        void attempt({ username: name, password: password.value });
      }),
    },
    h('div', { class: 'field' }, h('label', { for: 'login-username' }, t('login.username')), username),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, t('login.password')), password),
    error,
    submit,
  );
  // The mock's identity provider signs in the third-party user named in the field (sso.user by default).
  sso.addEventListener('click', () => {
    void attempt({ username: username.value.trim() || 'sso.user', provider: 'sso' });
  });

  const notice =
    reason === 'none'
      ? null
      : h(
          'p',
          {
            id: 'login-reason',
            class: `alert ${reason === 'signed-out' || reason === 'reset' ? 'alert--info' : 'alert--warning'}`,
            role: 'status',
          },
          reasonText(reason),
        );

  const logins = h(
    'details',
    { class: 'login__help' },
    h('summary', {}, t('login.help')),
    h(
      'table',
      { class: 'table table--compact' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('login.username')),
          h('th', { scope: 'col' }, t('login.password')),
          h('th', { scope: 'col' }, t('login.kind')),
        ),
      ),
      h(
        'tbody',
        {},
        h(
          'tr',
          {},
          h('td', {}, h('code', {}, 'admin')),
          h('td', {}, h('code', {}, 'Passw0rd!')),
          h('td', {}, t('login.kind.local')),
        ),
        h(
          'tr',
          {},
          h('td', {}, h('code', {}, 'operator')),
          h('td', {}, h('code', {}, 'Passw0rd!')),
          h('td', {}, t('login.kind.remote')),
        ),
        h(
          'tr',
          {},
          h('td', {}, h('code', {}, 'sso.user')),
          h('td', {}, t('login.sso-only')),
          h('td', {}, t('login.kind.third-party')),
        ),
      ),
    ),
  );

  const language = h(
    'select',
    { id: 'login-locale', class: 'select select--small login__locale', 'aria-label': t('prefs.language') },
    ...LOCALES.map(([value, label]) =>
      h('option', { value, lang: value, selected: value === locale() }, label),
    ),
  );
  language.addEventListener('change', () => languageChanged(language.value));

  const page = h(
    'main',
    { class: 'login', id: 'login-page' },
    h(
      'section',
      { class: 'login__card', 'aria-labelledby': 'login-title' },
      h(
        'div',
        { class: 'brand brand--large' },
        h('span', { class: 'brand__mark', 'aria-hidden': 'true' }),
        t('brand'),
      ),
      language,
      h('h1', { id: 'login-title' }, t('login.title')),
      notice,
      form,
      h('div', { class: 'login__or' }, h('span', {}, t('login.or'))),
      sso,
      logins,
    ),
  );
  queueMicrotask(() => username.focus());
  return page;
}
