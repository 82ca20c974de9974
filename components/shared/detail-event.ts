/**
 * An event of the library: bubbles, crosses shadow roots and carries a typed `detail`. Each event
 * class names itself with a static `eventName` (and, when listeners may cancel it, `cancelable`), so
 * `new ContactVerifyShowEvent(detail)` needs nothing else and `instanceof` and the event maps keep
 * one class per event.
 */
export class DetailEvent<D> extends Event {
  /** The event's name (`type`); every subclass sets it. */
  static readonly eventName: string;
  /** Whether a listener may cancel this event (`preventDefault()`); may depend on the detail. */
  static readonly cancelable: boolean | ((detail: never) => boolean) = false;

  readonly detail: D;

  constructor(detail: D) {
    const { eventName, cancelable } = new.target as unknown as {
      eventName: string;
      cancelable: boolean | ((detail: D) => boolean);
    };
    super(eventName, {
      bubbles: true,
      composed: true,
      cancelable: typeof cancelable === 'function' ? cancelable(detail) : cancelable,
    });
    this.detail = detail;
  }
}
