import { Memory } from 'lowdb';
import { createMockApp } from './app.js';
import { OffsetClock } from './clock.js';
import type { MockConfig } from './context.js';
import { seedData } from './seed.js';
import { Store } from './store.js';

export interface FetchApp {
  fetch(request: Request): Promise<Response>;
}

/**
 * The mock backend inside a browser page (tests, Storybook): in-memory lowdb, movable clock.
 * Synchronous to call; `app.fetch` waits for the seed, `ready` resolves with the internals.
 */
export function createBrowserMock(config: Partial<MockConfig> = {}) {
  const clock = new OffsetClock();
  const ready = Store.open(new Memory<string>(), () => seedData()).then((store) => ({
    store,
    clock,
    // A Response built in a page drops Set-Cookie: mirror it for the msw cookie jar.
    app: createMockApp({ store, clock, config: { mirrorCookies: true, ...config } }),
  }));
  const app: FetchApp = { fetch: async (request) => (await ready).app.fetch(request) };
  return { app, clock, ready };
}
