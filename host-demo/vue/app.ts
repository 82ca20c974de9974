/**
 * `<personal-info-form>` in Vue 3 with `h()` render functions — no template compiler, so the page runs
 * under the demo's strict CSP (the runtime compiler needs `unsafe-eval`). With templates compiled by a
 * build step (`.vue` files), the same bindings read `:client.prop="client"`, `:sections.attr="…"`,
 * `@personal-info-saved="…"`, and `compilerOptions.isCustomElement: (tag) => tag.includes('-')` (or
 * the three tag names) tells the compiler these tags are not Vue components.
 *
 * - `.client` / `.strings`: the `.prop` modifier — always a property (objects must never become
 *   attributes);
 * - `^sections`: the `^attr` modifier — always the `sections` attribute (the element reflects it into
 *   its property), as plain HTML would write it;
 * - `locale`: no modifier — Vue sets a property because `'locale' in element`;
 * - `onPersonalInfoSaved`…: Vue listens to the hyphenated name (`personal-info-saved`);
 * - a template ref with `addEventListener` in `onMounted` for `personal-info-error`, the imperative way.
 *
 * The event log renders each entry as text (Vue escapes it).
 */
import { defineComponent, h, onBeforeUnmount, onMounted, ref, shallowRef, version } from 'vue';
import {
  type ContactVerifyConfirmedEvent,
  PERSONAL_INFO_SECTIONS,
  type PersonalInfoChangeEvent,
  type PersonalInfoErrorEvent,
  type PersonalInfoForm,
  type PersonalInfoSavedEvent,
  type PersonalInfoSection,
  type SessionExpiredEvent,
} from 'personal-settings-elements';
import { appendEntry, describe, hostPage, type LogEntry } from '../framework-host.js';

// Once: a new client would make the form load again.
const host = hostPage('vue');

export const App = defineComponent({
  name: 'PersonalSettingsHost',
  setup() {
    const sections = ref<PersonalInfoSection[]>([...PERSONAL_INFO_SECTIONS]);
    const locale = ref('en');
    const log = shallowRef<readonly LogEntry[]>([]);
    const form = shallowRef<PersonalInfoForm | null>(null);
    // No session (or it ended): the page offers Sign in; the form's own Retry could not help.
    const signedOut = ref(false);
    const append = (text: string) => {
      log.value = appendEntry(log.value, text);
    };
    const onError = (event: PersonalInfoErrorEvent) => append(describe.error(event));

    onMounted(() => form.value?.addEventListener('personal-info-error', onError));
    onBeforeUnmount(() => form.value?.removeEventListener('personal-info-error', onError));

    const toggleSection = (section: PersonalInfoSection, shown: boolean) => {
      sections.value = host.toggled(sections.value, section, shown);
    };

    const topbar = () =>
      h('header', { class: 'topbar' }, [
        h('a', { class: 'brand', href: '../#/home' }, [
          h('span', { class: 'brand__mark', 'aria-hidden': 'true' }),
          'Acme Console',
        ]),
        h('nav', { class: 'mainmenu', 'aria-label': 'Demo pages' }, [
          h(
            'ul',
            host.links.map((link) =>
              h('li', { key: link.href }, [
                h('a', { href: link.href, 'aria-current': link.current ? 'page' : undefined }, link.label),
              ]),
            ),
          ),
        ]),
      ]);

    const header = () =>
      h('header', { class: 'page-header' }, [
        h('h1', 'Vue 3 host'),
        h('p', [
          h('code', '<personal-info-form>'),
          ` rendered by Vue ${version} with h(): .prop and ^attr bindings, on<Event> listeners and a template ref.`,
        ]),
      ]);

    const signInOffer = () =>
      signedOut.value
        ? h('section', { class: 'card signed-out', id: 'signed-out', 'aria-labelledby': 'signed-out-text' }, [
            h(
              'p',
              { id: 'signed-out-text' },
              'You are not signed in. Sign in to the console to see your personal settings here.',
            ),
            h('a', { class: 'button button--primary', href: host.signInHref }, 'Sign in'),
          ])
        : null;

    const controls = () =>
      h('section', { class: 'card host-controls', 'aria-labelledby': 'host-controls-title' }, [
        h('h2', { id: 'host-controls-title' }, 'Host controls'),
        h('fieldset', [
          h('legend', 'Sections (the sections attribute)'),
          ...PERSONAL_INFO_SECTIONS.map((section) =>
            h('label', { key: section }, [
              h('input', {
                type: 'checkbox',
                id: `section-${section}`,
                checked: sections.value.includes(section),
                onChange: (event: Event) =>
                  toggleSection(section, (event.currentTarget as HTMLInputElement).checked),
              }),
              ` ${host.sectionLabels[section]}`,
            ]),
          ),
        ]),
        h('label', { class: 'stacked' }, [
          'Language (the locale property)',
          h(
            'select',
            {
              id: 'locale',
              value: locale.value,
              onChange: (event: Event) => {
                locale.value = (event.currentTarget as HTMLSelectElement).value;
              },
            },
            host.locales.map(({ value, label }) => h('option', { key: value, value }, label)),
          ),
        ]),
      ]);

    const embedded = () =>
      h('section', { class: 'card embedded', 'aria-label': 'Personal settings', hidden: signedOut.value }, [
        h('personal-info-form', {
          ref: form,
          '.client': host.client,
          '.strings': host.strings,
          '^sections': sections.value.join(' '),
          locale: locale.value,
          onPersonalInfoSaved: (event: PersonalInfoSavedEvent) => append(describe.saved(event)),
          onPersonalInfoChange: (event: PersonalInfoChangeEvent) => append(describe.change(event)),
          onSessionExpired: (event: SessionExpiredEvent) => {
            append(describe.expired(event));
            signedOut.value = true;
          },
          onContactVerifyConfirmed: (event: ContactVerifyConfirmedEvent) => append(describe.confirmed(event)),
        }),
      ]);

    const eventLog = () =>
      h('section', { class: 'card event-log', 'aria-labelledby': 'event-log-title' }, [
        h('h2', { id: 'event-log-title' }, 'Events received'),
        h(
          'ol',
          { id: 'event-log', 'aria-live': 'polite' },
          log.value.map((entry) => h('li', { key: entry.id }, entry.text)),
        ),
      ]);

    return () =>
      h('div', { class: 'host-page' }, [
        topbar(),
        h('main', { class: 'console__main' }, [
          header(),
          signInOffer(),
          h('div', { class: 'layout' }, [controls(), embedded(), eventLog()]),
        ]),
      ]);
  },
});
