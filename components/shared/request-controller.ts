import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type RequestOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs one user-triggered request at a time: a second `run()` while one is in flight is ignored
 * (no double submit on a double click), `abort()` cancels the one in flight, and so does the host
 * disconnecting. `busy` names what is running so the element can show it on the right button.
 */
export class RequestController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #controller: AbortController | null = null;
  #busy: string | null = null;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** What is in flight (the name given to `run`), or `null`. */
  get busy(): string | null {
    return this.#busy;
  }

  /**
   * Run `request` unless another is in flight. Resolves with the outcome, or `null` when it was
   * ignored (busy) or aborted — the caller then has nothing to do.
   */
  async run<T>(
    name: string,
    request: (signal: AbortSignal) => Promise<T>,
  ): Promise<RequestOutcome<T> | null> {
    if (this.#busy !== null) return null;
    const controller = new AbortController();
    this.#controller = controller;
    this.#busy = name;
    this.#host.requestUpdate();
    try {
      const value = await request(controller.signal);
      return controller.signal.aborted ? null : { ok: true, value };
    } catch (error) {
      return controller.signal.aborted ? null : { ok: false, error };
    } finally {
      if (this.#controller === controller) {
        this.#controller = null;
        this.#busy = null;
        this.#host.requestUpdate();
      }
    }
  }

  /** Cancel the request in flight, if any. */
  abort(): void {
    const controller = this.#controller;
    this.#controller = null;
    this.#busy = null;
    controller?.abort();
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.abort();
  }
}
