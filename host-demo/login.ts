/** The console's login page: password sign-in, simulated single sign-on, and why you are here. */
import type { LoginRequest } from 'personal-settings-elements/contract';
import { h, on } from './dom.js';
import { loginErrorText, REASON_TEXT, type SignInReason, signIn } from './session.js';

export interface LoginPageOptions {
  reason: SignInReason;
  /** Called after a successful login. */
  signedIn: () => void;
}

export function loginPage({ reason, signedIn }: LoginPageOptions): HTMLElement {
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
  const submit = h('button', { type: 'submit', class: 'button button--primary button--block' }, 'Sign in');
  const sso = h(
    'button',
    { type: 'button', class: 'button button--block', id: 'login-sso' },
    'Sign in with single sign-on',
  );

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
          error.textContent = 'Enter your username.';
          error.hidden = false;
          username.focus();
          return;
        }
        void attempt({ username: name, password: password.value });
      }),
    },
    h('div', { class: 'field' }, h('label', { for: 'login-username' }, 'Username'), username),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, 'Password'), password),
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
          REASON_TEXT[reason],
        );

  const logins = h(
    'details',
    { class: 'login__help' },
    h('summary', {}, 'Demo logins'),
    h(
      'table',
      { class: 'table table--compact' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Username'),
          h('th', { scope: 'col' }, 'Password'),
          h('th', { scope: 'col' }, 'Kind'),
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
          h('td', {}, 'local'),
        ),
        h(
          'tr',
          {},
          h('td', {}, h('code', {}, 'operator')),
          h('td', {}, h('code', {}, 'Passw0rd!')),
          h('td', {}, 'remote'),
        ),
        h(
          'tr',
          {},
          h('td', {}, h('code', {}, 'sso.user')),
          h('td', {}, 'single sign-on'),
          h('td', {}, 'third-party'),
        ),
      ),
    ),
  );

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
        'Acme Console',
      ),
      h('h1', { id: 'login-title' }, 'Sign in'),
      notice,
      form,
      h('div', { class: 'login__or' }, h('span', {}, 'or')),
      sso,
      logins,
    ),
  );
  queueMicrotask(() => username.focus());
  return page;
}
