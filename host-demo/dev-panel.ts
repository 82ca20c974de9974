/**
 * The demo's developer panel (mock server only): skip the server's clock ahead, read the outbox
 * (the SMS and emails "sent", with their codes), switch the SMS / email channels and write failures,
 * reset the data. Talks to `/__dev/*` through the typed dev client (`mock-server/dev-client.ts`); none of this exists on a real backend.
 */
import type { HookMessage } from 'personal-settings-elements/contract';
import { DevClient } from '../mock-server/dev-client.js';
import { button, h, on, replace } from './dom.js';

type OutboxMessage = HookMessage;

export interface DevPanelOptions {
  /** The data was reset: sessions are gone, the console should show its login page. */
  afterReset: () => void;
  /** The clock moved (the console may say what the next action will find). */
  afterClock?: (advancedSeconds: number) => void;
}

const OPEN_KEY = 'acme-console.dev-panel-open';
const POLL_MS = 2000;

/** The mock's test hooks, through the one typed dev client. */
const dev = new DevClient();

const time = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function devPanel(options: DevPanelOptions): HTMLElement {
  const status = h('p', { class: 'devpanel__status', role: 'status' });
  const say = (text: string) => {
    status.textContent = text;
  };

  // Clock
  const now = h('output', { id: 'dev-clock-now', class: 'devpanel__value' }, '…');
  let offsetSeconds = 0;
  const offset = h('span', { class: 'devpanel__muted' });
  const showClock = (iso: string) => {
    now.textContent = time(iso);
    offset.textContent = offsetSeconds ? ` (+${formatDuration(offsetSeconds)} ahead of real time)` : '';
  };
  const advance = async (seconds: number) => {
    try {
      const iso = await dev.advanceClock(seconds);
      offsetSeconds += seconds;
      showClock(iso);
      say(
        `Server clock moved ${formatDuration(seconds)} ahead. Your next action will find out if the session survived.`,
      );
      options.afterClock?.(seconds);
    } catch (e) {
      say(String(e));
    }
  };
  const minutesInput = h('input', {
    id: 'dev-clock-minutes',
    type: 'number',
    min: '1',
    max: '100000',
    value: '31',
    inputmode: 'numeric',
    class: 'devpanel__number',
  });
  const clock = h(
    'section',
    { class: 'devpanel__section', 'aria-labelledby': 'dev-clock-title' },
    h('h3', { id: 'dev-clock-title' }, 'Server clock'),
    h('p', {}, now, offset),
    h(
      'div',
      { class: 'devpanel__row' },
      ...[
        [60, '+1 min'],
        [5 * 60, '+5 min'],
        [31 * 60, '+31 min'],
        [13 * 3600, '+13 h'],
      ].map(([seconds, label]) =>
        button(
          { class: 'button button--small', onclick: () => void advance(Number(seconds)) },
          String(label),
        ),
      ),
    ),
    h(
      'form',
      {
        class: 'devpanel__row',
        onsubmit: on((event: SubmitEvent) => {
          event.preventDefault();
          const minutes = Number(minutesInput.value);
          if (Number.isFinite(minutes) && minutes > 0) void advance(Math.round(minutes * 60));
        }),
      },
      h('label', { for: 'dev-clock-minutes' }, 'Skip'),
      minutesInput,
      h('span', {}, 'minutes'),
      h('button', { type: 'submit', class: 'button button--small', id: 'dev-clock-advance' }, 'Advance'),
    ),
  );

  // Outbox
  const outboxList = h('ol', { class: 'outbox', id: 'dev-outbox', 'aria-live': 'polite' });
  // `null` until the first answer: an empty outbox's key is '' too, and it must be drawn.
  let lastOutbox: string | null = null;
  const renderOutbox = (messages: OutboxMessage[]) => {
    const key = messages.map((m) => m.id).join();
    if (key === lastOutbox) return;
    lastOutbox = key;
    if (messages.length === 0) {
      replace(outboxList, h('li', { class: 'outbox__empty' }, 'Nothing sent yet.'));
      return;
    }
    replace(
      outboxList,
      [...messages].reverse().map((m) =>
        h(
          'li',
          { class: 'outbox__item' },
          h(
            'div',
            { class: 'outbox__head' },
            h('span', { class: `tag tag--${m.channel}` }, m.channel === 'mobile' ? 'SMS' : 'Email'),
            h('span', { class: 'outbox__to' }, m.to),
            h('time', { datetime: m.sentAt, class: 'devpanel__muted' }, time(m.sentAt)),
          ),
          h('div', { class: 'outbox__subject' }, m.subject),
          m.code
            ? h(
                'div',
                { class: 'outbox__code' },
                h('span', { class: 'visually-hidden' }, 'Code '),
                h('code', { class: 'code' }, m.code),
                button(
                  {
                    class: 'button button--small',
                    onclick: () => {
                      void navigator.clipboard?.writeText(m.code ?? '').then(
                        () => say(`Code ${m.code} copied.`),
                        () => say('Copying is not allowed here; select the code instead.'),
                      );
                    },
                  },
                  'Copy',
                ),
              )
            : h('p', { class: 'outbox__text' }, m.text),
        ),
      ),
    );
  };
  const outbox = h(
    'section',
    { class: 'devpanel__section', 'aria-labelledby': 'dev-outbox-title' },
    h('h3', { id: 'dev-outbox-title' }, 'Outbox (codes appear only here)'),
    outboxList,
  );

  // Channels and faults
  const mobile = h('input', { type: 'checkbox', id: 'dev-channel-mobile', checked: true });
  const email = h('input', { type: 'checkbox', id: 'dev-channel-email', checked: true });
  const failWrites = h('input', { type: 'checkbox', id: 'dev-fail-writes' });
  const setChannel = async (channel: 'mobile' | 'email', enabled: boolean) => {
    try {
      const channels = await dev.setChannel(channel, enabled);
      mobile.checked = channels.mobile.enabled;
      email.checked = channels.email.enabled;
      say(
        `${channel === 'mobile' ? 'SMS gateway' : 'Mail server'} ${enabled ? 'configured' : 'not configured'}.`,
      );
    } catch (e) {
      say(String(e));
    }
  };
  mobile.addEventListener('change', () => void setChannel('mobile', mobile.checked));
  email.addEventListener('change', () => void setChannel('email', email.checked));
  failWrites.addEventListener('change', async () => {
    try {
      const faults = await dev.call('setFaults', { body: { failWrites: failWrites.checked } });
      failWrites.checked = faults.failWrites;
      say(faults.failWrites ? 'Every write now fails (storage unavailable).' : 'Writes work again.');
    } catch (e) {
      say(String(e));
    }
  });
  const switches = h(
    'section',
    { class: 'devpanel__section', 'aria-labelledby': 'dev-switches-title' },
    h('h3', { id: 'dev-switches-title' }, 'Remote notification and faults'),
    h('label', { class: 'check' }, mobile, ' SMS gateway configured'),
    h('label', { class: 'check' }, email, ' Mail server configured'),
    h('label', { class: 'check' }, failWrites, ' Fail every write'),
  );

  const reset = button(
    {
      class: 'button button--danger button--small',
      id: 'dev-reset',
      onclick: async () => {
        try {
          await dev.reset();
          offsetSeconds = 0;
          lastOutbox = null;
          mobile.checked = true;
          email.checked = true;
          failWrites.checked = false;
          await refresh();
          say('Data reset to the seed; sessions, outbox and clock cleared.');
          options.afterReset();
        } catch (e) {
          say(String(e));
        }
      },
    },
    'Reset demo data',
  );

  const body = h(
    'div',
    { class: 'devpanel__body' },
    h('p', { class: 'devpanel__muted' }, 'Mock server only — not part of the console.'),
    clock,
    outbox,
    switches,
    h('div', { class: 'devpanel__row' }, reset),
    status,
  );
  const panel = h(
    'details',
    { class: 'devpanel', id: 'dev-panel' },
    h('summary', { class: 'devpanel__summary' }, 'Developer panel'),
    body,
  );

  let timer: ReturnType<typeof setInterval> | undefined;
  const refresh = async () => {
    try {
      const [clockNow, box, channels, faults] = await Promise.all([
        dev.call('clock'),
        dev.call('outbox'),
        dev.channels(),
        dev.faults(),
      ]);
      showClock(clockNow.now);
      renderOutbox(box.messages);
      mobile.checked = channels.mobile.enabled;
      email.checked = channels.email.enabled;
      failWrites.checked = faults.failWrites;
    } catch {
      say('The development routes are not available (mock server started with --no-dev-routes?).');
    }
  };
  const poll = async () => {
    try {
      renderOutbox(await dev.outbox());
    } catch {
      // The next refresh says what is wrong.
    }
  };
  panel.addEventListener('toggle', () => {
    localStorage.setItem(OPEN_KEY, panel.open ? '1' : '0');
    // The page makes room for the panel (styles.css) instead of being covered by it.
    document.documentElement.dataset.devPanel = panel.open ? 'open' : 'closed';
    clearInterval(timer);
    if (panel.open) {
      void refresh();
      timer = setInterval(() => void poll(), POLL_MS);
    }
  });
  document.documentElement.dataset.devPanel = 'closed';
  panel.open = localStorage.getItem(OPEN_KEY) === '1';
  return panel;
}

function formatDuration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
