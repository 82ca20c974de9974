import type { ContactKind } from '../components/api/contract/index.js';
import { iso } from './clock.js';
import { randomToken } from './crypto.js';
import type { Clock } from './clock.js';
import type { OutboxMessage } from './db.js';

export interface Notification {
  channel: ContactKind;
  to: string;
  subject: string;
  text: string;
  /** Present on code messages only (the dev outbox shows it; nothing else ever does). */
  code: string | null;
}

export interface ChannelState {
  /** Off = "remote notification not configured": sends answer 503 `notification-not-configured`. */
  enabled: boolean;
  /** Simulated provider latency. */
  delayMs: number;
}

/** The SMS gateway and mail server. The mock's "delivers" into the dev outbox. */
export interface Notifier {
  readonly channels: Record<ContactKind, ChannelState>;
  /** What was "sent", codes included — the dev outbox. Kept in memory only, never in the db file. */
  readonly outbox: readonly OutboxMessage[];
  send(message: Notification): Promise<void>;
  reset(): void;
}

const OUTBOX_LIMIT = 500;

export class OutboxNotifier implements Notifier {
  readonly channels: Record<ContactKind, ChannelState> = {
    mobile: { enabled: true, delayMs: 0 },
    email: { enabled: true, delayMs: 0 },
  };
  readonly outbox: OutboxMessage[] = [];
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  async send(message: Notification): Promise<void> {
    const { delayMs } = this.channels[message.channel];
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    const outbox = this.outbox;
    outbox.push({ id: randomToken(64), ...message, sentAt: iso(this.#clock.now()) });
    if (outbox.length > OUTBOX_LIMIT) outbox.splice(0, outbox.length - OUTBOX_LIMIT);
  }

  reset(): void {
    this.outbox.length = 0;
    this.channels.mobile = { enabled: true, delayMs: 0 };
    this.channels.email = { enabled: true, delayMs: 0 };
  }
}
