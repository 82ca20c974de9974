/** The server's notion of "now", in epoch milliseconds. Injected so tests never sleep. */
export interface Clock {
  now(): number;
}

/** Wall-clock time plus an offset that `POST /__dev/clock` can advance (demo: "skip 30 minutes"). */
export class OffsetClock implements Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}

/** A clock that only moves when told to: for in-process tests. */
export class ManualClock implements Clock {
  #now: number;
  constructor(start = Date.UTC(2026, 0, 15, 9, 0, 0)) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  advance(ms: number): void {
    this.#now += ms;
  }
  set(ms: number): void {
    this.#now = ms;
  }
}

export const iso = (ms: number): string => new Date(ms).toISOString();
